import { HocuspocusProvider, HocuspocusProviderWebsocket, WebSocketStatus } from '@hocuspocus/provider';
import * as Y from 'yjs';
import { isEditableKind } from '../../../shared/editor/draftExtensions';
import type { SyncConnection } from '../../../shared/ipc/areas/collab';
import { AppError } from '../../../shared/errors';
import type { DocumentStore } from '../documents/DocumentStore';
import type { Logger } from '../ports';
import { errorFields } from '../logFields';
import type { CollabService, LiveDraft } from './CollabService';
import { DRAFT_ID, draftDocName, LIBRARY_INDEX_DOC, type LibraryIndexEntry } from './syncNames';

export interface SyncClientOptions {
  url: string;
  token: string;
  collab: CollabService;
  documents: DocumentStore;
  logger: Logger;
  /** Reconnect back-off (ms); tests shorten it. */
  minDelay?: number;
  maxDelay?: number;
  onStatus?: () => void;
  /** Drafts waiting for the server's answer to their authentication at once (see ATTACH_WINDOW). */
  attachWindow?: number;
  /** New drafts adopted from the server's index per connection (see MAX_ADOPT_PER_SESSION). */
  maxAdoptPerSession?: number;
}

type IndexEntry = LibraryIndexEntry;

/** Reasons `SyncServer` gives for refusing one document (see REFUSED there). */
const REFUSED_DELETED = 'document-deleted';
const REFUSED_LOAD_FAILED = 'load-failed';
const REPAIR_PREFIX = 'repair:';

/**
 * Drafts attached at once while their authentication is outstanding. Hocuspocus closes a socket
 * with more than `maxPendingDocuments` (default 100) unauthenticated documents (issue 13 §2: a
 * library of 500 drafts never synced); half of that leaves room for any server's default.
 */
export const ATTACH_WINDOW = 50;
/** Issue 17 §5: a colleague's index cannot flood the library: at most this many new drafts per connection. */
export const MAX_ADOPT_PER_SESSION = 10_000;
/** The document schema's title limit (shared/domain/document.ts). */
export const MAX_TITLE_CHARS = 1000;

/** One websocket and the providers on it; rebuilt after a dropped connection (see `lost`). */
interface Session {
  socket: HocuspocusProviderWebsocket;
  index: HocuspocusProvider;
  /** Draft id → provider on this socket. */
  providers: Map<string, HocuspocusProvider>;
  /** Providers attached whose authentication has not been answered yet. */
  waiting: Set<string>;
  repairs: Map<string, HocuspocusProvider>;
  indexReady: boolean;
  adopted: number;
  dead: boolean;
}

/**
 * Keeps every draft of the library in sync with a Hocuspocus server over ONE multiplexed websocket
 * (HocuspocusProviderWebsocket): a provider per draft, bound to main's Y.Doc, plus a library
 * index doc (`qw-bibliothek`: draft id → title, kind) through which clients learn of drafts
 * created elsewhere. Offline edits are just updates the server has not seen; the Yjs handshake on
 * reconnect exchanges exactly the missing parts, so nothing is last-writer-wins.
 *
 * Issue 13: drafts are attached in a sliding window (ATTACH_WINDOW authentications outstanding),
 * after the index; a dropped socket is replaced by a new one and the window starts again, so any
 * number of drafts syncs. A draft the server cannot load is repaired from this copy (its full state
 * to `repair:<name>`) when this copy has content. Database trouble in an acknowledgement handler
 * is logged and retried, never thrown into the provider.
 */
export class SyncClient {
  private session: Session | null = null;
  /** Drafts this client syncs (loaded in main), in the order they are attached. */
  private readonly wanted = new Map<string, LiveDraft>();
  private readonly queue: string[] = [];
  private readonly indexDoc = new Y.Doc();
  private readonly unsubscribe: (() => void)[] = [];
  private readonly repairAttempts = new Map<string, number>();
  private readonly retryTimers = new Set<NodeJS.Timeout>();
  private readonly toMark = new Set<string>();
  private markTimer: NodeJS.Timeout | null = null;
  private denied = false;
  private stopped = false;
  private backoff: number;
  private warnedAdopt = false;
  /** The server accepted our token for reading only: nothing we change reaches it. */
  readOnly = false;
  /** Deleted here while the index was not synced: marked as soon as it is. */
  private readonly toForget = new Set<string>();
  lastError: string | null = null;

  constructor(private readonly o: SyncClientOptions) {
    this.backoff = o.minDelay ?? 1000;
    this.indexDoc.getMap<IndexEntry>('drafts').observe((event) => {
      for (const key of event.keysChanged) this.adoptFromIndex(key);
    });
    this.unsubscribe.push(o.collab.onLoaded((draft) => this.attach(draft)));
    // Queued writes stored later count as pending again; the server may have confirmed them already.
    this.unsubscribe.push(
      o.collab.onPendingChanged((id, n) => {
        if (n === 0) return;
        // After the whole update event: the provider counts its own unsynced change in it too.
        setTimeout(() => {
          const p = this.session?.providers.get(id);
          if (p && !this.stopped) this.checkSynced(id, p);
        }, 0);
      }),
    );
    for (const id of o.collab.draftIds()) this.attach(o.collab.get(id));
    this.open();
  }

  private get window(): number {
    return this.o.attachWindow ?? ATTACH_WINDOW;
  }

  /** A new socket with the index provider; drafts follow once the index is authenticated. */
  private open(): void {
    const socket = new HocuspocusProviderWebsocket({
      url: this.o.url,
      // Node 22's built-in WebSocket (also in Electron's main process).
      WebSocketPolyfill: globalThis.WebSocket,
      minDelay: this.o.minDelay ?? 1000,
      delay: this.o.minDelay ?? 1000,
      maxDelay: this.o.maxDelay ?? 15000,
      onStatus: () => this.o.onStatus?.(),
    });
    const s: Session = { socket, index: null as unknown as HocuspocusProvider, providers: new Map(), waiting: new Set(), repairs: new Map(), indexReady: false, adopted: 0, dead: false };
    this.session = s;
    s.index = this.provider(s, LIBRARY_INDEX_DOC, this.indexDoc, null);
    s.index.on('synced', () => {
      if (s.dead) return;
      this.backoff = this.o.minDelay ?? 1000;
      s.indexReady = true;
      this.announceLocalDrafts();
      this.pump();
    });
    socket.on('disconnect', () => this.lost(s));
  }

  /**
   * The socket dropped after drafts were attached: on reconnect every provider would authenticate
   * at once (over the server's pending-document bound). Replace socket and providers instead;
   * the window then attaches the drafts again, and the handshake sends what is pending.
   */
  private lost(s: Session): void {
    if (s.dead || this.stopped || (s.providers.size === 0 && s.repairs.size === 0)) return;
    this.teardown(s);
    const delay = this.backoff;
    this.backoff = Math.min(this.backoff * 2, this.o.maxDelay ?? 15000);
    const t = setTimeout(() => {
      this.retryTimers.delete(t);
      if (!this.stopped && this.session === s) this.open();
    }, delay);
    this.retryTimers.add(t);
    this.o.onStatus?.();
  }

  private teardown(s: Session): void {
    s.dead = true;
    // The socket first: destroyed providers then send no CLOSE per document (the server closes
    // them all with the socket; 500 CLOSE frames would only make it open 500 pending entries).
    s.socket.destroy();
    for (const p of s.repairs.values()) p.destroy();
    s.repairs.clear();
    for (const [id, p] of s.providers) {
      p.destroy();
      // The provider destroyed the awareness it was given; the draft gets a fresh one.
      if (this.o.collab.isLoaded(id)) this.o.collab.renewAwareness(this.o.collab.get(id));
      if (this.wanted.has(id)) this.queue.push(id);
    }
    s.providers.clear();
    s.waiting.clear();
    s.index.destroy();
  }

  private provider(s: Session, name: string, document: Y.Doc, awareness: LiveDraft['awareness'] | null): HocuspocusProvider {
    const p = new HocuspocusProvider({
      name,
      document,
      websocketProvider: s.socket,
      token: this.o.token,
      // Main's replica carries the windows' carets; the index doc has none.
      awareness: awareness ?? null,
      onAuthenticationFailed: ({ reason }) => {
        const id = name.startsWith('draft:') ? name.slice('draft:'.length) : null;
        if (id) this.answered(s, id);
        if (reason === REFUSED_DELETED) {
          // Deleted in another library: this copy stays here but no longer syncs.
          if (id) queueMicrotask(() => this.release(id));
        } else if (reason === REFUSED_LOAD_FAILED) {
          this.lastError = 'Der Sync-Server kann einen Entwurf gerade nicht laden; er bleibt hier erhalten und wird später abgeglichen.';
          this.loadFailed(s, name, p, document);
        } else {
          this.denied = true;
          this.lastError = `Anmeldung am Sync-Server abgelehnt (${reason}). Zugangstoken prüfen.`;
        }
        this.o.onStatus?.();
      },
      onAuthenticated: ({ scope }) => {
        const id = name.startsWith('draft:') ? name.slice('draft:'.length) : null;
        if (id) this.answered(s, id);
        if (name !== LIBRARY_INDEX_DOC) return;
        this.denied = false;
        this.readOnly = scope === 'readonly';
        // Shown as the status line: with a read-only token local edits stay local.
        this.lastError = this.readOnly ? 'Nur Lesezugang: eigene Änderungen werden nicht zum Sync-Server übertragen.' : null;
        this.o.onStatus?.();
      },
    });
    p.attach();
    return p;
  }

  /** One authentication answered: the window has room for the next draft. */
  private answered(s: Session, id: string): void {
    if (s.waiting.delete(id)) queueMicrotask(() => this.pump());
  }

  /** Attaches queued drafts while fewer than `window` authentications are outstanding. */
  private pump(): void {
    const s = this.session;
    if (!s || s.dead || !s.indexReady || this.stopped) return;
    // One index update for the whole batch, not one per draft.
    this.indexDoc.transact(() => this.attachBatch(s));
  }

  private attachBatch(s: Session): void {
    while (s.waiting.size < this.window && this.queue.length > 0) {
      const id = this.queue.shift()!;
      const draft = this.wanted.get(id);
      if (!draft || s.providers.has(id)) continue;
      const p = this.provider(s, draftDocName(id), draft.doc, draft.awareness);
      const check = () => this.checkSynced(id, p);
      p.on('synced', check);
      p.on('unsyncedChanges', check);
      s.providers.set(id, p);
      s.waiting.add(id);
      this.announce(id);
    }
  }

  /** The server confirmed everything of a draft: its pending count goes to 0 (see flushSynced). */
  private checkSynced(id: string, p: HocuspocusProvider): void {
    if (p.isSynced && p.unsyncedChanges === 0 && p.isAuthenticated) {
      this.toMark.add(id);
      this.markTimer ??= setTimeout(() => this.flushSynced(), 0);
    }
    this.o.onStatus?.();
  }

  /**
   * Writes "synced" for every draft confirmed in this turn in one transaction (500 drafts: one
   * fsync, not 500). Database trouble is logged and retried, never thrown into the provider's
   * message handler (issue 13: an uncaught SqliteError there ended the process).
   */
  private flushSynced(): void {
    this.markTimer = null;
    const s = this.session;
    const ids = [...this.toMark].filter((id) => {
      const p = s?.providers.get(id);
      return p && p.isSynced && p.unsyncedChanges === 0 && p.isAuthenticated;
    });
    this.toMark.clear();
    if (this.stopped || ids.length === 0) return;
    try {
      const due = ids.filter((id) => this.o.collab.pending(id) > 0);
      if (due.length) this.o.collab.markSyncedMany(due, this.o.url);
    } catch (err) {
      this.o.logger.warn('Sync-Stand nicht gespeichert, wird wiederholt', { drafts: ids.length, ...errorFields(err) });
      for (const id of ids) this.toMark.add(id);
      this.markTimer = setTimeout(() => this.flushSynced(), 500);
    }
    this.o.onStatus?.();
  }

  /**
   * The server refused a document as unreadable (a damaged row, a locked store). If this copy has
   * content and may write, it sends its full state to `repair:<name>` (the server sets damaged rows
   * aside and stores it); either way the document is asked for again, a few times, with back-off.
   */
  private loadFailed(s: Session, name: string, p: HocuspocusProvider, doc: Y.Doc): void {
    const attempts = (this.repairAttempts.get(name) ?? 0) + 1;
    this.repairAttempts.set(name, attempts);
    if (attempts > 3 || s.dead) return;
    const retry = () => {
      if (s.dead || this.stopped) return;
      void p.sendToken().then(() => {
        if (!s.dead) p.startSync();
      });
    };
    const hasContent = Y.encodeStateVector(doc).byteLength > 1;
    if (!hasContent || this.readOnly || s.repairs.has(name)) {
      const t = setTimeout(() => {
        this.retryTimers.delete(t);
        retry();
      }, 1000 * attempts);
      this.retryTimers.add(t);
      return;
    }
    const repair = new HocuspocusProvider({ name: `${REPAIR_PREFIX}${name}`, document: doc, websocketProvider: s.socket, token: this.o.token, awareness: null });
    s.repairs.set(name, repair);
    const done = () => {
      if (!repair.isSynced || repair.unsyncedChanges > 0 || s.repairs.get(name) !== repair) return;
      s.repairs.delete(name);
      repair.destroy();
      this.o.logger.info('Entwurf auf dem Sync-Server repariert', { document: name });
      retry();
    };
    repair.on('synced', done);
    repair.on('unsyncedChanges', done);
    repair.on('authenticationFailed', () => {
      s.repairs.delete(name);
      repair.destroy();
    });
    repair.attach();
  }

  /** Starts syncing a draft (called for each draft loaded into main). */
  attach(draft: LiveDraft): void {
    if (this.stopped || this.wanted.has(draft.id)) return;
    this.wanted.set(draft.id, draft);
    this.queue.push(draft.id);
    this.pump();
  }

  private announce(id: string): void {
    const s = this.session;
    if (!s?.indexReady || !s.index.isSynced || this.readOnly) return;
    const map = this.indexDoc.getMap<IndexEntry>('drafts');
    // Deleted elsewhere: never re-announce it (that would bring it back for everyone).
    if (map.get(id)?.deleted) {
      this.release(id);
      return;
    }
    let doc;
    try {
      doc = this.o.documents.get(id);
    } catch {
      return;
    }
    const known = map.get(id);
    if (!known || known.title !== doc.title || known.kind !== doc.kind) map.set(id, { title: doc.title, kind: doc.kind });
  }

  private announceLocalDrafts(): void {
    // Deleted here while this client was not connected, before a restart too (deleted_drafts).
    for (const id of new Set([...this.toForget, ...this.o.documents.deletedDrafts()])) this.forget(id);
    this.indexDoc.transact(() => {
      for (const id of this.session?.providers.keys() ?? []) this.announce(id);
    });
    const keys = [...this.indexDoc.getMap<IndexEntry>('drafts').keys()];
    try {
      // One transaction for every draft new from the index (5,000 on a fresh library).
      this.o.collab.batch(() => keys.forEach((key) => this.adoptFromIndex(key)));
    } catch (err) {
      this.o.logger.warn('Entwürfe vom Server nicht übernommen', errorFields(err));
    }
  }

  /** A draft a colleague created: make a document row for it and sync its content in. */
  private adoptFromIndex(id: string): void {
    if (this.stopped) return;
    const entry = this.indexDoc.getMap<IndexEntry>('drafts').get(id);
    if (entry?.deleted) {
      this.release(id);
      return;
    }
    if (this.wanted.has(id) || !entry || typeof entry.kind !== 'string' || !isEditableKind(entry.kind)) return;
    if (!DRAFT_ID.test(id)) return;
    if (this.o.documents.wasDeletedDraft(id)) {
      // Deleted here: the index learns it (again), the draft does not come back.
      this.forget(id);
      return;
    }
    const s = this.session;
    if (s && !this.o.documents.exists(id)) {
      // SECURITY: issue 17 §5 — bounded per connection; the rest comes with the next one.
      const limit = this.o.maxAdoptPerSession ?? MAX_ADOPT_PER_SESSION;
      if (s.adopted >= limit) {
        if (!this.warnedAdopt) this.o.logger.warn('Zu viele neue Entwürfe vom Server auf einmal; der Rest folgt beim nächsten Abgleich', { limit });
        this.warnedAdopt = true;
        return;
      }
      s.adopted++;
    }
    try {
      const raw = typeof entry.title === 'string' ? entry.title : '';
      // The schema's limit (1,000 characters) for a title written by anyone with a write token.
      const title = [...raw].map((c) => (c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127 ? ' ' : c)).join('').trim().slice(0, MAX_TITLE_CHARS).trim();
      this.o.collab.adopt(id, { title, kind: entry.kind });
      this.o.collab.get(id, { seed: false });
    } catch (err) {
      this.o.logger.warn('Entwurf vom Server nicht übernommen', { id, ...errorFields(err) });
    }
  }

  /**
   * A draft deleted here: tell the others not to bring it back (their copies stay) and the server
   * to purge it. The entry keeps only the flag — no title — so nothing of the draft stays in the
   * index. Only a read-write token can do this; with a read-only one the server ignores it.
   */
  forget(id: string): void {
    this.release(id);
    if (!this.session?.indexReady || !this.session.index.isSynced) {
      this.toForget.add(id);
      return;
    }
    this.toForget.delete(id);
    const map = this.indexDoc.getMap<IndexEntry>('drafts');
    const entry = map.get(id);
    if (entry && (!entry.deleted || Object.keys(entry).length > 1)) map.set(id, { deleted: true });
  }

  private release(id: string): void {
    this.wanted.delete(id);
    const s = this.session;
    const p = s?.providers.get(id);
    if (!s || !p) return;
    p.destroy();
    s.providers.delete(id);
    s.waiting.delete(id);
    // The provider destroyed the awareness it was given; the draft gets a fresh one.
    if (this.o.collab.isLoaded(id)) this.o.collab.renewAwareness(this.o.collab.get(id));
    this.pump();
  }

  get connection(): SyncConnection {
    if (this.stopped) return 'off';
    if (this.denied) return 'denied';
    const s = this.session?.socket.status;
    if (s === WebSocketStatus.Connected) return 'connected';
    if (s === WebSocketStatus.Connecting) return 'connecting';
    return 'offline';
  }

  get documentCount(): number {
    return this.wanted.size;
  }

  /** Everything local is on the server and everything on the server is here. */
  isFullySynced(): boolean {
    const s = this.session;
    if (!s || s.dead || !s.indexReady) return false;
    // Read-only: the server never confirms our own changes; having its state is all there is.
    const unsynced = (p: HocuspocusProvider) => !this.readOnly && p.unsyncedChanges > 0;
    if (!s.index.isSynced || unsynced(s.index)) return false;
    for (const id of this.wanted.keys()) {
      const p = s.providers.get(id);
      if (!p || !p.isSynced || unsynced(p)) return false;
    }
    // Drafts listed in the index but not yet adopted still have to come in.
    for (const [id, e] of this.indexDoc.getMap<IndexEntry>('drafts').entries()) {
      if (e && !e.deleted && typeof e.kind === 'string' && isEditableKind(e.kind) && DRAFT_ID.test(id) && !this.wanted.has(id) && !this.o.documents.wasDeletedDraft(id)) {
        if (s.adopted < (this.o.maxAdoptPerSession ?? MAX_ADOPT_PER_SESSION)) return false;
      }
    }
    return true;
  }

  /** Resolves once fully synced; rejects on a refused token or after `timeoutMs`. */
  whenSynced(timeoutMs: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const started = Date.now();
      const tick = () => {
        if (this.denied) return reject(new AppError('IO', this.lastError ?? 'Anmeldung am Sync-Server abgelehnt.', { reason: 'denied' }));
        if (this.isFullySynced()) return resolve();
        if (Date.now() - started > timeoutMs) {
          return reject(
            new AppError('IO', `Keine vollständige Synchronisierung mit ${this.o.url} innerhalb von ${Math.round(timeoutMs / 1000)} s (Server erreichbar?).`, { reason: 'timeout' }),
          );
        }
        setTimeout(tick, 25);
      };
      tick();
    });
  }

  /** Disconnects; local state is already persisted. */
  stop(): void {
    if (this.stopped) return;
    if (this.markTimer) {
      clearTimeout(this.markTimer);
      // What the server confirmed is written before we let go (syncOnce stops right after).
      this.flushSynced();
      if (this.markTimer) clearTimeout(this.markTimer);
    }
    this.markTimer = null;
    this.stopped = true;
    for (const u of this.unsubscribe) u();
    for (const t of this.retryTimers) clearTimeout(t);
    this.retryTimers.clear();
    if (this.session) this.teardown(this.session);
    this.queue.length = 0;
    this.wanted.clear();
    this.indexDoc.destroy();
  }
}
