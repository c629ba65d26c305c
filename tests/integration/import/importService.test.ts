import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DROP_LIMITS } from '../../../shared/domain/importLimits';
import { ImportService, sanitizeFileName } from '../../../electron/services/import/ImportService';
import type { Dialogs } from '../../../electron/services/ports';
import { openTestLibrary, tempDir, type TestLibrary } from '../../support/testLibrary';

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const PRESS = 'Stadt Kellbach\n\nNeuer Spielplatz am Mühlgraben\n\nKellbach, 2. Mai 2026 – Der Spielplatz ist fertig.\n\n„Ein guter Tag für Familien“, sagte Bürgermeister Jan Berg.\n';

let lib: TestLibrary;
let tmp: string;
beforeEach(() => {
  lib = openTestLibrary();
  tmp = tempDir('qw-drop-root-');
});
afterEach(() => {
  lib.dispose();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('ImportService.choose (files and folders through the Dialogs port)', () => {
  it('imports what the dialog returns; nothing chosen is null; no port is NOT_AVAILABLE', async () => {
    const file = path.join(tmp, 'spielplatz.txt');
    fs.writeFileSync(file, PRESS);
    const answers: string[][] = [[file], []];
    const dialogs: Dialogs = { chooseFiles: async () => answers.shift() ?? [], chooseFolder: async () => tmp };
    const service = new ImportService(lib.services.importer, dialogs, tmp);
    const report = await service.choose({ mode: 'files' });
    expect(report?.imported.map((d) => d.title)).toEqual(['Neuer Spielplatz am Mühlgraben']);
    expect(await service.choose({ mode: 'files' })).toBeNull();
    const again = await service.choose({ mode: 'folder', kind: 'statement' });
    expect(again?.duplicates).toHaveLength(1);

    await expect(new ImportService(lib.services.importer, undefined).choose({ mode: 'files' })).rejects.toMatchObject({ code: 'NOT_AVAILABLE' });
  });
});

describe('ImportService.importData (dropped files)', () => {
  it('writes to a private temp folder, reports original names, and removes the temp files', async () => {
    const service = new ImportService(lib.services.importer, undefined, tmp);
    const report = await service.importData({
      files: [
        { name: 'Spielplatz.txt', dataBase64: b64(PRESS) },
        { name: '../../etc/passwd.txt', dataBase64: b64('') },
        { name: 'bild.png', dataBase64: b64('PNG') },
        { name: 'Spielplatz.txt', dataBase64: b64(PRESS) },
      ],
    });
    expect(report.imported).toHaveLength(1);
    expect(report.duplicates.map((d) => d.path)).toEqual(['Spielplatz.txt']);
    expect(report.failed.map((f) => [f.path, f.code])).toEqual([
      ['../../etc/passwd.txt', 'INVALID_FILE'],
      ['bild.png', 'UNSUPPORTED_FORMAT'],
    ]);
    expect(lib.services.documents.get(report.imported[0]!.id).source).toBe('Spielplatz.txt');
    // Nothing is left behind in the temp root.
    expect(fs.readdirSync(tmp)).toEqual([]);
  });

  it('refuses too many or too large files with TOO_LARGE, and bad base64', async () => {
    const service = new ImportService(lib.services.importer, undefined, tmp);
    const many = Array.from({ length: DROP_LIMITS.maxFiles + 1 }, (_, i) => ({ name: `${i}.txt`, dataBase64: b64('x') }));
    await expect(service.importData({ files: many })).rejects.toMatchObject({ code: 'TOO_LARGE' });
    const big = 'A'.repeat(Math.ceil((DROP_LIMITS.maxFileBytes + 1024) / 3) * 4);
    await expect(service.importData({ files: [{ name: 'gross.txt', dataBase64: big }] })).rejects.toMatchObject({ code: 'TOO_LARGE' });
    await expect(service.importData({ files: [{ name: 'a.txt', dataBase64: '<script>' }] })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(fs.readdirSync(tmp)).toEqual([]);
  });

  it('sanitises names: no folders, no reserved characters, never hidden or empty', () => {
    expect(sanitizeFileName('../../etc/passwd')).toBe('passwd');
    expect(sanitizeFileName('C:\\Users\\x\\Bericht: Mai?.docx')).toBe('Bericht_ Mai_.docx');
    expect(sanitizeFileName('.versteckt.txt')).toBe('versteckt.txt');
    expect(sanitizeFileName('...')).toBe('Datei');
    expect(sanitizeFileName(`${'a'.repeat(300)}.pdf`)).toMatch(/^a{196}\.pdf$/);
  });
});
