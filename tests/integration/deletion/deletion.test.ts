import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { Services } from '../../../electron/services/createServices';
import { Segment } from '../../../electron/services/search/Segment';
import { tempDir } from '../../support/testLibrary';
import { libraryFiles, marker, openServices, scanFiles } from './deletionKit';

/**
 * Issue 7, promise 7 ("deletion means deletion"), on the library side: after a document is
 * deleted, a unique marker from it is in none of the bytes of the library file, its -wal and
 * -shm, nor in the search index; search finds nothing; the rest of the library is intact.
 */

let services: Services | null = null;
let dir: string | null = null;
afterEach(() => {
  services?.close();
  services = null;
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = null;
});

const ids = (r: { hits: { id: string }[] }) => r.hits.map((h) => h.id).sort();

/** Every stored search segment, decoded: its terms, document ids and compound vocabulary. */
function storedSegments(db: Database.Database): { level: string; terms: string[]; refs: string[]; vocabulary: string[]; bytes: Buffer }[] {
  const rows = db.prepare('SELECT level, data FROM search_segments ORDER BY id').all() as { level: string; data: Buffer }[];
  return rows.map((r) => {
    const seg = Segment.deserialize(r.data);
    return { level: r.level, terms: seg.terms, refs: seg.refs, vocabulary: seg.vocabulary ? seg.vocabulary.toJSON().words.map(([w]) => w) : [], bytes: r.data };
  });
}

describe('deleting a document removes every trace of it from the library', () => {
  it('imported, drafted, quoted, tagged, cited and dossier-copied text is gone from the file, the WAL and the index', { timeout: 60_000 }, async () => {
    dir = tempDir('qw-loeschen-');
    const dbPath = path.join(dir, 'bibliothek.sqlite');
    const s = (services = openServices(dbPath));
    const m = { press: marker(), html: marker(), shared: marker(), draft: marker(), tag: marker(), fix: marker(), dossier: marker() };
    const all = Object.values(m);

    // An imported press release (txt) with a quote, and an HTML page: both keep their originals.
    const src = path.join(dir, 'quellen');
    fs.mkdirSync(src);
    fs.writeFileSync(
      path.join(src, 'pressemitteilung.txt'),
      `Stadt Gießen\n\nPressemitteilung\n\nNeuer Treffpunkt im Quartier\n\nGießen, 3. März 2025 – Das Projekt ${m.press} startet im Frühjahr. ` +
        `Auch ${m.shared} gehört dazu.\n\n„Mit ${m.press} bekommt die Weststadt einen Ort für alle“, sagte Oberbürgermeisterin Katrin Jung.\n\nSchlagworte: Treffpunkt\n`,
    );
    fs.writeFileSync(
      path.join(src, 'seite.html'),
      `<!doctype html><html><head><title>Bericht Nachbarschaft</title></head><body><h1>Bericht Nachbarschaft</h1>` +
        `<p>Der Arbeitskreis ${m.html} tagte im Stadtteilbüro; ${m.shared} war Thema.</p></body></html>`,
    );
    const report = await s.importer.importPaths([path.join(src, 'pressemitteilung.txt'), path.join(src, 'seite.html')]);
    expect(report.failed).toEqual([]);
    expect(report.imported).toHaveLength(2);
    const press = s.documents.get(report.imported.find((i) => i.kind === 'press_release')!.id);
    const html = s.documents.get(report.imported.find((i) => i.id !== press.id)!.id);
    expect(press.originalSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(html.originalSha256).toMatch(/^[0-9a-f]{64}$/);
    s.documents.update(press.id, { tags: [...press.tags, m.tag] });
    const quotes = s.quotes.list({ documentId: press.id });
    expect(quotes.length).toBeGreaterThan(0);
    // A correction is remembered for a re-import of the same original: it holds the words too.
    s.quotes.update({ id: quotes[0]!.id, text: `Mit ${m.press} und ${m.fix} bekommt die Weststadt einen Ort für alle` });
    expect((s.db.prepare('SELECT count(*) FROM quote_corrections').pluck().get() as number)).toBe(1);

    // A draft with several Yjs updates and a Fassung.
    const drafts = s.collab.drafts;
    const draft = drafts.createDraft({ title: 'Leitbild Nachbarschaft', kind: 'note', template: 'empty' });
    drafts.appendParagraph(draft.id, `Erster Gedanke: ${m.draft} als Arbeitstitel.`);
    drafts.appendParagraph(draft.id, 'Zweiter Absatz ohne Besonderes.');
    drafts.appendParagraph(draft.id, `Dritter Absatz, wieder ${m.draft}.`);
    s.collab.versions.create(draft.id, 'Fassung 1');
    drafts.appendParagraph(draft.id, 'Nach der Fassung.');
    drafts.flushText(draft.id);
    expect(s.collab.drafts.log.count(draft.id)).toBeGreaterThanOrEqual(4);

    // What stays: a document citing the press release (its own words and the citation label).
    const kept = s.documents.create({
      kind: 'note',
      title: 'Notiz Zeppelinbrunnen',
      content: {
        type: 'doc',
        content: [
          {
            type: 'paragraph',
            content: [
              { type: 'text', text: 'Der Zeppelinbrunnen wird saniert, siehe ' },
              { type: 'citation', attrs: { documentId: press.id, kind: 'press_release', speaker: 'Katrin Jung', title: 'Neuer Treffpunkt im Quartier', date: '2025-03-03' } },
            ],
          },
        ],
      },
      tags: ['Treffpunkt'],
    });
    s.db.prepare("INSERT INTO links (source_id, target_id, kind, created_at) VALUES (?, ?, 'cites', ?)").run(kept.id, press.id, new Date().toISOString());
    // A committee session with the press release on its agenda, and two saved dossiers.
    const session = s.sessions.create({ title: 'Ausschuss Soziales' });
    const item = s.sessions.addItem(session.id, { title: 'Treffpunkt Weststadt' });
    s.sessions.attachDocument(item.id, press.id);
    s.sessions.attachDocument(item.id, kept.id);
    const printDoc = (d: { id: string; title: string }, text: string) => ({
      id: d.id, kind: 'note', title: d.title, date: null, status: 'final', source: null, publisher: null, place: null,
      updatedAt: new Date().toISOString(), content: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] }, quotes: [],
    });
    const model = (documents: unknown[]) => ({
      format: 'quartierswissen.dossier', version: 1,
      model: { kind: 'documents', title: 'Mappe', committee: null, date: null, place: null, status: 'final', watermark: false, landscape: false,
        author: 'Test', generatedAt: new Date().toISOString(), sessionId: null, agenda: [], documents },
    });
    const insertDossier = s.db.prepare('INSERT INTO dossiers (id, session_id, manifest, created_at) VALUES (?, NULL, ?, ?)');
    const both = randomUUID();
    const only = randomUUID();
    insertDossier.run(both, JSON.stringify(model([printDoc(press, `Abgedruckt: ${m.dossier}`), printDoc(kept, 'Der Zeppelinbrunnen')])), new Date().toISOString());
    insertDossier.run(only, JSON.stringify(model([printDoc(press, `Allein: ${m.dossier}`)])), new Date().toISOString());

    // Indexed and merged into the stored base segment (a deleted document must leave the base too).
    await s.search.whenIdle();
    await s.search.merge();
    await s.search.whenIdle();
    for (const word of [m.press, m.html, m.draft, m.tag]) expect((await s.search.query({ q: word })).total, word).toBe(1);
    expect(ids(await s.search.query({ q: m.shared }))).toEqual([press.id, html.id].sort());
    expect(ids(await s.search.query({ q: 'Zeppelinbrunnen' }))).toEqual([kept.id]);

    // Negative control: before deletion the scan finds every marker, in the files and in the index.
    const before = scanFiles(libraryFiles(dbPath), all);
    expect([...before.keys()].sort(), 'the raw scan sees the markers before deletion').toEqual([...all].sort());
    const segBefore = storedSegments(s.db);
    const base = segBefore.find((g) => g.level === 'base')!;
    for (const word of [m.press, m.html, m.draft, m.tag]) expect(base.terms, word).toContain(word.toLowerCase());
    expect(base.vocabulary, 'a word of two documents is a compound part').toContain(m.shared.toLowerCase());
    expect(base.refs).toEqual(expect.arrayContaining([press.id, html.id, draft.id]));

    // Delete the three documents.
    expect(drafts.isLoaded(draft.id)).toBe(true);
    s.documents.delete(press.id);
    s.documents.delete(html.id);
    s.documents.delete(draft.id);
    expect(drafts.isLoaded(draft.id), 'a deleted draft leaves memory').toBe(false);
    const stats = await s.search.whenPurged();
    expect(stats.pendingPurges).toBe(0);
    expect(stats.counters.purges).toBeGreaterThanOrEqual(1);
    expect(s.search.status().pendingPurges).toBe(0);

    // Search finds nothing of them.
    for (const word of all) expect((await s.search.query({ q: word })).total, word).toBe(0);
    expect((await s.search.quotes({ q: m.press })).total).toBe(0);

    // The raw bytes: nothing, while the app still runs …
    expect(Object.fromEntries(scanFiles(libraryFiles(dbPath), all))).toEqual({});
    expect(fs.statSync(`${dbPath}-wal`).size, 'the -wal file was truncated').toBe(0);
    // … and in the decoded index: no term, no vocabulary word, no document id of theirs.
    for (const g of storedSegments(s.db)) {
      for (const word of all) {
        expect(g.terms, word).not.toContain(word.toLowerCase());
        expect(g.vocabulary, word).not.toContain(word.toLowerCase());
      }
      expect(g.refs).not.toContain(press.id);
      expect(g.refs).not.toContain(draft.id);
    }
    expect(s.db.prepare('SELECT count(*) FROM search_tombstones WHERE document_id IN (?, ?, ?)').pluck().get(press.id, html.id, draft.id)).toBe(0);

    // Derived rows are gone; shared ones (the tag "Treffpunkt", the kept document's links) stay.
    const count = (sql: string, ...args: unknown[]) => s.db.prepare(sql).pluck().get(...args) as number;
    expect(count('SELECT count(*) FROM originals WHERE sha256 IN (?, ?)', press.originalSha256, html.originalSha256)).toBe(0);
    expect(count('SELECT count(*) FROM yjs_updates WHERE document_id = ?', draft.id)).toBe(0);
    expect(count('SELECT count(*) FROM versions WHERE document_id = ?', draft.id)).toBe(0);
    expect(count('SELECT count(*) FROM collab_state WHERE document_id = ?', draft.id)).toBe(0);
    expect(count('SELECT count(*) FROM quotes WHERE document_id = ?', press.id)).toBe(0);
    expect(count('SELECT count(*) FROM quote_corrections')).toBe(0);
    expect(count('SELECT count(*) FROM links')).toBe(0);
    expect(count('SELECT count(*) FROM tags WHERE name = ?', m.tag)).toBe(0);
    expect(count("SELECT count(*) FROM tags WHERE name = 'Treffpunkt'")).toBe(1);
    expect(count("SELECT count(*) FROM people WHERE name LIKE '%Jung%'"), 'a speaker known only from it').toBe(0);
    expect(s.sessions.get(session.id).items[0]!.documents.map((d) => d.id)).toEqual([kept.id]);
    expect(count('SELECT count(*) FROM dossiers WHERE id = ?', only)).toBe(0);
    const manifest = JSON.parse(s.db.prepare('SELECT manifest FROM dossiers WHERE id = ?').pluck().get(both) as string) as { model: { documents: { id: string }[] } };
    expect(manifest.model.documents.map((d) => d.id)).toEqual([kept.id]);

    // The rest is intact: the citing note keeps its words and its citation label.
    const k = s.documents.get(kept.id);
    expect(k.bodyText).toContain('Zeppelinbrunnen');
    expect(JSON.stringify(k.content)).toContain('Neuer Treffpunkt im Quartier');
    expect(ids(await s.search.query({ q: 'Zeppelinbrunnen' }))).toEqual([kept.id]);
    expect(s.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(s.db.pragma('foreign_key_check')).toEqual([]);

    // After a restart: still nothing, and the index loads without a rebuild.
    services.close();
    expect(Object.fromEntries(scanFiles(libraryFiles(dbPath), all))).toEqual({});
    const s2 = (services = openServices(dbPath));
    const after = await s2.search.whenPurged();
    expect(after.counters.fullBuilds).toBe(0);
    expect(ids(await s2.search.query({ q: 'Zeppelinbrunnen' }))).toEqual([kept.id]);
    expect((await s2.search.query({ q: m.press })).total).toBe(0);
  });

  it('a document from a JSONL archive (plain and gzip) takes its words with it; its neighbours keep theirs', { timeout: 30_000 }, async () => {
    dir = tempDir('qw-loeschen-jsonl-');
    const dbPath = path.join(dir, 'bibliothek.sqlite');
    const s = (services = openServices(dbPath));
    const gone = { plain: marker(), gz: marker() };
    const stay = { plain: marker(), gz: marker() };
    const record = (id: string, word: string) =>
      JSON.stringify({ id, title: `Rede ${id}`, speaker: 'Dr. Anna Beispiel', text: `Meine Damen und Herren, heute geht es um ${word} im Quartier.`, date: null, place: null, source_url: null, collection: 'Archiv' });
    const plain = path.join(dir, 'reden.jsonl');
    fs.writeFileSync(plain, `${record('r1', gone.plain)}\n${record('r2', stay.plain)}\n`);
    const gz = path.join(dir, 'archiv.jsonl.gz');
    fs.writeFileSync(gz, zlib.gzipSync(`${record('a1', gone.gz)}\n${record('a2', stay.gz)}\n`));
    const report = await s.importer.importPaths([plain, gz]);
    expect(report.failed).toEqual([]);
    expect(report.imported.map((d) => d.externalId).sort()).toEqual(['a1', 'a2', 'r1', 'r2']);
    const byExternal = new Map(report.imported.map((d) => [d.externalId, d.id]));
    await s.search.whenIdle();
    await s.search.merge();

    /** Every stored original, decompressed where it is gzip: which markers it holds. */
    const inOriginals = (words: string[]) => {
      const blobs = s.db.prepare('SELECT bytes FROM originals').pluck().all() as Buffer[];
      return words.filter((w) => blobs.some((b) => (b[0] === 0x1f && b[1] === 0x8b ? zlib.gunzipSync(b) : b).includes(w)));
    };
    const all = [...Object.values(gone), ...Object.values(stay)];
    expect(inOriginals(all).sort(), 'negative control: the originals hold every record').toEqual([...all].sort());
    expect([...scanFiles(libraryFiles(dbPath), [gone.plain]).keys()]).toEqual([gone.plain]);

    s.documents.delete(byExternal.get('r1')!);
    s.documents.delete(byExternal.get('a1')!);
    await s.search.whenPurged();

    const goneWords = Object.values(gone);
    const stayWords = Object.values(stay);
    expect(Object.fromEntries(scanFiles(libraryFiles(dbPath), goneWords))).toEqual({});
    expect(inOriginals(goneWords)).toEqual([]);
    for (const w of goneWords) expect((await s.search.query({ q: w })).total, w).toBe(0);
    // The neighbours from the same files keep their documents, originals and search hits.
    expect(inOriginals(stayWords).sort()).toEqual([...stayWords].sort());
    for (const w of stayWords) expect((await s.search.query({ q: w })).total, w).toBe(1);
    // Importing the archives again brings back exactly the deleted records.
    const again = await s.importer.importPaths([plain, gz]);
    expect(again.imported.map((d) => d.externalId).sort()).toEqual(['a1', 'r1']);
    expect(again.duplicates).toHaveLength(2);
  });

  it('an index written before purging existed is cleaned when the search starts (deleted while only tombstoned)', { timeout: 30_000 }, async () => {
    dir = tempDir('qw-loeschen-alt-');
    const dbPath = path.join(dir, 'bibliothek.sqlite');
    const word = marker();
    let s = (services = openServices(dbPath));
    const gone = s.documents.create({ kind: 'note', title: 'Alte Notiz', bodyText: `Vertraulich: ${word}.` });
    const stays = s.documents.create({ kind: 'note', title: 'Andere Notiz', bodyText: 'Der Zeppelinbrunnen bleibt.' });
    await s.search.whenIdle();
    await s.search.merge();
    s.close();
    // As an older version deleted: the row goes, the base segment keeps the document behind a tombstone.
    const db = new Database(dbPath);
    db.pragma('secure_delete = ON');
    db.prepare('DELETE FROM documents WHERE id = ?').run(gone.id);
    const baseId = db.prepare("SELECT id FROM search_segments WHERE level = 'base'").pluck().get() as number;
    db.prepare('INSERT INTO search_tombstones (segment_id, document_id) VALUES (?, ?)').run(baseId, gone.id);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    expect(scanFiles(libraryFiles(dbPath), [word]).size, 'the old index still holds the word').toBe(1);

    s = services = openServices(dbPath);
    const st = await s.search.whenPurged();
    expect(st.counters.purges).toBe(1);
    expect(st.counters.fullBuilds).toBe(0);
    expect(Object.fromEntries(scanFiles(libraryFiles(dbPath), [word]))).toEqual({});
    expect(ids(await s.search.query({ q: 'Zeppelinbrunnen' }))).toEqual([stays.id]);
    expect(s.db.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
