import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Awareness } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { SyncClient } from '../../../electron/services/collab/SyncClient';
import { DEFAULT_LIMITS, draftDocName, LIBRARY_INDEX_DOC } from '../../../electron/services/collab/SyncServer';
import { silentLogger } from '../../../electron/services/ports';
import { DRAFT_FRAGMENT } from '../../../shared/editor/draftExtensions';
import { tempDir } from '../../support/testLibrary';
import { childServer, inProcessServer, killHard, peers, RawClient, READ_TOKEN, recordingLogger, storeRows, TOKEN, waitFor, type Peer } from './collabKit';

/**
 * Issue 13 §5 and issue 17 §5: limits the server states and enforces, against a real Hocuspocus
 * server on 127.0.0.1 and real providers: update size, awareness size, a read-only member's
 * identity, markup from a standard provider, and the socket before authentication (frame size,
 * deadline, connection bounds) measured on a real `quartierswissen serve` process.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const DOC = draftDocName('grenzen-1');

async function setup(extra: Parameters<typeof inProcessServer>[1] = {}) {
  const dir = tempDir('qw-sync-limits-');
  const logger = recordingLogger();
  const server = await inProcessServer(dir, { logger, readOnlyTokens: [READ_TOKEN], ...extra });
  const clients: { destroy(): void }[] = [];
  cleanups.push(async () => {
    for (const c of clients) c.destroy();
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const raw = (name: string, token: string) => {
    const c = new RawClient(server.url, name, token);
    clients.push(c);
    return c;
  };
  /** A provider with awareness (RawClient has none), as an editor would open it. */
  const withAwareness = (name: string, token: string) => {
    const doc = new Y.Doc();
    const socket = new HocuspocusProviderWebsocket({ url: server.url, WebSocketPolyfill: globalThis.WebSocket, minDelay: 100, delay: 100, maxDelay: 400 });
    const awareness = new Awareness(doc);
    const provider = new HocuspocusProvider({ name, document: doc, websocketProvider: socket, token, awareness });
    provider.attach();
    const c = { doc, socket, awareness, provider, destroy: () => (provider.destroy(), socket.destroy(), doc.destroy()) };
    clients.push(c);
    return c;
  };
  return { dir, server, logger, raw, withAwareness };
}

function storedText(storePath: string, name = DOC): string {
  const doc = new Y.Doc();
  for (const r of storeRows(storePath, name)) Y.applyUpdate(doc, r.data);
  return doc.getText('t').toString();
}

describe('sync server limits on content', () => {
  it('a 10 MB update is neither acknowledged, relayed nor stored; the document goes on for others', async () => {
    const { server, raw, logger } = await setup();
    const a = raw(DOC, TOKEN);
    const b = raw(DOC, TOKEN);
    a.type('Anfang.');
    await waitFor('beide synchron', () => a.synced && b.synced && b.text() === 'Anfang.');
    const huge = 'x'.repeat(10 * 1024 * 1024);
    a.type(huge);
    await waitFor('Verbindung von A geschlossen', () => a.disconnects > 0);
    await sleep(500);
    expect(a.provider.unsyncedChanges).toBeGreaterThan(0);
    expect(b.text()).toBe('Anfang.');
    expect(storedText(server.storePath)).toBe('Anfang.');
    expect(storeRows(server.storePath, DOC).reduce((n, r) => n + r.data.length, 0)).toBeLessThan(DEFAULT_LIMITS.maxUpdateBytes);
    b.type(' Weiter.');
    await waitFor('B gespeichert', () => storedText(server.storePath) === 'Anfang. Weiter.');
    a.destroy();
    expect(logger.lines.join('\n')).not.toContain('xxxxxxxx');
  });

  it('an update over maxUpdateBytes but within the frame is refused by the limit itself', async () => {
    const { server, raw, logger } = await setup({ limits: { maxUpdateBytes: 64 * 1024 } });
    const a = raw(DOC, TOKEN);
    const b = raw(DOC, TOKEN);
    a.type('Klein.');
    await waitFor('synchron', () => a.synced && b.text() === 'Klein.');
    a.type('y'.repeat(100 * 1024));
    await waitFor('abgewiesen', () => logger.lines.some((l) => l.includes('Änderung zu groß')));
    await sleep(300);
    expect(b.text()).toBe('Klein.');
    expect(storedText(server.storePath)).toBe('Klein.');
    expect(a.provider.unsyncedChanges).toBeGreaterThan(0);
  });

  it('a read-only member cannot send a 5 MB awareness state nor change its name or colour after joining; its caret still moves', async () => {
    const { withAwareness, logger } = await setup();
    const writer = withAwareness(DOC, TOKEN);
    const reader = withAwareness(DOC, READ_TOKEN);
    await waitFor('beide angemeldet', () => writer.provider.isAuthenticated && reader.provider.isAuthenticated);
    reader.awareness.setLocalState({ user: { name: 'Leser', color: '#3366ff' }, cursor: { anchor: 1 } });
    const seen = () => writer.awareness.getStates().get(reader.doc.clientID) as { user?: { name: string; color: string }; cursor?: { anchor: number } } | undefined;
    await waitFor('Schreiber sieht den Leser', () => seen()?.user?.name === 'Leser');

    reader.awareness.setLocalState({ user: { name: 'Bürgermeisterin (gefälscht)', color: '#ff0000' }, cursor: { anchor: 7 } });
    await waitFor('Schreibmarke bewegt', () => seen()?.cursor?.anchor === 7);
    expect(seen()?.user).toEqual({ name: 'Leser', color: '#3366ff' });

    // Over maxAwarenessBytes (refused by the limit), then 5 MB (refused by the frame limit).
    let drops = 0;
    reader.socket.on('disconnect', () => void drops++);
    reader.awareness.setLocalState({ user: { name: 'Leser' }, blob: 'z'.repeat(100 * 1024) });
    await waitFor('Awareness abgewiesen', () => logger.lines.some((l) => l.includes('Awareness zu groß')) && drops > 0);
    reader.awareness.setLocalState({ user: { name: 'Leser' }, blob: 'z'.repeat(5 * 1024 * 1024) });
    await waitFor('5 MB abgewiesen', () => drops > 1);
    await sleep(300);
    expect(JSON.stringify(seen() ?? {})).not.toContain('zzzz');
    // Back with a small state — and another name: the identity stays the first one.
    reader.awareness.setLocalState({ user: { name: 'Nochmal anders', color: '#000000' }, cursor: { anchor: 9 } });
    await waitFor('Leser wieder da', () => seen()?.cursor?.anchor === 9, 20_000);
    expect(seen()?.user).toEqual({ name: 'Leser', color: '#3366ff' });
    // A writer may rename itself (its own caret label).
    writer.awareness.setLocalState({ user: { name: 'Anna' } });
    await waitFor('Umbenennung erlaubt', () => (reader.awareness.getStates().get(writer.doc.clientID) as { user?: { name: string } } | undefined)?.user?.name === 'Anna');
  });

  it('a <script> element or an onclick attribute from a standard provider is removed before anyone keeps it', async () => {
    const { server, raw } = await setup();
    const attacker = raw(DOC, TOKEN);
    const fragment = attacker.doc.getXmlFragment(DRAFT_FRAGMENT);
    attacker.doc.transact(() => {
      const p = new Y.XmlElement('paragraph');
      p.setAttribute('onclick', 'alert(1)');
      p.insert(0, [new Y.XmlText('Sichtbarer Text')]);
      const script = new Y.XmlElement('script');
      script.insert(0, [new Y.XmlText('alert(document.cookie)')]);
      fragment.insert(0, [p, script]);
    });
    await waitFor('gesendet', () => attacker.synced);
    const late = raw(DOC, TOKEN);
    await waitFor('Spätkommer synchron', () => late.synced && late.doc.getXmlFragment(DRAFT_FRAGMENT).length > 0);
    const names = (f: Y.XmlFragment) => f.toArray().map((n) => (n as Y.XmlElement).nodeName);
    await waitFor('bereinigt beim Angreifer', () => !names(attacker.doc.getXmlFragment(DRAFT_FRAGMENT)).includes('script'));
    expect(names(late.doc.getXmlFragment(DRAFT_FRAGMENT))).toEqual(['paragraph']);
    expect((late.doc.getXmlFragment(DRAFT_FRAGMENT).get(0) as Y.XmlElement).getAttributes()).toEqual({});
    // The stored state, as the next load sees it.
    const stored = new Y.Doc();
    for (const r of storeRows(server.storePath, DOC)) Y.applyUpdate(stored, r.data);
    expect(names(stored.getXmlFragment(DRAFT_FRAGMENT))).toEqual(['paragraph']);
    expect(stored.getXmlFragment(DRAFT_FRAGMENT).toString()).not.toContain('onclick');
  });
});

/** Resident set of a process (Linux /proc), in bytes. */
function rss(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return Number(m![1]) * 1024;
}

function openSocket(url: string): Promise<{ ws: WebSocket; closed: Promise<number> }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    const closed = new Promise<number>((r) => ws.addEventListener('close', () => r(Date.now())));
    ws.addEventListener('open', () => resolve({ ws, closed }));
    ws.addEventListener('error', () => reject(new Error('refused')));
  });
}

describe('the server before authentication (quartierswissen serve)', () => {
  it.skipIf(!fs.existsSync('/proc/self/status'))('eight unauthenticated 10 MB frames close their sockets; the server grows by less than 20 MB', { timeout: 60_000 }, async () => {
    const dir = tempDir('qw-sync-preauth-');
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const srv = await childServer(path.join(dir, 's.sqlite'));
    cleanups.push(() => killHard(srv.child));
    // Warm the server up with one real client first (module loading is not the frames' doing).
    const warm = new RawClient(srv.url, DOC, TOKEN);
    warm.type('warm');
    await waitFor('warm', () => warm.synced);
    warm.destroy();
    await sleep(300);
    const before = rss(srv.child.pid!);
    const frame = new Uint8Array(10 * 1024 * 1024).fill(7);
    const sockets = await Promise.all(Array.from({ length: 8 }, () => openSocket(srv.url)));
    for (const s of sockets) s.ws.send(frame);
    await Promise.all(sockets.map((s) => s.closed));
    await sleep(300);
    const grown = rss(srv.child.pid!) - before;
    expect(grown).toBeLessThan(20 * 1024 * 1024);
    // Still serving.
    const after = new RawClient(srv.url, DOC, TOKEN);
    cleanups.push(() => after.destroy());
    await waitFor('bedient weiter', () => after.synced && after.text() === 'warm');
  });

  it('1,000 idle unauthenticated sockets are closed within the authentication timeout', { timeout: 60_000 }, async () => {
    const dir = tempDir('qw-sync-idle-');
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const srv = await childServer(path.join(dir, 's.sqlite'), 0, { args: ['--auth-timeout', '1', '--max-connections', '2000', '--max-connections-per-address', '2000'] });
    cleanups.push(() => killHard(srv.child));
    const sockets: { ws: WebSocket; closed: Promise<number> }[] = [];
    for (let i = 0; i < 10; i++) sockets.push(...(await Promise.all(Array.from({ length: 100 }, () => openSocket(srv.url)))));
    const opened = Date.now();
    const closedAt = await Promise.all(sockets.map((s) => s.closed));
    expect(sockets).toHaveLength(1000);
    // Deadline 1 s from each socket's opening; allow for a busy machine, not for "never".
    expect(Math.max(...closedAt) - opened).toBeLessThan(6000);
  });

  it('connections are bounded per address and in total', async () => {
    const dir = tempDir('qw-sync-bound-');
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    for (const [connections, allowed] of [
      [{ maxConnectionsPerAddress: 3, maxConnections: 10 }, 3],
      [{ maxConnectionsPerAddress: 10, maxConnections: 2 }, 2],
    ] as const) {
      const server = await inProcessServer(dir, { connections, storePath: path.join(dir, `s${allowed}.sqlite`) });
      cleanups.push(() => server.close());
      const first = await Promise.all(Array.from({ length: allowed }, () => openSocket(server.url)));
      cleanups.push(() => first.forEach((s) => s.ws.close()));
      await expect(openSocket(server.url)).rejects.toThrow('refused');
      expect(server.socketCount()).toBe(allowed);
      // A slot frees up when one closes.
      first[0]!.ws.close();
      await first[0]!.closed;
      await waitFor('Platz frei', () => server.socketCount() === allowed - 1);
      const again = await openSocket(server.url);
      again.ws.close();
    }
  });
});

describe("the app's SyncClient: what a colleague's index may bring", () => {
  it('adopts at most maxAdoptPerSession new drafts per connection, titles cut to the schema limit of 1,000 characters', async () => {
    const env = peers('ben');
    cleanups.push(() => env.dispose());
    const server = await inProcessServer(env.root);
    cleanups.push(() => server.close());
    const [ben] = env.peers as [Peer];
    // A write-token holder floods the index: 12 entries with 5 KB titles.
    const flood = new RawClient(server.url, LIBRARY_INDEX_DOC, TOKEN);
    cleanups.push(() => flood.destroy());
    flood.doc.transact(() => {
      for (let i = 0; i < 12; i++) flood.doc.getMap('drafts').set(`flut-${i}`, { title: `${i} ${'T'.repeat(5000)}`, kind: 'note' });
    });
    await waitFor('Index gespeichert', () => flood.synced);
    const connect = () => new SyncClient({ url: server.url, token: TOKEN, collab: ben.drafts, documents: ben.services.documents, logger: silentLogger, minDelay: 100, maxDelay: 400, maxAdoptPerSession: 5 });
    let client = connect();
    await client.whenSynced(10_000);
    client.stop();
    const adopted = () => ben.services.documents.list({ limit: 100 }).items.filter((d) => d.id.startsWith('flut-'));
    expect(adopted()).toHaveLength(5);
    for (const d of adopted()) expect(ben.services.documents.get(d.id).title.length).toBeLessThanOrEqual(1000);
    // The rest comes with the next connections.
    client = connect();
    await client.whenSynced(10_000);
    client.stop();
    expect(adopted()).toHaveLength(10);
  });
});
