import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import { createServices, type Services } from '../../../electron/services/createServices';
import { docToRich } from '../../../electron/services/collab/draftDoc';
import { SyncClient } from '../../../electron/services/collab/SyncClient';
import { draftDocName, openServerStore, startSyncServer, type RunningSyncServer, type SyncServerOptions } from '../../../electron/services/collab/SyncServer';
import { UpdateLog } from '../../../electron/services/collab/UpdateLog';
import { MemoryEventSink, silentLogger, systemClock, type Logger } from '../../../electron/services/ports';
import { DRAFT_FRAGMENT } from '../../../shared/editor/draftExtensions';
import { draftToPlain } from '../../../shared/editor/draftText';
import { REPO_ROOT, tempDir } from '../../support/testLibrary';

export const TOKEN = 'test-token-7f3a';
export const READ_TOKEN = 'lese-token-91bd';
export const BIN = path.join(REPO_ROOT, 'bin', 'quartierswissen.mjs');

/** A library of one person: real SQLite file, real services, fast debounce. */
export class Peer {
  services: Services;
  client: SyncClient | null = null;
  constructor(
    readonly name: string,
    readonly dir: string,
  ) {
    this.services = Peer.open(dir);
  }

  static open(dir: string): Services {
    return createServices(
      {
        paths: { resourcesDir: path.join(REPO_ROOT, 'resources'), backupsDir: path.join(dir, 'Sicherungen') },
        events: new MemoryEventSink(),
        clock: systemClock,
        logger: silentLogger,
      },
      { dbPath: path.join(dir, 'bibliothek.sqlite'), appVersion: '0.0.0-test', collab: { textDebounceMs: 20, compactAfter: 200 } },
    );
  }

  get drafts() {
    return this.services.collab.drafts;
  }

  connect(url: string, token = TOKEN): SyncClient {
    this.client = new SyncClient({ url, token, collab: this.drafts, documents: this.services.documents, logger: silentLogger, minDelay: 100, maxDelay: 400 });
    return this.client;
  }

  disconnect(): void {
    this.client?.stop();
    this.client = null;
  }

  /** Types `text` at character `at` of paragraph `block` (as the editor would: one Yjs transaction). */
  type(id: string, text: string, at: number | 'end' = 'end', block = 0): void {
    const doc = this.drafts.get(id).doc;
    doc.transact(() => {
      const p = doc.getXmlFragment(DRAFT_FRAGMENT).get(block) as Y.XmlElement;
      let t = p.get(0) as Y.XmlText | undefined;
      if (!t) {
        t = new Y.XmlText();
        p.insert(0, [t]);
      }
      t.insert(at === 'end' ? t.length : Math.min(at, t.length), text);
    }, { source: 'editor', clientId: this.name });
  }

  text(id: string): string {
    return this.drafts.plainText(id);
  }

  /** A restart: close the library file and open it again. */
  reopen(): void {
    this.disconnect();
    this.services.close();
    this.services = Peer.open(this.dir);
  }

  close(): void {
    this.disconnect();
    this.services.close();
  }
}

export async function waitFor(what: string, check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error(`Zeitüberschreitung: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The text the server has stored for a draft (read from its SQLite file, as after a restart). */
export function serverText(storePath: string, id: string): string {
  const db = openServerStore(storePath);
  try {
    const { updates } = new UpdateLog(db).since(draftDocName(id), 0);
    const doc = new Y.Doc();
    for (const u of updates) Y.applyUpdate(doc, u);
    return draftToPlain(docToRich(doc));
  } finally {
    db.close();
  }
}

export async function inProcessServer(
  dir: string,
  extra: Partial<SyncServerOptions> = {},
): Promise<RunningSyncServer & { storePath: string }> {
  const storePath = extra.storePath ?? path.join(dir, 'server.sqlite');
  const server = await startSyncServer({ host: '127.0.0.1', port: 0, token: TOKEN, logger: silentLogger, compactAfter: 100, ...extra, storePath });
  return Object.assign(server, { storePath });
}

/** A logger that keeps every line, so a test can check what the server wrote. */
export function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const rec = (level: string) => (message: string, fields?: Record<string, unknown>) => void lines.push(`${level} ${message} ${JSON.stringify(fields ?? {})}`);
  return { lines, info: rec('info'), warn: rec('warn'), error: rec('error') };
}

/**
 * A bare Hocuspocus client (own websocket, own Y.Doc), as any program with the provider could
 * open one — not the app's SyncClient, so it sends exactly what a test tells it to.
 */
export class RawClient {
  readonly doc = new Y.Doc();
  readonly socket: HocuspocusProviderWebsocket;
  readonly provider: HocuspocusProvider;
  readonly failures: string[] = [];
  scope: string | null = null;
  /** Document updates received from the server (any content reaching the client). */
  received = 0;
  /** Websocket messages of any kind received (all documents of this socket). */
  messages = 0;
  /** Times the websocket lost its connection. */
  disconnects = 0;

  constructor(url: string, name: string, token: string | null, opts: { minDelay?: number; maxDelay?: number } = {}) {
    this.socket = new HocuspocusProviderWebsocket({
      url,
      WebSocketPolyfill: globalThis.WebSocket,
      minDelay: opts.minDelay ?? 100,
      delay: opts.minDelay ?? 100,
      maxDelay: opts.maxDelay ?? 400,
    });
    this.provider = new HocuspocusProvider({
      name,
      document: this.doc,
      websocketProvider: this.socket,
      token,
      awareness: null,
      onAuthenticationFailed: ({ reason }) => void this.failures.push(reason),
      onAuthenticated: ({ scope }) => void (this.scope = scope),
    });
    this.socket.on('message', () => void this.messages++);
    this.socket.on('disconnect', () => void this.disconnects++);
    this.doc.on('update', (_u: Uint8Array, origin: unknown) => {
      if (origin === this.provider) this.received++;
    });
    this.provider.attach();
  }

  text(): string {
    return this.doc.getText('t').toString();
  }

  type(text: string): void {
    const t = this.doc.getText('t');
    t.insert(t.length, text);
  }

  get synced(): boolean {
    return this.provider.isSynced && this.provider.unsyncedChanges === 0;
  }

  private destroyed = false;

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.provider.destroy();
    this.socket.destroy();
    this.doc.destroy();
  }
}

/** The raw rows of one document in a server store (read-only connection; the server may run). */
export function storeRows(storePath: string, name: string): { seq: number; data: Buffer }[] {
  const db = new Database(storePath, { readonly: true, fileMustExist: true });
  try {
    return db.prepare('SELECT seq, update_data AS data FROM yjs_updates WHERE document_id = ? ORDER BY seq').all(name) as { seq: number; data: Buffer }[];
  } finally {
    db.close();
  }
}

/** Whether `marker` occurs (as UTF-8 bytes) in the store file or its -wal, read raw from disk. */
export function markerOnDisk(storePath: string, marker: string): string[] {
  const needle = Buffer.from(marker, 'utf8');
  return [storePath, `${storePath}-wal`].filter((f) => fs.existsSync(f) && fs.readFileSync(f).includes(needle)).map((f) => path.basename(f));
}

/** `quartierswissen serve` in a child process (so a test can kill it hard). */
export async function childServer(
  storePath: string,
  port = 0,
  extra: { args?: string[]; env?: Record<string, string> } = {},
): Promise<{ child: ChildProcess; url: string; port: number }> {
  const child = spawn(process.execPath, [BIN, 'serve', '--host', '127.0.0.1', '--port', String(port), '--store', storePath, ...(extra.args ?? [])], {
    env: { ...process.env, QW_SYNC_TOKEN: TOKEN, QW_DB: '', ...extra.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const start = Date.now();
  for (;;) {
    const m = /ws:\/\/127\.0\.0\.1:(\d+)/.exec(out);
    if (m) return { child, url: m[0], port: Number(m[1]) };
    if (child.exitCode !== null) throw new Error(`serve beendet (${child.exitCode}): ${err}`);
    if (Date.now() - start > 20_000) {
      child.kill('SIGKILL');
      throw new Error(`serve startet nicht: ${err}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function killHard(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

export function peers(...names: string[]): { root: string; peers: Peer[]; dispose(): void } {
  return peersIn(tempDir('qw-collab-'), ...names);
}

/** Libraries under `root` (e.g. on a tmpfs, where a test of many drafts is not fsync-bound). */
export function peersIn(root: string, ...names: string[]): { root: string; peers: Peer[]; dispose(): void } {
  const list = names.map((n) => {
    const dir = path.join(root, n);
    fs.mkdirSync(dir, { recursive: true });
    return new Peer(n, dir);
  });
  return {
    root,
    peers: list,
    dispose() {
      for (const p of list) {
        try {
          p.close();
        } catch {
          // already closed
        }
      }
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

export interface StormResult {
  clients: number;
  documents: number;
  /** From dropping every socket to all clients authenticated and synced again. */
  dropReconnectMs: number;
  /** From starting the new server (same port, same store) to all clients synced again. */
  restartReconnectMs: number;
  /** Websocket messages the clients received in total. */
  messages: number;
  /** Fewest connection losses any client saw (2 when both the drop and the restart reached it). */
  minDisconnects: number;
  /** Server figures once everything settled, and after every client left. */
  settled: { documents: number; connections: number };
  after: { documents: number; connections: number };
  /** Words each document must hold, and what clients and the store hold. */
  missing: { where: string; word: string }[];
}

/**
 * A reconnect storm (issue 7, promise 6): `clients` raw providers on `documents` drafts, each with
 * its own websocket; every socket is dropped at once, then the server is stopped and started again
 * on the same port and store. Every client types before, during and after; the result lists any
 * word missing from any client or the store. Shared by the test and the benchmark.
 */
export async function reconnectStorm(
  dir: string,
  opts: { clients: number; documents: number; timeoutMs: number; logger?: Logger },
): Promise<StormResult> {
  const storePath = path.join(dir, 'storm.sqlite');
  const start = () =>
    startSyncServer({ host: '127.0.0.1', port: server?.port ?? 0, storePath, token: TOKEN, logger: opts.logger ?? silentLogger, compactAfter: 200 });
  let server: RunningSyncServer | undefined;
  server = await start();
  const url = server.url;
  const names = Array.from({ length: opts.documents }, (_, d) => draftDocName(`sturm-${d}`));
  const clients = Array.from({ length: opts.clients }, (_, i) => new RawClient(url, names[i % names.length]!, TOKEN, { minDelay: 50, maxDelay: 1000 }));
  const words = new Map<string, string[]>(names.map((n) => [n, []]));
  const typeAll = (round: string) =>
    clients.forEach((c, i) => {
      const w = `k${i}${round}`;
      c.type(` ${w}`);
      words.get(c.provider.configuration.name)!.push(w);
    });
  const allSynced = () => clients.every((c) => c.provider.isAuthenticated && c.synced);
  try {
    typeAll('a');
    await waitFor('alle verbunden', allSynced, opts.timeoutMs);

    const t0 = performance.now();
    server.dropConnections();
    typeAll('b');
    await waitFor('Verbindungsabbruch überstanden', () => server!.stats().connections === opts.clients && allSynced(), opts.timeoutMs);
    const dropReconnectMs = performance.now() - t0;

    await server.close();
    typeAll('c');
    await new Promise((r) => setTimeout(r, 200));
    const t1 = performance.now();
    server = await start();
    await waitFor('Neustart überstanden', () => server!.stats().connections === opts.clients && allSynced(), opts.timeoutMs);
    const restartReconnectMs = performance.now() - t1;
    typeAll('d');

    const missing: { where: string; word: string }[] = [];
    const complete = (text: string, n: string) => words.get(n)!.every((w) => text.includes(` ${w}`));
    await waitFor('alle sehen alles', () => clients.every((c) => complete(c.text(), c.provider.configuration.name)), opts.timeoutMs);
    const settled = server.stats();
    for (const c of clients) for (const w of words.get(c.provider.configuration.name)!) if (!c.text().includes(` ${w}`)) missing.push({ where: 'client', word: w });
    for (const n of names) {
      const doc = new Y.Doc();
      for (const r of storeRows(storePath, n)) Y.applyUpdate(doc, r.data);
      const text = doc.getText('t').toString();
      for (const w of words.get(n)!) if (!text.includes(` ${w}`)) missing.push({ where: n, word: w });
    }
    const messages = clients.reduce((sum, c) => sum + c.messages, 0);
    const minDisconnects = Math.min(...clients.map((c) => c.disconnects));
    for (const c of clients) c.destroy();
    await waitFor('Server leer', () => server!.stats().connections === 0 && server!.stats().documents === 0, opts.timeoutMs);
    return {
      clients: opts.clients,
      documents: opts.documents,
      dropReconnectMs,
      restartReconnectMs,
      messages,
      minDisconnects,
      settled,
      after: server.stats(),
      missing,
    };
  } finally {
    for (const c of clients) c.destroy();
    await server.close();
  }
}
