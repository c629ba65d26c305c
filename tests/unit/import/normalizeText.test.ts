import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeLine, normalizeText } from '../../../shared/text/normalizeText';

describe('normalizeText', () => {
  it('NFC, no soft hyphens or zero-width characters, NBSP as space, CRLF as LF, typographic quotes kept', () => {
    const input = 'Quartiers\u00ADentwicklung\u200B in\u00A0Hessen\r\n„Zitat“ »innen« \u2018a\u2019 Mu\u0308ller\uFEFF\r\n';
    expect(normalizeText(input)).toBe('Quartiersentwicklung in Hessen\n„Zitat“ »innen« \u2018a\u2019 Müller');
  });

  it('collapses blank-line runs and trailing blanks; normalizeLine makes one line', () => {
    expect(normalizeText('a  \n\n\n\nb\t\n')).toBe('a  \n\nb'.replace('a  ', 'a'));
    expect(normalizeLine('  Dr.\u00A0Miriam \n Albers ')).toBe('Dr. Miriam Albers');
  });

  it('is idempotent and leaves no forbidden characters (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite', maxLength: 200 }), fc.string({ maxLength: 50 }), (a, b) => {
        const s = `${a}\u00AD${b}\u00A0\u200D\r\n${a}`;
        const once = normalizeText(s);
        expect(normalizeText(once)).toBe(once);
        expect(once).toBe(once.normalize('NFC'));
        expect(once).not.toMatch(/[\u00AD\u200B-\u200F\u2060\uFEFF\u00A0\r]/u);
      }),
      { numRuns: 300 },
    );
  });
});
