import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { draftDocName, LIBRARY_INDEX_DOC } from '../../../electron/services/collab/SyncServer';
import { inProcessServer, markerOnDisk, peers, RawClient, recordingLogger, storeRows, TOKEN, waitFor, type Peer } from './collabKit';

/**
 * Issue 7, promise 7 (server half): "After deleting a document, a unique marker string from it is
 * no longer found in … the sync server's store", and a colleague who still has the draft offline
 * cannot bring it back. Real server, real libraries, the app's own SyncService on the deleting
 * side; the store file and its -wal are read raw from disk.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('deleting a draft purges it from the sync server', () => {
  it('text and title are gone from the store and its WAL; offline and online copies cannot bring it back', async () => {
    const env = peers('anna', 'ben', 'carla');
    cleanups.push(() => env.dispose());
    const logger = recordingLogger();
    let server = await inProcessServer(env.root, { logger });
    cleanups.push(() => server.close());
    const [anna, ben, carla] = env.peers as [Peer, Peer, Peer];
    const bodyMark = `KOERPER${randomUUID().replace(/-/g, '')}`;
    const titleMark = `TITEL${randomUUID().replace(/-/g, '')}`;
    const benMark = `BENOFFLINE${randomUUID().replace(/-/g, '')}`;

    // Anna syncs through the app's background service (settings → SyncService), as in the app.
    anna.services.collab.sync.saveSettings({ serverUrl: server.url, token: TOKEN, userName: 'Anna', userColor: '#3366cc' });
    const id = anna.drafts.createDraft({ title: `Haushalt ${titleMark}`, kind: 'note', template: 'empty' }).id;
    anna.type(id, `Vertraulich: ${bodyMark} Ende.`);
    const keep = anna.drafts.createDraft({ title: 'Bleibt', kind: 'note', template: 'empty' }).id;
    anna.type(keep, 'Dieser Entwurf bleibt.');
    ben.connect(server.url);
    carla.connect(server.url);
    const name = draftDocName(id);
    await waitFor('Ben und Carla haben den Entwurf', () =>
      [ben, carla].every((p) => p.drafts.isLoaded(id) && p.text(id).includes(bodyMark) && p.drafts.isLoaded(keep)),
    );
    await waitFor('Server hat ihn gespeichert', () => markerOnDisk(server.storePath, bodyMark).length > 0 || storeRows(server.storePath, name).length > 0);

    // Ben goes offline with his copy and keeps writing in it.
    ben.disconnect();
    ben.type(id, ` ${benMark}`);

    anna.services.documents.delete(id);
    await waitFor('Zeilen des Entwurfs entfernt', () => storeRows(server.storePath, name).length === 0);
    await waitFor('Marker weg aus Datei und WAL', () =>
      [bodyMark, titleMark].every((m) => markerOnDisk(server.storePath, m).length === 0),
    );
    // The index keeps only the tombstone; the other draft is untouched.
    const index = new RawClient(server.url, LIBRARY_INDEX_DOC, TOKEN);
    cleanups.push(() => index.destroy());
    await waitFor('Index geladen', () => index.provider.isSynced);
    expect(index.doc.getMap('drafts').get(id)).toEqual({ deleted: true });
    expect(storeRows(server.storePath, draftDocName(keep)).length).toBeGreaterThan(0);

    // Carla was online: her copy stays with her, but no longer syncs; her client is not "denied".
    await waitFor('Carla synchronisiert ihn nicht mehr', () => carla.client!.isFullySynced());
    carla.type(id, ' Carla schreibt weiter.');
    expect(carla.client!.connection).toBe('connected');

    // Ben comes back with his offline edits: refused for that draft, everything else syncs.
    ben.type(keep, ' Ben war da.');
    const benClient = ben.connect(server.url);
    await benClient.whenSynced(10_000);
    await waitFor('Bens andere Änderung angekommen', () => anna.text(keep) === 'Dieser Entwurf bleibt. Ben war da.');
    expect(benClient.connection).toBe('connected');
    expect(ben.text(id)).toContain(benMark);
    await sleep(300);
    expect(storeRows(server.storePath, name)).toEqual([]);
    expect(markerOnDisk(server.storePath, benMark)).toEqual([]);
    expect(anna.services.documents.exists(id)).toBe(false);
    expect(index.doc.getMap('drafts').get(id)).toEqual({ deleted: true });
    // An old client writing the entry back (with a title) is undone by the server at once.
    index.doc.getMap('drafts').set(id, { title: `Zurück ${titleMark}`, kind: 'note' });
    await waitFor('Server stellt den Grabstein wieder her', () => (index.doc.getMap('drafts').get(id) as { deleted?: boolean }).deleted === true);
    expect(index.doc.getMap('drafts').get(id)).toEqual({ deleted: true });
    await waitFor('Titel wieder weg', () => markerOnDisk(server.storePath, titleMark).length === 0);
    expect(anna.services.documents.exists(id)).toBe(false);

    // Any client with a valid token is refused for that name, even after a restart of the server.
    const direct = new RawClient(server.url, name, TOKEN);
    cleanups.push(() => direct.destroy());
    direct.type('Wiederbelebt?');
    await waitFor('abgelehnt', () => direct.failures.length > 0);
    expect(direct.failures[0]).toBe('document-deleted');
    direct.destroy();
    ben.disconnect();
    carla.disconnect();
    anna.services.collab.sync.stop();
    index.destroy();
    await server.close();
    for (const m of [bodyMark, titleMark, benMark]) expect(markerOnDisk(server.storePath, m), m).toEqual([]);

    server = await inProcessServer(env.root, { logger, storePath: server.storePath });
    const again = new RawClient(server.url, name, TOKEN);
    cleanups.push(() => again.destroy());
    again.type(bodyMark);
    await waitFor('nach Neustart abgelehnt', () => again.failures.length > 0);
    expect(again.failures[0]).toBe('document-deleted');
    const db = new Database(server.storePath, { readonly: true });
    expect(db.prepare('SELECT count(*) FROM yjs_updates WHERE document_id = ?').pluck().get(name)).toBe(0);
    db.close();

    // The server's log names the draft, never its words.
    const log = logger.lines.join('\n');
    expect(log).toContain(name);
    for (const m of [bodyMark, titleMark, benMark, 'Vertraulich', 'Dieser Entwurf']) expect(log).not.toContain(m);
  });

  it('a draft deleted while the server was unreachable is purged once the app reconnects', async () => {
    const env = peers('anna');
    cleanups.push(() => env.dispose());
    let server = await inProcessServer(env.root);
    cleanups.push(() => server.close());
    const [anna] = env.peers as [Peer];
    const mark = `OFFLINE${randomUUID().replace(/-/g, '')}`;
    const sync = anna.services.collab.sync;
    sync.saveSettings({ serverUrl: server.url, token: TOKEN, userName: 'Anna', userColor: '#3366cc' });
    const id = anna.drafts.createDraft({ title: 'Kurzlebig', kind: 'note', template: 'empty' }).id;
    anna.type(id, mark);
    await sync.whenSynced(10_000);
    await waitFor('gespeichert', () => storeRows(server.storePath, draftDocName(id)).length > 0);

    // The server goes away; the draft is deleted meanwhile; the server comes back on its port.
    await server.close();
    await waitFor('App merkt den Ausfall', () => sync.status().connection !== 'connected');
    anna.services.documents.delete(id);
    server = await inProcessServer(env.root, { storePath: server.storePath, port: server.port });
    await waitFor('gelöscht am Server', () => storeRows(server.storePath, draftDocName(id)).length === 0, 20_000);
    await waitFor('Marker weg', () => markerOnDisk(server.storePath, mark).length === 0);
    sync.stop();
  });

  it('a draft deleted offline and then the app closed is neither brought back at the next start nor kept on the server', async () => {
    const env = peers('anna', 'ben');
    cleanups.push(() => env.dispose());
    let server = await inProcessServer(env.root);
    cleanups.push(() => server.close());
    const [anna, ben] = env.peers as [Peer, Peer];
    const mark = `NEUSTART${randomUUID().replace(/-/g, '')}`;
    anna.connect(server.url);
    const id = anna.drafts.createDraft({ title: 'Geht offline', kind: 'note', template: 'empty' }).id;
    anna.type(id, `Vertraulich ${mark}.`);
    await waitFor('gespeichert', () => storeRows(server.storePath, draftDocName(id)).length > 0);

    // Offline: the server is down while Anna deletes the draft; then Anna's app is closed.
    await server.close();
    anna.services.documents.delete(id);
    anna.reopen();
    expect(anna.services.documents.exists(id)).toBe(false);
    expect(anna.services.documents.wasDeletedDraft(id)).toBe(true);

    // The server comes back; Anna's next start connects: the index says deleted, the server purges.
    server = await inProcessServer(env.root, { storePath: server.storePath, port: server.port });
    anna.connect(server.url);
    await waitFor('gelöscht am Server', () => storeRows(server.storePath, draftDocName(id)).length === 0, 20_000);
    await waitFor('Marker weg', () => markerOnDisk(server.storePath, mark).length === 0);
    await sleep(300);
    expect(anna.services.documents.exists(id), 'not adopted back from the index').toBe(false);
    // A colleague connecting later does not get it either.
    ben.connect(server.url);
    await sleep(800);
    expect(ben.services.documents.exists(id)).toBe(false);
    // Nor does a change file of it bring it back into Anna's library.
    expect(() => anna.services.collab.drafts.adopt(id, { title: 'Geht offline', kind: 'note' })).toThrow(/gelöscht/);
  });
});
