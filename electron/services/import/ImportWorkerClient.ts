import { Worker } from 'node:worker_threads';
import type { ImportProgress, ImportReport } from '../../../shared/domain/import';
import { AppError, ERROR_CODES, type ErrorCode } from '../../../shared/errors';
import type { EventName, EventPayloads } from '../../../shared/ipc/contract';
import type { EventBus } from '../EventBus';
import { errorFields } from '../logFields';
import type { Logger } from '../ports';
import { workerLocation } from '../workerLocation';
import type { ImporterOptions, ImportOptions } from './Importer';
import type { ImportWorkerInit, ImportWorkerMessage, ImportWorkerRequest } from './importWorker';

/** What the rest of the app needs of an import: the in-process `Importer` and this client alike. */
export interface ImportRunner {
  importPaths(paths: string[], options?: ImportOptions): Promise<ImportReport>;
  cancel(): { cancelled: number };
}

/**
 * How long a cancel may take before the worker is stopped hard (issue 17: cancel stops the work
 * within 1 s). Committed batches stay; the transaction in flight is rolled back by SQLite.
 */
export const HARD_CANCEL_MS = 1000;

/**
 * Memory budget of one import (issue 17: peak RSS of any import ≤ 1.5 GB): the worker's heap is
 * capped, so a file that would need more (a DOCX whose XML inflates to 190 MB, an HTML file of
 * 300,000 paragraphs) ends that import with TOO_LARGE instead of aborting the app. A real import
 * needs a fraction of it (the 2,229 speeches: about 300 MB).
 */
export const IMPORT_WORKER_HEAP_MB = 1200;

/** A request as the client makes it: the id is added on the way. */
type Request = ImportWorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

type Call = { resolve: (v: unknown) => void; reject: (e: Error) => void; method: ImportWorkerRequest['method'] };

/**
 * The import as the app's main thread runs it (issue 17): in a worker thread of its own
 * (`importWorker.ts`), so the window stays responsive during any import. Progress and saved
 * documents arrive as events and go through the main thread's EventBus (search index, windows)
 * as before. A cancel that the worker does not answer within HARD_CANCEL_MS stops the worker;
 * the next import starts a new one.
 */
export class ImportWorkerClient implements ImportRunner {
  private worker: Worker | null = null;
  private seq = 0;
  private readonly calls = new Map<number, Call>();
  private closed = false;

  /** The file being read when the worker last reported, to name it if the worker runs out of memory. */
  private currentFile: string | null = null;

  constructor(
    private readonly dbPath: string,
    private readonly events: EventBus,
    private readonly logger: Logger,
    private readonly options: Partial<ImporterOptions> = {},
    private readonly heapMb = IMPORT_WORKER_HEAP_MB,
  ) {}

  importPaths(paths: string[], options: ImportOptions = {}): Promise<ImportReport> {
    const onAbort = () => void this.cancel();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    return this.call<ImportReport>({ method: 'importPaths', paths, options: { kind: options.kind } }).finally(() =>
      options.signal?.removeEventListener('abort', onAbort),
    );
  }

  /** Cancels every running import (answered at once, as the in-process Importer does). */
  cancel(): { cancelled: number } {
    const running = this.running();
    const worker = this.worker;
    if (!worker || running === 0) return { cancelled: 0 };
    const timer = setTimeout(() => {
      // A reader stuck in one file (a crafted input) cannot outlast a cancel: stop the worker.
      if (this.worker === worker && this.running() > 0) this.stop(new AppError('CANCELLED', 'Der Import wurde abgebrochen.'));
    }, HARD_CANCEL_MS);
    timer.unref();
    void this.call({ method: 'cancel' }).catch(() => {});
    return { cancelled: running };
  }

  private running(): number {
    return [...this.calls.values()].filter((c) => c.method === 'importPaths').length;
  }

  /**
   * Starts the worker now and resolves once it answers (its code loaded, its connection open), so
   * the first import does not wait for that. Optional: an import starts the worker anyway.
   */
  async warmUp(): Promise<void> {
    await this.call({ method: 'ping' });
  }

  /** Stops the worker; running imports end with CANCELLED. */
  async close(): Promise<void> {
    this.closed = true;
    this.stop(new AppError('CANCELLED', 'Die Bibliothek wird geschlossen; der Import wurde abgebrochen.'));
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const { url, execArgv } = workerLocation(import.meta.url, 'importWorker');
    const init: ImportWorkerInit = { dbPath: this.dbPath, options: this.options };
    const w = new Worker(url, { workerData: init, execArgv, resourceLimits: { maxOldGenerationSizeMb: this.heapMb } });
    w.on('message', (m: ImportWorkerMessage) => this.onMessage(m));
    w.on('error', (err: Error & { code?: string }) => {
      if (this.worker !== w) return;
      if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        const file = this.currentFile ? `„${this.currentFile}“` : 'Eine Datei';
        this.stop(
          new AppError(
            'TOO_LARGE',
            `${file} braucht beim Lesen mehr als ${this.heapMb} MB Arbeitsspeicher; der Import wurde dort abgebrochen. ` +
              'Bereits gespeicherte Dokumente bleiben; die Datei bitte teilen oder ohne sie erneut importieren.',
            { file: this.currentFile, limitMb: this.heapMb },
          ),
        );
      } else {
        this.stop(new AppError('INTERNAL', `Der Import ist ausgefallen: ${err.message}`));
      }
    });
    w.on('exit', (code) => {
      if (this.worker === w) this.stop(new AppError('INTERNAL', `Der Import-Worker wurde beendet (Code ${code}).`));
    });
    this.worker = w;
    return w;
  }

  private stop(reason: AppError): void {
    const w = this.worker;
    this.worker = null;
    if (w) void w.terminate();
    if (reason.code !== 'CANCELLED' && reason.code !== 'TOO_LARGE' && !this.closed) this.logger.error('Import-Worker ausgefallen', errorFields(reason));
    for (const c of this.calls.values()) c.reject(reason);
    this.calls.clear();
  }

  private onMessage(m: ImportWorkerMessage): void {
    if (m.type === 'result') {
      const c = this.calls.get(m.id);
      if (!c) return;
      this.calls.delete(m.id);
      if (m.ok) c.resolve(m.value);
      else {
        const code: ErrorCode = (ERROR_CODES as readonly string[]).includes(m.error.code) ? (m.error.code as ErrorCode) : 'INTERNAL';
        c.reject(new AppError(code, m.error.message, m.error.details));
      }
    } else if (m.type === 'event') {
      if (m.event === 'import.progressed') this.currentFile = (m.payload as ImportProgress).currentFile;
      this.events.emit(m.event, m.payload as EventPayloads[EventName]);
    } else {
      this.logger[m.level](m.message, m.fields);
    }
  }

  private call<T>(request: Request): Promise<T> {
    if (this.closed) return Promise.reject(new AppError('CANCELLED', 'Die Bibliothek ist geschlossen.'));
    const worker = this.start();
    const id = ++this.seq;
    return new Promise<T>((resolve, reject) => {
      this.calls.set(id, { resolve: resolve as (v: unknown) => void, reject, method: request.method });
      worker.postMessage({ ...request, id } as ImportWorkerRequest);
    });
  }
}
