/**
 * Word-level comparison for the Synopse (two Fassungen side by side): Myers' O(ND) diff over
 * words, spaces and line breaks, after trimming the common start and end. Past `maxEdits`
 * differences the middle is reported as one removal plus one addition instead of running long.
 */
export type DiffOp = 'equal' | 'removed' | 'added';
export interface DiffSegment {
  op: DiffOp;
  text: string;
}

/** Words (letters, digits, joined by inner hyphens/apostrophes), runs of spaces, line breaks, single signs. */
export function tokenize(text: string): string[] {
  return text.match(/\n|[^\S\n]+|[\p{L}\p{N}]+(?:[-'’.][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu) ?? [];
}

function push(out: DiffSegment[], op: DiffOp, text: string): void {
  if (!text) return;
  const last = out[out.length - 1];
  if (last && last.op === op) last.text += text;
  else out.push({ op, text });
}

export function wordDiff(before: string, after: string, maxEdits = 4000): DiffSegment[] {
  const a = tokenize(before);
  const b = tokenize(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  const out: DiffSegment[] = [];
  push(out, 'equal', a.slice(0, start).join(''));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const ops = myers(midA, midB, maxEdits);
  if (ops === null) {
    push(out, 'removed', midA.join(''));
    push(out, 'added', midB.join(''));
  } else {
    for (const [op, token] of ops) push(out, op, token);
  }
  push(out, 'equal', a.slice(endA).join(''));
  return out;
}

/** Myers' greedy diff with the trace kept for backtracking; null when more than `max` edits. */
function myers(a: string[], b: string[], max: number): [DiffOp, string][] | null {
  const n = a.length;
  const m = b.length;
  if (n === 0) return b.map((t) => ['added', t]);
  if (m === 0) return a.map((t) => ['removed', t]);
  const limit = Math.min(n + m, max);
  const offset = limit + 1;
  let v = new Int32Array(2 * limit + 3);
  const trace: Int32Array[] = [];
  let found = -1;
  for (let d = 0; d <= limit && found < 0; d++) {
    trace.push(v.slice());
    const next = v;
    for (let k = -d; k <= d; k += 2) {
      let x: number;
      if (k === -d || (k !== d && next[offset + k - 1]! < next[offset + k + 1]!)) x = next[offset + k + 1]!;
      else x = next[offset + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      next[offset + k] = x;
      if (x >= n && y >= m) {
        found = d;
        break;
      }
    }
    v = next;
  }
  if (found < 0) return null;
  // Backtrack from (n, m) through the saved frontiers.
  const ops: [DiffOp, string][] = [];
  let x = n;
  let y = m;
  for (let d = found; d > 0; d--) {
    const prev = trace[d]!;
    const k = x - y;
    const down = k === -d || (k !== d && prev[offset + k - 1]! < prev[offset + k + 1]!);
    const prevK = down ? k + 1 : k - 1;
    const prevX = prev[offset + prevK]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      ops.push(['equal', a[--x]!]);
      y--;
    }
    if (down) ops.push(['added', b[--y]!]);
    else ops.push(['removed', a[--x]!]);
  }
  while (x > 0 && y > 0) {
    ops.push(['equal', a[--x]!]);
    y--;
  }
  return ops.reverse();
}
