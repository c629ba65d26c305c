import Database from 'better-sqlite3';
import * as encoding from 'lib0/encoding';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { draftDocName, LIBRARY_INDEX_DOC, startSyncServer } from '../../../electron/services/collab/SyncServer';
import { syncOnce } from '../../../electron/services/collab/SyncService';
import { silentLogger } from '../../../electron/services/ports';
import { tempDir } from '../../support/testLibrary';
import { spawnSync } from 'node:child_process';
import { BIN, childServer, inProcessServer, killHard, peers, RawClient, READ_TOKEN, recordingLogger, serverText, storeRows, TOKEN, waitFor, type Peer } from './collabKit';

/**
 * Issue 7, promise 6: "Wrong or missing tokens are refused; a read-only token cannot change a
 * document; a server that fails to load a document never stores an empty one over it." Real
 * Hocuspocus server on 127.0.0.1 (port 0), real providers over real websockets, real SQLite store.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function setup(extra: Parameters<typeof inProcessServer>[1] = {}) {
  const dir = tempDir('qw-sync-sec-');
  const logger = recordingLogger();
  const server = await inProcessServer(dir, { logger, ...extra });
  const clients: RawClient[] = [];
  const client = (name: string, token: string | null) => {
    const c = new RawClient(server.url, name, token);
    clients.push(c);
    return c;
  };
  cleanups.push(async () => {
    for (const c of clients) c.destroy();
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return { dir, server, logger, client };
}

const DOC = draftDocName('vertraulich-1');

/** The raw clients' text as the server stored it. */
function storedText(storePath: string): string {
  const doc = new Y.Doc();
  for (const r of storeRows(storePath, DOC)) Y.applyUpdate(doc, r.data);
  return doc.getText('t').toString();
}
const SECRET = 'Geheimer Haushaltsansatz 4711';

describe('sync server: who gets in', () => {
  it('refuses missing, empty and wrong tokens and malformed names; none of them receives any content', async () => {
    const { server, logger, client } = await setup();
    const writer = client(DOC, TOKEN);
    writer.type(SECRET);
    await waitFor('Schreiber synchron', () => writer.synced && storeRows(server.storePath, DOC).length > 0);

    const attempts = [
      { what: 'kein Token (null)', name: DOC, token: null },
      { what: 'leeres Token', name: DOC, token: '' },
      { what: 'falsches Token', name: DOC, token: 'test-token-7f3b' },
      { what: 'Token mit angehängtem Zeichen', name: DOC, token: `${TOKEN} ` },
      { what: 'richtiges Token, fremder Name', name: 'geheim', token: TOKEN },
      { what: 'richtiges Token, Pfad im Namen', name: 'draft:../../etc/passwd', token: TOKEN },
      { what: 'richtiges Token, überlanger Name', name: `draft:${'x'.repeat(300)}`, token: TOKEN },
      { what: 'richtiges Token, Index mit Zusatz', name: `${LIBRARY_INDEX_DOC}2`, token: TOKEN },
    ];
    const intruders = attempts.map((a) => ({ ...a, c: client(a.name, a.token) }));
    await waitFor('alle abgelehnt', () => intruders.every((i) => i.c.failures.length > 0));
    // Give any (wrongly) sent content time to arrive before checking that none did.
    await sleep(300);
    for (const i of intruders) {
      expect(i.c.failures[0], i.what).toBe('permission-denied');
      expect(i.c.scope, i.what).toBeNull();
      expect(i.c.received, i.what).toBe(0);
      expect(i.c.text(), i.what).toBe('');
      expect(i.c.provider.isSynced, i.what).toBe(false);
    }
    // Nothing was loaded for them: only the writer's document is in memory.
    expect(server.stats().documents).toBe(1);
    expect(logger.lines.filter((l) => l.includes('Zugang verweigert'))).toHaveLength(attempts.length);
    expect(logger.lines.join('\n')).not.toContain(SECRET);
    expect(logger.lines.join('\n')).not.toContain(TOKEN);
  });

  it('a client that never authenticates gets no message at all, whatever it asks for', async () => {
    const { server } = await setup();
    const writer = new RawClient(server.url, DOC, TOKEN);
    cleanups.push(() => writer.destroy());
    writer.type(SECRET);
    await waitFor('Schreiber synchron', () => writer.synced);

    // Raw protocol: SyncStep1 for the document, without the Auth message the provider would send.
    const ws = new WebSocket(server.url);
    ws.binaryType = 'arraybuffer';
    const got: ArrayBuffer[] = [];
    ws.onmessage = (e) => void got.push(e.data as ArrayBuffer);
    await new Promise<void>((resolve, reject) => {
      ws.onopen = () => resolve();
      ws.onerror = () => reject(new Error('websocket'));
    });
    const enc = encoding.createEncoder();
    encoding.writeVarString(enc, DOC);
    encoding.writeVarUint(enc, 0); // MessageType.Sync
    encoding.writeVarUint(enc, 0); // SyncStep1
    encoding.writeVarUint8Array(enc, Y.encodeStateVector(new Y.Doc()));
    ws.send(encoding.toUint8Array(enc));
    await sleep(600);
    ws.close();
    expect(got).toHaveLength(0);
  });

  it('the server refuses to start with an empty token or a read-only token equal to the write token', async () => {
    const dir = tempDir('qw-sync-sec-');
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const storePath = path.join(dir, 's.sqlite');
    await expect(startSyncServer({ storePath, token: '', logger: silentLogger, port: 0 })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(startSyncServer({ storePath, token: TOKEN, readOnlyTokens: [TOKEN], logger: silentLogger, port: 0 })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    await expect(startSyncServer({ storePath, token: TOKEN, readOnlyTokens: [''], logger: silentLogger, port: 0 })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
  });
});

describe('sync server: read-only tokens', () => {
  it('a read-only client receives the document and live updates, but its edits change nothing anywhere', async () => {
    const { server, client } = await setup({ readOnlyTokens: ['anderes-lese-token', READ_TOKEN] });
    const writer = client(DOC, TOKEN);
    writer.type('Originaltext.');
    await waitFor('Schreiber synchron', () => writer.synced);

    const reader = client(DOC, READ_TOKEN);
    await waitFor('Leser hat den Text', () => reader.text() === 'Originaltext.');
    expect(reader.scope).toBe('readonly');
    expect(writer.scope).toBe('read-write');
    writer.type(' Zweiter Satz.');
    await waitFor('Leser sieht Live-Änderung', () => reader.text() === 'Originaltext. Zweiter Satz.');
    await waitFor('Speicher hat beides', () => storedText(server.storePath) === 'Originaltext. Zweiter Satz.');
    const before = storeRows(server.storePath, DOC);

    // The reader really sends an edit (an update message, then a full sync on reconnect).
    reader.type(' Eingeschleust.');
    expect(reader.text()).toContain('Eingeschleust');
    await sleep(400);
    reader.provider.forceSync();
    await sleep(400);
    expect(reader.provider.unsyncedChanges).toBeGreaterThan(0); // never confirmed
    expect(writer.text()).toBe('Originaltext. Zweiter Satz.');
    expect(storeRows(server.storePath, DOC)).toEqual(before);
    expect(storedText(server.storePath)).toBe('Originaltext. Zweiter Satz.');
    // A third client, connected afterwards, sees the server's document: without the reader's edit.
    const late = client(DOC, TOKEN);
    await waitFor('Dritter synchron', () => late.synced && late.text().length > 0);
    expect(late.text()).toBe('Originaltext. Zweiter Satz.');
  });

  it('a read-only client cannot delete a draft through the library index', async () => {
    const { server, client } = await setup({ readOnlyTokens: [READ_TOKEN] });
    const writer = client(DOC, TOKEN);
    writer.type(SECRET);
    const index = client(LIBRARY_INDEX_DOC, TOKEN);
    index.doc.getMap('drafts').set('vertraulich-1', { title: 'Vertraulich', kind: 'note' });
    await waitFor('synchron', () => writer.synced && index.synced);
    const before = storeRows(server.storePath, DOC);

    const roIndex = client(LIBRARY_INDEX_DOC, READ_TOKEN);
    await waitFor('Leser kennt den Index', () => roIndex.doc.getMap('drafts').has('vertraulich-1'));
    roIndex.doc.getMap('drafts').set('vertraulich-1', { deleted: true });
    await sleep(500);
    expect(index.doc.getMap('drafts').get('vertraulich-1')).toEqual({ title: 'Vertraulich', kind: 'note' });
    expect(storeRows(server.storePath, DOC)).toEqual(before);
    const db = new Database(server.storePath, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM deleted_documents').pluck().get()).toBe(0);
    db.close();
    const late = client(DOC, TOKEN);
    await waitFor('Entwurf weiter da', () => late.text() === SECRET);
  });

  it("the app's SyncClient with a read-only token pulls drafts, reports read-only, and does not loop", async () => {
    const env = peers('anna', 'leser');
    cleanups.push(() => env.dispose());
    const server = await inProcessServer(env.root, { readOnlyTokens: [READ_TOKEN] });
    cleanups.push(() => server.close());
    const [anna, leser] = env.peers as [Peer, Peer];
    const id = anna.drafts.createDraft({ title: 'Protokoll Beirat', kind: 'note', template: 'empty' }).id;
    anna.type(id, 'Beschluss einstimmig.');
    await syncOnce(anna.drafts, anna.services.documents, silentLogger, { url: server.url, token: TOKEN });
    const before = storeRows(server.storePath, draftDocName(id));

    const client = leser.connect(server.url, READ_TOKEN);
    await waitFor('Leser hat den Entwurf', () => leser.drafts.isLoaded(id) && leser.text(id) === 'Beschluss einstimmig.');
    await client.whenSynced(5000);
    expect(client.readOnly).toBe(true);
    expect(client.connection).toBe('connected');
    expect(client.lastError).toMatch(/Nur Lesezugang/);

    leser.type(id, ' Leser ändert.');
    // Still "synced" from a reader's point of view: it has everything the server has.
    await sleep(300);
    await client.whenSynced(5000);
    // A read-only client creating a draft does not announce it either.
    leser.drafts.createDraft({ title: 'Eigener Entwurf', kind: 'note', template: 'empty' });
    await sleep(400);
    expect(storeRows(server.storePath, draftDocName(id))).toEqual(before);
    expect(serverText(server.storePath, id)).toBe('Beschluss einstimmig.');
    const db = new Database(server.storePath, { readonly: true });
    expect(db.prepare("SELECT count(DISTINCT document_id) FROM yjs_updates WHERE document_id LIKE 'draft:%'").pluck().get()).toBe(1);
    db.close();
    expect(leser.text(id)).toBe('Beschluss einstimmig. Leser ändert.');
  });
});

describe('quartierswissen serve: read-only tokens on the command line', () => {
  it('QW_SYNC_READONLY_TOKEN (comma-separated) gives read-only access; --readonly-token equal to the write token is refused', { timeout: 60_000 }, async () => {
    const dir = tempDir('qw-sync-sec-cli-');
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const srv = await childServer(path.join(dir, 'srv.sqlite'), 0, { env: { QW_SYNC_READONLY_TOKEN: 'lese-a, lese-b' } });
    cleanups.push(() => killHard(srv.child));
    const clients = ['lese-b', TOKEN, 'lese-c'].map((t) => new RawClient(srv.url, DOC, t));
    cleanups.push(() => clients.forEach((c) => c.destroy()));
    await waitFor('Antworten', () => clients.every((c) => c.scope !== null || c.failures.length > 0));
    expect(clients.map((c) => c.scope ?? c.failures[0])).toEqual(['readonly', 'read-write', 'permission-denied']);

    const same = spawnSync(process.execPath, [BIN, 'serve', '--port', '0', '--store', path.join(dir, 'x.sqlite'), '--readonly-token', `lese-x,${TOKEN}`], {
      encoding: 'utf8',
      env: { ...process.env, QW_SYNC_TOKEN: TOKEN, QW_DB: '' },
      timeout: 30_000,
    });
    expect(same.status).toBe(2);
    expect(same.stderr).toContain('Lese-Token darf nicht gleich dem Schreib-Token');
    expect(fs.existsSync(path.join(dir, 'x.sqlite'))).toBe(false);
  });
});

describe('sync server: a document that fails to load', () => {
  for (const corruption of ['truncated', 'not-a-blob'] as const) {
    it(`is refused and never written over (${corruption}); after repair the original loads`, async () => {
      const { server, logger, client } = await setup();
      const writer = client(DOC, TOKEN);
      writer.type(SECRET);
      writer.type(' Zweite Zeile.');
      await waitFor('synchron', () => writer.synced);
      writer.destroy();
      await waitFor('entladen', () => server.stats().documents === 0);
      const original = storeRows(server.storePath, DOC);
      expect(original.length).toBeGreaterThan(0);

      // Damage the stored row from outside (as a disk or a bad restore would).
      const db = new Database(server.storePath);
      const first = original[0]!;
      if (corruption === 'truncated') db.prepare('UPDATE yjs_updates SET update_data = ? WHERE seq = ?').run(first.data.subarray(0, first.data.length - 5), first.seq);
      else db.prepare('UPDATE yjs_updates SET update_data = ? WHERE seq = ?').run('kaputt', first.seq);
      db.close();
      const damaged = storeRows(server.storePath, DOC);

      // Two clients with content of their own try to open and edit it.
      const a = client(DOC, TOKEN);
      const b = client(DOC, TOKEN);
      a.type('Überschreiben A');
      b.type('Überschreiben B');
      await waitFor('beide abgelehnt', () => a.failures.length > 0 && b.failures.length > 0);
      expect(a.failures[0]).toBe('load-failed');
      expect(b.failures[0]).toBe('load-failed');
      a.type(' weiter');
      await sleep(600);
      for (const c of [a, b]) {
        expect(c.received).toBe(0);
        expect(c.provider.isSynced).toBe(false);
      }
      a.destroy();
      b.destroy();
      await sleep(300);
      expect(server.stats().documents).toBe(0);
      expect(storeRows(server.storePath, DOC)).toEqual(damaged);
      expect(logger.lines.some((l) => l.includes('konnte nicht geladen werden') && l.includes(DOC))).toBe(true);

      // Repair the row: the original content loads, nothing was lost or replaced.
      const fix = new Database(server.storePath);
      fix.prepare('UPDATE yjs_updates SET update_data = ? WHERE seq = ?').run(first.data, first.seq);
      fix.close();
      const healed = client(DOC, TOKEN);
      await waitFor('Original geladen', () => healed.text() === `${SECRET} Zweite Zeile.`);
      expect(healed.failures).toEqual([]);
      expect(logger.lines.join('\n')).not.toContain('Geheimer');
      expect(logger.lines.join('\n')).not.toContain('Überschreiben');
    });
  }

  it("the app's SyncClient keeps working (not 'denied') when one draft fails to load", async () => {
    const env = peers('anna', 'ben');
    cleanups.push(() => env.dispose());
    const server = await inProcessServer(env.root);
    cleanups.push(() => server.close());
    const [anna, ben] = env.peers as [Peer, Peer];
    const broken = anna.drafts.createDraft({ title: 'Kaputt', kind: 'note', template: 'empty' }).id;
    const fine = anna.drafts.createDraft({ title: 'Heil', kind: 'note', template: 'empty' }).id;
    anna.type(broken, 'Inhalt A.');
    anna.type(fine, 'Inhalt B.');
    await syncOnce(anna.drafts, anna.services.documents, silentLogger, { url: server.url, token: TOKEN });
    await waitFor('entladen', () => server.stats().documents === 0);
    const db = new Database(server.storePath);
    db.prepare('UPDATE yjs_updates SET update_data = ? WHERE document_id = ?').run(Buffer.from([1, 2, 3]), draftDocName(broken));
    db.close();
    const damaged = storeRows(server.storePath, draftDocName(broken));

    const client = ben.connect(server.url);
    await waitFor('Ben hat den heilen Entwurf', () => ben.drafts.isLoaded(fine) && ben.text(fine) === 'Inhalt B.');
    await waitFor('Fehler gemeldet', () => (client.lastError ?? '').includes('nicht laden'));
    expect(client.connection).toBe('connected');
    ben.type(fine, ' Ben ergänzt.');
    await waitFor('Änderung am Server', () => serverText(server.storePath, fine) === 'Inhalt B. Ben ergänzt.');
    expect(storeRows(server.storePath, draftDocName(broken))).toEqual(damaged);
  });
});
