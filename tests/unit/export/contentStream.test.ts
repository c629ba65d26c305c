import { describe, expect, it } from 'vitest';
import { rewriteContent } from '../../../electron/services/export/contentStream';

describe('content stream post-pass', () => {
  const stream = [
    'q BT /F4 10 Tf 1 0 0 -1 113 69 Tm <0015> Tj ET Q', // running header: untagged
    '0 0 1 1 re f', // untagged path
    '/P <</MCID 0 >>BDC BT /F4 12 Tf 1 0 0 -1 8 30 Tm <0027> Tj',
    '/Span<</ActualText <feff00ad> >> BDC <0003> Tj EMC ET',
    'BT /F4 12 Tf 1 0 0 -1 342 30 Tm <07dd> Tj ET', // the line-break hyphen
    'BT 1 0 0 -1 8 48 Tm <0045> Tj /Span<</ActualText <feff00ad> >> BDC <0003> Tj EMC 0 0 Td <0046> Tj ET EMC',
    '(a \\) b) Tj', // a string with an escaped parenthesis outside BT: ignored
  ].join('\n');

  it('wraps untagged painting as artifacts, empties soft-hyphen ActualText, marks the line-break hyphen as "-"', () => {
    const r = rewriteContent(stream);
    expect(r.artifacts).toBe(2);
    expect(r.softHyphens).toBe(2);
    expect(r.lineHyphens).toBe(1);
    expect(r.content).toContain('/Artifact BMC\nBT /F4 10 Tf 1 0 0 -1 113 69 Tm <0015> Tj ET\nEMC');
    expect(r.content).toContain('/Artifact BMC\n0 0 1 1 re f\nEMC');
    expect(r.content).not.toMatch(/feff00ad/i);
    expect(r.content).toContain('/Span <</ActualText <FEFF002D>>> BDC\n<07dd> Tj\nEMC');
    // Balanced marked content.
    const opens = (r.content.match(/\b(BDC|BMC)\b/g) ?? []).length;
    expect((r.content.match(/\bEMC\b/g) ?? []).length).toBe(opens);
  });

  it('leaves a stream without furniture or soft hyphens byte for byte as it was', () => {
    const tagged = '/P <</MCID 0 >>BDC BT <0001> Tj ET EMC';
    expect(rewriteContent(tagged).content).toBe(tagged);
  });
});
