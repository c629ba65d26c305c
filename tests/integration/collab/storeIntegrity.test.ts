import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { draftDocName, openServerStore, STORE_SCHEMA_VERSION } from '../../../electron/services/collab/SyncServer';
import { syncOnce } from '../../../electron/services/collab/SyncService';
import { silentLogger } from '../../../electron/services/ports';
import { DRAFT_FRAGMENT } from '../../../shared/editor/draftExtensions';
import { tempDir } from '../../support/testLibrary';
import { childServer, inProcessServer, killHard, peers, RawClient, recordingLogger, serverText, storeRows, TOKEN, waitFor, type Peer } from './collabKit';

/**
 * Issue 13 §3 and §4: a digest per stored row, checked at load. A flipped byte that still parses
 * and a zeroed row are refused like unreadable rows (`load-failed`), never served and never
 * written over; a library that still has the draft repairs the server; and a server that refused
 * a document ends on SIGTERM within 5 s.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const TEXT = 'Sanierung der Grundschule am Lindenplatz beschlossen.';

/** Changes one byte of the stored row of `name` that holds `marker`, keeping the row's digest. */
function flipByteIn(storePath: string, name: string, marker: string): void {
  const db = new Database(storePath);
  try {
    const rows = db.prepare('SELECT seq, update_data AS data FROM yjs_updates WHERE document_id = ?').all(name) as { seq: number; data: Buffer }[];
    const row = rows.find((r) => r.data.includes(Buffer.from(marker)))!;
    const data = Buffer.from(row.data);
    const at = data.indexOf(Buffer.from(marker));
    data[at] = 'K'.charCodeAt(0);
    db.prepare('UPDATE yjs_updates SET update_data = ? WHERE seq = ?').run(data, row.seq);
  } finally {
    db.close();
  }
}

describe('sync server: checksums on stored updates', () => {
  it('a flipped byte that still parses is refused, then repaired by a library that has the draft', async () => {
    const env = peers('anna', 'ben');
    cleanups.push(() => env.dispose());
    const logger = recordingLogger();
    const server = await inProcessServer(env.root, { logger });
    cleanups.push(() => server.close());
    const [anna, ben] = env.peers as [Peer, Peer];
    const id = anna.drafts.createDraft({ title: 'Beschluss', kind: 'note', template: 'empty' }).id;
    anna.type(id, TEXT);
    await syncOnce(anna.drafts, anna.services.documents, silentLogger, { url: server.url, token: TOKEN });
    await waitFor('entladen', () => server.stats().documents === 0);
    const name = draftDocName(id);
    // The store compacts on unload: one row with the whole draft.
    await waitFor('zusammengefasst', () => storeRows(server.storePath, name).length === 1);
    flipByteIn(server.storePath, name, 'Grundschule');
    // Without the digest this would load: "Krundschule" for every new client.
    const doc = new Y.Doc();
    Y.applyUpdate(doc, storeRows(server.storePath, name)[0]!.data);
    expect(doc.getXmlFragment(DRAFT_FRAGMENT).toString()).toContain('Krundschule');
    const damaged = storeRows(server.storePath, name);

    const stranger = new RawClient(server.url, name, TOKEN);
    cleanups.push(() => stranger.destroy());
    await waitFor('abgelehnt', () => stranger.failures.length > 0);
    expect(stranger.failures[0]).toBe('load-failed');
    expect(stranger.received).toBe(0);
    stranger.destroy();
    await sleep(200);
    expect(storeRows(server.storePath, name)).toEqual(damaged);
    expect(logger.lines.some((l) => l.includes('Prüfsumme') || l.includes('DB_CORRUPT'))).toBe(true);

    // Anna still has the draft: her SyncClient sends its full state to repair:<name>.
    const client = anna.connect(server.url);
    await waitFor('repariert', () => logger.lines.some((l) => l.includes('repariert')), 15_000);
    await client.whenSynced(15_000);
    anna.disconnect();
    expect(serverText(server.storePath, id)).toBe(TEXT);
    const q = new Database(server.storePath, { readonly: true });
    expect(q.prepare('SELECT count(*) FROM quarantined_updates WHERE document_id = ?').pluck().get(name)).toBe(1);
    q.close();

    // A library that never had it gets the right text.
    ben.connect(server.url);
    await waitFor('Ben hat den richtigen Text', () => ben.drafts.isLoaded(id) && ben.text(id) === TEXT, 15_000);
  });

  it('a zeroed row does not load as an empty document: it is refused and left as it is', async () => {
    const dir = tempDir('qw-sync-zero-');
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const server = await inProcessServer(dir);
    cleanups.push(() => server.close());
    const name = draftDocName('genullt');
    const writer = new RawClient(server.url, name, TOKEN);
    writer.type('Inhalt, der bleiben muss.');
    await waitFor('gespeichert', () => writer.synced);
    writer.destroy();
    await waitFor('entladen', () => server.stats().documents === 0);
    const db = new Database(server.storePath);
    for (const r of storeRows(server.storePath, name)) db.prepare('UPDATE yjs_updates SET update_data = zeroblob(length(update_data)) WHERE seq = ?').run(r.seq);
    db.close();
    const zeroed = storeRows(server.storePath, name);
    const late = new RawClient(server.url, name, TOKEN);
    cleanups.push(() => late.destroy());
    late.type('Leeres Dokument überschreiben?');
    await waitFor('abgelehnt', () => late.failures.length > 0);
    expect(late.failures[0]).toBe('load-failed');
    await sleep(300);
    expect(storeRows(server.storePath, name)).toEqual(zeroed);
  });

  it('a store written before digests gets one per row on first open (schema version stated)', () => {
    const dir = tempDir('qw-sync-old-');
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'alt.sqlite');
    // A version-1 store, as issue 7's server wrote it.
    const old = new Database(file);
    old.exec(`CREATE TABLE yjs_updates (seq INTEGER PRIMARY KEY AUTOINCREMENT, document_id TEXT NOT NULL, update_data BLOB NOT NULL, created_at TEXT NOT NULL);
      CREATE TABLE deleted_documents (document_id TEXT PRIMARY KEY, deleted_at TEXT NOT NULL);`);
    old.pragma('application_id = 1364677465');
    const y = new Y.Doc();
    y.getText('t').insert(0, 'alt');
    old.prepare("INSERT INTO yjs_updates (document_id, update_data, created_at) VALUES ('draft:alt', ?, 'x')").run(Buffer.from(Y.encodeStateAsUpdate(y)));
    old.close();
    const db = openServerStore(file);
    expect(db.pragma('user_version', { simple: true })).toBe(STORE_SCHEMA_VERSION);
    expect(db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(db.prepare('SELECT count(*) FROM yjs_updates WHERE digest IS NULL').pluck().get()).toBe(0);
    db.pragma(`user_version = ${STORE_SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => openServerStore(file)).toThrow(expect.objectContaining({ code: 'DB_TOO_NEW' }));
  });
});

describe('quartierswissen serve: shutdown', () => {
  it('SIGTERM after a load-failed ends the process within 5 s', { timeout: 60_000 }, async () => {
    const dir = tempDir('qw-sync-term-');
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const storePath = path.join(dir, 's.sqlite');
    const first = await inProcessServer(dir, { storePath });
    const name = draftDocName('kaputt');
    const w = new RawClient(first.url, name, TOKEN);
    w.type('Grundschule');
    await waitFor('gespeichert', () => w.synced);
    w.destroy();
    await first.close();
    flipByteIn(storePath, name, 'Grundschule');

    const srv = await childServer(storePath);
    cleanups.push(() => killHard(srv.child));
    let stderr = '';
    srv.child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const c = new RawClient(srv.url, name, TOKEN);
    cleanups.push(() => c.destroy());
    await waitFor('abgelehnt', () => c.failures.length > 0);
    expect(c.failures[0]).toBe('load-failed');
    c.destroy();
    let code: number | null = null;
    const exited = new Promise<number>((r) => srv.child.once('exit', (c) => ((code = c), r(Date.now()))));
    const t0 = Date.now();
    srv.child.kill('SIGTERM');
    const t1 = await Promise.race([exited, sleep(10_000).then(() => Infinity)]);
    expect(t1 - t0).toBeLessThan(5000);
    expect(stderr).toContain('Sync-Server beendet.');
    // 0: it ended by itself, not by the 4.5 s safety deadline of `serve` (exit 1).
    expect(code).toBe(0);
  });
});
