import { describe, expect, it } from 'vitest';
import { hyphenateGerman } from '../../../electron/services/export/hyphenate';
import { alignBlocks, diffWords } from '../../../electron/services/export/wordDiff';

describe('diffWords', () => {
  it('marks removed and added words and keeps the rest', () => {
    const ops = diffWords('Der Lindenhof ist ein lebendiges Quartier.', 'Der Lindenhof ist ein vielfältiges, offenes Quartier.');
    expect(ops).toEqual([
      { type: 'equal', text: 'Der Lindenhof ist ein ' },
      { type: 'del', text: 'lebendiges' },
      { type: 'ins', text: 'vielfältiges, offenes' },
      { type: 'equal', text: ' Quartier.' },
    ]);
    // Both sides can be rebuilt from the operations.
    expect(ops.filter((o) => o.type !== 'ins').map((o) => o.text).join('')).toBe('Der Lindenhof ist ein lebendiges Quartier.');
    expect(ops.filter((o) => o.type !== 'del').map((o) => o.text).join('')).toBe('Der Lindenhof ist ein vielfältiges, offenes Quartier.');
  });

  it('handles empty sides', () => {
    expect(diffWords('', 'neu')).toEqual([{ type: 'ins', text: 'neu' }]);
    expect(diffWords('alt', '')).toEqual([{ type: 'del', text: 'alt' }]);
  });
});

describe('alignBlocks', () => {
  it('pairs revised paragraphs and leaves removed and new ones alone', () => {
    const a = ['Präambel', 'Der Lindenhof ist ein lebendiges Quartier mit vielen Familien.', 'Dieser Absatz entfällt.'];
    const b = ['Präambel', 'Der Lindenhof ist ein vielfältiges Quartier mit vielen Familien.', 'Ganz neu: Teilhabe.'];
    expect(alignBlocks(a, b, (x) => x)).toEqual([
      { left: a[0], right: b[0] },
      { left: a[1], right: b[1] },
      { left: a[2], right: null },
      { left: null, right: b[2] },
    ]);
  });
});

describe('hyphenateGerman', () => {
  it('inserts soft hyphens into long words only, never into URLs', () => {
    expect(hyphenateGerman('Quartiersentwicklung im Stadtteil')).toBe('Quar\u00ADtiers\u00ADent\u00ADwick\u00ADlung im Stadt\u00ADteil');
    expect(hyphenateGerman('https://kellbach.example/nachbarschaftswerk')).toBe('https://kellbach.example/nachbarschaftswerk');
  });
});
