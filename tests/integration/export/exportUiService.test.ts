import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExportUiService, fileNameOf } from '../../../electron/services/export/ExportUiService';
import type { Dialogs, Shell } from '../../../electron/services/ports';
import { openTestLibrary, type TestLibrary } from '../../support/testLibrary';

let lib: TestLibrary;
let docId: string;
let saveAnswers: (string | null)[];
let asked: { suggestedName: string; filters: { name: string; extensions: string[] }[] }[];
let shellCalls: string[];
const dialogs: Dialogs = {
  chooseFiles: async () => [],
  chooseFolder: async () => null,
  chooseSavePath: async (suggestedName, filters) => {
    asked.push({ suggestedName, filters });
    return saveAnswers.shift() ?? null;
  },
};
const shell: Shell = {
  openPath: async (p) => void shellCalls.push(`open ${p}`),
  showItemInFolder: (p) => void shellCalls.push(`folder ${p}`),
};
/** `null` stands for a host without that port. */
const service = (d: Dialogs | null = dialogs, s: Shell | null = shell) =>
  new ExportUiService(lib.services.exports, lib.services.documents, lib.services.sessions, d ?? undefined, s ?? undefined);

beforeEach(() => {
  lib = openTestLibrary();
  saveAnswers = [];
  asked = [];
  shellCalls = [];
  docId = lib.services.documents.create({ kind: 'note', title: 'Notiz: Platz/Straße 1 – „Ideen“?', bodyText: 'Mehr Bänke.' }).id;
});
afterEach(() => lib.dispose());

describe('ExportUiService (export from the window through the Dialogs and Shell ports)', () => {
  it('asks for the place with a safe suggested name, adds a missing extension, and writes the file', async () => {
    const chosen = path.join(lib.dir, 'Notiz');
    saveAnswers = [chosen];
    const result = await service().save({ target: { kind: 'document', documentId: docId }, format: 'markdown' });
    expect(asked).toEqual([{ suggestedName: 'Notiz Platz Straße 1 – „Ideen“.md', filters: [{ name: 'Markdown', extensions: ['md'] }] }]);
    expect(result).toMatchObject({ cancelled: false, path: `${chosen}.md`, fileName: 'Notiz.md', pages: null });
    expect(fs.readFileSync(`${chosen}.md`, 'utf8')).toContain('Mehr Bänke.');
  });

  it('a cancelled dialog writes nothing; without a save dialog the answer is NOT_AVAILABLE', async () => {
    expect(await service().save({ target: { kind: 'document', documentId: docId }, format: 'html' })).toEqual({ cancelled: true });
    expect(fs.readdirSync(lib.dir).filter((f) => f.endsWith('.html'))).toEqual([]);
    await expect(service(null).save({ target: { kind: 'document', documentId: docId }, format: 'html' })).rejects.toMatchObject({ code: 'NOT_AVAILABLE' });
    const openOnly: Dialogs = { chooseFiles: async () => [], chooseFolder: async () => null };
    await expect(service(openOnly).save({ target: { kind: 'document', documentId: docId }, format: 'html' })).rejects.toMatchObject({ code: 'NOT_AVAILABLE' });
  });

  it('a missing document or session fails before the dialog opens; sessions are PDF only', async () => {
    await expect(service().save({ target: { kind: 'document', documentId: 'fehlt' }, format: 'docx' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(service().save({ target: { kind: 'session', sessionId: 'fehlt' }, format: 'pdf' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(service().save({ target: { kind: 'session', sessionId: 'x' }, format: 'docx' })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(asked).toEqual([]);
  });

  it('SECURITY: reveals only files this session exported, and only while they exist', async () => {
    const ui = service();
    saveAnswers = [path.join(lib.dir, 'a.html')];
    const done = await ui.save({ target: { kind: 'document', documentId: docId }, format: 'html' });
    if (done.cancelled) throw new Error('cancelled');
    await ui.reveal(done.path, 'folder');
    await ui.reveal(done.path, 'open');
    expect(shellCalls).toEqual([`folder ${done.path}`, `open ${done.path}`]);

    const other = path.join(lib.dir, 'b.html');
    fs.writeFileSync(other, '<p>fremd</p>');
    await expect(ui.reveal(other, 'open')).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(ui.reveal('a.html', 'open')).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(ui.reveal(path.join(lib.dir, 'x', '..', 'b.html'), 'open')).rejects.toMatchObject({ code: 'VALIDATION' });
    // Another instance (a new app session) knows nothing of earlier exports.
    await expect(service().reveal(done.path, 'open')).rejects.toMatchObject({ code: 'VALIDATION' });
    // A host without a shell (CLI) says so.
    const noShell = service(dialogs, null);
    saveAnswers = [path.join(lib.dir, 'c.html')];
    const saved = await noShell.save({ target: { kind: 'document', documentId: docId }, format: 'html' });
    if (saved.cancelled) throw new Error('cancelled');
    await expect(noShell.reveal(saved.path, 'open')).rejects.toMatchObject({ code: 'NOT_AVAILABLE' });

    fs.rmSync(done.path);
    await expect(ui.reveal(done.path, 'open')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(shellCalls).toHaveLength(2);
  });

  it('file names from titles: no folders, reserved or control characters; never empty', () => {
    expect(fileNameOf('a/b\\c:d*e?f"g<h>i|j', '.pdf')).toBe('a b c d e f g h i j.pdf');
    expect(fileNameOf('  ..  ', '.md')).toBe('Export.md');
    expect(fileNameOf('x'.repeat(400), '.docx')).toHaveLength(150 + 5);
  });
});
