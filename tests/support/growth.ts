/**
 * Growth of CPU time with input size (issue 17: linear time on every input). A super-linear step
 * shows as a ratio near 4 (quadratic) when the input doubles; a linear one stays near 2. CPU time
 * of this process, not wall time, and each size is repeated until the measure is long enough to be
 * read, so a busy machine changes the ratio little.
 */
export function cpuMicros(fn: () => void, minMicros = 30_000): number {
  let runs = 0;
  const start = process.cpuUsage();
  let spent: number;
  do {
    fn();
    runs++;
    const d = process.cpuUsage(start);
    spent = d.user + d.system;
  } while (spent < minMicros);
  return spent / runs;
}

/** Ratio of CPU time at size 2n to size n, the smaller of three tries (noise only ever adds time). */
export function doublingRatio(make: (n: number) => string, run: (input: string) => unknown, n: number): number {
  const small = make(n);
  const large = make(2 * n);
  run(small);
  run(large);
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    best = Math.min(best, cpuMicros(() => run(large)) / cpuMicros(() => run(small)));
  }
  return best;
}
