import { getSchema } from '@tiptap/core';
import { describe, expect, it } from 'vitest';
import { fromBase64, toBase64 } from '../../../shared/editor/base64';
import { citationLabel } from '../../../shared/editor/Citation';
import { draftExtensions } from '../../../shared/editor/draftExtensions';
import { draftToPlain } from '../../../shared/editor/draftText';
import { tokenize, wordDiff } from '../../../shared/editor/wordDiff';

describe('shared/editor', () => {
  it('builds the draft schema in plain Node (no DOM at import or build time)', () => {
    expect(typeof (globalThis as { document?: unknown }).document).toBe('undefined');
    const schema = getSchema(draftExtensions());
    for (const n of ['heading', 'bulletList', 'orderedList', 'blockquote', 'table', 'tableRow', 'tableCell', 'tableHeader', 'citation', 'footnote']) {
      expect(Object.keys(schema.nodes)).toContain(n);
    }
    for (const m of ['bold', 'italic', 'link', 'comment']) expect(Object.keys(schema.marks)).toContain(m);
    expect(schema.nodes.codeBlock).toBeUndefined();
    expect(schema.marks.comment!.spec.excludes).toBe('');
  });

  it('word diff marks exactly the changed words and reproduces both texts', () => {
    const before = 'Das Quartier ist lebendig und solidarisch.\n\nZweiter Absatz bleibt.';
    const after = 'Das Quartier ist lebendig und grün.\n\nZweiter Absatz bleibt, ganz sicher.';
    const d = wordDiff(before, after);
    expect(d.filter((s) => s.op !== 'added').map((s) => s.text).join('')).toBe(before);
    expect(d.filter((s) => s.op !== 'removed').map((s) => s.text).join('')).toBe(after);
    expect(d.filter((s) => s.op === 'removed').map((s) => s.text)).toEqual(['solidarisch']);
    expect(d.filter((s) => s.op === 'added').map((s) => s.text)).toEqual(['grün', ', ganz sicher']);
    expect(tokenize('Sozial-raum § 171e')).toEqual(['Sozial-raum', ' ', '§', ' ', '171e']);
  });

  it('word diff falls back to one removal and one addition past the edit limit', () => {
    const a = Array.from({ length: 300 }, (_, i) => `a${i}`).join(' ');
    const b = Array.from({ length: 300 }, (_, i) => `b${i}`).join(' ');
    const d = wordDiff(a, b, 50);
    expect(d).toEqual([
      { op: 'removed', text: a },
      { op: 'added', text: b },
    ]);
  });

  it('base64 round-trips every length and refuses garbage', () => {
    for (let n = 0; n < 70; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 37 + n) & 0xff);
      const text = toBase64(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64'));
      expect(Array.from(fromBase64(text))).toEqual(Array.from(bytes));
    }
    expect(() => fromBase64('ab$d')).toThrow();
  });

  it('citations and footnotes keep their words in the plain text', () => {
    expect(citationLabel({ speaker: 'Ortsbeirat 3', title: 'Stellungnahme', date: '2026-02-11' })).toBe('Ortsbeirat 3: „Stellungnahme“ (11.02.2026)');
    const text = draftToPlain({
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Siehe' },
            { type: 'citation', attrs: { title: 'PM 7', speaker: '', date: '' } },
            { type: 'footnote', attrs: { text: 'Quelle: Amt für Statistik' } },
          ],
        },
      ],
    });
    expect(text).toBe('Siehe[„PM 7“] [Fußnote: Quelle: Amt für Statistik]');
  });
});
