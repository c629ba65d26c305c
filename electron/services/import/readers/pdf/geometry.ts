/**
 * pdfjs text items → word tokens in device space (y grows downwards, the page's /Rotate applied),
 * split into upright text and rotated text (stamps, watermarks, margin notes). Issue 18 §1–2.
 */

/** What pdfjs' getTextContent gives for a text item (marked-content items have no `str`). */
export interface PdfTextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
  fontName?: string;
  hasEOL?: boolean;
}

/** A word (or a word's piece) of one text item, with its box on the page. */
export interface Token {
  text: string;
  x0: number;
  x1: number;
  /** Baseline, top and bottom of the glyph box (device space, y downwards). */
  base: number;
  top: number;
  bottom: number;
  size: number;
  font: string;
  /** Index of the text item it came from, and whether a space separated it from the token before in that item. */
  item: number;
  spaceBefore: boolean;
}

export interface PageTokens {
  width: number;
  height: number;
  upright: Token[];
  /** Text whose matrix is not upright (rotated stamps, vertical margin text): never body text. */
  rotated: Token[];
}

type Matrix = [number, number, number, number, number, number];

function multiply(m: readonly number[], n: readonly number[]): Matrix {
  return [
    m[0]! * n[0]! + m[2]! * n[1]!,
    m[1]! * n[0]! + m[3]! * n[1]!,
    m[0]! * n[2]! + m[2]! * n[3]!,
    m[1]! * n[2]! + m[3]! * n[3]!,
    m[0]! * n[4]! + m[2]! * n[5]! + m[4]!,
    m[1]! * n[4]! + m[3]! * n[5]! + m[5]!,
  ];
}

/** Upright in device space: no rotation or skew worth a degree, not mirrored. */
export function isUpright(m: readonly number[]): boolean {
  const [a, b, c, d] = m as Matrix;
  return a > 0 && d < 0 && Math.abs(b) <= 0.02 * Math.abs(a) && Math.abs(c) <= 0.02 * Math.abs(d);
}

/**
 * Splits each item at its spaces into word tokens; a word's extent is estimated from its share of
 * the item's characters (items are one font and size, so the error stays within a glyph or two).
 */
export function pageTokens(items: readonly PdfTextItem[], viewportTransform: readonly number[], width: number, height: number): PageTokens {
  const upright: Token[] = [];
  const rotated: Token[] = [];
  const turn = pageTurn(items, viewportTransform, width, height);
  items.forEach((it, index) => {
    if (typeof it.str !== 'string' || it.str.trim() === '') return;
    const m = multiply(turn.matrix, multiply(viewportTransform, it.transform));
    const size = Math.hypot(m[2], m[3]) || it.height || 10;
    const target = isUpright(m) ? upright : rotated;
    const scaleX = Math.hypot(m[0], m[1]) / (Math.hypot(it.transform[0]!, it.transform[1]!) || 1);
    const w = it.width * (Number.isFinite(scaleX) && scaleX > 0 ? scaleX : 1);
    // pdfjs pads an item with a space it infers (no width of its own: „Verk“ + „ ehrs“ at the same
    // x); only the spaces inside an item take a share of its width.
    const str = it.str.trim();
    const chars = [...str];
    const per = chars.length > 0 ? w / chars.length : 0;
    let k = 0;
    let spaceBefore = false;
    for (const part of str.split(/(\s+)/u)) {
      const n = [...part].length;
      if (part.trim() === '') {
        if (n > 0 && k > 0) spaceBefore = true;
        k += n;
        continue;
      }
      const x0 = m[4] + k * per;
      target.push({
        text: part,
        x0,
        x1: x0 + n * per,
        base: m[5],
        top: m[5] - size * 0.8,
        bottom: m[5] + size * 0.2,
        size,
        font: it.fontName ?? '',
        item: index,
        spaceBefore,
      });
      spaceBefore = false;
      k += n;
    }
  });
  return { width: turn.width, height: turn.height, upright: dedupe(upright), rotated };
}

/**
 * The page's reading direction: where most of its text runs sideways or upside down (a page turned
 * by /Rotate, a landscape table set on its side), that direction is upright for this page and the
 * coordinates are turned to it; only text in another direction is a stamp.
 */
function pageTurn(items: readonly PdfTextItem[], viewportTransform: readonly number[], width: number, height: number): { matrix: number[]; width: number; height: number } {
  const weight = [0, 0, 0, 0];
  for (const it of items) {
    if (typeof it.str !== 'string' || it.str.trim() === '') continue;
    const m = multiply(viewportTransform, it.transform);
    const q = Math.round(Math.atan2(m[1], m[0]) / (Math.PI / 2));
    const exact = Math.abs(Math.atan2(m[1], m[0]) - (q * Math.PI) / 2) < 0.02;
    if (exact) weight[(q + 4) % 4]! += it.str.length;
  }
  const quarter = weight.indexOf(Math.max(...weight));
  if (quarter === 0 || weight[quarter]! <= weight[0]!) return { matrix: [1, 0, 0, 1, 0, 0], width, height };
  // Rotate by −quarter·90° (device space, y down), then shift back onto the page.
  const c = Math.round(Math.cos((-quarter * Math.PI) / 2));
  const s = Math.round(Math.sin((-quarter * Math.PI) / 2));
  const r = [c, s, -s, c, 0, 0];
  const corners = [
    [0, 0],
    [width, 0],
    [0, height],
    [width, height],
  ].map(([x, y]) => [r[0]! * x! + r[2]! * y!, r[1]! * x! + r[3]! * y!]);
  const minX = Math.min(...corners.map((p) => p[0]!));
  const minY = Math.min(...corners.map((p) => p[1]!));
  const swap = quarter % 2 === 1;
  return { matrix: [c, s, -s, c, -minX, -minY], width: swap ? height : width, height: swap ? width : height };
}

/**
 * Text drawn twice at (almost) the same place — fake bold, shadow effects — is one text: the
 * copy is dropped, as poppler does.
 */
function dedupe(tokens: Token[]): Token[] {
  const seen = new Map<string, Token[]>();
  const out: Token[] = [];
  for (const t of tokens) {
    const key = `${t.text}|${Math.round(t.base)}`;
    const near = seen.get(key);
    if (near?.some((o) => Math.abs(o.x0 - t.x0) < Math.max(1, t.size * 0.1) && Math.abs(o.base - t.base) < 1 && o.item !== t.item)) continue;
    if (near) near.push(t);
    else seen.set(key, [t]);
    out.push(t);
  }
  return out;
}

export function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Font size of most characters (superscripts and drop caps do not move it). */
export function dominantSize(tokens: readonly { text: string; size: number }[]): number {
  const weight = new Map<number, number>();
  for (const t of tokens) {
    const s = Math.round(t.size * 2) / 2;
    weight.set(s, (weight.get(s) ?? 0) + t.text.length);
  }
  let best = 0;
  let bestW = -1;
  for (const [s, w] of weight) if (w > bestW || (w === bestW && s > best)) [best, bestW] = [s, w];
  return best;
}
