import { describe, expect, it } from 'vitest';
import { richTextHeadings, richTextToPlain } from '../../../shared/text/richText';
import { germanSortKey } from '../../../shared/text/sortKey';

describe('germanSortKey', () => {
  it('sorts umlauts with their base letter and ß as ss (DIN 5007-1)', () => {
    const titles = ['Zukunft', 'Ärger', 'Apfel', 'Straße', 'Strasse am Markt', 'öffentlich', 'Ofen'];
    expect([...titles].sort((a, b) => germanSortKey(a).localeCompare(germanSortKey(b)))).toEqual([
      'Apfel', 'Ärger', 'Ofen', 'öffentlich', 'Straße', 'Strasse am Markt', 'Zukunft',
    ]);
  });
  it('ignores leading quotes and case', () => {
    expect(germanSortKey('„Wir im Quartier“')).toBe('wir im quartier“');
  });
});

describe('richTextToPlain', () => {
  it('separates blocks and keeps hard breaks', () => {
    const doc = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Leitziele' }] },
        { type: 'bulletList', content: [
          { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Teilhabe' }] }] },
          { type: 'listItem', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Bildung', marks: [{ type: 'bold' }] }, { type: 'hardBreak' }, { type: 'text', text: 'für alle' }] }] },
        ] },
      ],
    };
    expect(richTextToPlain(doc)).toBe('Leitziele\n\nTeilhabe\n\nBildung\nfür alle');
    expect(richTextHeadings(doc)).toEqual([{ level: 2, text: 'Leitziele' }]);
  });
});
