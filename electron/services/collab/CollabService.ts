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
import { prepared } from '../db/prepared';
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
}

export interface CollabOptions {
  /** Rows per draft after which the log is merged into one (in a transaction). */
  compactAfter?: number;
  /** Quiet time before title/search text are refreshed from the doc. */
  textDebounceMs?: number;
  /** Longest a refresh may be put off while someone keeps typing. */
  textMaxWaitMs?: number;
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
    const draft = { id, doc, lastSeq, rows: updates.length, textTimer: null, textDueSince: null, editors: new Set() } as unknown as LiveDraft;
    this.renewAwareness(draft);
    this.live.set(id, draft);
    doc.on('update', (update: Uint8Array, origin: unknown) => this.onDocUpdate(draft, update, origin));
    // SECURITY: content from other clients (server, change files, windows) is cleaned in the
    // Y.Doc the moment it arrives, and once on load for states stored before this check existed.
    doc.on('afterTransaction', (tr: Y.Transaction) => {
      if (!isChangeOrigin(tr.origin) || tr.origin.source !== 'sanitize') sanitizeDraft(doc, SANITIZE_ORIGIN, touched(tr));
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

  private onDocUpdate(draft: LiveDraft, update: Uint8Array, origin: unknown): void {
    // A discarded (deleted) draft stores nothing more.
    if (this.live.get(draft.id) !== draft) return;
    // Anything that is not one of our origins (the sync provider) is a change from the server.
    const o: ChangeOrigin = isChangeOrigin(origin) ? origin : { source: 'remote' };
    const local = o.source !== 'remote' && o.source !== 'stored';
    // Persist first: an update is on disk before anyone is told about it.
    this.db.transaction(() => {
      if (o.source !== 'stored') draft.lastSeq = Math.max(draft.lastSeq, this.log.append(draft.id, update));
      if (local) {
        // Compiled once per connection: a db.prepare() per keystroke keeps native memory growing.
        prepared(
          this.db,
          `INSERT INTO collab_state (document_id, pending_changes) VALUES (?, 1)
           ON CONFLICT(document_id) DO UPDATE SET pending_changes = pending_changes + 1`,
        ).run(draft.id);
      }
    })();
    if (o.source !== 'stored') draft.rows++;
    if (draft.rows > this.compactAfter) this.compact(draft.id);
    this.events.emit('collab.updated', {
      id: draft.id,
      update: toBase64(update),
      clientId: o.source === 'editor' ? o.clientId : null,
    });
    if (local) {
      const pending = this.pending(draft.id);
      for (const l of this.pendingListeners) l(draft.id, pending);
    }
    this.scheduleText(draft);
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
  }

  setTitle(id: string, title: string, origin: ChangeOrigin): void {
    const draft = this.get(id);
    draft.doc.transact(() => draft.doc.getMap('meta').set('title', title), origin);
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

  /** The server confirmed everything of this draft. */
  markSynced(id: string, server: string): void {
    prepared(this.db,
        `INSERT INTO collab_state (document_id, pending_changes, synced_server, last_synced_at) VALUES (?, 0, ?, ?)
         ON CONFLICT(document_id) DO UPDATE SET pending_changes = 0, synced_server = excluded.synced_server, last_synced_at = excluded.last_synced_at`,
      )
      .run(id, server, this.clock.now().toISOString());
    for (const l of this.pendingListeners) l(id, 0);
  }

  /** Statements, press releases and speeches whose title, source or speaker matches. */
  findSources(q: string, limit: number): SourceHit[] {
    const words = q.trim().split(/\s+/).filter(Boolean).slice(0, 6);
    const where = words.map((_, i) => `(d.title LIKE @w${i} ESCAPE '\\' OR coalesce(d.source, '') LIKE @w${i} ESCAPE '\\' OR coalesce(d.publisher, '') LIKE @w${i} ESCAPE '\\' OR EXISTS (SELECT 1 FROM document_people dp JOIN people p ON p.id = dp.person_id WHERE dp.document_id = d.id AND p.name LIKE @w${i} ESCAPE '\\'))`);
    const params: Record<string, unknown> = { limit };
    words.forEach((w, i) => (params[`w${i}`] = `%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
    const rows = prepared(this.db,
        `SELECT d.id, d.kind, d.title, d.date, d.source, d.publisher,
           (SELECT p.name FROM document_people dp JOIN people p ON p.id = dp.person_id WHERE dp.document_id = d.id ORDER BY p.name LIMIT 1) AS person
         FROM documents d
         WHERE d.kind IN ('statement', 'press_release', 'speech') AND d.trashed_at IS NULL ${where.length ? `AND ${where.join(' AND ')}` : ''}
         ORDER BY d.date IS NULL, d.date DESC, d.sort_title LIMIT @limit`,
      )
      .all(params) as { id: string; kind: SourceHit['kind']; title: string; date: string | null; source: string | null; publisher: string | null; person: string | null }[];
    return rows.map((r) => ({ id: r.id, kind: r.kind, title: r.title, date: r.date, speaker: r.person ?? r.publisher ?? r.source ?? '' }));
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
      this.documents.update(id, { content, bodyText: draftToPlain(content), ...(title ? { title } : {}) });
    } catch (err) {
      this.logger.error('Entwurfstext konnte nicht übernommen werden', { id, ...errorFields(err) });
    }
  }

  flushAll(): void {
    for (const id of this.live.keys()) this.flushText(id);
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
