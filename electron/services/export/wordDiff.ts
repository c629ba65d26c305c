import { tokenize, wordDiff } from '../../../shared/editor/wordDiff';

/**
 * The Synopse's view of the one word diff the app has (shared/editor/wordDiff.ts, also used by
 * the editor's Fassungen comparison), plus block alignment of two versions of a text.
 */
export type DiffOp = { type: 'equal' | 'del' | 'ins'; text: string };

const TYPE = { equal: 'equal', removed: 'del', added: 'ins' } as const;

/** Changes from `a` to `b`, word by word; consecutive tokens of one kind are merged. */
export function diffWords(a: string, b: string): DiffOp[] {
  return wordDiff(a, b).map((s) => ({ type: TYPE[s.op], text: s.text }));
}

/** Above this many cells of the LCS table (block alignment) the blocks are not paired. */
const MAX_CELLS = 4_000_000;

function lcsOps<T>(a: T[], b: T[], eq: (x: T, y: T) => boolean): ('equal' | 'del' | 'ins')[] | null {
  // Common prefix and suffix first: most revisions change little.
  let start = 0;
  while (start < a.length && start < b.length && eq(a[start]!, b[start]!)) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && eq(a[endA - 1]!, b[endB - 1]!)) {
    endA--;
    endB--;
  }
  const n = endA - start;
  const m = endB - start;
  if ((n + 1) * (m + 1) > MAX_CELLS) return null;
  const w = m + 1;
  const t = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      t[i * w + j] = eq(a[start + i]!, b[start + j]!) ? t[(i + 1) * w + j + 1]! + 1 : Math.max(t[(i + 1) * w + j]!, t[i * w + j + 1]!);
    }
  }
  const ops: ('equal' | 'del' | 'ins')[] = Array<'equal'>(start).fill('equal');
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && eq(a[start + i]!, b[start + j]!)) {
      ops.push('equal');
      i++;
      j++;
    }
    // Removals before additions, as readers expect ("old → new").
    else if (i < n && (j === m || t[(i + 1) * w + j]! >= t[i * w + j + 1]!)) {
      ops.push('del');
      i++;
    }
    else {
      ops.push('ins');
      j++;
    }
  }
  for (let k = endA; k < a.length; k++) ops.push('equal');
  return ops;
}

/** Share of words two blocks have in common (Dice coefficient over word tokens). */
export function similarity(a: string, b: string): number {
  const wa = tokenize(a.toLowerCase()).filter((t) => /[\p{L}\p{N}]/u.test(t));
  const wb = tokenize(b.toLowerCase()).filter((t) => /[\p{L}\p{N}]/u.test(t));
  if (wa.length === 0 && wb.length === 0) return 1;
  const counts = new Map<string, number>();
  for (const w of wa) counts.set(w, (counts.get(w) ?? 0) + 1);
  let common = 0;
  for (const w of wb) {
    const c = counts.get(w) ?? 0;
    if (c > 0) {
      common++;
      counts.set(w, c - 1);
    }
  }
  return (2 * common) / (wa.length + wb.length);
}

export interface Aligned<T> {
  left: T | null;
  right: T | null;
}

/**
 * Pairs the blocks of two versions: identical blocks anchor the alignment (LCS); between anchors,
 * blocks are paired in order while they are similar enough to be "the same paragraph, revised",
 * the rest count as removed or added.
 */
export function alignBlocks<T>(a: T[], b: T[], text: (x: T) => string, minSimilarity = 0.3): Aligned<T>[] {
  const ops = lcsOps(a, b, (x, y) => text(x) === text(y)) ?? [...a.map(() => 'del' as const), ...b.map(() => 'ins' as const)];
  const out: Aligned<T>[] = [];
  let i = 0;
  let j = 0;
  let dels: T[] = [];
  let inss: T[] = [];
  const flush = () => {
    let x = 0;
    let y = 0;
    while (x < dels.length || y < inss.length) {
      const l = dels[x];
      const r = inss[y];
      if (l !== undefined && r !== undefined && similarity(text(l), text(r)) >= minSimilarity) {
      out.push({ left: l, right: r });
      x++;
      y++;
    }
      else if (l !== undefined && (r === undefined || !inss.slice(y).some((rr) => similarity(text(l), text(rr)) >= minSimilarity))) {
        out.push({ left: l, right: null });
        x++;
      } else if (r !== undefined) {
      out.push({ left: null, right: r });
      y++;
    }
      else {
      out.push({ left: l!, right: null });
      x++;
    }
    }
    dels = [];
    inss = [];
  };
  for (const op of ops) {
    if (op === 'equal') {
      flush();
      out.push({ left: a[i++]!, right: b[j++]! });
    } else if (op === 'del') dels.push(a[i++]!);
    else inss.push(b[j++]!);
  }
  flush();
  return out;
}
