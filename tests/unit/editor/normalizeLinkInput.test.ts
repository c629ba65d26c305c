import { describe, expect, it } from 'vitest';
import { normalizeLinkInput } from '../../../shared/editor/safeLink';

describe('normalizeLinkInput (issue 15: the link form)', () => {
  it('counts a doubled scheme once', () => {
    expect(normalizeLinkInput('https://https://www.hessen.de/soziales')).toBe('https://www.hessen.de/soziales');
    expect(normalizeLinkInput('https://https://https://hessen.de')).toBe('https://hessen.de/');
    expect(normalizeLinkInput('https://http://hessen.de')).toBe('http://hessen.de/');
    expect(normalizeLinkInput('HTTPS://https://hessen.de')).toBe('https://hessen.de/');
    expect(normalizeLinkInput('https://mailto:info@hessen.de')).toBe('mailto:info@hessen.de');
  });
  it('adds the scheme a typed address lacks, trims space', () => {
    expect(normalizeLinkInput('  www.hessen.de ')).toBe('https://www.hessen.de/');
    expect(normalizeLinkInput('soziale-stadt.de/quartier?x=1')).toBe('https://soziale-stadt.de/quartier?x=1');
    expect(normalizeLinkInput('info@hessen.de')).toBe('mailto:info@hessen.de');
  });
  it('rejects what is no safe web or mail link', () => {
    for (const bad of ['', ' ', 'https://', 'https://https://', 'javascript:alert(1)', 'https://javascript:alert(1)', 'data:text/html,x', 'Quartier', 'ftp://hessen.de', 'https://nohost', 'file:///etc/passwd'])
      expect(normalizeLinkInput(bad), bad).toBeNull();
  });
});
