import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Services } from '../../../electron/services/createServices';
import { createHandlers } from '../../../electron/services/ipc/handlers';
import { Dispatcher } from '../../../electron/services/ipc/Dispatcher';
import type { Logger } from '../../../electron/services/ports';
import { layoutParagraphs, writeDocx, writePdf } from '../../support/importFixtures';
import { tempDir } from '../../support/testLibrary';
import { marker, needles, openServices } from '../deletion/deletionKit';

/**
 * Issue 7: "Logs never contain document text." The real services run through import (txt, HTML,
 * DOCX, PDF and two broken files), a draft, a Fassung, search (with the worker's forwarded log
 * lines), quote corrections, exports, deletion and unexpected errors, with a Logger that keeps
 * every line; no line, message or field may contain the marker written into the documents.
 */

interface Line {
  level: string;
  message: string;
  fields?: Record<string, unknown>;
}

class CapturingLogger implements Logger {
  readonly lines: Line[] = [];
  info(message: string, fields?: Record<string, unknown>) {
    this.lines.push({ level: 'info', message, fields });
  }
  warn(message: string, fields?: Record<string, unknown>) {
    this.lines.push({ level: 'warn', message, fields });
  }
  error(message: string, fields?: Record<string, unknown>) {
    this.lines.push({ level: 'error', message, fields });
  }
  /** Lines whose serialised form contains `word` in any case or encoding. */
  containing(word: string): Line[] {
    const forms = needles(word).filter((_, i) => i % 2 === 0).map((b) => b.toString('utf8'));
    return this.lines.filter((l) => forms.some((f) => JSON.stringify(l).includes(f)));
  }
}

let services: Services | null = null;
let dir: string | null = null;
afterEach(() => {
  services?.close();
  services = null;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = null;
});

describe('logs never contain document text', () => {
  it('import, drafts, search, quotes, export, deletion and errors log ids, counts and codes only', { timeout: 60_000 }, async () => {
    dir = tempDir('qw-logs-');
    const word = marker();
    const logger = new CapturingLogger();
    const s = (services = openServices(path.join(dir, 'bibliothek.sqlite'), logger));
    const src = path.join(dir, 'quellen');
    fs.mkdirSync(src);
    const title = `Treffpunkt ${word}`;
    fs.writeFileSync(
      path.join(src, 'mitteilung.txt'),
      `Stadt Gießen\n\nPressemitteilung\n\n${title}\n\nGießen, 3. März 2025 – Das Projekt ${word} startet.\n\n„${word} ist ein Ort für alle“, sagte Oberbürgermeisterin Katrin Jung.\n`,
    );
    fs.writeFileSync(path.join(src, 'seite.html'), `<html><head><title>${title}</title></head><body><p>Bericht über ${word}.</p></body></html>`);
    fs.writeFileSync(path.join(src, 'bericht.docx'), await writeDocx(title, [`Der Bericht nennt ${word} zweimal: ${word}.`]));
    fs.writeFileSync(path.join(src, 'protokoll.pdf'), writePdf([layoutParagraphs([title, `Im Protokoll steht ${word}.`])]));
    // Broken files: a PDF that is not one, a DOCX that is no ZIP; both carry the marker.
    fs.writeFileSync(path.join(src, 'kaputt.pdf'), `%PDF-1.7\n${word} ${word}\n%%EOF`);
    fs.writeFileSync(path.join(src, 'kaputt.docx'), `PK\u0003\u0004${word}`);
    const report = await s.importer.importPaths([src]);
    expect(report.imported).toHaveLength(4);
    expect(report.failed).toHaveLength(2);

    // A draft with the marker, several updates, a Fassung.
    const draft = s.collab.drafts.createDraft({ title, kind: 'note', template: 'empty' });
    s.collab.drafts.appendParagraph(draft.id, `Entwurf zu ${word}.`);
    s.collab.drafts.setTitle(draft.id, title, { source: 'cli' });
    s.collab.versions.create(draft.id, `Fassung ${word}`);
    s.collab.drafts.flushText(draft.id);

    // Search, including a merge in the worker (which logs) and statements.
    await s.search.whenIdle();
    await s.search.merge();
    expect((await s.search.query({ q: word })).total).toBeGreaterThanOrEqual(4);
    expect((await s.search.quotes({ q: word })).total).toBeGreaterThanOrEqual(1);
    const press = report.imported.find((i) => i.kind === 'press_release')!;
    const q = s.quotes.list({ documentId: press.id })[0]!;
    s.quotes.update({ id: q.id, text: `${word} bleibt`, speaker: 'Katrin Jung' });

    // Exports.
    const out = path.join(dir, 'export');
    fs.mkdirSync(out);
    s.exports.markdown(press.id, path.join(out, 'a.md'));
    s.exports.html(press.id, path.join(out, 'a.html'));
    await s.exports.docx(draft.id, path.join(out, 'a.docx'));

    // Unexpected errors: an internal listener that fails with the marker in its message, and a
    // handler failing on a broken row (JSON.parse quotes its input in its message).
    const off = s.events.on('documents.changed', () => {
      throw new Error(`Empfänger kaputt bei ${word}`);
    });
    s.documents.update(draft.id, { status: 'final' });
    off();
    const ipc = new Dispatcher(createHandlers(s), logger);
    const broken = s.documents.create({ kind: 'note', title: 'Kaputt', bodyText: 'x' });
    s.db.prepare('UPDATE documents SET content_json = ? WHERE id = ?').run(`${word} ist kein JSON`, broken.id);
    const failed = await ipc.dispatch('documents.get', { id: broken.id });
    expect(failed).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    // The user still sees why (the error value, which quotes the first 10 characters of the
    // row); only the log leaves the text out.
    expect(JSON.stringify(failed)).toContain(word.slice(0, 10));

    // Deletion, with the worker's purge.
    for (const i of report.imported) s.documents.delete(i.id);
    s.documents.delete(draft.id);
    await s.search.whenPurged();

    // The logger saw real lines: the worker's, the listener's and the handler's.
    const messages = logger.lines.map((l) => l.message);
    expect(messages).toContain('Suchindex zusammengeführt');
    expect(messages).toContain('Gelöschte Dokumente aus dem Suchindex entfernt');
    expect(logger.lines).toContainEqual(expect.objectContaining({ message: 'Ereignis-Empfänger fehlgeschlagen', fields: expect.objectContaining({ error: 'Error' }) }));
    expect(logger.lines).toContainEqual(
      expect.objectContaining({ message: 'IPC-Handler fehlgeschlagen', fields: expect.objectContaining({ channel: 'documents.get', error: 'SyntaxError' }) }),
    );
    // … and none of them holds the marker (not even its first 10 letters), nor the title.
    expect(logger.lines.length).toBeGreaterThanOrEqual(4);
    expect(logger.containing(word.slice(0, 10))).toEqual([]);
    expect(logger.containing('Treffpunkt')).toEqual([]);
  });
});
