import { describe, expect, it } from 'vitest';
import { deriveTitle } from '../../../electron/services/import/deriveTitle';
import { readRtf } from '../../../electron/services/import/readers/rtf';
import { classifyGenre } from '../../../shared/press/documentGenre';
import { documentHead } from '../../../shared/press/documentHead';

/**
 * The record pipeline's own rules run in time linear in their input (issue 17 §2): doubling a
 * crafted input at most about doubles the CPU time (a ratio of measured times, not a limit).
 */
function cpuMs(f: () => unknown): number {
  let best = Infinity;
  for (let k = 0; k < 3; k++) {
    const t = process.cpuUsage();
    f();
    const d = process.cpuUsage(t);
    best = Math.min(best, (d.user + d.system) / 1000);
  }
  return best;
}

function ratio(make: (n: number) => string, run: (s: string) => unknown, n: number): number {
  const small = make(n);
  const large = make(2 * n);
  // Warm up on both (the JIT), then the best of three each.
  run(small);
  run(large);
  return cpuMs(() => run(large)) / Math.max(0.5, cpuMs(() => run(small)));
}

describe('linear time of the kind, title and RTF rules', () => {
  const cases: [string, (n: number) => string, (s: string) => unknown, number][] = [
    ['deriveTitle: abbreviations and ordinals without a sentence end', (n) => 'Dr. 17. '.repeat(n), (s) => deriveTitle(s), 40_000],
    ['deriveTitle: salutations chained', (n) => 'Sehr geehrte Damen und Herren, '.repeat(n), (s) => deriveTitle(s), 20_000],
    ['classifyGenre: blank runs between paragraphs', (n) => `Titel\n${' '.repeat(n)}\n„Ja“, sagte sie.\n\n`.repeat(20), (s) => classifyGenre(s), 20_000],
    ['classifyGenre: many short paragraphs', (n) => 'TOP 1: Punkt\n\n'.repeat(n), (s) => classifyGenre(s), 5_000],
    ['documentHead: one long line', (n) => `Stadt Kassel\n\n${'Wort '.repeat(n)}`, (s) => documentHead(s, { headline: 'Wort' }), 50_000],
    ['readRtf: escapes and groups', (n) => `{\\rtf1\\ansi ${"{\\b x}\\'e4\\u252?".repeat(n)}}`, (s) => readRtf(Buffer.from(s, 'latin1')), 20_000],
  ];
  for (const [name, make, run, n] of cases) {
    it(name, () => {
      expect(ratio(make, run, n)).toBeLessThan(3);
    });
  }
});
