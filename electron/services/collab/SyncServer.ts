import { Server, type onAuthenticatePayload, type onLoadDocumentPayload } from '@hocuspocus/server';
import Database from 'better-sqlite3';
import { createHash, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import { AppError } from '../../../shared/errors';
import type { Logger } from '../ports';
import { SYNC_DOC_NAME } from './syncNames';
import { UpdateLog } from './UpdateLog';

export { draftDocName, LIBRARY_INDEX_DOC } from './syncNames';

/** `application_id` of a sync-server store ("QWSY"), so a library is never mistaken for it. */
const STORE_APPLICATION_ID = 0x51575359;

export interface SyncServerOptions {
  host?: string;
  port?: number;
  /** SQLite file of the server (separate from any library). */
  storePath: string;
  token: string;
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
  close(): Promise<void>;
}

/** Opens (or creates) the server's store: WAL, its own application id, the one table. */
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
  db.exec(`
    CREATE TABLE IF NOT EXISTS yjs_updates (
      seq         INTEGER PRIMARY KEY AUTOINCREMENT,
      document_id TEXT NOT NULL,
      update_data BLOB NOT NULL,
      created_at  TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS yjs_updates_document ON yjs_updates(document_id, seq);
  `);
  db.pragma(`application_id = ${STORE_APPLICATION_ID}`);
  return db;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * `quartierswissen serve`: a Hocuspocus server with SQLite storage and a token check
 * (ARCHITECTURE §6). Every update a client sends is appended to the store *before* the server
 * acknowledges it (the listener runs inside the same synchronous apply), so a server killed
 * mid-session loses nothing it has confirmed; the log is compacted when a document unloads or
 * grows past `compactAfter` rows.
 */
export async function startSyncServer(options: SyncServerOptions): Promise<RunningSyncServer> {
  if (!options.token) throw new AppError('VALIDATION', 'Der Sync-Server braucht ein Zugangstoken (QW_SYNC_TOKEN oder --token).');
  const db = openServerStore(options.storePath);
  const log = new UpdateLog(db);
  const compactAfter = options.compactAfter ?? 500;
  const rows = new Map<string, number>();
  const expected = digest(options.token);
  const host = options.host ?? '127.0.0.1';

  const server = new Server({
    address: host,
    port: options.port ?? 1234,
    quiet: true,
    stopOnSignals: false,
    // Store on every change (below); Hocuspocus' own debounced store only compacts.
    debounce: 5000,
    maxDebounce: 30000,
    async onAuthenticate({ token, documentName }: onAuthenticatePayload) {
      // SECURITY: compare digests in constant time; a wrong token gets no document at all.
      if (!SYNC_DOC_NAME.test(documentName) || !timingSafeEqual(digest(token ?? ''), expected)) {
        throw new Error('Zugang verweigert');
      }
    },
    async onLoadDocument({ documentName, document }: onLoadDocumentPayload) {
      const { updates } = log.since(documentName, 0);
      if (updates.length) Y.applyUpdate(document, Y.mergeUpdates(updates), 'store');
      rows.set(documentName, updates.length);
      document.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin === 'store') return;
        log.append(documentName, update);
        const n = (rows.get(documentName) ?? 0) + 1;
        rows.set(documentName, n);
        if (n > compactAfter) {
          log.compact(documentName);
          rows.set(documentName, 1);
        }
      });
    },
    async onStoreDocument({ documentName }) {
      if ((rows.get(documentName) ?? 0) > 1) {
        log.compact(documentName);
        rows.set(documentName, 1);
      }
    },
  });
  try {
    await server.listen();
  } catch (err) {
    db.close();
    throw new AppError('IO', `Der Sync-Server konnte ${host}:${options.port ?? 1234} nicht öffnen: ${(err as Error).message}`);
  }
  const port = server.address.port;
  options.logger.info('Sync-Server gestartet', { host, port, store: options.storePath });
  let closed: Promise<void> | null = null;
  return {
    url: `ws://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    host,
    stats: () => ({ documents: server.hocuspocus.getDocumentsCount(), connections: server.hocuspocus.getConnectionsCount() }),
    close() {
      closed ??= (async () => {
        await server.destroy();
        if (db.open) {
          db.pragma('wal_checkpoint(TRUNCATE)');
          db.close();
        }
      })();
      return closed;
    },
  };
}
