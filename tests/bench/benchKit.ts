import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** One measured figure; `group` names the scenario (e.g. "10.000 Dokumente"). */
export interface BenchRow {
  group: string;
  metric: string;
  value: number;
  unit: string;
  /** Target from the issue, if any, for the table's "target" column. */
  target?: string;
}

export interface BenchModule {
  title: string;
  run(ctx: BenchContext): Promise<BenchRow[]>;
}

export interface BenchContext {
  /** Fresh temporary folder for this module's files. */
  tmpDir: string;
  /** `../shared/corpus` beside the checkout, or null where it is missing. */
  corpusDir: string | null;
  log(message: string): void;
}

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');

export function findCorpus(): string | null {
  const dir = process.env.QW_CORPUS ?? path.resolve(REPO_ROOT, '..', 'shared', 'corpus');
  return fs.existsSync(dir) ? dir : null;
}

export function makeTmp(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `qw-bench-${prefix}-`));
}

/** Wall time of `fn` in milliseconds. */
export async function timeMs<T>(fn: () => T | Promise<T>): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx]!;
}

/** Samples RSS while `fn` runs; returns the peak in MB. */
export async function peakRssMb<T>(fn: () => Promise<T>): Promise<{ peakMb: number; value: T }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  try {
    const value = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { peakMb: peak / 1024 / 1024, value };
  } finally {
    clearInterval(timer);
  }
}
