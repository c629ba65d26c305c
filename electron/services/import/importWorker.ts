import { parentPort, workerData } from 'node:worker_threads';
import type { EventName, EventPayloads } from '../../../shared/ipc/contract';
import { AppError } from '../../../shared/errors';
import { openDatabase } from '../db/openDatabase';
import { DocumentStore } from '../documents/DocumentStore';
import { EventBus } from '../EventBus';
import { errorFields } from '../logFields';
import { PeopleStore } from '../people/PeopleStore';
import { QuoteStore } from '../people/QuoteStore';
import { systemClock, type Logger } from '../ports';
import { Importer, type ImporterOptions, type ImportOptions } from './Importer';

/**
 * The import worker (issue 17): readers, normalisation, press analysis and the writes of an
 * import run here, on a connection of their own to the library, so that no file — however large
 * or crafted — blocks the app's main thread, and a cancel is heard at once. Events (progress,
 * saved documents) go to the main thread, which hands them on as if they were its own.
 */

export interface ImportWorkerInit {
  dbPath: string;
  options: Partial<ImporterOptions>;
}

export type ImportWorkerRequest =
  | { id: number; method: 'importPaths'; paths: string[]; options: Pick<ImportOptions, 'kind'> }
  | { id: number; method: 'cancel' }
  | { id: number; method: 'ping' };

export type ImportWorkerMessage =
  | { type: 'result'; id: number; ok: true; value: unknown }
  | { type: 'result'; id: number; ok: false; error: { code: string; message: string; details?: unknown } }
  | { type: 'event'; event: EventName; payload: unknown }
  | { type: 'log'; level: 'info' | 'warn' | 'error'; message: string; fields?: Record<string, unknown> };

const port = parentPort;
if (!port) throw new Error('importWorker muss als worker_threads-Worker laufen');
const init = workerData as ImportWorkerInit;
const post = (m: ImportWorkerMessage) => port.postMessage(m);

// The same connection set-up as the main thread's (WAL, FULL, secure_delete, IMMEDIATE writes,
// busy_timeout); the main thread has opened, checked and migrated the file already.
const { db } = openDatabase(init.dbPath, { check: 'none' });
const logger: Logger = {
  info: (message, fields) => post({ type: 'log', level: 'info', message, fields }),
  warn: (message, fields) => post({ type: 'log', level: 'warn', message, fields }),
  error: (message, fields) => post({ type: 'log', level: 'error', message, fields }),
};
const events = new EventBus({
  emit<E extends EventName>(event: E, payload: EventPayloads[E]) {
    post({ type: 'event', event, payload });
  },
});
const documents = new DocumentStore(db, systemClock, events);
const people = new PeopleStore(db, systemClock);
const quotes = new QuoteStore(db, systemClock, events, people);
const importer = new Importer({ db, documents, people, quotes, events, clock: systemClock, logger }, init.options);

function errorValue(err: unknown): { code: string; message: string; details?: unknown } {
  if (err instanceof AppError) return err.toInfo();
  logger.error('Import-Worker: unerwarteter Fehler', errorFields(err));
  return { code: 'INTERNAL', message: (err as Error)?.message ?? String(err) };
}

port.on('message', (m: ImportWorkerRequest) => {
  if (m.method === 'ping') {
    post({ type: 'result', id: m.id, ok: true, value: null });
    return;
  }
  if (m.method === 'cancel') {
    post({ type: 'result', id: m.id, ok: true, value: importer.cancel() });
    return;
  }
  importer.importPaths(m.paths, m.options).then(
    (value) => post({ type: 'result', id: m.id, ok: true, value }),
    (err: unknown) => post({ type: 'result', id: m.id, ok: false, error: errorValue(err) }),
  );
});
