import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { deriveTitle } from '../../../electron/services/import/deriveTitle';
import { CORPUS_DIR } from '../../support/testLibrary';

describe('deriveTitle: the first real sentence of a speech (issue 18 §3)', () => {
  it('a German ordinal dot is no sentence end; a year before a capital is', () => {
    expect(deriveTitle('Am 17. Juni 1953 gingen in der DDR Tausende auf die Straße. Wir erinnern heute daran.')).toBe('Am 17. Juni 1953 gingen in der DDR Tausende auf die Straße');
    expect(deriveTitle('Ich begrüße Sie zur Eröffnung des 57. Filmfestivals in dieser Stadt. Es ist schön.')).toBe('Ich begrüße Sie zur Eröffnung des 57. Filmfestivals in dieser Stadt');
    expect(deriveTitle('Anlässlich der 2./3. Lesung des Gesetzes spreche ich heute. Danke.')).toBe('Anlässlich der 2./3. Lesung des Gesetzes spreche ich heute');
    expect(deriveTitle('Das Programm begann im Jahr 2024. Die Bilanz ist gut.')).toBe('Das Programm begann im Jahr 2024');
    expect(deriveTitle('Dr. Müller hat das Quartier geprägt wie kein anderer. Danke.')).toBe('Dr. Müller hat das Quartier geprägt wie kein anderer');
  });

  it('skips salutations and manuscript boilerplate, also at the start of a paragraph', () => {
    expect(deriveTitle('Sperrfrist: Redebeginn, ca. 20.40 Uhr! Meine Damen und Herren, wir feiern heute ein Jubiläum. Danke.')).toBe('Wir feiern heute ein Jubiläum');
    expect(deriveTitle('Es gilt das gesprochene Wort.\nRede\nFrau Präsidentin! Meine Damen und Herren! Die Städtebauförderung wirkt seit 50 Jahren.')).toBe('Die Städtebauförderung wirkt seit 50 Jahren');
    expect(deriveTitle('Sehr geehrte Damen und Herren,\nliebe Gäste,\nes ist mir eine Freude, heute hier zu sein.')).toBe('Es ist mir eine Freude, heute hier zu sein');
  });

  const corpus = path.join(CORPUS_DIR, 'speeches.jsonl.gz');
  it.skipIf(!fs.existsSync(corpus))('on the 2,229 corpus speeches: no title cut at an ordinal, none missing, none boilerplate', () => {
    const texts = zlib
      .gunzipSync(fs.readFileSync(corpus))
      .toString('utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => (JSON.parse(l) as { text: string }).text);
    const titles = texts.map((t) => deriveTitle(t));
    const cut = titles.filter((t) => t !== null && /(^|\s)(am|vom|zum|zur|der|des|dem|den|bis|ab) \d{1,3}$/iu.test(t));
    const boiler = titles.filter((t) => t !== null && /^(sperrfrist|es gilt das gesprochene?|anrede|rede$)/iu.test(t));
    // Before (issue 18): 148 cut at an ordinal (6.6 %), 23 without a title („…: Rede“), 22 boilerplate.
    expect({ missing: titles.filter((t) => t === null).length, cut: cut.length, boiler: boiler.length }).toEqual({ missing: 0, cut: 0, boiler: 0 });
  });
});
