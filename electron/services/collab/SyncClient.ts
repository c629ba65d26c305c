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
}

type IndexEntry = LibraryIndexEntry;

/** Reasons `SyncServer` gives for refusing one document (see REFUSED there). */
const REFUSED_DELETED = 'document-deleted';
const REFUSED_LOAD_FAILED = 'load-failed';

/**
 * Keeps every draft of the library in sync with a Hocuspocus server over ONE multiplexed websocket
 * (HocuspocusProviderWebsocket): a provider per draft, bound to main's Y.Doc, plus a library
 * index doc (`qw-bibliothek`: draft id → title, kind) through which clients learn of drafts
 * created elsewhere. Offline edits are just updates the server has not seen; the Yjs handshake on
 * reconnect exchanges exactly the missing parts, so nothing is last-writer-wins.
 */
export class SyncClient {
  private readonly socket: HocuspocusProviderWebsocket;
  private readonly providers = new Map<string, HocuspocusProvider>();
  private readonly indexDoc = new Y.Doc();
  private readonly indexProvider: HocuspocusProvider;
  private readonly unsubscribe: (() => void)[] = [];
  private denied = false;
  private stopped = false;
  /** The server accepted our token for reading only: nothing we change reaches it. */
  readOnly = false;
  /** Deleted here while the index was not synced: marked as soon as it is. */
  private readonly toForget = new Set<string>();
  lastError: string | null = null;

  constructor(private readonly o: SyncClientOptions) {
    this.socket = new HocuspocusProviderWebsocket({
      url: o.url,
      // Node 22's built-in WebSocket (also in Electron's main process).
      WebSocketPolyfill: globalThis.WebSocket,
      minDelay: o.minDelay ?? 1000,
      delay: o.minDelay ?? 1000,
      maxDelay: o.maxDelay ?? 15000,
      onStatus: () => o.onStatus?.(),
    });
    this.indexProvider = this.provider(LIBRARY_INDEX_DOC, this.indexDoc, null);
    this.indexProvider.on('synced', () => this.announceLocalDrafts());
    this.indexDoc.getMap<IndexEntry>('drafts').observe((event) => {
      for (const key of event.keysChanged) this.adoptFromIndex(key);
    });
    this.unsubscribe.push(o.collab.onLoaded((draft) => this.attach(draft)));
    for (const id of o.collab.draftIds()) this.attach(o.collab.get(id));
  }

  private provider(name: string, document: Y.Doc, awareness: LiveDraft['awareness'] | null): HocuspocusProvider {
    const p = new HocuspocusProvider({
      name,
      document,
      websocketProvider: this.socket,
      token: this.o.token,
      // Main's replica carries the windows' carets; the index doc has none.
      awareness: awareness ?? null,
      onAuthenticationFailed: ({ reason }) => {
        if (reason === REFUSED_DELETED) {
          // Deleted in another library: this copy stays here but no longer syncs.
          const id = name.slice('draft:'.length);
          queueMicrotask(() => this.release(id));
        } else if (reason === REFUSED_LOAD_FAILED) {
          this.lastError = 'Der Sync-Server kann einen Entwurf gerade nicht laden; er bleibt hier erhalten und wird später abgeglichen.';
        } else {
          this.denied = true;
          this.lastError = `Anmeldung am Sync-Server abgelehnt (${reason}). Zugangstoken prüfen.`;
        }
        this.o.onStatus?.();
      },
      onAuthenticated: ({ scope }) => {
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

  /** Starts syncing a draft (called for each draft loaded into main). */
  attach(draft: LiveDraft): void {
    if (this.stopped || this.providers.has(draft.id)) return;
    const p = this.provider(draftDocName(draft.id), draft.doc, draft.awareness);
    const check = () => {
      if (p.isSynced && p.unsyncedChanges === 0 && p.isAuthenticated) {
        if (this.o.collab.pending(draft.id) > 0) this.o.collab.markSynced(draft.id, this.o.url);
      }
      this.o.onStatus?.();
    };
    p.on('synced', check);
    p.on('unsyncedChanges', check);
    this.providers.set(draft.id, p);
    this.announce(draft.id);
  }

  private announce(id: string): void {
    if (!this.indexProvider.isSynced || this.readOnly) return;
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
      for (const id of [...this.providers.keys()]) this.announce(id);
    });
    for (const key of this.indexDoc.getMap<IndexEntry>('drafts').keys()) this.adoptFromIndex(key);
  }

  /** A draft a colleague created: make a document row for it and sync its content in. */
  private adoptFromIndex(id: string): void {
    if (this.stopped) return;
    const entry = this.indexDoc.getMap<IndexEntry>('drafts').get(id);
    if (entry?.deleted) {
      this.release(id);
      return;
    }
    if (this.providers.has(id) || !entry || typeof entry.kind !== 'string' || !isEditableKind(entry.kind)) return;
    if (!DRAFT_ID.test(id)) return;
    if (this.o.documents.wasDeletedDraft(id)) {
      // Deleted here: the index learns it (again), the draft does not come back.
      this.forget(id);
      return;
    }
    try {
      this.o.collab.adopt(id, { title: entry.title ?? '', kind: entry.kind });
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
    if (!this.indexProvider.isSynced) {
      this.toForget.add(id);
      return;
    }
    this.toForget.delete(id);
    const map = this.indexDoc.getMap<IndexEntry>('drafts');
    const entry = map.get(id);
    if (entry && (!entry.deleted || Object.keys(entry).length > 1)) map.set(id, { deleted: true });
  }

  private release(id: string): void {
    const p = this.providers.get(id);
    if (!p) return;
    p.destroy();
    this.providers.delete(id);
    // The provider destroyed the awareness it was given; the draft gets a fresh one.
    if (this.o.collab.isLoaded(id)) this.o.collab.renewAwareness(this.o.collab.get(id));
  }

  get connection(): SyncConnection {
    if (this.stopped) return 'off';
    if (this.denied) return 'denied';
    const s = this.socket.status;
    if (s === WebSocketStatus.Connected) return 'connected';
    if (s === WebSocketStatus.Connecting) return 'connecting';
    return 'offline';
  }

  get documentCount(): number {
    return this.providers.size;
  }

  /** Everything local is on the server and everything on the server is here. */
  isFullySynced(): boolean {
    // Read-only: the server never confirms our own changes; having its state is all there is.
    const unsynced = (p: HocuspocusProvider) => !this.readOnly && p.unsyncedChanges > 0;
    if (!this.indexProvider.isSynced || unsynced(this.indexProvider)) return false;
    for (const p of this.providers.values()) if (!p.isSynced || unsynced(p)) return false;
    // Drafts listed in the index but not yet adopted still have to come in.
    for (const [id, e] of this.indexDoc.getMap<IndexEntry>('drafts').entries()) {
      if (!e.deleted && typeof e.kind === 'string' && isEditableKind(e.kind) && DRAFT_ID.test(id) && !this.providers.has(id)) return false;
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
    this.stopped = true;
    for (const u of this.unsubscribe) u();
    for (const id of [...this.providers.keys()]) this.release(id);
    this.indexProvider.destroy();
    this.socket.destroy();
    this.indexDoc.destroy();
  }
}

