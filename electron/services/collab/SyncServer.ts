import { Server, type onAuthenticatePayload, type onLoadDocumentPayload } from '@hocuspocus/server';
import Database from 'better-sqlite3';
import { createHash, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import type { Socket } from 'node:net';
import path from 'node:path';
import * as Y from 'yjs';
import { AppError } from '../../../shared/errors';
import { errorFields } from '../logFields';
import type { Logger } from '../ports';
import { checkpointTruncate } from '../db/prepared';
import { DRAFT_ID, draftDocName, LIBRARY_INDEX_DOC, SYNC_DOC_NAME, type LibraryIndexEntry } from './syncNames';
import { UpdateLog } from './UpdateLog';

export { draftDocName, LIBRARY_INDEX_DOC } from './syncNames';

/** `application_id` of a sync-server store ("QWSY"), so a library is never mistaken for it. */
const STORE_APPLICATION_ID = 0x51575359;

/** Reasons the server gives a refused document (the provider's `authenticationFailed.reason`). */
export const REFUSED = {
  /** Missing, empty or wrong token, or a document name the server does not serve. */
  denied: 'permission-denied',
  /** The draft was deleted in the library; nobody may bring it back. */
  deleted: 'document-deleted',
  /** The stored document could not be read; it stays untouched until repaired. */
  loadFailed: 'load-failed',
} as const;

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
}

export interface RunningSyncServer {
  url: string;
  port: number;
  host: string;
  /** Documents currently loaded and connections open (for the benchmark and logs). */
  stats(): { documents: number; connections: number };
  /** Drops every client connection at once (they reconnect by themselves). */
  dropConnections(): void;
  close(): Promise<void>;
}

/** Opens (or creates) the server's store: WAL, its own application id, the tables. */
export function openServerStore(file: string): Database.Database {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const db = new Database(file);
  const appId = db.pragma('application_id', { simple: true }) as number;
  const tables = db.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table'").pluck().get() as number;
  if (appId !== STORE_APPLICATION_ID && (appId !== 0 || tables > 0)) {
    db.close();
    throw new AppError('DB_FOREIGN', `„${file}“ ist kein Speicher eines Quartierswissen-Sync-Servers. Die Datei wurde nicht verändert.`, { file });
  }
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // SECURITY: deleted rows are overwritten with zeros, so a purged draft's text does not linger in
  // free pages of the file (issue 7: "deletion means deletion").
  db.pragma('secure_delete = ON');
  db.exec(`
    CREATE TABLE IF NOT EXISTS yjs_updates (
      seq         INTEGER PRIMARY KEY AUTOINCREMENT,
      document_id TEXT NOT NULL,
      update_data BLOB NOT NULL,
      created_at  TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS yjs_updates_document ON yjs_updates(document_id, seq);
    CREATE TABLE IF NOT EXISTS deleted_documents (
      document_id TEXT PRIMARY KEY,
      deleted_at  TEXT NOT NULL
    );
  `);
  db.pragma(`application_id = ${STORE_APPLICATION_ID}`);
  return db;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * A refusal Hocuspocus passes to the client as `permissionDenied(reason)`. The message stays empty
 * on purpose: Hocuspocus prints hook errors that have one, and we log refusals ourselves.
 */
function refusal(reason: string): Error {
  return Object.assign(new Error(''), { reason });
}

/** A document name as it may appear in a log line: never longer than a real one. */
const logName = (name: string) => (name.length > 140 ? `${name.slice(0, 140)}…` : name);

/**
 * `quartierswissen serve`: a Hocuspocus server with SQLite storage and a token check
 * (ARCHITECTURE §6). Every update a client sends is appended to the store *before* the server
 * acknowledges it (the listener runs inside the same synchronous apply), so a server killed
 * mid-session loses nothing it has confirmed; the log is compacted when a document unloads or
 * grows past `compactAfter` rows.
 *
 * Issue 7 adds: read-only tokens; a document whose stored rows cannot be read is refused and never
 * written over; a draft marked deleted in the library index is purged from the store (and its
 * name refused from then on). Log lines carry names, ids and counts — never document text.
 */
export async function startSyncServer(options: SyncServerOptions): Promise<RunningSyncServer> {
  if (!options.token) throw new AppError('VALIDATION', 'Der Sync-Server braucht ein Zugangstoken (QW_SYNC_TOKEN oder --token).');
  const readOnlyTokens = options.readOnlyTokens ?? [];
  if (readOnlyTokens.some((t) => !t)) throw new AppError('VALIDATION', 'Ein Lese-Token darf nicht leer sein.');
  if (readOnlyTokens.includes(options.token)) {
    throw new AppError('VALIDATION', 'Ein Lese-Token darf nicht gleich dem Schreib-Token sein.');
  }
  const logger = options.logger;
  const db = openServerStore(options.storePath);
  const log = new UpdateLog(db);
  const compactAfter = options.compactAfter ?? 500;
  const rows = new Map<string, number>();
  /** Documents whose load succeeded: only these are ever written or compacted. */
  const loaded = new Set<string>();
  const deleted = new Set(db.prepare('SELECT document_id FROM deleted_documents').pluck().all() as string[]);
  const markDeleted = db.prepare('INSERT OR IGNORE INTO deleted_documents (document_id, deleted_at) VALUES (?, ?)');
  const writeDigest = digest(options.token);
  const readDigests = readOnlyTokens.map(digest);
  const host = options.host ?? '127.0.0.1';

  /** Removes every stored row of a deleted draft and refuses its name from now on. */
  const purge = (name: string) => {
    deleted.add(name);
    const removed = db.transaction(() => {
      markDeleted.run(name, new Date().toISOString());
      return log.purge(name);
    })();
    rows.delete(name);
    server.hocuspocus.closeConnections(name);
    logger.info('Sync: gelöschter Entwurf aus dem Speicher entfernt', { document: name, rows: removed });
  };

  /**
   * Watches the library index: an entry marked deleted purges its draft; afterwards the entry is
   * reduced to `{ deleted: true }` and the index log compacted (with GC), so neither the draft's
   * text nor its title stays in the store or its WAL.
   */
  const watchIndex = (document: Y.Doc) => {
    const drafts = document.getMap<LibraryIndexEntry>('drafts');
    let tidy: NodeJS.Immediate | null = null;
    const review = (ids: Iterable<string>) => {
      let changed = false;
      for (const id of ids) {
        const entry = drafts.get(id);
        if (!entry || !DRAFT_ID.test(id)) continue;
        const name = draftDocName(id);
        if (entry.deleted === true && !deleted.has(name)) {
          purge(name);
          changed = true;
        }
        // A deleted draft stays deleted, and its entry keeps nothing but the flag.
        if (deleted.has(name) && (entry.deleted !== true || Object.keys(entry).length > 1)) changed = true;
      }
      if (changed && !tidy) {
        // After the update that marked it has been appended (the 'update' listener runs after
        // the observers), so the compaction sees — and garbage-collects — the old entry.
        tidy = setImmediate(() => {
          tidy = null;
          if (server.hocuspocus.documents.get(LIBRARY_INDEX_DOC) !== document || !db.open) return;
          try {
            document.transact(() => {
              for (const [id, entry] of drafts.entries()) {
                if (deleted.has(draftDocName(id)) && (entry.deleted !== true || Object.keys(entry).length > 1)) drafts.set(id, { deleted: true });
              }
            }, 'qw-server');
            log.compact(LIBRARY_INDEX_DOC);
            rows.set(LIBRARY_INDEX_DOC, 1);
            // SECURITY: fold the WAL into the (zeroed) pages and truncate it, so the purged bytes
            // are in neither file. (Cached statement: this runs per deletion; db/prepared.ts.)
            checkpointTruncate(db);
          } catch (err) {
            // The purge itself is done; the next deletion or unload compacts again.
            logger.error('Sync: Bibliotheksverzeichnis nach dem Löschen nicht zusammengefasst', errorFields(err));
          }
        });
      }
    };
    drafts.observe((event) => review(event.keysChanged));
    review(drafts.keys());
  };

  const server = new Server({
    address: host,
    port: options.port ?? 1234,
    quiet: true,
    stopOnSignals: false,
    // Store on every change (below); Hocuspocus' own debounced store only compacts.
    debounce: 5000,
    maxDebounce: 30000,
    async onAuthenticate({ token, documentName, connectionConfig }: onAuthenticatePayload) {
      // SECURITY: compare digests in constant time against every token, whichever matches; a
      // missing, empty or wrong token, or a name we do not serve, gets no document at all.
      const given = digest(token ?? '');
      const writer = timingSafeEqual(given, writeDigest);
      let reader = false;
      for (const d of readDigests) reader = timingSafeEqual(given, d) || reader;
      if (!token || !SYNC_DOC_NAME.test(documentName) || (!writer && !reader)) {
        logger.warn('Sync: Zugang verweigert', { document: logName(documentName) });
        throw refusal(REFUSED.denied);
      }
      if (deleted.has(documentName)) throw refusal(REFUSED.deleted);
      // SECURITY: Hocuspocus answers every update of a read-only connection with "not applied".
      if (!writer) connectionConfig.readOnly = true;
    },
    async onLoadDocument({ documentName, document }: onLoadDocumentPayload) {
      if (deleted.has(documentName)) throw refusal(REFUSED.deleted);
      let count: number;
      try {
        const { updates } = log.since(documentName, 0);
        if (updates.length) Y.applyUpdate(document, Y.mergeUpdates(updates), 'store');
        count = updates.length;
      } catch (err) {
        // Refuse the document rather than serve (and later store) an empty or partial one: the
        // rows stay exactly as they are until someone repairs the store. Hocuspocus discards the
        // half-built document without running onStoreDocument.
        logger.error('Sync: Dokument konnte nicht geladen werden, Verbindung abgelehnt', { document: documentName, ...errorFields(err) });
        throw refusal(REFUSED.loadFailed);
      }
      if (deleted.has(documentName)) throw refusal(REFUSED.deleted);
      rows.set(documentName, count);
      loaded.add(documentName);
      document.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === 'store' || deleted.has(documentName) || !loaded.has(documentName)) return;
        log.append(documentName, update);
        const n = (rows.get(documentName) ?? 0) + 1;
        rows.set(documentName, n);
        if (n > compactAfter) {
          log.compact(documentName);
          rows.set(documentName, 1);
        }
      });
      if (documentName === LIBRARY_INDEX_DOC) watchIndex(document);
    },
    async onStoreDocument({ documentName }) {
      if (!loaded.has(documentName) || deleted.has(documentName)) return;
      if ((rows.get(documentName) ?? 0) > 1) {
        log.compact(documentName);
        rows.set(documentName, 1);
      }
    },
    async afterUnloadDocument({ documentName }) {
      loaded.delete(documentName);
      rows.delete(documentName);
    },
  });
  // Hocuspocus' destroy() closes the documents and the listening socket but leaves upgraded
  // websockets open; we end them ourselves so a stop (or a restart on the same port) really
  // disconnects every client and they reconnect to the new instance.
  const sockets = new Set<Socket>();
  server.httpServer.on('upgrade', (_req, socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  const dropSockets = () => {
    for (const s of sockets) s.destroy();
    sockets.clear();
  };
  try {
    await server.listen();
  } catch (err) {
    db.close();
    throw new AppError('IO', `Der Sync-Server konnte ${host}:${options.port ?? 1234} nicht öffnen: ${(err as Error).message}`);
  }
  const port = server.address.port;
  logger.info('Sync-Server gestartet', { host, port, store: options.storePath, readOnlyTokens: readOnlyTokens.length, deleted: deleted.size });
  let closed: Promise<void> | null = null;
  return {
    url: `ws://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    host,
    stats: () => ({ documents: server.hocuspocus.getDocumentsCount(), connections: server.hocuspocus.getConnectionsCount() }),
    dropConnections: dropSockets,
    close() {
      closed ??= (async () => {
        await server.destroy();
        dropSockets();
        loaded.clear();
        if (db.open) {
          db.pragma('wal_checkpoint(TRUNCATE)');
          db.close();
        }
      })();
      return closed;
    },
  };
}
