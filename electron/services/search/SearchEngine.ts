import type Database from 'better-sqlite3';
import type {
  FacetCount,
  IndexStatus,
  QuoteQuery,
  QuoteResult,
  SearchFacets,
  SearchQuery,
  SearchResult,
} from '../../../shared/ipc/areas/search';
import { DocumentSource, type DocMeta, type IndexableDoc, type QuoteRow } from './documentSource';
import { CompoundVocabulary, GermanAnalyzer, PIPELINE_VERSION } from './germanAnalyzer';
import { combine, containsPhrase, foldedSequence, prepareQuery, proximityNeedles, proximityShare } from './queryMatcher';
import { addDocument, addQuote, FieldBuffers, TermAnalysis, TokenStore } from './indexTerms';
import { Segment, SegmentBuilder, type FieldSpec } from './Segment';
import { makeSnippet } from './snippets';
import { CONNECTION_PRAGMAS } from '../db/connectionSetup';
import { checkpointTruncate, prepared, withBusyTimeout } from '../db/prepared';

/** Fields of the document index with their boosts (issue: title, people, organisations, tags, body). */
export const DOC_FIELDS: FieldSpec[] = [
  { name: 'title', boost: 2 },
  { name: 'people', boost: 2 },
  { name: 'organisations', boost: 2 },
  { name: 'tags', boost: 2 },
  { name: 'body', boost: 1 },
  // Compound parts ("entwickl" of "Quartiersentwicklung"): found, but below the whole word.
  { name: 'parts', boost: 0.5 },
  // Exact written forms ("=politikers") and spellings ("~maße"), on top of the stem (see exactForm).
  { name: 'forms', boost: 1 },
];
const QUOTE_FIELDS: FieldSpec[] = [
  { name: 'text', boost: 1 },
  { name: 'speaker', boost: 3 },
  { name: 'organisation', boost: 2 },
  { name: 'role', boost: 1 },
  { name: 'parts', boost: 0.35 },
];

export interface EngineOptions {
  /** Overrides PIPELINE_VERSION (tests simulate a pipeline change with it). */
  pipelineVersion?: number;
  /** Merge the delta into a new base once it holds this many documents … */
  mergeMinDocs?: number;
  /** … or this share of the base, whichever is larger. */
  mergeRatio?: number;
  /** Coalesce change notifications for this long before indexing. */
  debounceMs?: number;
  /** Merge a non-empty delta after this much quiet time. */
  idleMergeMs?: number;
  /** Documents per step of a full build; the worker answers queries between steps. */
  batchSize?: number;
  /**
   * During a build, documents not findable before (first build, rebuild) are published in
   * searchable segments before the whole build is done: the first of about this many documents,
   * each further one twice as large. 0: none (the build's documents appear when it is done).
   */
  chunkDocs?: number;
  /** Wait before trying the WAL checkpoint again when a reader holds it up. */
  checkpointRetryMs?: number;
  onStatus?: (s: IndexStatus) => void;
  log?: (message: string, fields?: Record<string, unknown>) => void;
}

export interface EngineCounters {
  fullBuilds: number;
  deltaBuilds: number;
  merges: number;
  loadedSegments: number;
  lastFullBuildMs: number;
  lastLoadMs: number;
  lastDeltaMs: number;
  rebuildReason: string | null;
  /** Base segments rewritten without deleted documents. */
  purges: number;
  /** WAL checkpoints put off because a reader held them up. */
  checkpointRetries: number;
  /** Segments published during builds, each with documents not findable before (see chunkDocs). */
  interimSegments: number;
  /** ms from the start of the last build to its first published chunk (0: none). */
  lastFirstChunkMs: number;
  /** Phases of the last merge in ms: reading and scanning (pass 1), analysing (pass 2), the segment, storing it. */
  lastMergePhasesMs: { scan: number; analyse: number; segment: number; store: number };
}

export interface EngineStats extends IndexStatus {
  counters: EngineCounters;
  pipelineVersion: number;
  baseDocs: number;
  deltaDocs: number;
  tombstones: number;
  merging: boolean;
  vocabulary: number;
  serializedBytes: number;
  /** V8 heap of the worker (JS objects). */
  heapUsedMb: number;
  /** Typed-array memory of the worker (segments' postings live here, outside the V8 heap). */
  arrayBuffersMb: number;
  /** Largest heapUsed + arrayBuffers seen at the checkpoints of a build or merge (0: none yet). */
  peakBuildMb: number;
  /** The worker connection's settings (see db/connectionSetup.ts): must equal the app connection's. */
  connection: Record<string, unknown>;
}

const yieldNow = () => new Promise<void>((r) => setImmediate(r));

/** Candidates checked against the text for a quoted phrase (best-scored first). */
const PHRASE_CHECK_LIMIT = 300;
/** Best-scored candidates whose text is checked for the query words standing close together. */
const PROXIMITY_CHECK_LIMIT = 20;
/** Score multiplier for a candidate with every neighbouring pair of query words close: 1 + this. */
const PROXIMITY_BONUS = 0.25;

/** The k best entries in order, without sorting all of them (a result list can be the whole library). */
export function topK<T>(items: T[], k: number, cmp: (a: T, b: T) => number): T[] {
  if (k <= 0) return [];
  if (items.length <= k * 4) return [...items].sort(cmp).slice(0, k);
  // Keep a sorted buffer of the best k; most items lose against its last entry in one comparison.
  const best: T[] = [];
  for (const it of items) {
    if (best.length === k && cmp(it, best[k - 1]!) >= 0) continue;
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cmp(best[mid]!, it) <= 0) lo = mid + 1;
      else hi = mid;
    }
    best.splice(lo, 0, it);
    if (best.length > k) best.pop();
  }
  return best;
}

/**
 * Documents of a build in progress that nothing else makes findable, collected into small
 * segments (weighted with their own statistics: a stopgap until the build's base replaces them).
 * A document's terms come from the build's own analysis (term numbers of `main`, renumbered for
 * the chunk): nothing is analysed twice.
 */
class InterimChunks {
  private builder: SegmentBuilder | null = null;
  /** Term number in `main` → in the chunk's builder (-1: not yet in it). */
  private renumber = new Int32Array(0);
  private meta: DocMeta[] = [];
  private readonly lists: number[][] = DOC_FIELDS.map(() => []);

  constructor(
    private readonly main: SegmentBuilder,
    private readonly vocabulary: CompoundVocabulary,
    private readonly chunkDocs: number,
  ) {}

  get size(): number {
    return this.meta.length;
  }

  /** The document just added to `main` with these term numbers per field. */
  add(docId: string, stamp: string, fields: number[][], meta: DocMeta): void {
    if (!this.builder) {
      this.builder = new SegmentBuilder(DOC_FIELDS);
      this.renumber = new Int32Array(this.main.termCount).fill(-1);
    }
    if (this.renumber.length < this.main.termCount) {
      const grown = new Int32Array(this.main.termCount * 2).fill(-1);
      grown.set(this.renumber);
      this.renumber = grown;
    }
    const map = this.renumber;
    for (let f = 0; f < fields.length; f++) {
      const out = this.lists[f]!;
      out.length = 0;
      for (const id of fields[f]!) {
        let t = map[id]!;
        if (t < 0) t = map[id] = this.builder.intern(this.main.termName(id));
        out.push(t);
      }
    }
    this.builder.addIds(docId, stamp, this.lists);
    this.meta.push(meta);
  }

  due(): boolean {
    return this.meta.length >= this.chunkDocs * this.scale;
  }

  /** Each chunk twice the one before (up to 16×): the first comes soon, the rest in few segments. */
  private scale = 1;

  take(): { segment: Segment; meta: DocMeta[] } | null {
    if (!this.builder) return null;
    this.scale = Math.min(16, this.scale * 2);
    const out = { segment: this.builder.build({ vocabulary: this.vocabulary }), meta: this.meta };
    this.builder = null;
    this.meta = [];
    return out;
  }
}

function metaOf(d: IndexableDoc): DocMeta {
  const { body: _body, ...meta } = d;
  return meta;
}

/**
 * The live search index: a base segment, a delta segment for recent changes, tombstones that
 * mask edited or deleted documents in the base, all persisted in SQLite (search_segments,
 * search_tombstones) and loaded at start-up. Runs inside the search worker with its own database
 * connection; everything heavy happens here, never on the app's main thread.
 */
export class SearchEngine {
  readonly source: DocumentSource;
  private analyzer = new GermanAnalyzer();
  private base: Segment | null = null;
  private baseRowId: number | null = null;
  private delta: Segment | null = null;
  private readonly deltaIds = new Set<string>();
  private readonly pending = new Set<string>();
  private readonly meta = new Map<string, DocMeta>();
  private merging: Promise<void> | null = null;
  private changedDuringMerge: Set<string> | null = null;
  private flushTimer: NodeJS.Timeout | null = null;
  private idleTimer: NodeJS.Timeout | null = null;
  private readyPromise: Promise<void> | null = null;
  private loadedResolve: (() => void) | null = null;
  private readonly loadedPromise = new Promise<void>((r) => (this.loadedResolve = r));
  private serializedBytes = 0;
  private peakBuildMb = 0;
  private quoteSeg: Segment | null = null;
  private quoteRows = new Map<string, QuoteRow>();
  private quoteSig = '';
  private quotesDirty = true;
  private closed = false;
  /** Deleted documents whose traces in the stored index and the -wal file are not yet gone. */
  private readonly purges = new Set<string>();
  private purgeTimer: NodeJS.Timeout | null = null;
  private purgeWaiters: (() => void)[] = [];
  readonly counters: EngineCounters = {
    fullBuilds: 0,
    deltaBuilds: 0,
    merges: 0,
    loadedSegments: 0,
    lastFullBuildMs: 0,
    lastLoadMs: 0,
    lastDeltaMs: 0,
    rebuildReason: null,
    purges: 0,
    checkpointRetries: 0,
    interimSegments: 0,
    lastFirstChunkMs: 0,
    lastMergePhasesMs: { scan: 0, analyse: 0, segment: 0, store: 0 },
  };
  /** Searchable chunks of the build in progress (documents not in base or delta). */
  private interim: Segment[] = [];
  private building: { done: number; total: number } | null = null;
  private readonly version: number;
  private readonly opts: Required<Omit<EngineOptions, 'onStatus' | 'log' | 'pipelineVersion'>>;

  constructor(
    private readonly db: Database.Database,
    private readonly options: EngineOptions = {},
  ) {
    this.source = new DocumentSource(db);
    this.version = options.pipelineVersion ?? PIPELINE_VERSION;
    this.opts = {
      mergeMinDocs: options.mergeMinDocs ?? 100,
      mergeRatio: options.mergeRatio ?? 0.02,
      debounceMs: options.debounceMs ?? 25,
      idleMergeMs: options.idleMergeMs ?? 30_000,
      batchSize: options.batchSize ?? 100,
      chunkDocs: options.chunkDocs ?? 250,
      checkpointRetryMs: options.checkpointRetryMs ?? 250,
    };
  }

  /** Loads the segments (or builds them once) and catches up with changes made meanwhile. */
  ready(): Promise<void> {
    this.readyPromise ??= this.open();
    return this.readyPromise;
  }

  /**
   * Resolves once the stored segments are loaded (or found missing): queries can run from then
   * on, during a first build with a hint instead of waiting for it.
   */
  loaded(): Promise<void> {
    void this.ready();
    return this.loadedPromise;
  }

  private async open(): Promise<void> {
    try {
      const t0 = performance.now();
      const loaded = this.load();
      if (loaded) {
        this.loadMeta();
        this.counters.lastLoadMs = performance.now() - t0;
        this.syncWithLibrary();
        if (this.pending.size > Math.max(this.opts.mergeMinDocs * 20, (this.base?.docCount ?? 0) * 0.5)) {
          this.loadedResolve?.();
          await this.merge();
        } else this.flushNow();
        this.purgeNow();
      } else {
        this.loadedResolve?.();
        await this.merge();
      }
    } finally {
      this.loadedResolve?.();
    }
    this.emitStatus();
  }

  // ——— persistence ———

  private load(): boolean {
    const rows = prepared(this.db, 'SELECT id, level, pipeline_version FROM search_segments ORDER BY id').all() as {
      id: number;
      level: 'base' | 'delta';
      pipeline_version: number;
    }[];
    if (rows.length === 0) {
      this.counters.rebuildReason = 'kein Index';
      return false;
    }
    if (rows.some((r) => r.pipeline_version !== this.version)) {
      this.counters.rebuildReason = `Pipeline-Version ${rows[0]!.pipeline_version} → ${this.version}`;
      this.options.log?.('Suchindex wird neu aufgebaut (Analyse geändert)', { from: rows[0]!.pipeline_version, to: this.version });
      return false;
    }
    const baseRow = rows.filter((r) => r.level === 'base').pop();
    if (!baseRow) {
      this.counters.rebuildReason = 'kein Basissegment';
      return false;
    }
    const blob = (id: number) => prepared(this.db, 'SELECT data FROM search_segments WHERE id = ?').pluck().get(id) as Buffer;
    try {
      const b = blob(baseRow.id);
      this.serializedBytes = b.length;
      this.base = Segment.deserialize(b);
      this.baseRowId = baseRow.id;
      for (const id of prepared(this.db, 'SELECT document_id FROM search_tombstones WHERE segment_id = ?').pluck().all(baseRow.id) as string[]) {
        this.base.tombstones.add(id);
      }
      this.counters.loadedSegments = 1;
      const deltaRow = rows.filter((r) => r.level === 'delta').pop();
      if (deltaRow) {
        const d = blob(deltaRow.id);
        this.serializedBytes += d.length;
        this.delta = Segment.deserialize(d);
        for (const id of this.delta.refs) this.deltaIds.add(id);
        this.counters.loadedSegments++;
      }
    } catch (err) {
      this.counters.rebuildReason = `Segment unlesbar: ${(err as Error).message}`;
      this.base = null;
      this.delta = null;
      this.deltaIds.clear();
      return false;
    }
    this.analyzer.vocabulary = this.base.vocabulary ?? CompoundVocabulary.empty();
    return true;
  }

  private writeTombstones(): void {
    if (this.baseRowId === null || !this.base) return;
    prepared(this.db, 'DELETE FROM search_tombstones WHERE segment_id = ?').run(this.baseRowId);
    const ins = prepared(this.db, 'INSERT OR IGNORE INTO search_tombstones (segment_id, document_id) VALUES (?, ?)');
    for (const id of this.base.tombstones) ins.run(this.baseRowId, id);
  }

  private insertSegment(level: 'base' | 'delta', seg: Segment): number {
    const data = seg.serialize();
    if (level === 'base') this.notePeak();
    const info = prepared(this.db, 'INSERT INTO search_segments (level, pipeline_version, doc_count, data, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(level, this.version, seg.docCount, data, new Date().toISOString());
    return Number(info.lastInsertRowid);
  }

  private persistDelta(): void {
    this.db.transaction(() => {
      prepared(this.db, "DELETE FROM search_segments WHERE level = 'delta'").run();
      if (this.delta && this.delta.docCount > 0) this.insertSegment('delta', this.delta);
      this.writeTombstones();
    })();
  }

  private persistAll(): void {
    this.db.transaction(() => {
      prepared(this.db, 'DELETE FROM search_tombstones').run();
      prepared(this.db, 'DELETE FROM search_segments').run();
      this.baseRowId = this.base ? this.insertSegment('base', this.base) : null;
      if (this.delta && this.delta.docCount > 0) this.insertSegment('delta', this.delta);
      this.writeTombstones();
    })();
    this.serializedBytes = (prepared(this.db, 'SELECT coalesce(sum(length(data)), 0) FROM search_segments').pluck().get() as number) ?? 0;
  }

  private loadMeta(): void {
    this.meta.clear();
    for (const batch of this.source.batches(2000, false)) for (const d of batch) this.meta.set(d.id, d);
  }

  /** Documents changed, added or deleted while no index was listening. */
  private syncWithLibrary(): void {
    const stamps = this.source.stamps();
    const indexed = new Map<string, string>();
    if (this.base) this.base.refs.forEach((id, i) => this.base!.has(id) && indexed.set(id, this.base!.stamps[i]!));
    if (this.delta) this.delta.refs.forEach((id, i) => indexed.set(id, this.delta!.stamps[i]!));
    for (const [id, stamp] of stamps) if (indexed.get(id) !== stamp) this.pending.add(id);
    for (const id of indexed.keys()) if (!stamps.has(id)) this.pending.add(id);
    // Deleted while masked by a tombstone only (an index written before deletion purged it).
    if (this.base) for (const id of this.base.tombstones) if (!stamps.has(id)) this.purges.add(id);
  }

  // ——— live updates ———

  /** A saved edit, an import or a deletion: indexed after a short debounce. */
  notify(ids: string[]): void {
    if (this.closed) return;
    for (const id of ids) this.pending.add(id);
    this.quotesDirty = true;
    if (!this.flushTimer) {
      this.flushTimer = setTimeout(() => {
        this.flushTimer = null;
        if (this.readyPromise) void this.readyPromise.then(() => this.flushNow());
      }, this.opts.debounceMs);
    }
    this.emitStatus();
  }

  /** Indexes pending changes into a new delta segment (synchronous: small by construction). */
  flushNow(): void {
    if (this.pending.size === 0 || this.closed) return;
    const t0 = performance.now();
    const ids = [...this.pending];
    this.pending.clear();
    if (this.changedDuringMerge) for (const id of ids) this.changedDuringMerge.add(id);
    const docs = new Map(this.source.docs(ids).map((d) => [d.id, d]));
    for (const id of ids) {
      if (this.base?.refIndex.has(id)) this.base.tombstones.add(id);
      const d = docs.get(id);
      if (d) {
        this.deltaIds.add(id);
        this.meta.set(id, metaOf(d));
      } else {
        this.deltaIds.delete(id);
        this.meta.delete(id);
        this.purges.add(id);
      }
    }
    this.delta = this.buildDelta(docs);
    this.persistDelta();
    this.counters.deltaBuilds++;
    this.counters.lastDeltaMs = performance.now() - t0;
    this.purgeNow();
    this.emitStatus();
    this.scheduleMerge();
  }

  // ——— purge (issue 7: deletion means deletion) ———

  /**
   * Removes deleted documents from the stored base segment (a tombstone only masks them: their
   * terms, a unique word among them, would stay in the BLOB), then truncates the -wal file so no
   * older copy of those pages remains there either. The delta needs nothing: it is rebuilt
   * without them on every flush.
   */
  private purgeNow(): void {
    if (this.closed || this.purges.size === 0) return;
    const t0 = performance.now();
    if (this.base) {
      // Only masked documents: a tombstone says the base copy is stale whatever happens next.
      const gone = [...this.purges].filter((id) => this.base!.tombstones.has(id) && this.base!.refIndex.has(id));
      if (gone.length > 0) {
        this.base = this.base.without(gone);
        this.analyzer.vocabulary = this.base.vocabulary ?? CompoundVocabulary.empty();
        const data = this.base.serialize();
        this.db.transaction(() => {
          if (this.baseRowId !== null) {
            prepared(this.db, 'UPDATE search_segments SET data = ?, doc_count = ? WHERE id = ?').run(data, this.base!.docCount, this.baseRowId);
          }
          this.writeTombstones();
        })();
        this.serializedBytes = (prepared(this.db, 'SELECT coalesce(sum(length(data)), 0) FROM search_segments').pluck().get() as number) ?? 0;
        this.counters.purges++;
        this.options.log?.('Gelöschte Dokumente aus dem Suchindex entfernt', { docs: gone.length, ms: Math.round(performance.now() - t0) });
      }
    }
    this.checkpoint([...this.purges]);
  }

  /**
   * `wal_checkpoint(TRUNCATE)`: copies the -wal file into the library and empties it. It must
   * wait for readers (the app's own connection among them); rather than block the worker, it
   * gives up quickly and tries again a little later.
   */
  private checkpoint(ids: string[]): void {
    if (this.purgeTimer) {
      clearTimeout(this.purgeTimer);
      this.purgeTimer = null;
    }
    if (this.closed) return;
    let busy: number;
    try {
      // Cached PRAGMA statements: this retries on a timer, and db.pragma() compiles (and keeps)
      // a new statement per call (db/prepared.ts).
      busy = withBusyTimeout(this.db, 200, () => checkpointTruncate(this.db));
    } catch {
      busy = 1;
    }
    if (busy !== 0) {
      this.counters.checkpointRetries++;
      this.purgeTimer = setTimeout(() => {
        this.purgeTimer = null;
        this.purgeNow();
      }, this.opts.checkpointRetryMs);
      return;
    }
    for (const id of ids) this.purges.delete(id);
    if (this.purges.size === 0) {
      const waiters = this.purgeWaiters;
      this.purgeWaiters = [];
      for (const w of waiters) w();
    }
    this.emitStatus();
  }

  /** Resolves when every deleted document is gone from the stored index and the -wal file. */
  async whenPurged(): Promise<void> {
    await this.whenIdle();
    if (this.purges.size === 0 || this.closed) return;
    await new Promise<void>((resolve) => this.purgeWaiters.push(resolve));
  }

  private buildDelta(fresh: Map<string, IndexableDoc>): Segment | null {
    if (this.deltaIds.size === 0) return null;
    const missing = [...this.deltaIds].filter((id) => !fresh.has(id));
    const docs = [...fresh.values(), ...this.source.docs(missing)].filter((d) => this.deltaIds.has(d.id));
    const b = new SegmentBuilder(DOC_FIELDS);
    const analysis = new TermAnalysis(this.analyzer, b);
    const buf = new FieldBuffers(DOC_FIELDS.length);
    for (const d of docs) addDocument(b, analysis, buf, d);
    return b.build({ statsFrom: this.base ? this.base.stats() : null });
  }

  private mergeDue(): boolean {
    const n = this.deltaIds.size;
    return n > 0 && n >= Math.max(this.opts.mergeMinDocs, (this.base?.docCount ?? 0) * this.opts.mergeRatio);
  }

  private scheduleMerge(): void {
    if (this.merging || this.closed) return;
    if (this.mergeDue()) {
      void this.merge();
      return;
    }
    if (this.idleTimer) clearTimeout(this.idleTimer);
    if (this.deltaIds.size === 0) return;
    // Small libraries merge soon (cheap, and the compound vocabulary grows with them).
    const small = (this.base?.docCount ?? 0) < 500;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      if (!this.merging && this.deltaIds.size > 0) void this.merge();
    }, small ? Math.min(2000, this.opts.idleMergeMs) : this.opts.idleMergeMs);
    this.idleTimer.unref?.();
  }

  /**
   * Folds everything into a new base segment: a full build from the library, in steps that yield
   * to queries. Changes arriving meanwhile go to the delta as usual and stay there, masked in the
   * new base by tombstones.
   */
  merge(): Promise<void> {
    this.merging ??= this.doMerge().finally(() => {
      this.merging = null;
      this.changedDuringMerge = null;
      this.emitStatus();
    });
    return this.merging;
  }

  private async doMerge(): Promise<void> {
    const t0 = performance.now();
    const first = this.base === null;
    this.changedDuringMerge = new Set();
    const batch = this.opts.batchSize;
    // Pass 1: the compound vocabulary from the library's own words.
    // Each body is read and scanned once: kept as the numbers of its distinct words for pass 2.
    const store = new TokenStore();
    const bodies = new Map<string, { body: Int32Array; stamp: string }>();
    for (const docs of this.source.batches(batch)) {
      for (const d of docs) bodies.set(d.id, { body: store.addDocument(d.title, d.body), stamp: d.updatedAt });
      await yieldNow();
      if (this.closed) return;
    }
    const vocabulary = CompoundVocabulary.fromWordDf(store.wordDf(), store.docs);
    store.releaseCounts();
    const t1 = performance.now();
    const analyzer = new GermanAnalyzer(vocabulary);
    // Pass 2: the segment.
    const builder = new SegmentBuilder(DOC_FIELDS);
    const analysis = new TermAnalysis(analyzer, builder);
    const buf = new FieldBuffers(DOC_FIELDS.length);
    const meta = new Map<string, DocMeta>();
    const chunks = new InterimChunks(builder, vocabulary, this.opts.chunkDocs);
    this.building = null;
    let done = 0;
    let published = false;
    for (const docs of this.source.batches(batch, false)) {
      for (const d of docs) {
        const read = bodies.get(d.id);
        // A document added after pass 1 read the library: the swap below indexes it into the delta.
        if (!read) continue;
        // The stamp of the text indexed (pass 1): an edit since shows as a stale stamp.
        const doc = { ...d, updatedAt: read.stamp };
        addDocument(builder, analysis, buf, doc, { store, body: read.body });
        bodies.delete(d.id);
        const m = metaOf(d as IndexableDoc);
        meta.set(d.id, m);
        done++;
        // Not findable yet (first build, rebuild): searchable in the next published chunk.
        if (this.opts.chunkDocs > 0 && !this.findable(d.id)) chunks.add(d.id, doc.updatedAt, buf.lists, m);
      }
      if (chunks.size > 0 || published) this.building = { done, total: store.docs };
      if (chunks.due() || (chunks.size > 0 && done === store.docs)) {
        if (!published) this.counters.lastFirstChunkMs = performance.now() - t0;
        published = true;
        this.publish(chunks.take(), done, store.docs);
      }
      this.notePeak();
      await yieldNow();
      if (this.closed) return;
    }
    const t2 = performance.now();
    const base = builder.build({ vocabulary });
    this.notePeak();
    const t3 = performance.now();
    // Swap: documents changed during the build are masked in the new base and live in the delta.
    const changed = this.changedDuringMerge;
    for (const id of this.pending) changed.add(id);
    this.pending.clear();
    for (const id of changed) if (base.refIndex.has(id)) base.tombstones.add(id);
    const fresh = new Map(this.source.docs([...changed]).map((d) => [d.id, d]));
    // Documents deleted while the build read the library: out of the new base before it is stored.
    const deleted = [...changed].filter((id) => !fresh.has(id));
    for (const id of deleted) this.purges.add(id);
    const purged = base.without(deleted);
    if (purged !== base) analyzer.vocabulary = purged.vocabulary ?? CompoundVocabulary.empty();
    this.base = purged;
    this.analyzer = analyzer;
    this.deltaIds.clear();
    for (const id of changed) {
      if (fresh.has(id)) {
        this.deltaIds.add(id);
        meta.set(id, metaOf(fresh.get(id)!));
      } else meta.delete(id);
    }
    this.meta.clear();
    for (const [k, v] of meta) this.meta.set(k, v);
    this.interim = [];
    this.building = null;
    this.delta = this.buildDelta(fresh);
    this.persistAll();
    // The old base's pages (freed, zeroed) may still sit in the -wal file: truncate it.
    if (this.purges.size > 0) this.checkpoint([...this.purges]);
    this.counters.merges++;
    this.counters.lastMergePhasesMs = { scan: t1 - t0, analyse: t2 - t1, segment: t3 - t2, store: performance.now() - t3 };
    if (first) this.counters.fullBuilds++;
    this.counters.lastFullBuildMs = performance.now() - t0;
    this.options.log?.('Suchindex zusammengeführt', { docs: base.docCount, ms: Math.round(this.counters.lastFullBuildMs) });
  }

  private findable(id: string): boolean {
    return (this.base?.has(id) ?? false) || this.deltaIds.has(id);
  }

  /** A chunk of the build in progress becomes searchable (its documents were not before). */
  private publish(chunk: { segment: Segment; meta: DocMeta[] } | null, done: number, total: number): void {
    if (!chunk) return;
    // Edited meanwhile: the delta's copy counts; deleted meanwhile: stays gone.
    for (const m of chunk.meta) if (!this.meta.has(m.id) && !this.purges.has(m.id)) this.meta.set(m.id, m);
    this.interim.push(chunk.segment);
    this.counters.interimSegments++;
    this.building = { done, total };
    this.emitStatus();
  }

  /** Waits until every notified change is findable (tests, CLI, benchmarks). */
  async whenIdle(): Promise<void> {
    await this.ready();
    if (this.flushTimer) {
      clearTimeout(this.flushTimer);
      this.flushTimer = null;
    }
    this.flushNow();
    while (this.merging) {
      await this.merging;
      this.flushNow();
    }
  }

  close(): void {
    this.closed = true;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    if (this.idleTimer) clearTimeout(this.idleTimer);
    if (this.purgeTimer) clearTimeout(this.purgeTimer);
    const waiters = this.purgeWaiters;
    this.purgeWaiters = [];
    for (const w of waiters) w();
  }

  /** What queries search, oldest first (a document in several: the last one counts). */
  private segments(): Segment[] {
    const s: Segment[] = [];
    if (this.base) s.push(this.base);
    for (const c of this.interim) s.push(c);
    if (this.delta) s.push(this.delta);
    return s;
  }

  status(): IndexStatus {
    let docCount = 0;
    for (const s of this.segments()) docCount += s.liveCount;
    const st: IndexStatus = { segments: this.segments().length, docCount, pendingChanges: this.pending.size, pendingPurges: this.purges.size };
    if (this.building) st.building = { ...this.building };
    return st;
  }

  stats(): EngineStats {
    const mem = process.memoryUsage();
    return {
      ...this.status(),
      counters: { ...this.counters },
      pipelineVersion: this.version,
      baseDocs: this.base?.docCount ?? 0,
      deltaDocs: this.delta?.docCount ?? 0,
      tombstones: this.base?.tombstones.size ?? 0,
      merging: this.merging !== null,
      vocabulary: this.analyzer.vocabulary.size,
      serializedBytes: this.serializedBytes,
      heapUsedMb: mem.heapUsed / 1024 / 1024,
      arrayBuffersMb: mem.arrayBuffers / 1024 / 1024,
      peakBuildMb: this.peakBuildMb,
      connection: Object.fromEntries(CONNECTION_PRAGMAS.map((p) => [p, prepared(this.db, `PRAGMA ${p}`).pluck().get()])),
    };
  }

  /** Memory at a checkpoint of a build (the bench reports the peak; queries cannot sample it mid-build). */
  private notePeak(): void {
    const m = process.memoryUsage();
    this.peakBuildMb = Math.max(this.peakBuildMb, (m.heapUsed + m.arrayBuffers) / 1024 / 1024);
  }

  private emitStatus(): void {
    this.options.onStatus?.(this.status());
  }

  // ——— queries ———

  query(input: SearchQuery): SearchResult {
    const t0 = performance.now();
    const limit = input.limit ?? 20;
    const offset = input.offset ?? 0;
    const prepared = prepareQuery(input.q, this.analyzer, input.prefix ?? false);
    const hints = [...prepared.hints];
    if (this.base === null && this.merging) hints.push({ code: 'index-building' });
    const building = this.building ? { building: { ...this.building } } : {};
    const empty = (): SearchResult => ({
      hits: [],
      total: 0,
      facets: { kinds: [], years: [], tags: [], people: [], organisations: [] },
      ...(hints.length ? { hints } : {}),
      tookMs: performance.now() - t0,
      ...building,
    });
    if (prepared.words.length === 0) {
      if (hints.length === 0) hints.push({ code: 'empty-query' });
      return empty();
    }
    const segments = this.segments();
    const combined = combine(prepared, segments, this.analyzer);
    for (const m of combined.matches) {
      if (m.mode === 'fuzzy') hints.push({ code: 'fuzzy', word: m.word.surface });
      if (m.mode === 'parts') hints.push({ code: 'parts', word: m.word.surface });
      if (m.mode === 'none' && prepared.words.length > 1) hints.push({ code: 'not-found', word: m.word.surface });
    }
    if (combined.partial) hints.push({ code: 'partial-documents' });
    let ranked = [...combined.scores].filter(([id]) => this.meta.has(id));
    const byScore = (a: [string, number], b: [string, number]) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1);

    // Quoted phrases: checked against the text itself, for the best-scored candidates only.
    if (prepared.phrases.length > 0) {
      ranked = topK(ranked, PHRASE_CHECK_LIMIT, byScore).filter(([id]) => {
        const r = this.source.text(id);
        const seq = foldedSequence(r ? `${r.title}\n${r.body}` : '');
        return prepared.phrases.every((p) => containsPhrase(seq, p));
      });
    }
    // Proximity: among the best candidates, those that have the query words side by side rise
    // (BM25 alone cannot tell "sozialer Zusammenhalt" from the two words pages apart). While
    // typing, the unfinished last word is found by what has been typed ("Zusammenh").
    // Texts read here are kept for the snippets of the page (most of it is among them).
    const texts = new Map<string, { title: string; body: string } | null>();
    const textOf = (id: string) => {
      if (!texts.has(id)) texts.set(id, this.source.text(id));
      return texts.get(id)!;
    };
    if (prepared.words.length >= 2) {
      const needles = proximityNeedles(prepared.words);
      const boosted = new Map<string, number>();
      for (const [id, score] of topK(ranked, PROXIMITY_CHECK_LIMIT, byScore)) {
        const r = textOf(id);
        const share = r ? proximityShare([r.title, r.body], needles) : 0;
        if (share > 0) boosted.set(id, score * (1 + PROXIMITY_BONUS * share));
      }
      if (boosted.size > 0) ranked = ranked.map(([id, score]) => [id, boosted.get(id) ?? score]);
    }
    const f = input.filters ?? {};
    const pass = (m: DocMeta, skip: keyof typeof f | null): boolean => {
      if (skip !== 'kinds' && f.kinds?.length && !f.kinds.includes(m.kind)) return false;
      if (skip !== 'yearFrom' && (f.yearFrom !== undefined || f.yearTo !== undefined)) {
        const y = m.date ? Number(m.date.slice(0, 4)) : NaN;
        if (!Number.isFinite(y)) return false;
        if (f.yearFrom !== undefined && y < f.yearFrom) return false;
        if (f.yearTo !== undefined && y > f.yearTo) return false;
      }
      if (skip !== 'tags' && f.tags?.length && !m.tags.some((t) => f.tags!.includes(t))) return false;
      if (skip !== 'people' && f.people?.length && !m.people.some((t) => f.people!.includes(t))) return false;
      if (skip !== 'organisations' && f.organisations?.length && !m.organisations.some((t) => f.organisations!.includes(t))) return false;
      return true;
    };
    // Issue 15: a person (tag, organisation) the query names is always among the facet values.
    const named = [...new Set(prepared.words.flatMap((w) => [w.surface.toLowerCase(), w.folded]))].filter((w) => w.length >= 3);
    const facets = this.facets(ranked.map(([id]) => this.meta.get(id)!), pass, named);
    ranked = ranked.filter(([id]) => pass(this.meta.get(id)!, null));
    const byScoreDate = (a: [string, number], b: [string, number]) =>
      b[1] - a[1] || (this.meta.get(b[0])!.date ?? '').localeCompare(this.meta.get(a[0])!.date ?? '') || (a[0] < b[0] ? -1 : 1);
    // Only the requested page is sorted, and only its documents are read for snippets.
    const page = topK(ranked, offset + limit, byScoreDate).slice(offset);
    const hits = page.map(([id, score]) => {
      const m = this.meta.get(id)!;
      const r = textOf(id);
      let snip = makeSnippet(r?.body ?? '', this.analyzer, combined.terms, prepared.words.length);
      if (snip.highlights.length === 0 && r) {
        const t = makeSnippet(r.title, this.analyzer, combined.terms, prepared.words.length);
        if (t.highlights.length > 0 && !r.body) snip = t;
      }
      return {
        id,
        externalId: m.externalId,
        title: m.title,
        kind: m.kind,
        date: m.date,
        score: Math.round(score * 1000) / 1000,
        snippet: snip.snippet,
        highlights: snip.highlights,
      };
    });
    if (ranked.length === 0 && hints.length === 0) hints.push({ code: 'no-hits' });
    return {
      hits,
      total: ranked.length,
      facets,
      ...(hints.length ? { hints } : {}),
      tookMs: Math.round((performance.now() - t0) * 100) / 100,
      ...building,
    };
  }

  private facets(docs: DocMeta[], pass: (m: DocMeta, skip: 'kinds' | 'yearFrom' | 'tags' | 'people' | 'organisations') => boolean, named: string[] = []): SearchFacets {
    const isNamed = (value: string) => named.length > 0 && named.some((w) => value.toLowerCase().includes(w));
    const count = (skip: 'kinds' | 'yearFrom' | 'tags' | 'people' | 'organisations', values: (m: DocMeta) => string[]): FacetCount[] => {
      const c = new Map<string, number>();
      for (const m of docs) {
        if (!pass(m, skip)) continue;
        for (const v of values(m)) c.set(v, (c.get(v) ?? 0) + 1);
      }
      const sorted = [...c].map(([value, n]) => ({ value, count: n })).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value, 'de'));
      // People: up to 500, so the facet's own filter field can find one who spoke once (issue 15).
      const cap = skip === 'people' ? 500 : 30;
      return [...sorted.slice(0, cap), ...sorted.slice(cap).filter((v) => isNamed(v.value)).slice(0, 10)];
    };
    return {
      kinds: count('kinds', (m) => [m.kind]),
      years: count('yearFrom', (m) => (m.date ? [m.date.slice(0, 4)] : [])),
      tags: count('tags', (m) => m.tags),
      people: count('people', (m) => m.people),
      organisations: count('organisations', (m) => m.organisations),
    };
  }

  // ——— statements (quotes) ———

  private ensureQuotes(): void {
    const sig = this.source.quotesSignature();
    if (!this.quotesDirty && sig === this.quoteSig && this.quoteSeg) return;
    const rows = this.source.quotes();
    const b = new SegmentBuilder(QUOTE_FIELDS);
    const analysis = new TermAnalysis(this.analyzer, b);
    const buf = new FieldBuffers(QUOTE_FIELDS.length);
    this.quoteRows = new Map();
    for (const q of rows) {
      addQuote(b, analysis, buf, q);
      this.quoteRows.set(q.id, q);
    }
    this.quoteSeg = b.build();
    this.quoteSig = sig;
    this.quotesDirty = false;
  }

  quotes(input: QuoteQuery): QuoteResult {
    const t0 = performance.now();
    const limit = input.limit ?? 20;
    const prepared = prepareQuery(input.q, this.analyzer, false);
    const hints = [...prepared.hints];
    if (prepared.words.length === 0) {
      if (hints.length === 0) hints.push({ code: 'empty-query' });
      return { hits: [], total: 0, hints, tookMs: performance.now() - t0 };
    }
    this.ensureQuotes();
    const combined = combine(prepared, [this.quoteSeg!], this.analyzer);
    if (combined.partial) hints.push({ code: 'partial-quotes' });
    for (const m of combined.matches) if (m.mode === 'fuzzy') hints.push({ code: 'fuzzy', word: m.word.surface });
    let ranked = [...combined.scores].filter(([id]) => this.quoteRows.has(id));
    if (prepared.phrases.length > 0) {
      ranked = ranked.filter(([id]) => {
        const q = this.quoteRows.get(id)!;
        const seq = foldedSequence(`${q.person ?? ''}\n${q.text}`);
        return prepared.phrases.every((p) => containsPhrase(seq, p));
      });
    }
    ranked.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const hits = ranked.slice(0, limit).map(([id, score]) => {
      const q = this.quoteRows.get(id)!;
      const s = makeSnippet(q.text, this.analyzer, combined.terms, prepared.words.length, 320);
      return { ...q, score: Math.round(score * 1000) / 1000, snippet: s.snippet, highlights: s.highlights };
    });
    return {
      hits,
      total: ranked.length,
      ...(hints.length ? { hints } : {}),
      tookMs: Math.round((performance.now() - t0) * 100) / 100,
    };
  }
}
