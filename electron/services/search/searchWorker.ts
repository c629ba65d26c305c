import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { SearchEngine, type EngineOptions } from './SearchEngine';
import { configureConnection } from '../db/connectionSetup';
import { errorFields } from '../logFields';

/**
 * The search worker (ARCHITECTURE §5): owns the index segments, builds and merges them, and
 * answers queries, with its own connection to the library file. The app's main thread only
 * forwards messages (SearchService), so neither a merge nor a long query ever blocks it.
 */

export interface WorkerInit {
  dbPath: string;
  options: Omit<EngineOptions, 'onStatus' | 'log'>;
}

export type WorkerRequest = { id: number; method: string; args?: unknown };
export type WorkerMessage =
  | { type: 'result'; id: number; ok: true; value: unknown }
  | { type: 'result'; id: number; ok: false; error: { code?: string; message: string } }
  | { type: 'event'; name: 'index.updated'; payload: unknown }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string; fields?: Record<string, unknown> };

const port = parentPort;
if (!port) throw new Error('searchWorker muss als worker_threads-Worker laufen');
const init = workerData as WorkerInit;
const post = (m: WorkerMessage) => port.postMessage(m);

const db = new Database(init.dbPath, { fileMustExist: true });
// The one connection set-up of the library (durability, small WAL, deletion, write lock, busy timeout).
configureConnection(db);
const engine = new SearchEngine(db, {
  ...init.options,
  onStatus: (payload) => post({ type: 'event', name: 'index.updated', payload }),
  log: (message, fields) => post({ type: 'log', level: 'info', message, fields }),
});
// Load (or build) right away: the index is warm by the time someone searches.
engine.ready().catch((err: Error) => post({ type: 'log', level: 'error', message: 'Suchindex konnte nicht geladen werden', fields: errorFields(err) }));

async function handle(method: string, args: unknown): Promise<unknown> {
  switch (method) {
    case 'query':
      await engine.loaded();
      return engine.query(args as Parameters<SearchEngine['query']>[0]);
    case 'quotes':
      await engine.loaded();
      return engine.quotes(args as Parameters<SearchEngine['quotes']>[0]);
    case 'notify':
      engine.notify(args as string[]);
      return null;
    case 'whenIdle':
      await engine.whenIdle();
      return engine.stats();
    case 'whenPurged':
      await engine.whenPurged();
      return engine.stats();
    case 'merge':
      await engine.ready();
      await engine.merge();
      return engine.stats();
    case 'stats':
      return engine.stats();
    case 'close':
      engine.close();
      db.close();
      return null;
    default:
      throw new Error(`Unbekannte Methode ${method}`);
  }
}

port.on('message', (req: WorkerRequest) => {
  handle(req.method, req.args).then(
    (value) => post({ type: 'result', id: req.id, ok: true, value }),
    (err: Error & { code?: string }) =>
      post({ type: 'result', id: req.id, ok: false, error: { code: err.code, message: err.message } }),
  );
});
