import Database from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import type { QuoteQuery, QuoteResult, SearchQuery, SearchResult } from '../../../shared/ipc/areas/search';
import { SearchEngine, type EngineOptions, type EngineStats } from './SearchEngine';
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

/** Every method of the worker with its argument and answer, as the IPC contract types channels. */
export interface WorkerMethods {
  query: { args: SearchQuery; result: SearchResult };
  quotes: { args: QuoteQuery; result: QuoteResult };
  notify: { args: string[]; result: null };
  whenIdle: { args: undefined; result: EngineStats };
  whenPurged: { args: undefined; result: EngineStats };
  merge: { args: undefined; result: EngineStats };
  stats: { args: undefined; result: EngineStats };
  close: { args: undefined; result: null };
}
export type WorkerMethod = keyof WorkerMethods;
export type WorkerRequest = { [M in WorkerMethod]: { id: number; method: M; args: WorkerMethods[M]['args'] } }[WorkerMethod];
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

async function handle(req: WorkerRequest): Promise<WorkerMethods[WorkerMethod]['result']> {
  switch (req.method) {
    case 'query':
      await engine.loaded();
      return engine.query(req.args);
    case 'quotes':
      await engine.loaded();
      return engine.quotes(req.args);
    case 'notify':
      engine.notify(req.args);
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
      throw new Error(`Unbekannte Methode ${(req as { method: string }).method}`);
  }
}

port.on('message', (req: WorkerRequest) => {
  handle(req).then(
    (value) => post({ type: 'result', id: req.id, ok: true, value }),
    (err: Error & { code?: string }) =>
      post({ type: 'result', id: req.id, ok: false, error: { code: err.code, message: err.message } }),
  );
});
