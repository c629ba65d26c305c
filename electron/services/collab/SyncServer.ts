import { Hocuspocus, type WebSocketLike } from '@hocuspocus/server';
import type Database from 'better-sqlite3';
import http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { AppError } from '../../../shared/errors';
import { errorFields } from '../logFields';
import type { Logger } from '../ports';
import { ContentLimits, DEFAULT_LIMITS, DeletionGuard, ServerState, TokenAuth, UpdateStore, type ServerLimits } from './serverExtensions';
import { openServerStore } from './ServerStore';

export { draftDocName, LIBRARY_INDEX_DOC } from './syncNames';
export { CLOSED, DEFAULT_LIMITS, REFUSED, repairDocName } from './serverExtensions';
export { openServerStore, STORE_SCHEMA_VERSION } from './ServerStore';

/** Bounds on sockets before and around authentication (issue 17 §5), stated in docs/collaboration.md. */
export interface ConnectionLimits {
  /** Largest websocket frame before the socket's first accepted authentication. */
  preAuthMaxPayload: number;
  /** A socket that has not authenticated any document by then is closed. */
  authTimeoutMs: number;
  /** Open sockets in total, and from one remote address. */
  maxConnections: number;
  maxConnectionsPerAddress: number;
  /** Documents one socket may have waiting for authentication at once (Hocuspocus' bound). */
  maxPendingDocuments: number;
}

export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  preAuthMaxPayload: 16 * 1024,
  authTimeoutMs: 10_000,
  maxConnections: 1024,
  maxConnectionsPerAddress: 256,
  maxPendingDocuments: 100,
};

/** Frame limit after authentication: the largest update plus room for the message around it. */
const frameLimit = (limits: ServerLimits) => limits.maxUpdateBytes + 64 * 1024;

export interface SyncServerOptions {
  host?: string;
  port?: number;
  /** SQLite file of the server (separate from any library). */
  storePath: string;
  /** Read-write token. */
  token: string;
  /** Tokens that may read every document but change none. */
  readOnlyTokens?: string[];
  logger: Logger;
  /** Rows per document after which the server's log is merged. */
  compactAfter?: number;
  /** How long a client's update is retried against a locked or full store before it is refused. */
  writeRetryMs?: number;
  /** SQLite busy timeout of the store (short: the retry above waits asynchronously). */
  busyTimeoutMs?: number;
  limits?: Partial<ServerLimits>;
  connections?: Partial<ConnectionLimits>;
}

export interface RunningSyncServer {
  url: string;
  port: number;
  host: string;
  /** Documents currently loaded and connections open (for the benchmark and logs). */
  stats(): { documents: number; connections: number };
  /** Open websockets, authenticated or not. */
  socketCount(): number;
  /** Drops every client connection at once (they reconnect by themselves). */
  dropConnections(): void;
  close(): Promise<void>;
}

interface SocketState {
  ws: WebSocket;
  authed: boolean;
  timer: NodeJS.Timeout | null;
}

/** Node's request headers as a web `Headers` (what Hocuspocus' hooks receive). */
function webHeaders(raw: http.IncomingHttpHeaders): Headers {
  const h = new Headers();
  for (const [k, v] of Object.entries(raw)) {
    if (v === undefined) continue;
    try {
      h.set(k, Array.isArray(v) ? v.join(', ') : v);
    } catch {
      // a header the fetch API does not accept: Hocuspocus does not need it
    }
  }
  return h;
}

/** An options object without its `undefined` entries (so they do not override the defaults). */
function defined<T extends object>(o: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function refuseUpgrade(socket: Duplex, status: string): void {
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  setTimeout(() => socket.destroy(), 1000).unref();
}

/**
 * `quartierswissen serve`: Hocuspocus with its behaviour as Extension classes
 * (serverExtensions.ts: TokenAuth, ContentLimits, DeletionGuard, UpdateStore) on our own HTTP and
 * websocket server, so the socket is bounded before anyone is authenticated: a small frame limit,
 * an authentication deadline, connections per address and in total. Every update a client sends
 * is stored *before* it is applied and acknowledged; a server killed mid-session loses nothing it
 * has confirmed. Log lines carry names, ids and counts — never document text.
 */
export async function startSyncServer(options: SyncServerOptions): Promise<RunningSyncServer> {
  if (!options.token) throw new AppError('VALIDATION', 'Der Sync-Server braucht ein Zugangstoken (QW_SYNC_TOKEN oder --token).');
  const readOnlyTokens = options.readOnlyTokens ?? [];
  if (readOnlyTokens.some((t) => !t)) throw new AppError('VALIDATION', 'Ein Lese-Token darf nicht leer sein.');
  if (readOnlyTokens.includes(options.token)) {
    throw new AppError('VALIDATION', 'Ein Lese-Token darf nicht gleich dem Schreib-Token sein.');
  }
  const logger = options.logger;
  const limits: ServerLimits = { ...DEFAULT_LIMITS, ...defined(options.limits) };
  const gate: ConnectionLimits = { ...DEFAULT_CONNECTION_LIMITS, ...defined(options.connections) };
  const host = options.host ?? '127.0.0.1';
  const db: Database.Database = openServerStore(options.storePath, { busyTimeoutMs: options.busyTimeoutMs });
  const state = new ServerState(db, logger, { compactAfter: options.compactAfter ?? 500, writeRetryMs: options.writeRetryMs ?? 5000, limits });

  const sockets = new Set<SocketState>();
  const byRequest = new WeakMap<Request, SocketState>();
  const perAddress = new Map<string, number>();
  let closing = false;
  let warnedInternals = false;

  /** The socket's first accepted authentication lifts the pre-auth frame limit and the deadline. */
  const accepted = (request: Request) => {
    const s = byRequest.get(request);
    if (!s || s.authed) return;
    s.authed = true;
    if (s.timer) clearTimeout(s.timer);
    s.timer = null;
    // ws has no public per-socket limit; its receiver reads `_maxPayload` on every frame. Where
    // that is missing (another ws), the socket keeps the small limit: fail closed, say so once.
    const receiver = (s.ws as unknown as { _receiver?: { _maxPayload?: number } })._receiver;
    if (receiver && typeof receiver._maxPayload === 'number') receiver._maxPayload = frameLimit(limits);
    else if (!warnedInternals) {
      warnedInternals = true;
      logger.error('Sync: Rahmengrenze nach der Anmeldung nicht anhebbar (ws-Version?); große Änderungen werden abgewiesen', {});
    }
  };

  const hocuspocus = new Hocuspocus({
    quiet: true,
    // Stored on every change (UpdateStore); Hocuspocus' own debounced store only compacts.
    debounce: 5000,
    maxDebounce: 30000,
    maxPendingDocuments: gate.maxPendingDocuments,
    maxUnauthenticatedQueueMessages: Math.max(1000, gate.maxPendingDocuments * 4),
    maxUnauthenticatedQueueSize: 1024 * 1024,
    extensions: [
      new TokenAuth(options.token, readOnlyTokens, logger, accepted),
      new ContentLimits(limits, logger),
      new DeletionGuard(state),
      new UpdateStore(state),
    ],
  });
  state.hocuspocus = hocuspocus;

  // SECURITY: before authentication a frame may be a few kB (issue 17 §5); permessage-deflate
  // stays off (no decompression bombs).
  const wss = new WebSocketServer({ noServer: true, maxPayload: gate.preAuthMaxPayload, perMessageDeflate: false });
  const httpServer = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
    res.end('Quartierswissen Sync-Server\n');
  });
  let refusedLogged = 0;
  httpServer.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => {});
    const address = req.socket.remoteAddress ?? 'unknown';
    const fromAddress = perAddress.get(address) ?? 0;
    if (closing || sockets.size >= gate.maxConnections || fromAddress >= gate.maxConnectionsPerAddress) {
      if (refusedLogged++ % 100 === 0) logger.warn('Sync: Verbindung abgewiesen (Grenze erreicht)', { total: sockets.size, fromAddress, limit: gate.maxConnections, perAddress: gate.maxConnectionsPerAddress });
      refuseUpgrade(socket, '503 Service Unavailable');
      return;
    }
    let request: Request;
    try {
      request = new Request(new URL(req.url ?? '/', `http://${host.includes(':') ? `[${host}]` : host}`), { headers: webHeaders(req.headers) });
    } catch {
      refuseUpgrade(socket, '400 Bad Request');
      return;
    }
    perAddress.set(address, fromAddress + 1);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      const n = (perAddress.get(address) ?? 1) - 1;
      if (n > 0) perAddress.set(address, n);
      else perAddress.delete(address);
    };
    socket.once('close', release);
    wss.handleUpgrade(req, socket, head, (ws) => {
      const s: SocketState = { ws, authed: false, timer: null };
      sockets.add(s);
      byRequest.set(request, s);
      s.timer = setTimeout(() => {
        if (!s.authed) ws.terminate();
      }, gate.authTimeoutMs);
      const client = hocuspocus.handleConnection(ws as unknown as WebSocketLike, request);
      ws.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => {
        const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data);
        client.handleMessage(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength));
      });
      // SECURITY: a frame over the limit or bad framing. ws would close politely and keep reading
      // (and discarding) the rest of a 100 MB frame; we drop the socket at once instead.
      ws.on('error', () => ws.terminate());
      ws.once('close', (code: number, reason: Buffer) => {
        if (s.timer) clearTimeout(s.timer);
        sockets.delete(s);
        release();
        client.handleClose({ code, reason: reason.toString() });
      });
    });
  });

  const port = await new Promise<number>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen({ port: options.port ?? 1234, host }, () => {
      httpServer.off('error', reject);
      resolve((httpServer.address() as { port: number }).port);
    });
  }).catch((err: Error) => {
    db.close();
    throw new AppError('IO', `Der Sync-Server konnte ${host}:${options.port ?? 1234} nicht öffnen: ${err.message}`);
  });
  logger.info('Sync-Server gestartet', { host, port, store: options.storePath, readOnlyTokens: readOnlyTokens.length, deleted: state.deleted.size });

  const dropSockets = () => {
    for (const s of [...sockets]) s.ws.terminate();
  };
  let closed: Promise<void> | null = null;
  return {
    url: `ws://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    host,
    stats: () => ({ documents: hocuspocus.getDocumentsCount(), connections: hocuspocus.getConnectionsCount() }),
    socketCount: () => sockets.size,
    dropConnections: dropSockets,
    close() {
      closed ??= (async () => {
        closing = true;
        httpServer.close();
        try {
          hocuspocus.closeConnections();
          hocuspocus.flushPendingStores();
        } catch (err) {
          logger.error('Sync: Beenden', errorFields(err));
        }
        // Documents unload once their store hook ran; never wait longer than 2 s for that.
        const until = Date.now() + 2000;
        while (hocuspocus.getDocumentsCount() > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
        dropSockets();
        for (const s of sockets) if (s.timer) clearTimeout(s.timer);
        wss.close();
        httpServer.closeAllConnections();
        // Whatever is still loaded (a store that kept failing) is written once more, then let go:
        // its awareness timer would otherwise keep the process alive.
        if (db.open) state.flushUnsaved();
        state.stopRetrying();
        for (const d of [...hocuspocus.documents.values()]) d.destroy();
        hocuspocus.documents.clear();
        if (db.open) {
          try {
            db.pragma('wal_checkpoint(TRUNCATE)');
          } catch (err) {
            logger.warn('Sync: WAL beim Beenden nicht zusammengeführt', errorFields(err));
          }
          db.close();
        }
      })();
      return closed;
    },
  };
}
