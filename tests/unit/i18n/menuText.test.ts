import { describe, expect, it } from 'vitest';
import { MENU_TEXT, menuText } from '../../../electron/main/menuText';

/** German letters and words that never occur in an English menu. */
const GERMAN = /[äöüßÄÖÜ]|\b(Datei|Bearbeiten|Ansicht|Fenster|Hilfe|Suchen|Importieren|Beenden|Über)\b/;

describe('menu text (issue 15: the English UI shows no German)', () => {
  it('has the same entries in both languages, none empty', () => {
    expect(Object.keys(MENU_TEXT.en).sort()).toEqual(Object.keys(MENU_TEXT.de).sort());
    for (const table of [MENU_TEXT.de, MENU_TEXT.en]) {
      for (const [key, value] of Object.entries(table)) {
        const text = typeof value === 'function' ? value('/tmp/bibliothek.sqlite') : value;
        expect(text.trim(), key).not.toBe('');
      }
    }
  });

  it('English has no German word, and differs from German wherever a word is translated', () => {
    for (const [key, value] of Object.entries(MENU_TEXT.en)) {
      const text = typeof value === 'function' ? value('/tmp/bibliothek.sqlite') : value;
      expect(text, key).not.toMatch(GERMAN);
    }
    expect(MENU_TEXT.en.file).not.toBe(MENU_TEXT.de.file);
    expect(MENU_TEXT.en.aboutDetail('x')).toContain('Library: x');
  });

  it('falls back to German for anything but "en"', () => {
    expect(menuText('en')).toBe(MENU_TEXT.en);
    expect(menuText('de')).toBe(MENU_TEXT.de);
    expect(menuText(undefined)).toBe(MENU_TEXT.de);
    expect(menuText('fr')).toBe(MENU_TEXT.de);
  });
});
