import { describe, expect, it } from 'vitest';
import { normalizeLine, normalizeText } from '../../../shared/text/normalizeText';
import { doublingRatio } from '../../support/growth';

// Issue 17: crafted input must not make normalisation super-linear. Each case doubles the input and
// asserts the CPU time at most about doubles (a quadratic step gives about 4).
const cases: Array<[string, (n: number) => string]> = [
  ['a run of blanks that no line break ends', (n) => 'a' + ' '.repeat(n) + 'b\n'],
  ['blanks and tabs before many line breaks', (n) => ' \t \n'.repeat(n / 4)],
  ['empty lines', (n) => '\n'.repeat(n)],
  ['carriage returns and invisible characters', (n) => '\r\u00AD\u200B '.repeat(n / 4)],
];

describe('normalizeText grows linearly', () => {
  for (const [name, make] of cases) {
    it(name, () => {
      expect(doublingRatio(make, (s) => normalizeText(s), 40_000)).toBeLessThan(3);
    });
  }
  it('one-line values too', () => {
    expect(doublingRatio((n) => 'x' + ' \t'.repeat(n / 2) + 'y', normalizeLine, 40_000)).toBeLessThan(3);
  });
  it('still removes trailing blanks and tabs on every line', () => {
    expect(normalizeText('eins  \t\nzwei \n\tdrei\t')).toBe('eins\nzwei\n\tdrei');
    expect(normalizeText(' \n \n \n x', { tidyBlankLines: false })).toBe('\n\n\n x');
  });
});
