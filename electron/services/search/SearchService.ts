import { Worker } from 'node:worker_threads';
import { AppError } from '../../../shared/errors';
import {
  quoteQuerySchema,
  searchQuerySchema,
  type IndexStatus,
  type QuoteQuery,
  type QuoteResult,
  type SearchQuery,
  type SearchResult,
} from '../../../shared/ipc/areas/search';
import type { EventBus } from '../EventBus';
import type { Logger } from '../ports';
import { errorFields } from '../logFields';
import { workerLocation } from '../workerLocation';
import type { EngineOptions, EngineStats } from './SearchEngine';
import type { WorkerInit, WorkerMessage, WorkerMethod, WorkerMethods, WorkerRequest } from './searchWorker';

export type SearchOptions = Omit<EngineOptions, 'onStatus' | 'log'> & {
  /** Heap limit of the search worker in MB (default WORKER_HEAP_MB). */
  workerHeapMb?: number;
};

/**
 * The worker's default heap limit: ~10× what a full build of 30,000 documents keeps live (about
 * 200 MB), and just below 2 GB on purpose: from 2 GB up, V8 lets the heap grow to 4× the live
 * objects between full collections, below it to at most 2×, which halves the garbage a build
 * leaves standing (the heap peak of a build is mostly garbage not yet collected).
 */
export const WORKER_HEAP_MB = 2000;

/**
 * The search as the rest of the app sees it: an async facade over the search worker. It forwards
 * saved changes (`documents.changed`) to the worker and the worker's `index.updated` to the host.
 * The worker starts on first use (or `start()`); changes made before are caught up from the
 * library file when it loads, so nothing is missed.
 */
export class SearchService {
  private worker: Worker | null = null;
  private seq = 0;
  private readonly calls = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private lastStatus: IndexStatus = { segments: 0, docCount: 0, pendingChanges: 0, pendingPurges: 0 };
  private closed = false;

  constructor(
    private readonly dbPath: string,
    private readonly events: EventBus,
    private readonly logger: Logger,
    private readonly options: SearchOptions = {},
  ) {
    events.on('documents.changed', ({ ids }) => {
      if (this.worker) void this.call('notify', ids).catch(() => {});
    });
  }

  /** Starts the worker (idempotent): it loads the index from the library or builds it. */
  start(): void {
    if (this.worker || this.closed) return;
    // The search worker's code beside this module (TypeScript under tsx, searchWorker.js when bundled).
    const { url, execArgv } = workerLocation(import.meta.url, 'searchWorker');
    const { workerHeapMb, ...engine } = this.options;
    const init: WorkerInit = { dbPath: this.dbPath, options: engine };
    const w = new Worker(url, {
      workerData: init,
      execArgv,
      resourceLimits: { maxOldGenerationSizeMb: workerHeapMb ?? WORKER_HEAP_MB },
    });
    w.on('message', (m: WorkerMessage) => this.onMessage(m));
    w.on('error', (err) => this.onExit(err));
    w.on('exit', (code) => this.onExit(new Error(`Such-Worker beendet (Code ${code})`)));
    this.worker = w;
  }

  private onMessage(m: WorkerMessage): void {
    if (m.type === 'result') {
      const c = this.calls.get(m.id);
      if (!c) return;
      this.calls.delete(m.id);
      if (m.ok) c.resolve(m.value);
      else c.reject(new AppError('INTERNAL', `Suche fehlgeschlagen: ${m.error.message}`));
    } else if (m.type === 'event') {
      this.lastStatus = m.payload as IndexStatus;
      this.events.emit('index.updated', this.lastStatus);
    } else if (m.type === 'log') {
      this.logger[m.level](m.message, m.fields);
    }
  }

  private onExit(err: Error): void {
    if (!this.worker) return;
    this.worker = null;
    if (!this.closed) this.logger.error('Such-Worker ausgefallen', errorFields(err));
    for (const c of this.calls.values()) c.reject(new AppError('INTERNAL', `Suche nicht verfügbar: ${err.message}`));
    this.calls.clear();
  }

  private call<M extends WorkerMethod>(method: M, args?: WorkerMethods[M]['args']): Promise<WorkerMethods[M]['result']> {
    if (this.closed) return Promise.reject(new AppError('INTERNAL', 'Die Suche ist bereits beendet.'));
    this.start();
    const id = ++this.seq;
    return new Promise<WorkerMethods[M]['result']>((resolve, reject) => {
      this.calls.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.worker!.postMessage({ id, method, args } as WorkerRequest);
    });
  }

  /** `search.query`: ranked documents with snippets, facets and hints. */
  query(input: SearchQuery): Promise<SearchResult> {
    return this.call('query', searchQuerySchema.parse(input));
  }

  /** `search.quotes`: statements by content and speaker. */
  quotes(input: QuoteQuery): Promise<QuoteResult> {
    return this.call('quotes', quoteQuerySchema.parse(input));
  }

  /** Resolves when every saved change is indexed and persisted (CLI, tests, benchmarks). */
  whenIdle(): Promise<EngineStats> {
    return this.call('whenIdle');
  }

  /**
   * Resolves when every deleted document is gone from the stored index and the -wal file has
   * been truncated (issue 7; tests, CLI). `index.updated` reports `pendingPurges: 0` then too.
   */
  whenPurged(): Promise<EngineStats> {
    return this.call('whenPurged');
  }

  /** Folds the delta into a new base now. */
  merge(): Promise<EngineStats> {
    return this.call('merge');
  }

  stats(): Promise<EngineStats> {
    return this.call('stats');
  }

  status(): IndexStatus {
    return this.lastStatus;
  }

  /** Stops the worker. Work not yet persisted is caught up at the next start. */
  close(): Promise<void> {
    this.closed = true;
    const w = this.worker;
    this.worker = null;
    for (const c of this.calls.values()) c.reject(new AppError('CANCELLED', 'Die Suche wurde beendet.'));
    this.calls.clear();
    return w ? w.terminate().then(() => undefined) : Promise.resolve();
  }
}
