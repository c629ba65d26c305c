import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { useImmediateTransactions } from '../../../electron/services/db/immediateTransactions';
import { prepared, preparedCount } from '../../../electron/services/db/prepared';
import { SearchEngine } from '../../../electron/services/search/SearchEngine';
import { DRAFT_FRAGMENT } from '../../../shared/editor/draftExtensions';
import type { DocumentKind } from '../../../shared/domain/document';
import { openTestLibrary, tempDir, type TestLibrary } from '../../support/testLibrary';

/**
 * better-sqlite3 keeps every statement it prepared until the connection closes (not even gc frees
 * one), so a `db.prepare` on a path that runs per document, keystroke, query or flush is a native
 * memory leak. These tests count the statements compiled on the real connections — the library
 * connection of createServices and a search engine's own connection, as the worker has it — over
 * the same workload at two sizes: the larger one must compile (almost) nothing new.
 */

interface Counter {
  prepares: number;
  pragmas: number;
  sql: string[];
}

/** Counts `db.prepare` and `db.pragma` (which compiles a statement natively on every call). */
function countStatements(db: Database.Database): Counter {
  const counter: Counter = { prepares: 0, pragmas: 0, sql: [] };
  const prepare = db.prepare.bind(db);
  const pragma = db.pragma.bind(db);
  Object.defineProperty(db, 'prepare', {
    configurable: true,
    writable: true,
    value: (sql: string) => {
      counter.prepares++;
      counter.sql.push(sql);
      return prepare(sql);
    },
  });
  Object.defineProperty(db, 'pragma', {
    configurable: true,
    writable: true,
    value: (source: string, options?: { simple?: boolean }) => {
      counter.pragmas++;
      counter.sql.push(`PRAGMA ${source}`);
      return pragma(source, options);
    },
  });
  return counter;
}

/** Failure message: how many, and which SQL texts (shortened, each once). */
function describeNew(connection: string, sql: string[]): string {
  const distinct = [...new Set(sql)].slice(0, 15).map((t) => `  ${t.replace(/\s+/g, ' ').slice(0, 140)}`);
  return `${sql.length} statements compiled on the ${connection} connection in the 10× round, e.g.:\n${distinct.join('\n')}\n`;
}

const snapshot = (c: Counter) => ({ prepares: c.prepares, pragmas: c.pragmas, at: c.sql.length });

const KINDS: DocumentKind[] = ['press_release', 'speech', 'statement', 'protocol'];

let lib: TestLibrary | null = null;
let workerDb: Database.Database | null = null;
let engine: SearchEngine | null = null;
afterEach(() => {
  engine?.close();
  engine = null;
  workerDb?.close();
  workerDb = null;
  lib?.dispose();
  lib = null;
});

describe('statements are compiled once per connection, not per call', () => {
  it('a 10× larger workload (documents, drafts, quotes, sessions, import, deletes, search) compiles no more statements', async () => {
    lib = openTestLibrary();
    const s = lib.services;
    const main = countStatements(s.db);

    // The search worker's connection, opened as searchWorker.ts opens it; the engine runs here so
    // its connection can be counted (the worker thread's cannot). Search is never started on the
    // services, so this engine is the only index writer.
    workerDb = new Database(lib.dbPath, { fileMustExist: true });
    workerDb.pragma('busy_timeout = 10000');
    workerDb.pragma('foreign_keys = ON');
    workerDb.pragma('synchronous = FULL');
    workerDb.pragma('secure_delete = ON');
    useImmediateTransactions(workerDb);
    const worker = countStatements(workerDb);
    engine = new SearchEngine(workerDb, { debounceMs: 60_000, idleMergeMs: 600_000, mergeMinDocs: 1_000_000, checkpointRetryMs: 60_000 });
    await engine.ready();
    const search = engine;

    const importDir = tempDir('qw-reuse-import-');
    let round = 0;

    async function workload(n: number): Promise<void> {
      round++;
      const ids: string[] = [];
      const flushIndex = (changed: string[]) => {
        search.notify(changed);
        search.flushNow();
      };
      // Documents: create, read, update (metadata and text), list, count.
      for (let i = 0; i < n; i++) {
        const d = s.documents.create({
          kind: KINDS[i % KINDS.length]!,
          title: `Runde ${round} Dokument ${i}`,
          date: `2024-0${(i % 9) + 1}-1${i % 10}`,
          bodyText: `Die Quartiersentwicklung im Nordend, Abschnitt ${i}: Mieten, Jugendhaus und Stadtteilbeirat.`,
          tags: [`Thema ${i % 5}`, 'Quartier'],
        });
        ids.push(d.id);
        s.documents.get(d.id);
        s.documents.update(d.id, { status: 'final', title: `Runde ${round} Dokument ${i} (geprüft)` });
        s.documents.update(d.id, { date: '2024-12-01', tags: [`Thema ${(i + 1) % 5}`] });
        s.documents.get(d.id);
        if (i % 10 === 9) {
          s.documents.list({});
          s.documents.list({ kind: 'speech', sort: 'title', order: 'asc' });
          s.documents.list({ kinds: KINDS.slice(0, 1 + (i % 3)), tag: 'Quartier', offset: i });
          s.documents.list({ dateFrom: '2024-01-01', dateTo: '2024-12-31', sort: 'updated' });
          s.documents.countByKind();
          flushIndex(ids.slice(i - 9, i + 1));
        }
      }

      // Quotes on the press releases, listed and corrected.
      const quoteIds: string[] = [];
      s.db.transaction(() => {
        ids.forEach((documentId, i) => {
          if (i % KINDS.length !== 0) return;
          quoteIds.push(
            s.quotes.insert(
              { documentId, text: `Das Quartier ${i} braucht bezahlbare Wohnungen.`, speaker: `Dr. Person ${i % 7}`, honorific: 'Dr.', role: 'Stadträtin', organisation: 'Stadtteilbeirat', position: 0, saidOn: null },
              null,
            ),
          );
        });
      })();
      for (const [i, id] of quoteIds.entries()) {
        s.quotes.get(id);
        s.quotes.list({ documentId: s.quotes.get(id).documentId });
        s.quotes.update({ id, text: `Das Quartier ${i} braucht mehr bezahlbare Wohnungen.` });
        if (i % 5 === 0) s.quotes.list({ speaker: 'Person' });
      }
      s.people.listPeople('Person');
      s.people.listOrganisations();

      // A committee session with agenda items and documents.
      const session = s.sessions.create({ title: `Sitzung ${round}`, date: '2024-05-01' });
      const items: string[] = [];
      for (let i = 0; i < Math.max(2, n / 10); i++) {
        const item = s.sessions.addItem(session.id, { title: `TOP ${i + 1}` });
        items.push(item.id);
        s.sessions.attachDocument(item.id, ids[i]!);
        s.sessions.updateItem(item.id, { description: `Beratung ${i}` });
      }
      s.sessions.reorderItems(session.id, [...items].reverse());
      s.sessions.update(session.id, { place: 'Rathaus' });
      s.sessions.get(session.id);
      s.sessions.list();
      s.sessions.detachDocument(items[0]!, ids[0]!);
      s.sessions.removeItem(items[1]!);
      s.sessions.delete(session.id);

      // A draft typed into key by key through the collab update path, as the editor sends it.
      const drafts = s.collab.drafts;
      const draftId = drafts.createDraft({ title: `Entwurf ${round}`, kind: 'note', template: 'empty' }).id;
      const editor = new Y.Doc();
      Y.applyUpdate(editor, drafts.stateAsUpdate(draftId));
      editor.on('update', (u: Uint8Array) => drafts.applyUpdate(draftId, u, { source: 'editor', clientId: 'fenster-1' }));
      const text = new Y.XmlText();
      (editor.getXmlFragment(DRAFT_FRAGMENT).get(0) as Y.XmlElement).insert(0, [text]);
      for (let i = 0; i < n; i++) {
        text.insert(text.length, i % 7 === 6 ? ' ' : 'a');
        if (i % 50 === 49) {
          drafts.flushText(draftId);
          drafts.pendingAll();
        }
      }
      drafts.flushText(draftId);
      s.collab.versions.create(draftId, `Fassung ${round}`);
      s.collab.versions.list(draftId);
      drafts.compact(draftId);
      drafts.markSynced(draftId, 'ws://127.0.0.1:1');
      drafts.findSources('Quartier Nordend', 10);
      editor.destroy();
      s.settings.set({ key: 'collab.userName', value: `Anna ${round}` });
      s.settings.get('collab.userName');

      // An import of n JSONL records (one document each, written in batches).
      const file = path.join(importDir, `reden-${round}.jsonl`);
      const lines = Array.from({ length: n }, (_, i) =>
        JSON.stringify({ id: `r${round}-${i}`, title: null, text: `Rede ${round}/${i} über das Quartier.\nMeine Damen und Herren, das Quartier ist lebendig.`, date: null, speaker: i % 2 ? 'Dr. Anna Beispiel' : 'Bernd Muster', place: null, source_url: null, collection: `Runde ${round}` }),
      );
      fs.writeFileSync(file, `${lines.join('\n')}\n`);
      const report = await s.importer.importPaths([file]);
      expect(report.imported).toHaveLength(n);
      flushIndex(report.imported.map((d) => d.id));

      // Deletes (each checkpoints the WAL), and the index purges them.
      const gone = ids.slice(0, n / 5);
      for (const id of gone) s.documents.delete(id);
      flushIndex(gone);

      // Queries, as typed and as submitted, with filters; statements; a merge of the index.
      for (let i = 0; i < n / 5; i++) {
        const r = search.query({ q: i % 2 ? 'Quartiersentwicklung Jugendhaus' : 'Mieten Nordend', prefix: i % 3 === 0, filters: i % 4 === 0 ? { kinds: ['speech'] } : undefined });
        expect(r.total).toBeGreaterThan(0);
        search.quotes({ q: 'Wohnungen' });
      }
      await search.merge();
      expect(search.query({ q: `Runde ${round} Dokument` }).total).toBeGreaterThan(0);
    }

    await workload(50);
    const m1 = snapshot(main);
    const w1 = snapshot(worker);
    await workload(500);
    const newMain = main.sql.slice(m1.at);
    const newWorker = worker.sql.slice(w1.at);

    // Round one compiled what the paths need (the cache is warm); round two, 10× larger, must not
    // compile per call. A few new shapes are allowed (e.g. a list filter first seen here).
    expect(m1.prepares + m1.pragmas).toBeGreaterThan(20);
    expect(newMain.length, describeNew('library', newMain)).toBeLessThanOrEqual(5);
    expect(newWorker.length, describeNew('search', newWorker)).toBeLessThanOrEqual(3);
    // The per-connection caches stay far below the tripwire (db/prepared.ts).
    expect(preparedCount(s.db)).toBeLessThan(300);
    expect(preparedCount(workerDb)).toBeLessThan(60);
    fs.rmSync(importDir, { recursive: true, force: true });
  }, 120_000);
});

describe('prepared()', () => {
  it('hands a cached statement to each caller in its default mode (no pluck, raw or expand left over)', () => {
    const db = new Database(':memory:');
    try {
      db.exec("CREATE TABLE t (a INTEGER, b TEXT); INSERT INTO t VALUES (1, 'eins');");
      const sql = 'SELECT a, b FROM t';
      expect(prepared(db, sql).pluck().get()).toBe(1);
      expect(prepared(db, sql).get()).toEqual({ a: 1, b: 'eins' });
      expect(prepared(db, sql).raw().get()).toEqual([1, 'eins']);
      expect(prepared(db, sql).get()).toEqual({ a: 1, b: 'eins' });
      expect(prepared(db, sql).expand().get()).toEqual({ t: { a: 1, b: 'eins' } });
      expect(prepared(db, sql).all()).toEqual([{ a: 1, b: 'eins' }]);
      // One compiled statement for all of these; writers (no modes) are cached too.
      expect(prepared(db, sql)).toBe(prepared(db, sql));
      prepared(db, 'INSERT INTO t VALUES (?, ?)').run(2, 'zwei');
      prepared(db, 'INSERT INTO t VALUES (?, ?)').run(3, 'drei');
      expect(preparedCount(db)).toBe(2);
      expect(prepared(db, 'SELECT count(*) FROM t').pluck().get()).toBe(3);
    } finally {
      db.close();
    }
  });

  it('never evicts: a statement compiled once is reused however many other SQL texts follow', () => {
    const db = new Database(':memory:');
    try {
      const first = prepared(db, 'SELECT 1');
      for (let i = 0; i < 50; i++) prepared(db, `SELECT ${i + 2}`);
      expect(prepared(db, 'SELECT 1')).toBe(first);
    } finally {
      db.close();
    }
  });
});
