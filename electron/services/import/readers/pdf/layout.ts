/**
 * Reading order of one page: a recursive XY-cut whose vertical cuts are gutters found from
 * whitespace (an x-range that text covers over only a small part of the region's height, with
 * column-like text on both sides), and whose horizontal cuts fall around the lines that cross such
 * a gutter (a headline above the columns, a full-width box, footnotes below). Every token ends up
 * in exactly one block (issue 18 §1).
 */
import { dominantSize, median, type Token } from './geometry';

export interface Line {
  text: string;
  x0: number;
  x1: number;
  top: number;
  bottom: number;
  base: number;
  /** Size of most of the line's characters. */
  size: number;
  tokens: Token[];
}

export interface Block {
  lines: Line[];
  x0: number;
  x1: number;
  top: number;
  bottom: number;
}

const MAX_DEPTH = 24;

/** Tokens of one page → blocks in reading order. */
export function layoutPage(tokens: readonly Token[]): Block[] {
  if (tokens.length === 0) return [];
  const size = median(tokens.map((t) => t.size)) || 10;
  const out: Block[] = [];
  cut([...tokens], size, 0, out);
  return out;
}

function cut(tokens: Token[], size: number, depth: number, out: Block[]): void {
  if (tokens.length === 0) return;
  const split = depth < MAX_DEPTH ? findGutter(tokens, size) : null;
  if (!split) {
    out.push(block(buildLines(tokens)));
    return;
  }
  if (split.crossing.length === 0) {
    cut(split.left, size, depth + 1, out);
    cut(split.right, size, depth + 1, out);
    return;
  }
  const bands = bandsAround(tokens, split.crossing, size);
  if (bands.length <= 1) {
    out.push(block(buildLines(tokens)));
    return;
  }
  for (const b of bands) cut(b, size, depth + 1, out);
}

interface Split {
  left: Token[];
  right: Token[];
  crossing: Token[];
}

/** Union length of the tokens' vertical extents. */
function coveredHeight(tokens: readonly Token[]): number {
  const iv = tokens.map((t) => [t.top, t.bottom] as const).sort((a, b) => a[0] - b[0]);
  let total = 0;
  let cs = -Infinity;
  let ce = -Infinity;
  for (const [s, e] of iv) {
    if (s > ce) {
      if (ce > cs) total += ce - cs;
      cs = s;
      ce = e;
    } else ce = Math.max(ce, e);
  }
  if (ce > cs) total += ce - cs;
  return total;
}

/**
 * The best vertical gutter of a region, or null. Candidates are maximal runs of x where text
 * covers at most 60 % of the region's text height (what covers them are the crossing lines);
 * a candidate counts only with at least three lines on each side, each side at least three ems
 * wide, and column-like text on its left (most lines there end close to the gutter: a label column
 * of a table does not).
 */
function findGutter(tokens: Token[], size: number): Split | null {
  if (tokens.length < 6) return null;
  let minX = Infinity;
  let maxX = -Infinity;
  for (const t of tokens) {
    minX = Math.min(minX, t.x0);
    maxX = Math.max(maxX, t.x1);
  }
  const bins = Math.ceil(maxX - minX) + 1;
  if (bins < 6 * size) return null;
  const cover = new Float64Array(bins);
  for (const t of tokens) {
    // Gutters are made by the body text: a heading set over them does not close them.
    if (t.size >= 1.3 * size) continue;
    const a = Math.max(0, Math.floor(t.x0 - minX + 0.5));
    const b = Math.min(bins - 1, Math.ceil(t.x1 - minX - 0.5));
    const h = t.bottom - t.top;
    for (let i = a; i <= b; i++) cover[i]! += h;
  }
  const total = coveredHeight(tokens);
  const minGap = Math.max(4, 0.6 * size);
  const candidates: { g0: number; g1: number; score: number }[] = [];
  for (let i = 0; i < bins; ) {
    if (cover[i]! > 0.6 * total) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < bins && cover[j + 1]! <= 0.6 * total) j++;
    // Inside the run, the narrowest covered part is where crossing text is fewest: the gutter's core.
    let lo = Infinity;
    for (let k = i; k <= j; k++) lo = Math.min(lo, cover[k]!);
    // (a line that ends inside the gutter only raises a part of it a little).
    const tol = lo + Math.max(0.12 * total, 2 * size);
    let a = i;
    while (cover[a]! > lo + 1e-6) a++;
    while (a > i && cover[a - 1]! <= tol) a--;
    let b = a;
    while (b + 1 <= j && cover[b + 1]! <= tol) b++;
    const width = b - a + 1;
    if (width >= (lo > 0 ? Math.max(minGap, 0.8 * size) : minGap) && a > 0 && b < bins - 1) {
      candidates.push({ g0: minX + a, g1: minX + b + 1, score: gutterScore(lo / total, width, size) });
    }
    i = j + 1;
  }
  // Best first; the first that passes the column tests wins (a page full of table gaps stays cheap).
  candidates.sort((x, y) => y.score - x.score);
  for (const c of candidates.slice(0, 12)) {
    const split = splitAt(tokens, c.g0, c.g1, size);
    if (isColumnSplit(split, size)) return split;
  }
  return null;
}

/** Least crossing text first, then the wider gap. */
const gutterScore = (crossShare: number, width: number, size: number) => -10 * crossShare + Math.min(width / size, 5) * 0.1;

function splitAt(tokens: Token[], g0: number, g1: number, size: number): Split {
  const mid = (g0 + g1) / 2;
  const left: Token[] = [];
  const right: Token[] = [];
  const crossing = new Set<Token>();
  for (const t of tokens) {
    if (t.x0 < mid - 0.5 && t.x1 > mid + 0.5 && t.x0 < g0 && t.x1 > g1) crossing.add(t);
    else if ((t.x0 + t.x1) / 2 < mid) left.push(t);
    else right.push(t);
  }
  // A line that only has a word space where the gutter is crosses it too: one text item on both
  // sides (a centred running header), or two items whose gap is a word space, not a gutter.
  const leftItems = new Set(left.map((t) => t.item));
  const straddling = new Set(right.filter((t) => t.item >= 0 && leftItems.has(t.item)).map((t) => t.item));
  const gutter = g1 - g0;
  const edgeLeft = left.filter((t) => t.x1 >= g0 - gutter);
  for (const r of right) {
    if (r.x0 > g1 + gutter) continue;
    for (const l of edgeLeft) {
      if (Math.abs(l.base - r.base) > 0.3 * Math.min(l.size, r.size)) continue;
      if (r.x0 - l.x1 <= Math.min(0.6 * Math.min(l.size, r.size), 0.5 * gutter)) {
        crossing.add(l);
        crossing.add(r);
      }
    }
  }
  for (const t of tokens) if (straddling.has(t.item)) crossing.add(t);
  // …or a heading: larger than the text around, on one line over both sides.
  const big = (t: Token) => t.size >= 1.3 * size;
  const bigLeft = left.filter(big);
  for (const r of right.filter(big)) {
    const same = bigLeft.filter((l) => Math.abs(l.base - r.base) <= 0.3 * Math.min(l.size, r.size) && Math.abs(l.size - r.size) < 0.5);
    if (same.length > 0) for (const t of [r, ...same]) crossing.add(t);
  }
  return { left: left.filter((t) => !crossing.has(t)), right: right.filter((t) => !crossing.has(t)), crossing: [...crossing] };
}

/** Is this a column gutter: column text on both sides, few lines across? */
function isColumnSplit(s: Split, size: number): boolean {
  const leftLines = buildLines(s.left);
  const rightLines = buildLines(s.right);
  if (leftLines.length < 3 || rightLines.length < 3) return false;
  const span = (ls: Line[]) => Math.max(...ls.map((l) => l.x1)) - Math.min(...ls.map((l) => l.x0));
  const lw = span(leftLines);
  const rw = span(rightLines);
  if (lw < 3 * size || rw < 3 * size) return false;
  // Column text: most lines next to the gutter end close to it (justified or ragged right), and
  // the lines after it start at one left edge — a gap between words inside a column does neither.
  // Lines of a further column (in a region of three) are not next to this gutter and not counted.
  // Edges robust to a stray token (a centred page number beside the gutter): a high quantile of
  // the left lines' ends, the most common start of the right lines.
  const ends = leftLines.map((l) => l.x1).sort((a, b) => a - b);
  const edge = ends[Math.floor(ends.length * 0.9)]!;
  const nearLeft = leftLines.filter((l) => l.x1 >= edge - 0.5 * lw);
  const reach = nearLeft.filter((l) => edge - l.x1 <= Math.max(0.3 * lw, 2 * size)).length / Math.max(1, nearLeft.length);
  if (nearLeft.length < 3 || reach < 0.5) return false;
  const edgeR = commonStart(rightLines.map((l) => l.x0), size);
  const nearRight = rightLines.filter((l) => l.x0 <= edgeR + 0.25 * rw);
  const aligned = nearRight.filter((l) => Math.abs(l.x0 - edgeR) <= Math.max(1.5, 0.5 * size)).length / Math.max(1, nearRight.length);
  if (nearRight.length < 3 || aligned < 0.6) return false;
  // Running text, not the cells of a table: lines next to the gutter hold several words.
  const wide = (ls: Line[]) => median(ls.map((l) => l.x1 - l.x0)) >= 6 * size;
  if (!wide(nearLeft) || !wide(nearRight)) return false;
  // A column gutter is narrow beside its columns; the wide gaps of a table are not gutters.
  if (edgeR - edge > Math.max(4 * size, 0.5 * Math.min(lw, rw))) return false;
  // A gutter with text crossing it must separate much text: a few crossing lines beside many column lines.
  const crossingLines = s.crossing.length > 0 ? buildLines(s.crossing).length : 0;
  return !(crossingLines > 0 && crossingLines > 0.5 * Math.min(leftLines.length, rightLines.length));
}

/** The x where most lines start (leftmost of the most frequent 1-pt bins, neighbours counted in). */
function commonStart(xs: number[], size: number): number {
  const count = new Map<number, number>();
  for (const x of xs) count.set(Math.round(x), (count.get(Math.round(x)) ?? 0) + 1);
  const tol = Math.max(1, Math.round(0.25 * size));
  let best = Infinity;
  let bestN = -1;
  for (const b of count.keys()) {
    let n = 0;
    for (let d = -tol; d <= tol; d++) n += count.get(b + d) ?? 0;
    if (n > bestN || (n === bestN && b < best)) [best, bestN] = [b, n];
  }
  return best;
}

/**
 * Horizontal bands around the lines that cross a gutter: each run of crossing lines is a band, and
 * so is the text between two such runs. A token belongs to the band its vertical centre lies in.
 */
function bandsAround(tokens: Token[], crossing: Token[], size: number): Token[][] {
  const iv = crossing.map((t) => [t.top, t.bottom] as [number, number]).sort((a, b) => a[0] - b[0]);
  const spans: [number, number][] = [];
  for (const [s, e] of iv) {
    const last = spans[spans.length - 1];
    if (last && s <= last[1] + size * 0.6) last[1] = Math.max(last[1], e);
    else spans.push([s, e]);
  }
  // Spanning bands are widened to the full lines they cut: a token whose box overlaps the band joins it.
  const bands: { top: number; bottom: number; spanning: boolean; tokens: Token[] }[] = [];
  let cursor = -Infinity;
  for (const [s, e] of spans) {
    bands.push({ top: cursor, bottom: s, spanning: false, tokens: [] });
    bands.push({ top: s, bottom: e, spanning: true, tokens: [] });
    cursor = e;
  }
  bands.push({ top: cursor, bottom: Infinity, spanning: false, tokens: [] });
  for (const t of tokens) {
    const c = (t.top + t.bottom) / 2;
    const band = bands.find((b) => b.spanning && t.bottom > b.top + 0.5 && t.top < b.bottom - 0.5) ?? bands.find((b) => c >= b.top && c < b.bottom) ?? bands[bands.length - 1]!;
    band.tokens.push(t);
  }
  return bands.map((b) => b.tokens).filter((b) => b.length > 0);
}

/** Tokens → lines: same baseline (or, for a superscript, inside the line's box), left to right. */
export function buildLines(tokens: readonly Token[]): Line[] {
  const sorted = [...tokens].sort((a, b) => a.base - b.base || a.x0 - b.x0);
  const groups: Token[][] = [];
  let cur: Token[] = [];
  let base = -Infinity;
  let size = 0;
  for (const t of sorted) {
    const tol = Math.max(1.5, Math.min(size || t.size, t.size) * 0.35);
    if (cur.length > 0 && Math.abs(t.base - base) <= tol) {
      cur.push(t);
      continue;
    }
    if (cur.length > 0 && t.size < size * 0.85 && t.base > base - size * 0.9 && t.base <= base + size * 0.1) {
      cur.push(t); // raised small text (a footnote mark) on this line
      continue;
    }
    if (cur.length > 0) groups.push(cur);
    cur = [t];
    base = t.base;
    size = t.size;
  }
  if (cur.length > 0) groups.push(cur);
  // A superscript sorted before its line's baseline: fold it into the line below.
  for (let i = groups.length - 2; i >= 0; i--) {
    const g = groups[i]!;
    const next = groups[i + 1]!;
    const ns = dominantSize(next);
    if (g.every((t) => t.size < ns * 0.85) && next[0]!.base - g[0]!.base < ns * 0.6) {
      groups.splice(i, 2, [...g, ...next]);
    }
  }
  return groups.map(lineOf);
}

function lineOf(tokens: Token[]): Line {
  const ts = [...tokens].sort((a, b) => a.x0 - b.x0);
  let text = '';
  let prev: Token | null = null;
  for (const t of ts) {
    if (prev) {
      const gap = t.x0 - prev.x1;
      const sameItem = t.item === prev.item;
      const space = sameItem ? t.spaceBefore : gap > Math.min(t.size, prev.size) * 0.12;
      if (space) text += ' ';
    }
    text += t.text;
    prev = t;
  }
  const mainSize = dominantSize(ts);
  const main = ts.filter((t) => Math.abs(t.size - mainSize) < 0.75);
  return {
    text,
    x0: ts[0]!.x0,
    x1: Math.max(...ts.map((t) => t.x1)),
    top: Math.min(...ts.map((t) => t.top)),
    bottom: Math.max(...ts.map((t) => t.bottom)),
    base: median((main.length > 0 ? main : ts).map((t) => t.base)),
    size: mainSize,
    tokens: ts,
  };
}

function block(lines: Line[]): Block {
  return {
    lines,
    x0: Math.min(...lines.map((l) => l.x0)),
    x1: Math.max(...lines.map((l) => l.x1)),
    top: Math.min(...lines.map((l) => l.top)),
    bottom: Math.max(...lines.map((l) => l.bottom)),
  };
}
