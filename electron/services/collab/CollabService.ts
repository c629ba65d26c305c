import type Database from 'better-sqlite3';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { LibraryDocument, RichNode } from '../../../shared/domain/document';
import { isEditableKind } from '../../../shared/editor/draftExtensions';
import { draftToPlain } from '../../../shared/editor/draftText';
import { emptyDraft, leitbildTemplate } from '../../../shared/editor/leitbildTemplate';
import { fromBase64, toBase64 } from '../../../shared/editor/base64';
import type { DraftState, SourceHit } from '../../../shared/ipc/areas/collab';
import { AppError } from '../../../shared/errors';
import type { DocumentStore } from '../documents/DocumentStore';
import type { EventBus } from '../EventBus';
import { prepared, withBusyTimeout } from '../db/prepared';
import type { Clock, Logger } from '../ports';
import { errorFields } from '../logFields';
import { appendParagraph, docTitle, docToRich, sanitizeDraft, seedUpdate, textToRichDoc } from './draftDoc';
import { UpdateLog } from './UpdateLog';

/** Where a change came from; only local ones count as "not yet synchronised". */
export type ChangeOrigin =
  | { source: 'editor'; clientId: string }
  | { source: 'cli' }
  | { source: 'file' }
  | { source: 'restore' }
  | { source: 'remote' }
  /** Already in `yjs_updates` (written by another process): apply, do not store again. */
  | { source: 'stored' }
  /** SECURITY: main's own clean-up of unsafe remote content (draftDoc.sanitizeDraft). */
  | { source: 'sanitize' };

export interface LiveDraft {
  id: string;
  doc: Y.Doc;
  /** Awareness of main's replica: editors' carets from the windows and from the server. */
  awareness: awarenessProtocol.Awareness;
  /** Highest `yjs_updates.seq` applied. */
  lastSeq: number;
  /** Rows appended since the last compaction. */
  rows: number;
  textTimer: NodeJS.Timeout | null;
  textDueSince: number | null;
  /** Editors (window clientIds) that have the draft open. */
  editors: Set<string>;
  /**
   * Updates applied in memory whose write failed (a locked library, a full disk): retried with
   * back-off until stored, in order; nothing is acknowledged to a window before (issue 13 §1).
   */
  unsaved: { update: Uint8Array; local: boolean }[];
}

export interface CollabOptions {
  /** Rows per draft after which the log is merged into one (in a transaction). */
  compactAfter?: number;
  /** Quiet time before title/search text are refreshed from the doc. */
  textDebounceMs?: number;
  /** Longest a refresh may be put off while someone keeps typing. */
  textMaxWaitMs?: number;
  /**
   * How long one write waits for a locked library before the update is queued and retried in the
   * background (the connection's own busy timeout would block main for 5 s per attempt).
   */
  writeWaitMs?: number;
  /** How long a window's update may wait for its write before the window is told it failed. */
  storeTimeoutMs?: number;
}

type DraftListener = (draft: LiveDraft) => void;

const SOURCES = new Set(['editor', 'cli', 'file', 'restore', 'remote', 'stored', 'sanitize']);
const SANITIZE_ORIGIN: ChangeOrigin = { source: 'sanitize' };

/**
 * The parts of a draft a transaction touched: every changed type (its own attributes or text),
 * and whole subtrees only for children inserted by this transaction — so a keystroke in a
 * 300-page draft checks one paragraph, not the draft.
 */
function touched(tr: Y.Transaction): [Y.AbstractType<unknown>, boolean][] {
  const out: [Y.AbstractType<unknown>, boolean][] = [];
  for (const [type, keys] of tr.changed) {
    out.push([type as Y.AbstractType<unknown>, false]);
    if (!keys.has(null) || !(type instanceof Y.XmlElement || type instanceof Y.XmlFragment)) continue;
    for (const child of type.toArray()) {
      const id = (child as unknown as Y.AbstractType<unknown>)._item?.id;
      if (id && id.clock >= (tr.beforeState.get(id.client) ?? 0)) out.push([child as unknown as Y.AbstractType<unknown>, true]);
    }
  }
  return out;
}
function isChangeOrigin(value: unknown): value is ChangeOrigin {
  return typeof value === 'object' && value !== null && SOURCES.has((value as { source?: unknown }).source as string);
}

/**
 * Every editable document is a Yjs document owned by main (ARCHITECTURE §6). This service loads
 * drafts from `yjs_updates` (seeding once from `content_json` where a document predates
 * collaboration), persists every update the moment it is applied, compacts the log, keeps the
 * document row's title, JSON and search text in step (debounced, through DocumentStore so
 * `documents.changed` reaches search), and relays updates and awareness to the windows.
 */
export class CollabService {
  private readonly live = new Map<string, LiveDraft>();
  readonly log: UpdateLog;
  private readonly compactAfter: number;
  private readonly textDebounceMs: number;
  private readonly textMaxWaitMs: number;
  private readonly loadedListeners = new Set<DraftListener>();
  private readonly pendingListeners = new Set<(id: string, pending: number) => void>();
  private readonly writeWaitMs: number;
  private readonly storeTimeoutMs: number;
  private retryTimer: NodeJS.Timeout | null = null;
  private remoteFlush: NodeJS.Immediate | null = null;
  private retryDelay = 50;
  private readonly storedWaiters = new Map<string, (() => void)[]>();
  private closed = false;

  constructor(
    private readonly db: Database.Database,
    private readonly documents: DocumentStore,
    private readonly events: EventBus,
    private readonly clock: Clock,
    private readonly logger: Logger,
    options: CollabOptions = {},
  ) {
    this.log = new UpdateLog(db, () => clock.now());
    this.compactAfter = options.compactAfter ?? 500;
    this.textDebounceMs = options.textDebounceMs ?? 800;
    this.textMaxWaitMs = options.textMaxWaitMs ?? 5000;
    this.writeWaitMs = options.writeWaitMs ?? 200;
    this.storeTimeoutMs = options.storeTimeoutMs ?? 30_000;
    // Issue 7: a deleted draft leaves memory too, and nothing writes its text back afterwards
    // (its yjs_updates, collab_state and versions rows went with the document, by cascade).
    events.on('documents.changed', ({ ids, reason }) => {
      if (reason === 'deleted') for (const id of ids) this.discard(id);
    });
  }

  /** Ids of every draft in the library (kinds leitbild and note). */
  draftIds(): string[] {
    return prepared(this.db, "SELECT id FROM documents WHERE kind IN ('leitbild', 'note') ORDER BY created_at, id").pluck().all() as string[];
  }

  isLoaded(id: string): boolean {
    return this.live.has(id);
  }

  loadedIds(): string[] {
    return [...this.live.keys()];
  }

  /** Called for every draft loaded into memory (the sync client attaches a provider). */
  onLoaded(listener: DraftListener): () => void {
    this.loadedListeners.add(listener);
    return () => this.loadedListeners.delete(listener);
  }

  onPendingChanged(listener: (id: string, pending: number) => void): () => void {
    this.pendingListeners.add(listener);
    return () => this.pendingListeners.delete(listener);
  }

  /** The live draft, loaded (and seeded if needed) on first use. */
  get(id: string, options: { seed?: boolean } = {}): LiveDraft {
    if (this.closed) throw new AppError('INTERNAL', 'Die Bibliothek ist geschlossen.');
    const existing = this.live.get(id);
    if (existing) return existing;
    const document = this.documents.get(id);
    if (!isEditableKind(document.kind)) {
      throw new AppError('UNSUPPORTED_FORMAT', `„${document.title}“ ist kein bearbeitbarer Entwurf (Art: ${document.kind}).`, { id, kind: document.kind });
    }
    let { updates, lastSeq } = this.log.since(id, 0);
    if (updates.length === 0 && options.seed !== false) {
      const seed = this.seedFor(document);
      if (seed) {
        lastSeq = this.log.append(id, seed);
        updates = [seed];
      }
    }
    const doc = new Y.Doc({ gc: true });
    for (const u of updates) Y.applyUpdate(doc, u, { source: 'remote' } satisfies ChangeOrigin);
    const draft = { id, doc, lastSeq, rows: updates.length, textTimer: null, textDueSince: null, editors: new Set(), unsaved: [] } as unknown as LiveDraft;
    this.renewAwareness(draft);
    this.live.set(id, draft);
    doc.on('update', (update: Uint8Array, origin: unknown) => this.onDocUpdate(draft, update, origin));
    // SECURITY: content from other clients (server, change files, windows) is cleaned in the
    // Y.Doc the moment it arrives, and once on load for states stored before this check existed.
    doc.on('afterTransaction', (tr: Y.Transaction) => {
      if (isChangeOrigin(tr.origin) && tr.origin.source === 'sanitize') return;
      try {
        sanitizeDraft(doc, SANITIZE_ORIGIN, touched(tr));
      } catch (err) {
        // Never out of a Yjs handler (issue 13 §1); the load-time check runs again next time.
        this.logger.error('Entwurf nicht bereinigt', { id, ...errorFields(err) });
      }
    });
    sanitizeDraft(doc, SANITIZE_ORIGIN);
    if (draft.rows > this.compactAfter) this.compact(id);
    for (const l of this.loadedListeners) l(draft);
    return draft;
  }

  /**
   * (Re)creates the awareness of main's replica. A provider destroys the awareness it was given,
   * so the sync client asks for a fresh one after it lets go of a draft.
   */
  renewAwareness(draft: LiveDraft): void {
    const awareness = new awarenessProtocol.Awareness(draft.doc);
    // Main types nothing itself: no caret of its own.
    awareness.setLocalState(null);
    awareness.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      const changed = [...added, ...updated, ...removed];
      if (changed.length === 0) return;
      const clientId = typeof origin === 'object' && origin !== null && 'clientId' in origin ? String((origin as { clientId: unknown }).clientId) : null;
      this.events.emit('collab.awarenessChanged', {
        id: draft.id,
        update: toBase64(awarenessProtocol.encodeAwarenessUpdate(awareness, changed)),
        clientId,
      });
    });
    draft.awareness = awareness;
  }

  private seedFor(document: LibraryDocument): Uint8Array | null {
    if (document.content) return seedUpdate(document.id, document.content, document.title);
    if (document.bodyText.trim()) return seedUpdate(document.id, textToRichDoc(document.bodyText), document.title);
    return null;
  }

  /**
   * The Y.Doc `update` listener. It never throws (issue 13 §1: an exception here skips the rest of
   * the Yjs transaction and the doc emits nothing more): a write that fails is queued on the draft
   * and retried with back-off; windows learn "stored" only once it is.
   */
  private onDocUpdate(draft: LiveDraft, update: Uint8Array, origin: unknown): void {
    try {
      // A discarded (deleted) draft stores nothing more.
      if (this.live.get(draft.id) !== draft) return;
      // Anything that is not one of our origins (the sync provider) is a change from the server.
      const o: ChangeOrigin = isChangeOrigin(origin) ? origin : { source: 'remote' };
      const local = o.source !== 'remote' && o.source !== 'stored';
      // Persist first: an update is on disk before anyone is told about it.
      const stored = o.source === 'stored' || this.persist(draft, update, local);
      this.events.emit('collab.updated', {
        id: draft.id,
        update: toBase64(update),
        clientId: o.source === 'editor' ? o.clientId : null,
      });
      if (local && stored) this.notifyPending(draft.id);
      this.scheduleText(draft);
    } catch (err) {
      this.logger.error('Entwurfsänderung nicht verarbeitet', { id: draft.id, ...errorFields(err) });
    }
  }

  /** Writes one update (and counts it pending if local); false when it had to be queued. */
  private persist(draft: LiveDraft, update: Uint8Array, local: boolean): boolean {
    if (draft.unsaved.length > 0) {
      draft.unsaved.push({ update, local });
      return false;
    }
    if (!local) {
      // From the server (which has it already): written at the end of this turn, together with
      // every other draft's — a first sync of 5,000 drafts is a few commits, not 5,000.
      draft.unsaved.push({ update, local });
      this.remoteFlush ??= setImmediate(() => {
        this.remoteFlush = null;
        if (!this.closed && !this.flushUnsaved(this.writeWaitMs, true)) this.scheduleRetry();
      });
      return false;
    }
    try {
      withBusyTimeout(this.db, this.writeWaitMs, () => this.writeRows(draft, [update], local ? 1 : 0));
    } catch (err) {
      this.logger.warn('Entwurfsänderung noch nicht gespeichert (Bibliothek gesperrt oder voll), wird wiederholt', { id: draft.id, ...errorFields(err) });
      draft.unsaved.push({ update, local });
      this.scheduleRetry();
      return false;
    }
    if (draft.rows > this.compactAfter) {
      try {
        this.compact(draft.id);
      } catch (err) {
        this.logger.warn('Entwurf nicht zusammengefasst (später erneut)', { id: draft.id, ...errorFields(err) });
      }
    }
    return true;
  }

  /** One transaction: the updates as rows, `local` more pending changes. */
  private writeRows(draft: LiveDraft, updates: Uint8Array[], local: number): void {
    const last = this.db.transaction(() => this.insertRows(draft.id, updates, local))();
    draft.lastSeq = Math.max(draft.lastSeq, last);
    draft.rows += updates.length;
  }

  /** The rows and the pending count of one draft (inside a transaction); returns the last seq. */
  private insertRows(id: string, updates: Uint8Array[], local: number): number {
    let last = 0;
    for (const u of updates) last = Math.max(last, this.log.append(id, u));
    if (local > 0) {
      // Compiled once per connection: a db.prepare() per keystroke keeps native memory growing.
      prepared(
        this.db,
        `INSERT INTO collab_state (document_id, pending_changes) VALUES (?, ?)
         ON CONFLICT(document_id) DO UPDATE SET pending_changes = pending_changes + excluded.pending_changes`,
      ).run(id, local);
    }
    return last;
  }

  private notifyPending(id: string): void {
    const pending = this.pending(id);
    for (const l of this.pendingListeners) l(id, pending);
  }

  /**
   * Writes every queued update of every draft in one transaction — all or nothing; true when
   * nothing is left. `waitMs`: the lock wait; `quiet`: the ordinary end-of-turn write (no log line).
   */
  private flushUnsaved(waitMs = this.writeWaitMs, quiet = false): boolean {
    const plan = [...this.live.values()]
      .filter((d) => d.unsaved.length > 0)
      .map((d) => ({ d, n: d.unsaved.length, merged: Y.mergeUpdates(d.unsaved.map((q) => q.update)), local: d.unsaved.filter((q) => q.local).length }));
    if (plan.length === 0) return true;
    let seqs: number[];
    try {
      seqs = withBusyTimeout(this.db, waitMs, () => this.db.transaction(() => plan.map((p) => this.insertRows(p.d.id, [p.merged], p.local)))());
    } catch {
      return false;
    }
    plan.forEach((p, i) => {
      p.d.lastSeq = Math.max(p.d.lastSeq, seqs[i]!);
      p.d.rows += 1;
      p.d.unsaved = p.d.unsaved.slice(p.n);
      if (!quiet) this.logger.info('Zurückgestellte Entwurfsänderungen gespeichert', { id: p.d.id, updates: p.n });
      try {
        if (p.local > 0) this.notifyPending(p.d.id);
      } catch {
        // the count is shown again with the next change
      }
      for (const w of this.storedWaiters.get(p.d.id) ?? []) w();
      this.storedWaiters.delete(p.d.id);
      if (p.d.rows > this.compactAfter) {
        try {
          this.compact(p.d.id);
        } catch (err) {
          this.logger.warn('Entwurf nicht zusammengefasst (später erneut)', { id: p.d.id, ...errorFields(err) });
        }
      }
    });
    return true;
  }

  /** Runs `fn` in one transaction (the sync client adopting many drafts at once). */
  batch<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  private scheduleRetry(): void {
    if (this.retryTimer || this.closed) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.closed) return;
      if (this.flushUnsaved()) this.retryDelay = 50;
      else {
        this.retryDelay = Math.min(this.retryDelay * 2, 2000);
        this.scheduleRetry();
      }
    }, this.retryDelay);
  }

  /** Whether every change of a draft applied in memory is also in the library file. */
  isStored(id: string): boolean {
    return (this.live.get(id)?.unsaved.length ?? 0) === 0;
  }

  /** Resolves once the draft's queued updates are written; rejects (IO) after `storeTimeoutMs`. */
  whenStored(id: string, timeoutMs = this.storeTimeoutMs): Promise<void> {
    if (this.isStored(id)) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const list = this.storedWaiters.get(id) ?? [];
        this.storedWaiters.set(id, list.filter((w) => w !== done));
        reject(new AppError('IO', 'Die Änderung konnte noch nicht in der Bibliothek gespeichert werden (Datei gesperrt oder Datenträger voll); sie wird weiter versucht.', { id, retrying: true }));
      }, timeoutMs);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      this.storedWaiters.set(id, [...(this.storedWaiters.get(id) ?? []), done]);
    });
  }

  /** For one-shot callers (the CLI): the change is written now, or an IO error says it is not. */
  assertStored(id: string): void {
    if (this.isStored(id)) return;
    // Blocking is fine here: the connection's own busy timeout, one more try.
    this.flushUnsaved(5000);
    if (!this.isStored(id)) {
      throw new AppError('IO', 'Die Änderung wurde nicht gespeichert: die Bibliothek ist gesperrt oder der Datenträger voll.', { id });
    }
  }

  /** Merges a draft's log into one row (transaction; rows from other processes included). */
  compact(id: string): { rowsBefore: number; bytesBefore: number; bytesAfter: number } {
    const result = this.log.compact(id);
    const draft = this.live.get(id);
    if (draft) {
      draft.rows = 1;
      draft.lastSeq = Math.max(draft.lastSeq, result.seq);
    }
    return result;
  }

  /** Applies rows other processes appended (the CLI while the app runs). */
  catchUp(id: string): void {
    const draft = this.live.get(id);
    if (!draft) return;
    const { updates, lastSeq } = this.log.since(id, draft.lastSeq);
    if (updates.length === 0) return;
    draft.lastSeq = lastSeq;
    draft.rows += updates.length;
    // Already on disk: apply without storing again (our own rows among them change nothing).
    Y.applyUpdate(draft.doc, Y.mergeUpdates(updates), { source: 'stored' } satisfies ChangeOrigin);
  }

  // ---- editor channels -------------------------------------------------------------------

  open(id: string, clientId: string): DraftState {
    const draft = this.get(id);
    this.catchUp(id);
    draft.editors.add(clientId);
    const doc = this.documents.get(id);
    return { id, kind: doc.kind, title: docTitle(draft.doc) ?? doc.title, state: toBase64(Y.encodeStateAsUpdate(draft.doc)) };
  }

  applyUpdate(id: string, update: Uint8Array, origin: ChangeOrigin): number {
    const draft = this.get(id);
    try {
      Y.applyUpdate(draft.doc, update, origin);
    } catch (err) {
      throw new AppError('INVALID_FILE', `Die Änderung an „${id}“ ist keine gültige Yjs-Änderung: ${(err as Error).message}`, { id });
    }
    this.assertStored(id);
    return this.pending(id);
  }

  /**
   * A window's update (`collab.update`): applied at once — so the draft never stalls on it — and
   * answered only when it is in the library file (retried while the file is locked or the disk is
   * full; an IO error after `storeTimeoutMs`, the write still being retried).
   */
  async applyEditorUpdate(id: string, update: Uint8Array, clientId: string): Promise<number> {
    const draft = this.get(id);
    try {
      Y.applyUpdate(draft.doc, update, { source: 'editor', clientId } satisfies ChangeOrigin);
    } catch (err) {
      throw new AppError('INVALID_FILE', `Die Änderung an „${id}“ ist keine gültige Yjs-Änderung: ${(err as Error).message}`, { id });
    }
    await this.whenStored(id);
    return this.pending(id);
  }

  applyAwareness(id: string, update: Uint8Array, clientId: string): void {
    const draft = this.get(id);
    awarenessProtocol.applyAwarenessUpdate(draft.awareness, update, { clientId });
  }

  close(id: string, clientId: string, awarenessClientId?: number): void {
    const draft = this.live.get(id);
    if (!draft) return;
    draft.editors.delete(clientId);
    if (awarenessClientId !== undefined && draft.awareness.getStates().has(awarenessClientId)) {
      awarenessProtocol.removeAwarenessStates(draft.awareness, [awarenessClientId], { clientId });
    }
    this.flushText(id);
  }

  // ---- drafts --------------------------------------------------------------------------------

  /** A new draft (empty, or the Leitbild template), seeded deterministically from its id. */
  createDraft(input: { title: string; kind: 'leitbild' | 'note'; template: 'empty' | 'leitbild' }): LibraryDocument {
    const content: RichNode = input.template === 'leitbild' ? leitbildTemplate(input.title) : emptyDraft();
    const created = this.db.transaction(() => {
      const doc = this.documents.create({ kind: input.kind, title: input.title, content, status: 'draft' }, { silent: true });
      this.log.append(doc.id, seedUpdate(doc.id, content, input.title));
      return doc;
    })();
    this.events.emit('documents.changed', { ids: [created.id], reason: 'created' });
    return created;
  }

  /** A document row for a draft learnt from elsewhere (server index, change file); no seed. */
  adopt(id: string, meta: { title: string; kind: 'leitbild' | 'note' }): void {
    if (this.documents.exists(id)) return;
    // Deletion means deletion (issue 7 §7): a copy from a server, a colleague or a change file
    // does not bring back a draft deleted here.
    if (this.documents.wasDeletedDraft(id)) {
      throw new AppError('CONFLICT', 'Dieser Entwurf wurde in dieser Bibliothek gelöscht; er wird nicht wiederhergestellt.', { id });
    }
    this.documents.create({ kind: meta.kind, title: meta.title || 'Entwurf', status: 'draft' }, { id });
  }

  appendParagraph(id: string, text: string): void {
    const draft = this.get(id);
    appendParagraph(draft.doc, text, { source: 'cli' } satisfies ChangeOrigin);
    this.assertStored(id);
  }

  setTitle(id: string, title: string, origin: ChangeOrigin): void {
    const draft = this.get(id);
    draft.doc.transact(() => draft.doc.getMap('meta').set('title', title), origin);
    this.assertStored(id);
  }

  content(id: string): RichNode {
    return docToRich(this.get(id).doc);
  }

  plainText(id: string): string {
    return draftToPlain(this.content(id));
  }

  stateAsUpdate(id: string): Uint8Array {
    return Y.encodeStateAsUpdate(this.get(id).doc);
  }

  pending(id: string): number {
    return (prepared(this.db, 'SELECT pending_changes FROM collab_state WHERE document_id = ?').pluck().get(id) as number | undefined) ?? 0;
  }

  pendingAll(): Record<string, number> {
    const rows = prepared(this.db, 'SELECT document_id, pending_changes FROM collab_state WHERE pending_changes > 0').all() as {
      document_id: string;
      pending_changes: number;
    }[];
    return Object.fromEntries(rows.map((r) => [r.document_id, r.pending_changes]));
  }

  /** The server confirmed everything of these drafts: one transaction (one fsync) for all. */
  markSyncedMany(ids: string[], server: string): void {
    withBusyTimeout(this.db, 0, () => this.db.transaction(() => ids.forEach((id) => this.markSyncedRow(id, server)))());
    for (const id of ids) for (const l of this.pendingListeners) l(id, 0);
  }

  private markSyncedRow(id: string, server: string): void {
    prepared(
      this.db,
      `INSERT INTO collab_state (document_id, pending_changes, synced_server, last_synced_at) VALUES (?, 0, ?, ?)
       ON CONFLICT(document_id) DO UPDATE SET pending_changes = 0, synced_server = excluded.synced_server, last_synced_at = excluded.last_synced_at`,
    ).run(id, server, this.clock.now().toISOString());
  }

  /** The server confirmed everything of this draft. */
  markSynced(id: string, server: string): void {
    // No lock wait: this runs in the provider's acknowledgement path (the caller retries).
    withBusyTimeout(this.db, 0, () => prepared(this.db,
        `INSERT INTO collab_state (document_id, pending_changes, synced_server, last_synced_at) VALUES (?, 0, ?, ?)
         ON CONFLICT(document_id) DO UPDATE SET pending_changes = 0, synced_server = excluded.synced_server, last_synced_at = excluded.last_synced_at`,
      )
      .run(id, server, this.clock.now().toISOString()));
    for (const l of this.pendingListeners) l(id, 0);
  }

  /**
   * Quotes of the statement register whose wording, speaker, role, organisation, document title
   * or date matches every word, then statements, press releases and speeches whose title, source,
   * publisher or a quoted person matches. A whole document is cited with its publisher (or, for a
   * statement without one, the person quoted most in it), never an arbitrary person in it.
   */
  findSources(q: string, limit: number): SourceHit[] {
    const words = q.trim().split(/\s+/).filter(Boolean).slice(0, 6);
    const params: Record<string, unknown> = { limit };
    words.forEach((w, i) => {
      params[`w${i}`] = `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      params[`d${i}`] = `%${germanDateToIso(w)}%`;
    });
    const quoteWhere = words.map(
      (_, i) =>
        `(q.text LIKE @w${i} ESCAPE '\\' OR coalesce(p.name, '') LIKE @w${i} ESCAPE '\\' OR coalesce(o.name, '') LIKE @w${i} ESCAPE '\\'
          OR coalesce(q.role, '') LIKE @w${i} ESCAPE '\\' OR d.title LIKE @w${i} ESCAPE '\\' OR coalesce(q.said_on, d.date, '') LIKE @d${i} ESCAPE '\\')`,
    );
    const quotes = prepared(this.db,
        `SELECT q.id AS quoteId, q.text AS quote, p.name AS speaker, q.role, o.name AS organisation,
           d.id, d.kind, d.title, coalesce(q.said_on, d.date) AS date
         FROM quotes q JOIN documents d ON d.id = q.document_id
         LEFT JOIN people p ON p.id = q.person_id
         LEFT JOIN organisations o ON o.id = q.organisation_id
         WHERE q.person_id IS NOT NULL ${quoteWhere.length ? `AND ${quoteWhere.join(' AND ')}` : ''}
         ORDER BY coalesce(q.said_on, d.date) IS NULL, coalesce(q.said_on, d.date) DESC, d.sort_title, q.position LIMIT @limit`,
      )
      .all(params) as { quoteId: string; quote: string; speaker: string; role: string | null; organisation: string | null; id: string; kind: SourceHit['kind']; title: string; date: string | null }[];
    const where = words.map((_, i) => `(d.title LIKE @w${i} ESCAPE '\\' OR coalesce(d.source, '') LIKE @w${i} ESCAPE '\\' OR coalesce(d.publisher, '') LIKE @w${i} ESCAPE '\\' OR EXISTS (SELECT 1 FROM document_people dp JOIN people p ON p.id = dp.person_id WHERE dp.document_id = d.id AND p.name LIKE @w${i} ESCAPE '\\'))`);
    const rows = prepared(this.db,
        `SELECT d.id, d.kind, d.title, d.date, d.source, d.publisher,
           (SELECT p.name FROM quotes q JOIN people p ON p.id = q.person_id WHERE q.document_id = d.id
             GROUP BY q.person_id ORDER BY count(*) DESC, min(q.position) LIMIT 1) AS mainSpeaker
         FROM documents d
         WHERE d.kind IN ('statement', 'press_release', 'speech') AND d.trashed_at IS NULL ${where.length ? `AND ${where.join(' AND ')}` : ''}
         ORDER BY d.date IS NULL, d.date DESC, d.sort_title LIMIT @limit`,
      )
      .all(params) as { id: string; kind: SourceHit['kind']; title: string; date: string | null; source: string | null; publisher: string | null; mainSpeaker: string | null }[];
    return [
      ...quotes.map((r) => ({ id: r.id, kind: r.kind, title: r.title, date: r.date, speaker: r.speaker, quoteId: r.quoteId, quote: r.quote, role: r.role, organisation: r.organisation })),
      ...rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        title: r.title,
        date: r.date,
        // The one who speaks for the whole document: its publisher; a statement without one is
        // the statement of the person quoted most in it.
        speaker: r.publisher ?? (r.kind === 'statement' ? r.mainSpeaker : null) ?? r.source ?? '',
      })),
    ];
  }

  // ---- title and search text ----------------------------------------------------------------

  private scheduleText(draft: LiveDraft): void {
    if (this.closed) return;
    const now = Date.now();
    draft.textDueSince ??= now;
    if (draft.textTimer) clearTimeout(draft.textTimer);
    const wait = Math.max(0, Math.min(this.textDebounceMs, draft.textDueSince + this.textMaxWaitMs - now));
    draft.textTimer = setTimeout(() => this.flushText(draft.id), wait);
  }

  /** Writes title, JSON and plain text of a draft to its document row now, if due. */
  flushText(id: string): void {
    const draft = this.live.get(id);
    if (!draft || draft.textDueSince === null) return;
    if (draft.textTimer) clearTimeout(draft.textTimer);
    draft.textTimer = null;
    draft.textDueSince = null;
    try {
      const content = docToRich(draft.doc);
      const title = docTitle(draft.doc);
      if (!this.documents.exists(id)) return;
      // No lock wait (main must not stall for the connection's 5 s); tried again later.
      withBusyTimeout(this.db, 0, () => this.documents.update(id, { content, bodyText: draftToPlain(content), ...(title ? { title } : {}) }));
    } catch (err) {
      this.logger.error('Entwurfstext konnte nicht übernommen werden', { id, ...errorFields(err) });
      if (!this.closed && this.live.get(id) === draft) {
        draft.textDueSince = Date.now();
        draft.textTimer = setTimeout(() => this.flushText(id), Math.max(1000, this.textDebounceMs));
      }
    }
  }

  flushAll(): void {
    // One transaction (one fsync) for all drafts: 5,000 after a first sync, not 5,000 commits.
    const flush = () => {
      for (const id of this.live.keys()) this.flushText(id);
    };
    try {
      withBusyTimeout(this.db, this.writeWaitMs, () => this.db.transaction(flush)());
    } catch (err) {
      // The transaction could not start (locked): each draft on its own, retried later if need be.
      this.logger.warn('Entwurfstexte einzeln übernommen', errorFields(err));
      flush();
    }
  }

  /** Forgets a draft in memory (its rows stay); the next `get` loads it again. */
  unload(id: string): void {
    const draft = this.live.get(id);
    if (!draft) return;
    this.flushText(id);
    draft.awareness.destroy();
    draft.doc.destroy();
    this.live.delete(id);
  }

  /** Forgets a deleted draft without writing anything back (unlike `unload`). */
  discard(id: string): void {
    const draft = this.live.get(id);
    if (!draft) return;
    if (draft.textTimer) clearTimeout(draft.textTimer);
    draft.textTimer = null;
    draft.textDueSince = null;
    this.live.delete(id);
    draft.awareness.destroy();
    draft.doc.destroy();
  }

  closeAll(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    if (this.remoteFlush) clearImmediate(this.remoteFlush);
    this.remoteFlush = null;
    // Last chance for queued updates (remote ones are on the server and come back with the next sync).
    if (!this.flushUnsaved(1000)) this.logger.error('Beim Schließen nicht gespeicherte Entwurfsänderungen', { drafts: [...this.live.values()].filter((d) => d.unsaved.length).map((d) => d.id) });
    for (const id of [...this.live.keys()]) this.unload(id);
    this.closed = true;
  }

  /** Base64 helpers for the handlers (one call each). */
  static decode(text: string): Uint8Array {
    try {
      return fromBase64(text);
    } catch {
      throw new AppError('VALIDATION', 'Ungültige Base64-Daten.');
    }
  }
}

/** „04.05.2026“ → „2026-05-04“, „05.2026“ → „2026-05“: a typed German date matches ISO dates. */
export function germanDateToIso(word: string): string {
  const full = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/u.exec(word);
  if (full) return `${full[3]}-${full[2]!.padStart(2, '0')}-${full[1]!.padStart(2, '0')}`;
  const month = /^(\d{1,2})\.(\d{4})$/u.exec(word);
  if (month) return `${month[2]}-${month[1]!.padStart(2, '0')}`;
  return word.replace(/[\\%_]/g, (c) => `\\${c}`);
}
