import Database from 'better-sqlite3';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../../electron/services/createServices';
import { openDatabase } from '../../../electron/services/db/openDatabase';
import { silentLogger } from '../../../electron/services/ports';
import { writePdf } from '../../support/importFixtures';
import { disposableLibraries } from '../../support/disposableLibraries';
import { HAS_PANDOC, HAS_PYTHON, HAS_SOFFICE, pandoc, soffice, writeEml } from '../../support/realProducers';
import { REPO_ROOT, tempDir, type TestLibrary } from '../../support/testLibrary';

/**
 * Issue 18 §4, §5, §7, §8, §9 and issue 17 §4 through the one record pipeline, with files made
 * at test time by the programs that make them in real life.
 */
const lib = disposableLibraries();
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
const scratch = () => {
  const d = tempDir('qw-pipeline-');
  dirs.push(d);
  return d;
};
const one = (l: TestLibrary, sql: string, ...args: unknown[]) => l.services.db.prepare(sql).pluck().get(...args);

const SOURCE_MD = `Magistrat der Stadt Kassel

# Neue Spielplätze für die Nordstadt

Kassel, 3. März 2026 – Die Stadt baut drei neue Spielplätze in der Nordstadt.[^1]

## Die Standorte

- Holländischer Platz
- Weserspitze

| Ort | Kosten |
|-----|--------|
| Holländischer Platz | 120.000 Euro |

„Kinder brauchen Platz zum Spielen“, sagte Stadträtin Eva Roth.

[^1]: Beschluss der Stadtverordnetenversammlung vom 1. März 2026.
`;

describe.skipIf(!HAS_PANDOC)(`office formats made by pandoc and LibreOffice (skipped without pandoc${HAS_SOFFICE ? '' : '; .doc also needs soffice'})`, () => {
  let dir: string;
  let files: Record<'odt' | 'docx' | 'rtf' | 'doc', string | null>;
  beforeAll(() => {
    dir = scratch();
    const md = path.join(dir, 'spielplaetze.md');
    fs.writeFileSync(md, SOURCE_MD);
    files = {
      odt: pandoc(md, path.join(dir, 'spielplaetze.odt')),
      docx: pandoc(md, path.join(dir, 'spielplaetze.docx')),
      rtf: pandoc(md, path.join(dir, 'spielplaetze.rtf'), ['-s']),
      // Word 97–2003 only LibreOffice writes; from the ODT, as an old archive would have it.
      doc: HAS_SOFFICE ? soffice('doc', [path.join(dir, 'spielplaetze.odt')], path.join(dir, 'lo'))[0]! : null,
    };
  }, 120_000);

  it('ODT: headings, list, table and footnote kept in body_html; H1 is the title, the letterhead the publisher', async () => {
    const l = lib();
    const r = await l.services.importer.importPaths([files.odt!]);
    expect(r.failed).toEqual([]);
    const doc = l.services.documents.get(r.imported[0]!.id);
    expect(doc).toMatchObject({ title: 'Neue Spielplätze für die Nordstadt', publisher: 'Magistrat der Stadt Kassel', kind: 'press_release', date: '2026-03-03' });
    expect(doc.bodyHtml).toMatch(/<h1>Neue Spielplätze für die Nordstadt<\/h1>/u);
    expect(doc.bodyHtml).toMatch(/<h2>Die Standorte<\/h2>/u);
    expect(doc.bodyHtml).toMatch(/<li>Holländischer Platz<\/li>/u);
    expect(doc.bodyHtml).toMatch(/<td>120\.000 Euro<\/td>/u);
    expect(doc.bodyText).toContain('Beschluss der Stadtverordnetenversammlung vom 1. März 2026.');
    expect(l.services.quotes.list({ documentId: doc.id }).map((q) => q.speaker)).toEqual(['Eva Roth']);
  });

  it('DOCX and RTF: the same title and publisher from the same source', async () => {
    const l = lib();
    const r = await l.services.importer.importPaths([files.docx!, files.rtf!]);
    expect(r.failed).toEqual([]);
    for (const item of r.imported) {
      const doc = l.services.documents.get(item.id);
      expect(doc, doc.source!).toMatchObject({ title: 'Neue Spielplätze für die Nordstadt', publisher: 'Magistrat der Stadt Kassel', kind: 'press_release' });
      expect(doc.bodyText).toContain('Weserspitze');
      expect(doc.bodyText).toContain('Beschluss der Stadtverordnetenversammlung');
    }
  });

  it.skipIf(!HAS_SOFFICE)('DOC (Word 97–2003 by LibreOffice): text, footnote, title and publisher', async () => {
    const l = lib();
    const r = await l.services.importer.importPaths([files.doc!]);
    expect(r.failed).toEqual([]);
    const doc = l.services.documents.get(r.imported[0]!.id);
    expect(doc).toMatchObject({ title: 'Neue Spielplätze für die Nordstadt', publisher: 'Magistrat der Stadt Kassel', kind: 'press_release' });
    for (const w of ['Holländischer Platz', '120.000 Euro', 'Kinder brauchen Platz zum Spielen', 'Beschluss der Stadtverordnetenversammlung']) expect(doc.bodyText).toContain(w);
  });
});

describe.skipIf(!HAS_PYTHON || !HAS_PANDOC)('e-mail attachments (Python email + pandoc; skipped without python3 or pandoc)', () => {
  it('each readable attachment is a document of its own, linked to the e-mail and named in the report; an unsupported one is listed with its reason', async () => {
    const dir = scratch();
    const md = path.join(dir, 'src.md');
    fs.writeFileSync(md, SOURCE_MD);
    const docx = pandoc(md, path.join(dir, 'Pressemitteilung.docx'));
    const odt = path.join(dir, 'Hintergrund.odt');
    fs.writeFileSync(path.join(dir, 'h.md'), '# Hintergrund zum Spielplatzprogramm\n\nDas Programm läuft seit 2019 und umfasst 14 Standorte.\n');
    pandoc(path.join(dir, 'h.md'), odt);
    const pdf = path.join(dir, 'Lageplan.pdf');
    fs.writeFileSync(pdf, writePdf([[{ x: 72, y: 720, size: 16, text: 'Lageplan der neuen Spielplätze' }, { x: 72, y: 690, text: 'Die drei Standorte liegen in der Nordstadt.' }]]));
    const txt = path.join(dir, 'Notiz.txt');
    fs.writeFileSync(txt, 'Rückfragen bitte an das Presseamt.\n\nDie Fotos folgen morgen.');
    const html = path.join(dir, 'Termine.html');
    fs.writeFileSync(html, '<html><body><h1>Termine der Eröffnungen</h1><p>Die Eröffnung am Holländischen Platz ist am 12. April.</p></body></html>');
    const xlsx = path.join(dir, 'Kosten.xlsx');
    fs.writeFileSync(xlsx, Buffer.from('PK\x03\x04 keine echte Tabelle'));
    const eml = writeEml(path.join(dir, 'weitergeleitet.eml'), {
      subject: 'WG: Pressemitteilung Spielplätze',
      from: 'Pressestelle <presse@kassel.example>',
      body: 'Hallo zusammen,\n\nanbei die Pressemitteilung mit Anlagen.\n\nViele Grüße\nPresseamt',
      attachments: [docx, odt, pdf, txt, html, xlsx],
    });
    const l = lib();
    const r = await l.services.importer.importPaths([eml]);
    expect(r.failed).toEqual([]);
    expect(r.imported).toHaveLength(6);
    const mail = r.imported[0]!;
    const byName = Object.fromEntries(r.attachments!.map((a) => [a.name, a]));
    expect(Object.keys(byName).sort()).toEqual(['Hintergrund.odt', 'Kosten.xlsx', 'Lageplan.pdf', 'Notiz.txt', 'Pressemitteilung.docx', 'Termine.html']);
    for (const n of ['Hintergrund.odt', 'Lageplan.pdf', 'Notiz.txt', 'Pressemitteilung.docx', 'Termine.html']) {
      expect(byName[n], n).toMatchObject({ status: 'imported', parentId: mail.id, path: eml });
      expect(one(l, "SELECT count(*) FROM links WHERE source_id = ? AND target_id = ? AND kind = 'attachment'", mail.id, byName[n]!.documentId)).toBe(1);
    }
    expect(byName['Kosten.xlsx']).toMatchObject({ status: 'unsupported', code: 'UNSUPPORTED_FORMAT', message: expect.stringContaining('Kosten.xlsx') });
    const release = l.services.documents.get(byName['Pressemitteilung.docx']!.documentId!);
    expect(release).toMatchObject({ title: 'Neue Spielplätze für die Nordstadt', publisher: 'Magistrat der Stadt Kassel', kind: 'press_release', source: 'weitergeleitet.eml › Pressemitteilung.docx' });
    expect(l.services.documents.get(byName['Hintergrund.odt']!.documentId!).title).toBe('Hintergrund zum Spielplatzprogramm');
    expect(l.services.documents.get(byName['Lageplan.pdf']!.documentId!).bodyText).toContain('Die drei Standorte liegen in der Nordstadt.');
    // Each attachment's bytes are its own original; the e-mail keeps the whole message.
    expect(one(l, 'SELECT count(*) FROM originals')).toBe(6);

    // Again: everything is a duplicate, the links stay single.
    const again = await l.services.importer.importPaths([eml]);
    expect(again.imported).toHaveLength(0);
    expect(again.duplicates).toHaveLength(1);
    expect(one(l, "SELECT count(*) FROM links WHERE kind = 'attachment'")).toBe(5);
  });
});

describe('metadata a person would agree with (issue 18 §3)', () => {
  // A letterhead, a headline and a body of five lines, each block apart (as a word processor sets them).
  const layout = (head: string, title: string, body: string[]) => [
    { x: 72, y: 780, text: head },
    { x: 72, y: 740, text: title },
    ...body.map((text, i) => ({ x: 72, y: 700 - i * 14, text })),
  ];
  it('a PDF Info title is the title only when it is a real one; the letterhead above is the publisher', async () => {
    const l = lib();
    const dir = scratch();
    const body = (what: string) => [`Kassel, 3. März 2026 – Die Stadt ${what}`, 'in diesem Jahr, wie der Magistrat', 'am Dienstag mitteilte. Die Arbeiten', 'beginnen im Frühjahr und dauern', 'voraussichtlich bis zum Herbst.'];
    // All lines in one size: the title comes from the Info dictionary or the text, not from the layout.
    fs.writeFileSync(path.join(dir, 'echt.pdf'), writePdf([layout('Stadt Kassel', 'Neue Radwege in der Nordstadt', body('baut zwei neue Radwege'))], { title: 'Neue Radwege in der Nordstadt' }));
    fs.writeFileSync(path.join(dir, 'word.pdf'), writePdf([layout('Stadt Kassel', 'Mehr Bänke am Königsplatz', body('stellt zwölf Bänke auf'))], { title: 'Microsoft Word - pm_baenke_v3_final.docx' }));
    // An Info title whose words are not on the page is a template's, not this text's.
    fs.writeFileSync(path.join(dir, 'fremd.pdf'), writePdf([layout('Stadt Kassel', 'Schulhof wird entsiegelt', body('entsiegelt einen Schulhof'))], { title: 'Vorlage Pressemitteilung Referat 4' }));
    const r = await l.services.importer.importPaths([dir]);
    expect(r.failed).toEqual([]);
    const bySource = (n: string) => l.services.documents.get(one(l, 'SELECT id FROM documents WHERE source = ?', n) as string);
    expect(bySource('echt.pdf')).toMatchObject({ title: 'Neue Radwege in der Nordstadt', publisher: 'Stadt Kassel', kind: 'press_release' });
    expect(bySource('word.pdf')).toMatchObject({ title: 'Mehr Bänke am Königsplatz', publisher: 'Stadt Kassel', kind: 'press_release' });
    expect(bySource('fremd.pdf')).toMatchObject({ title: 'Schulhof wird entsiegelt', publisher: 'Stadt Kassel' });
  });

  it('a speech is a speech and gets no quotes; a text without press signs is a note, never a press release', async () => {
    const l = lib();
    const dir = scratch();
    fs.writeFileSync(
      path.join(dir, 'rede.txt'),
      'Rede zur Eröffnung der Stadtteilbibliothek\n\nSehr geehrte Frau Oberbürgermeisterin,\nliebe Gäste,\n\nals mir meine Großmutter sagte: „Lies, was du kriegen kannst“, sagte sie es ernst, erklärte Oma Anni.\n\nIch danke Ihnen für Ihre Aufmerksamkeit.',
    );
    fs.writeFileSync(path.join(dir, 'notiz.txt'), 'Ideen für den Herbst\n\nLaternenumzug, Kürbisschnitzen, vielleicht ein Flohmarkt im Hof.');
    const r = await l.services.importer.importPaths([dir]);
    const speech = r.imported.find((d) => d.title === 'Rede zur Eröffnung der Stadtteilbibliothek')!;
    expect(speech.kind).toBe('speech');
    expect(l.services.quotes.list({ documentId: speech.id })).toEqual([]);
    expect(r.imported.find((d) => d.title === 'Ideen für den Herbst')!.kind).toBe('note');
  });
});

describe('JSONL: duplicates by identity, updates by identity (issue 18 §7)', () => {
  const rec = (id: string, text: string) => ({ id, title: `Meldung ${id}`, text, collection: 'Archiv', date: '2026-01-05' });
  it('re-serialised records are duplicates (same id); a changed text updates the same document; the report says which', async () => {
    const l = lib();
    const dir = scratch();
    const a = path.join(dir, 'a.jsonl');
    fs.writeFileSync(a, `${[rec('1', 'Der Quartiersbeirat tagt am Montag.'), rec('2', 'Die Sprechstunde fällt aus.')].map((r) => JSON.stringify(r)).join('\n')}\n`);
    const first = await l.services.importer.importPaths([a]);
    expect(first.imported).toHaveLength(2);
    const id2 = first.imported.find((d) => d.externalId === '2')!.id;
    // Other whitespace, key order and escaping: other bytes, the same records — and record 2 changed.
    const b = path.join(dir, 'b.jsonl');
    const reserialised = JSON.stringify(rec('1', 'Der Quartiersbeirat tagt am Montag.'), null, 0).replace('ü', '\\u00fc').replace('"text":', '"text" :');
    fs.writeFileSync(b, `${reserialised}\r\n${JSON.stringify({ ...rec('2', 'Die Sprechstunde findet doch statt.'), collection: 'Archiv' })}\n`);
    const second = await l.services.importer.importPaths([b]);
    expect(second.failed).toEqual([]);
    expect(second.imported).toEqual([]);
    expect(second.duplicates).toEqual([expect.objectContaining({ externalId: '1', reason: 'same-id', line: 1, path: b })]);
    expect(second.updated).toEqual([expect.objectContaining({ id: id2, externalId: '2', line: 2, path: b })]);
    expect(l.services.documents.get(id2).bodyText).toBe('Die Sprechstunde findet doch statt.');
    expect(one(l, 'SELECT count(*) FROM documents')).toBe(2);
    // The replaced record's line is gone with it; the new line is the original.
    expect(one(l, 'SELECT count(*) FROM originals')).toBe(2);
    // The same id in another collection is another record.
    const c = path.join(dir, 'c.jsonl');
    fs.writeFileSync(c, `${JSON.stringify({ ...rec('1', 'Der Quartiersbeirat tagt am Montag.'), collection: 'Andere' })}\n`);
    expect((await l.services.importer.importPaths([c])).imported).toHaveLength(1);
  });

  it('the same id twice in one file: the same text is a duplicate, another text updates the first', async () => {
    const l = lib();
    const f = path.join(l.dir, 'doppelt.jsonl');
    fs.writeFileSync(f, `${[rec('7', 'Erste Fassung.'), rec('7', 'Erste Fassung.'), rec('7', 'Zweite Fassung.')].map((r, i) => JSON.stringify(r) + ' '.repeat(i)).join('\n')}\n`);
    const r = await l.services.importer.importPaths([f]);
    expect(r.imported).toHaveLength(1);
    expect(r.duplicates).toEqual([expect.objectContaining({ externalId: '7', reason: 'same-id', line: 2 })]);
    expect(r.updated).toEqual([expect.objectContaining({ id: r.imported[0]!.id, line: 3 })]);
    expect(l.services.documents.get(r.imported[0]!.id).bodyText).toBe('Zweite Fassung.');
  });

  it('an oversized last line without newline is reported (TOO_LARGE), not dropped silently (issue 17)', async () => {
    const l = lib();
    l.services.close();
    l.services = createServices(
      { paths: { resourcesDir: path.join(REPO_ROOT, 'resources'), backupsDir: l.dir }, events: l.events, clock: { now: () => new Date() }, logger: silentLogger },
      { dbPath: l.dbPath, importer: { maxLineBytes: 1000 } },
    );
    const f = path.join(l.dir, 'lang.jsonl');
    fs.writeFileSync(f, `${JSON.stringify(rec('1', 'kurz und gut'))}\n${JSON.stringify(rec('2', 'x'.repeat(5000)))}`);
    const r = await l.services.importer.importPaths([f]);
    expect(r.imported).toHaveLength(1);
    expect(r.failed).toEqual([expect.objectContaining({ path: f, code: 'TOO_LARGE', line: 2, reason: 'too-large' })]);
  });
});

describe('duplicates impossible by construction (issue 17 §4)', () => {
  it('two concurrent imports of the same files, through two connections, give one copy each', async () => {
    const l = lib();
    const dir = scratch();
    for (let i = 0; i < 40; i++) fs.writeFileSync(path.join(dir, `m${String(i).padStart(2, '0')}.txt`), `Meldung ${i}\n\nDer Text der Meldung Nummer ${i} für den Test.`);
    const other = createServices(
      { paths: { resourcesDir: path.join(REPO_ROOT, 'resources'), backupsDir: l.dir }, events: l.events, clock: { now: () => new Date() }, logger: silentLogger },
      { dbPath: l.dbPath, importer: { batchSize: 7 } },
    );
    try {
      const [a, b, c] = await Promise.all([l.services.importer.importPaths([dir]), other.importer.importPaths([dir]), l.services.importer.importPaths([dir])]);
      expect(one(l, 'SELECT count(*) FROM documents')).toBe(40);
      expect(a.imported.length + b.imported.length + c.imported.length).toBe(40);
      expect(a.duplicates.length + b.duplicates.length + c.duplicates.length).toBe(80);
      expect([...a.failed, ...b.failed, ...c.failed]).toEqual([]);
    } finally {
      other.close();
    }
  });

  it('two CLI processes importing the same folder at once give one copy (the case of issue 17: 2,056 duplicates)', async () => {
    const dir = scratch();
    const src = path.join(dir, 'quelle');
    fs.mkdirSync(src);
    for (let i = 0; i < 60; i++) fs.writeFileSync(path.join(src, `r${i}.txt`), `Rede ${i}\n\nMeine Damen und Herren, dies ist Rede Nummer ${i}.`);
    fs.writeFileSync(path.join(src, 'archiv.jsonl'), `${Array.from({ length: 200 }, (_, i) => JSON.stringify({ id: `a-${i}`, text: `Datensatz ${i} mit Text.`, collection: 'Archiv' })).join('\n')}\n`);
    const db = path.join(dir, 'lib.sqlite');
    const bin = path.join(REPO_ROOT, 'bin', 'quartierswissen.mjs');
    // The library exists before both start (as it would in use).
    openDatabase(db).db.close();
    const run = () =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn(process.execPath, [bin, '--db', db, 'import', src, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
        let out = '';
        child.stdout.on('data', (c: Buffer) => (out += c.toString('utf8')));
        child.on('close', (code) => resolve({ code, out }));
      });
    const [a, b] = await Promise.all([run(), run()]);
    const reports = [a, b].map((r) => JSON.parse(r.out) as { imported: unknown[]; duplicates: unknown[]; failed: unknown[] });
    expect(reports.flatMap((r) => r.failed)).toEqual([]);
    expect(reports[0]!.imported.length + reports[1]!.imported.length).toBe(260);
    expect(reports[0]!.duplicates.length + reports[1]!.duplicates.length).toBe(260);
    const check = new Database(db, { readonly: true });
    try {
      expect(check.prepare('SELECT count(*) FROM documents').pluck().get()).toBe(260);
    } finally {
      check.close();
    }
  }, 120_000);

  it('migration 0006 merges existing duplicates into the oldest, keeping corrected quotes, corrections and links', async () => {
    const l = lib();
    const f = path.join(l.dir, 'meldung.txt');
    fs.writeFileSync(f, 'Stadt Kassel\n\nNeuer Treffpunkt im Quartier\n\nKassel, 3. März 2026 – Der Treffpunkt öffnet.\n\n„Wir freuen uns auf alle Nachbarn“, sagte Stadträtin Eva Roth.');
    const r = await l.services.importer.importPaths([f]);
    const keep = r.imported[0]!.id;
    const other = l.services.documents.create({ kind: 'note', title: 'Zitiert die Meldung', bodyText: 'Siehe Meldung.' });
    l.services.close();
    // Back to a v5 library holding a second copy (as two concurrent imports made them before).
    const db = new Database(l.dbPath);
    db.exec('DROP INDEX documents_import_unique; DROP INDEX documents_external_unique; ALTER TABLE documents DROP COLUMN text_source;');
    // …and without what came after 0006 (0007: trash, pins, recently opened).
    db.exec('DROP INDEX documents_trashed; DROP INDEX documents_pinned; DROP INDEX documents_opened; DROP INDEX documents_live_kind;');
    for (const col of ['trashed_at', 'pinned_at', 'opened_at']) db.exec(`ALTER TABLE documents DROP COLUMN ${col}`);
    db.prepare("INSERT INTO documents SELECT 'dup-1', kind, title, sort_title, date, source, source_url, place, publisher, language, status, external_id, collection, content_json, body_text, body_html, original_sha256, '2099-01-01T00:00:00.000Z', updated_at, import_sha256 FROM documents WHERE id = ?").run(keep);
    db.prepare("INSERT INTO quotes (id, document_id, person_id, organisation_id, role, text, position, said_on, corrected, created_at, source_key) SELECT 'dq-1', 'dup-1', person_id, organisation_id, 'Bürgermeisterin', text, position, said_on, 1, created_at, source_key FROM quotes WHERE document_id = ?").run(keep);
    db.prepare("INSERT INTO links (source_id, target_id, kind, created_at) VALUES (?, 'dup-1', 'cites', '2026-01-01')").run(other.id);
    db.pragma('user_version = 5');
    db.close();
    const opened = openDatabase(l.dbPath, { backupsDir: path.join(l.dir, 'Sicherungen') });
    try {
      expect(opened.migrated).toEqual([6, 7]);
      const q = (sql: string, ...a: unknown[]) => opened.db.prepare(sql).pluck().get(...a);
      expect(q('SELECT count(*) FROM documents WHERE title = ?', 'Neuer Treffpunkt im Quartier')).toBe(1);
      expect(q('SELECT id FROM documents WHERE title = ?', 'Neuer Treffpunkt im Quartier')).toBe(keep);
      expect(q("SELECT target_id FROM links WHERE source_id = ? AND kind = 'cites'", other.id)).toBe(keep);
      expect(opened.db.prepare('SELECT role, corrected FROM quotes WHERE document_id = ?').all(keep)).toEqual([{ role: 'Bürgermeisterin', corrected: 1 }]);
      expect(opened.db.pragma('foreign_key_check')).toEqual([]);
      expect(() => opened.db.prepare("INSERT INTO documents SELECT 'dup-2', kind, title, sort_title, date, source, source_url, place, publisher, language, status, external_id, collection, content_json, body_text, body_html, original_sha256, created_at, updated_at, import_sha256, text_source, NULL, NULL, NULL FROM documents WHERE id = ?").run(keep)).toThrow(/UNIQUE/u);
    } finally {
      opened.db.close();
    }
  });
});

describe('clear errors: each names the file, its reason and what to do (issue 18 §8)', () => {
  const hasQpdf = (() => {
    try {
      execFileSync('qpdf', ['--version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  it('image-only PDF, broken .doc, renamed .odt, empty file, unknown format, truncated PDF', async () => {
    const l = lib();
    const dir = scratch();
    const put = (n: string, b: Buffer | string) => {
      fs.writeFileSync(path.join(dir, n), b);
      return path.join(dir, n);
    };
    put('scan.pdf', writePdf([[]]));
    put('alt.doc', Buffer.from('Das ist kein Word-Dokument, nur Text mit falscher Endung.'.repeat(20)));
    put('kaputt.odt', Buffer.from('PK\x03\x04 abgeschnitten'));
    put('leer.rtf', '');
    put('tabelle.xlsx', 'x');
    const full = writePdf([[{ x: 72, y: 700, text: 'Text' }]]);
    put('halb.pdf', full.subarray(0, full.length - 100));
    if (hasQpdf) execFileSync('qpdf', ['--encrypt', 'a', 'b', '256', '--', put('offen.pdf', full), path.join(dir, 'geheim.pdf')]);
    const r = await l.services.importer.importPaths([dir]);
    const by = Object.fromEntries(r.failed.map((f) => [path.basename(f.path), f]));
    // A page with neither text nor an image: no text (a real scan is read by OCR, tests/integration/import/pdfOcr*).
    expect(by['scan.pdf']).toMatchObject({ code: 'INVALID_FILE', reason: 'no-text', message: expect.stringMatching(/scan\.pdf/su) });
    expect(by['alt.doc']).toMatchObject({ code: 'INVALID_FILE', reason: 'not-this-format' });
    expect(by['kaputt.odt']).toMatchObject({ code: 'INVALID_FILE' });
    expect(by['leer.rtf']).toMatchObject({ code: 'INVALID_FILE', reason: 'empty-file' });
    expect(by['tabelle.xlsx']).toMatchObject({ code: 'UNSUPPORTED_FORMAT', reason: 'unsupported-format' });
    expect(by['halb.pdf']).toMatchObject({ code: 'INVALID_FILE', reason: 'truncated', message: expect.stringContaining('Bitte') });
    if (hasQpdf) expect(by['geheim.pdf']).toMatchObject({ code: 'INVALID_FILE', reason: 'encrypted', message: expect.stringMatching(/geheim\.pdf.*Bitte/su) });
    for (const f of r.failed) expect(f.message, f.path).toContain(path.basename(f.path));
    expect(one(l, 'SELECT count(*) FROM documents')).toBe(hasQpdf ? 1 : 0);
  });
});
