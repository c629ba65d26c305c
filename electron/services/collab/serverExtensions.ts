import type {
  afterLoadDocumentPayload,
  beforeHandleAwarenessPayload,
  beforeHandleMessagePayload,
  Connection,
  Document,
  Extension,
  Hocuspocus,
  onAuthenticatePayload,
  onLoadDocumentPayload,
  onStoreDocumentPayload,
} from '@hocuspocus/server';
import type Database from 'better-sqlite3';
import * as decoding from 'lib0/decoding';
import { createHash, timingSafeEqual } from 'node:crypto';
import * as Y from 'yjs';
import { errorFields } from '../logFields';
import type { Logger } from '../ports';
import { checkpointTruncate, prepared } from '../db/prepared';
import { sanitizeDraft } from './draftDoc';
import { DRAFT_ID, draftDocName, LIBRARY_INDEX_DOC, SYNC_DOC_NAME, type LibraryIndexEntry } from './syncNames';
import { UpdateLog } from './UpdateLog';

/**
 * The behaviour of `quartierswissen serve` as Hocuspocus `Extension` classes (ARCHITECTURE §6),
 * as Hocuspocus' own extensions are built: who gets in (TokenAuth), what a message may carry
 * (ContentLimits), how updates are stored — before they are applied and acknowledged
 * (UpdateStore) — and what a deletion in the library index does (DeletionGuard).
 */

/** Reasons the server gives a refused document (the provider's `authenticationFailed.reason`). */
export const REFUSED = {
  /** Missing, empty or wrong token, or a document name the server does not serve. */
  denied: 'permission-denied',
  /** The draft was deleted in the library; nobody may bring it back. */
  deleted: 'document-deleted',
  /** The stored document could not be read (or a row is damaged); it stays untouched until repaired. */
  loadFailed: 'load-failed',
} as const;

/** Why the server closed a socket (close reason; the provider reconnects and resends). */
export const CLOSED = {
  storeUnavailable: 'store-unavailable',
  updateTooLarge: 'update-too-large',
  documentTooLarge: 'document-too-large',
  invalidUpdate: 'invalid-update',
  awarenessTooLarge: 'awareness-too-large',
} as const;

/** `repair:<name>`: a writer that still has a refused document sends its full state here. */
export const REPAIR_PREFIX = 'repair:';
export const repairDocName = (name: string) => `${REPAIR_PREFIX}${name}`;
const repairTarget = (name: string) => (name.startsWith(REPAIR_PREFIX) ? name.slice(REPAIR_PREFIX.length) : null);

export interface ServerLimits {
  /** Largest single update (a Yjs sync step 2 or update message) a client may send. */
  maxUpdateBytes: number;
  /** Largest stored document (sum of its rows; compacted first when it is reached). */
  maxDocumentBytes: number;
  /** Largest awareness message. */
  maxAwarenessBytes: number;
  /** Awareness messages per second and connection (bursts of twice that); more are dropped. */
  awarenessPerSecond: number;
}

export const DEFAULT_LIMITS: ServerLimits = {
  maxUpdateBytes: 4 * 1024 * 1024,
  maxDocumentBytes: 32 * 1024 * 1024,
  maxAwarenessBytes: 16 * 1024,
  awarenessPerSecond: 20,
};

/**
 * A refusal Hocuspocus passes to the client as `permissionDenied(reason)` (or, thrown from a
 * message hook, as the close reason). The message stays empty on purpose: Hocuspocus prints hook
 * errors that have one, and we log refusals ourselves.
 */
export function refusal(reason: string, code?: number): Error {
  return Object.assign(new Error(''), { reason, ...(code ? { code } : {}) });
}

/** A document name as it may appear in a log line: never longer than a real one. */
export const logName = (name: string) => (name.length > 140 ? `${name.slice(0, 140)}…` : name);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Hocuspocus marks what a client sent with this origin. */
function connectionOf(origin: unknown): Connection | null {
  const o = origin as { source?: unknown; connection?: Connection } | null;
  return o && typeof o === 'object' && o.source === 'connection' && o.connection ? o.connection : null;
}

/** Ends the whole websocket (not only one document): the provider reconnects and resends everything. */
function closeSocket(connection: Connection, reason: string): void {
  try {
    connection.webSocket.close(4000, reason);
  } catch {
    // already closing
  }
}

/** The parts of a raw Hocuspocus message the limits and the store look at. */
export interface ParsedMessage {
  type: number;
  /** Sync sub-type (0 step 1, 1 step 2, 2 update) for sync messages. */
  syncType?: number;
  /** The Yjs update of a step 2 / update message, the awareness update of an awareness message. */
  payload?: Uint8Array;
}

const MSG_SYNC = 0;
const MSG_AWARENESS = 1;
const MSG_SYNC_REPLY = 4;

export function parseMessage(raw: Uint8Array): ParsedMessage | null {
  try {
    const d = decoding.createDecoder(raw);
    decoding.readVarString(d);
    const type = decoding.readVarUint(d);
    if (type === MSG_SYNC || type === MSG_SYNC_REPLY) {
      const syncType = decoding.readVarUint(d);
      return { type, syncType, payload: syncType === 1 || syncType === 2 ? decoding.readVarUint8Array(d) : undefined };
    }
    if (type === MSG_AWARENESS) return { type, payload: decoding.readVarUint8Array(d) };
    return { type };
  } catch {
    return null;
  }
}

const isDocUpdate = (m: ParsedMessage | null): m is ParsedMessage & { payload: Uint8Array } =>
  !!m && (m.type === MSG_SYNC || m.type === MSG_SYNC_REPLY) && (m.syncType === 1 || m.syncType === 2) && !!m.payload;

// ---- TokenAuth -------------------------------------------------------------------------------

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/**
 * Authentication and members: a write token and any number of read-only tokens, compared as
 * SHA-256 digests in constant time; names the server does not serve are refused like a wrong token.
 */
export class TokenAuth implements Extension {
  priority = 1000;
  extensionName = 'qw-token-auth';
  private readonly writeDigest: Buffer;
  private readonly readDigests: Buffer[];

  constructor(
    token: string,
    readOnlyTokens: string[],
    private readonly logger: Logger,
    /** Told of every accepted authentication (the connection gate lifts its pre-auth limits). */
    private readonly onAccepted: (request: Request) => void,
  ) {
    this.writeDigest = digest(token);
    this.readDigests = readOnlyTokens.map(digest);
  }

  async onAuthenticate({ token, documentName, connectionConfig, request }: onAuthenticatePayload): Promise<{ writer: boolean }> {
    // SECURITY: compare digests in constant time against every token, whichever matches; a
    // missing, empty or wrong token, or a name we do not serve, gets no document at all.
    const given = digest(token ?? '');
    const writer = timingSafeEqual(given, this.writeDigest);
    let reader = false;
    for (const d of this.readDigests) reader = timingSafeEqual(given, d) || reader;
    const target = repairTarget(documentName) ?? documentName;
    // A repair needs the write token: it replaces damaged rows.
    const nameOk = SYNC_DOC_NAME.test(target) && (target === documentName || writer);
    if (!token || !nameOk || (!writer && !reader)) {
      this.logger.warn('Sync: Zugang verweigert', { document: logName(documentName) });
      throw refusal(REFUSED.denied);
    }
    // SECURITY: Hocuspocus answers every update of a read-only connection with "not applied".
    if (!writer) connectionConfig.readOnly = true;
    this.onAccepted(request);
    return { writer };
  }
}

// ---- the store shared by UpdateStore and DeletionGuard ---------------------------------------

export interface StoreOptions {
  compactAfter: number;
  /** How long a write is retried (with back-off) before the update is refused. */
  writeRetryMs: number;
  limits: ServerLimits;
}

/** The server's SQLite store as the extensions see it: rows, sizes, what is loaded or deleted. */
export class ServerState {
  readonly log: UpdateLog;
  readonly rows = new Map<string, number>();
  readonly bytes = new Map<string, number>();
  /** Documents whose load succeeded: only these are ever written or compacted. */
  readonly loaded = new Set<string>();
  readonly deleted: Set<string>;
  /** Server-made updates (sanitising, index tidying) whose write failed: retried, never dropped. */
  readonly unsaved = new Map<string, Uint8Array[]>();
  private retryTimer: NodeJS.Timeout | null = null;
  private retryDelay = 50;
  hocuspocus: Hocuspocus | null = null;
  closing = false;

  constructor(
    readonly db: Database.Database,
    readonly logger: Logger,
    readonly options: StoreOptions,
  ) {
    this.log = new UpdateLog(db, () => new Date(), { digests: true });
    this.deleted = new Set(db.prepare('SELECT document_id FROM deleted_documents').pluck().all() as string[]);
  }

  /** Appends one update now (throws on a store error). */
  appendNow(name: string, update: Uint8Array): void {
    this.log.append(name, update);
    this.rows.set(name, (this.rows.get(name) ?? 0) + 1);
    this.bytes.set(name, (this.bytes.get(name) ?? 0) + update.byteLength);
  }

  private batch: { name: string; update: Uint8Array; resolve: () => void; reject: (err: unknown) => void }[] = [];
  private batchTimer: NodeJS.Immediate | null = null;

  /**
   * Appends with retries and back-off, for at most `writeRetryMs`; rejects with the last error.
   * Updates arriving in the same turn of the event loop are written in one transaction (one fsync
   * with synchronous=FULL instead of one per update: 500 drafts connecting at once).
   */
  appendRetrying(name: string, update: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      this.batch.push({ name, update, resolve, reject });
      this.batchTimer ??= setImmediate(() => void this.writeBatch());
    });
  }

  private async writeBatch(): Promise<void> {
    const items = this.batch;
    this.batch = [];
    this.batchTimer = null;
    const deadline = Date.now() + this.options.writeRetryMs;
    let delay = 25;
    for (;;) {
      try {
        this.db.transaction(() => {
          for (const it of items) this.log.append(it.name, it.update);
        })();
        break;
      } catch (err) {
        if (this.closing || !this.db.open || Date.now() + delay > deadline) {
          for (const it of items) it.reject(err);
          return;
        }
        await sleep(delay);
        delay = Math.min(delay * 2, 1000);
      }
    }
    for (const it of items) {
      this.rows.set(it.name, (this.rows.get(it.name) ?? 0) + 1);
      this.bytes.set(it.name, (this.bytes.get(it.name) ?? 0) + it.update.byteLength);
      it.resolve();
    }
  }

  /** Stores a server-made update; never throws (a failed write is queued and retried). */
  persistQuietly(name: string, update: Uint8Array): void {
    const queue = this.unsaved.get(name);
    if (queue) {
      queue.push(update);
      return;
    }
    try {
      this.appendNow(name, update);
    } catch (err) {
      this.logger.error('Sync: Änderung des Servers nicht gespeichert, wird wiederholt', { document: name, ...errorFields(err) });
      this.unsaved.set(name, [update]);
      this.scheduleRetry();
    }
  }

  /** Writes what is queued for `name` (or every document); true when nothing is left. */
  flushUnsaved(name?: string): boolean {
    for (const [doc, updates] of this.unsaved) {
      if (name && doc !== name) continue;
      try {
        this.appendNow(doc, Y.mergeUpdates(updates));
        this.unsaved.delete(doc);
      } catch {
        return false;
      }
    }
    return name ? !this.unsaved.has(name) : this.unsaved.size === 0;
  }

  private scheduleRetry(): void {
    if (this.retryTimer || this.closing) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.db.open) return;
      if (this.flushUnsaved()) {
        this.retryDelay = 50;
        this.logger.info('Sync: zurückgestellte Änderungen des Servers gespeichert', {});
      } else {
        this.retryDelay = Math.min(this.retryDelay * 2, 2000);
        this.scheduleRetry();
      }
    }, this.retryDelay);
  }

  /** Merges a document's rows when it grew; a failure leaves the rows as they are. */
  compactQuietly(name: string): void {
    if (!this.loaded.has(name) || this.deleted.has(name) || (this.rows.get(name) ?? 0) <= 1) return;
    try {
      const r = this.log.compact(name);
      this.rows.set(name, 1);
      this.bytes.set(name, r.bytesAfter);
    } catch (err) {
      this.logger.warn('Sync: Dokument nicht zusammengefasst (später erneut)', { document: name, ...errorFields(err) });
    }
  }

  stopRetrying(): void {
    this.closing = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }
}

// ---- ContentLimits ---------------------------------------------------------------------------

/**
 * What a message may carry: update and awareness sizes, an awareness rate per connection, and for
 * read-only members only their own caret — the name and colour they had when they first appeared
 * stay fixed. Draft content is cleaned by the app's schema (shared/editor) the moment it is applied.
 */
export class ContentLimits implements Extension {
  priority = 900;
  extensionName = 'qw-content-limits';
  private readonly buckets = new WeakMap<Connection, { tokens: number; at: number; warned: boolean }>();
  /** Per document: the identity (all but the caret) each read-only client id first showed. */
  private readonly identities = new Map<string, Map<number, string>>();

  constructor(
    private readonly limits: ServerLimits,
    private readonly logger: Logger,
  ) {}

  async beforeHandleMessage({ update, connection, documentName }: beforeHandleMessagePayload): Promise<void> {
    const m = parseMessage(update);
    if (!m) {
      closeSocket(connection, CLOSED.invalidUpdate);
      throw refusal(CLOSED.invalidUpdate);
    }
    if (isDocUpdate(m) && !connection.readOnly && m.payload.byteLength > this.limits.maxUpdateBytes) {
      this.logger.warn('Sync: Änderung zu groß, abgewiesen', { document: logName(documentName), bytes: m.payload.byteLength, limit: this.limits.maxUpdateBytes });
      closeSocket(connection, CLOSED.updateTooLarge);
      throw refusal(CLOSED.updateTooLarge);
    }
    if (m.type === MSG_AWARENESS && m.payload && m.payload.byteLength > this.limits.maxAwarenessBytes) {
      this.logger.warn('Sync: Awareness zu groß, abgewiesen', { document: logName(documentName), bytes: m.payload.byteLength, limit: this.limits.maxAwarenessBytes });
      closeSocket(connection, CLOSED.awarenessTooLarge);
      throw refusal(CLOSED.awarenessTooLarge);
    }
  }

  async beforeHandleAwareness({ connection, states, documentName }: beforeHandleAwarenessPayload): Promise<void> {
    if (!connection) return;
    // Rate: a token bucket per connection; what exceeds it is dropped, not relayed.
    const now = Date.now();
    const rate = this.limits.awarenessPerSecond;
    const b = this.buckets.get(connection) ?? { tokens: rate * 2, at: now, warned: false };
    b.tokens = Math.min(rate * 2, b.tokens + ((now - b.at) / 1000) * rate);
    b.at = now;
    this.buckets.set(connection, b);
    if (b.tokens < 1) {
      if (!b.warned) this.logger.warn('Sync: zu viele Awareness-Meldungen, verworfen', { document: logName(documentName) });
      b.warned = true;
      states.clear();
      return;
    }
    b.tokens -= 1;
    if (!connection.readOnly) return;
    // SECURITY: a read-only member keeps the identity it first showed (in this document, across
    // reconnects, until the document unloads); only its caret moves.
    let seen = this.identities.get(documentName);
    if (!seen) this.identities.set(documentName, (seen = new Map()));
    for (const [clientId, state] of states) {
      if (!state || typeof state !== 'object') continue;
      const { cursor, ...identity } = state as Record<string, unknown>;
      const fixed = seen.get(clientId);
      if (fixed === undefined) {
        if (seen.size >= 1000) states.delete(clientId);
        else seen.set(clientId, JSON.stringify(identity));
        continue;
      }
      if (fixed !== JSON.stringify(identity)) states.set(clientId, { ...(JSON.parse(fixed) as object), ...(cursor === undefined ? {} : { cursor }) });
    }
  }

  async afterUnloadDocument({ documentName }: { documentName: string }): Promise<void> {
    this.identities.delete(documentName);
  }

  async afterLoadDocument({ document, documentName }: afterLoadDocumentPayload): Promise<void> {
    if (!documentName.startsWith('draft:')) return;
    // SECURITY: content from a standard provider is cleaned by the editor's schema in the same
    // synchronous turn it is applied (before Hocuspocus broadcasts, which waits for the turn's end).
    document.on('afterTransaction', (tr: Y.Transaction) => {
      if (tr.origin === SANITIZE_ORIGIN || !connectionOf(tr.origin)) return;
      try {
        sanitizeDraft(document, SANITIZE_ORIGIN, touched(tr));
      } catch (err) {
        this.logger.error('Sync: Inhalt nicht bereinigt', { document: documentName, ...errorFields(err) });
      }
    });
    sanitizeDraft(document, SANITIZE_ORIGIN);
  }
}

export const SANITIZE_ORIGIN = 'qw-sanitize';

/** The types a transaction changed, and whole subtrees of children it inserted (as CollabService). */
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

// ---- UpdateStore -----------------------------------------------------------------------------

/**
 * Storage: an update from a client is validated and written *before* Hocuspocus applies and
 * acknowledges it (`beforeHandleMessage`), retried with back-off while the store is locked or
 * full; if it still cannot be written the socket is closed, so the provider keeps the change
 * pending and sends it again on reconnect. Nothing ever throws inside a Y.Doc `update` listener:
 * updates the server makes itself are written there, and queued and retried when that fails.
 */
export class UpdateStore implements Extension {
  priority = 500;
  extensionName = 'qw-update-store';

  constructor(private readonly s: ServerState) {}

  async onLoadDocument({ documentName, document }: onLoadDocumentPayload): Promise<void> {
    const s = this.s;
    if (repairTarget(documentName)) return;
    let count: number;
    let bytes: number;
    try {
      const { updates } = s.log.since(documentName, 0);
      if (updates.length) Y.applyUpdate(document, Y.mergeUpdates(updates), 'store');
      count = updates.length;
      bytes = updates.reduce((n, u) => n + u.byteLength, 0);
    } catch (err) {
      // Refuse the document rather than serve (and later store) an empty, partial or altered one:
      // the rows stay exactly as they are until a repair. Hocuspocus discards the half-built
      // document without running onStoreDocument — but never destroys it, and its awareness
      // timer would keep the process alive after SIGTERM (issue 13 §4): we destroy it here.
      s.logger.error('Sync: Dokument konnte nicht geladen werden, Verbindung abgelehnt', { document: documentName, ...errorFields(err) });
      document.destroy();
      throw refusal(REFUSED.loadFailed);
    }
    s.rows.set(documentName, count);
    s.bytes.set(documentName, bytes);
    s.loaded.add(documentName);
    document.on('update', (update: Uint8Array, origin: unknown) => {
      // Client updates were stored before they were applied (beforeHandleMessage).
      if (origin === 'store' || connectionOf(origin) || s.deleted.has(documentName) || !s.loaded.has(documentName)) return;
      s.persistQuietly(documentName, update);
    });
  }

  async beforeHandleMessage({ update, connection, documentName, document }: beforeHandleMessagePayload): Promise<void> {
    const s = this.s;
    const m = parseMessage(update);
    if (!isDocUpdate(m) || connection.readOnly) return;
    const target = repairTarget(documentName);
    if (!target && (!s.loaded.has(documentName) || s.deleted.has(documentName))) return;
    const data = m.payload;
    // Nothing new (the usual sync step 2 of a reconnect): nothing to store.
    if (!target && m.syncType === 1 && Y.snapshotContainsUpdate(Y.snapshot(document), data)) return;
    try {
      Y.decodeUpdate(data);
    } catch {
      s.logger.warn('Sync: ungültige Yjs-Änderung abgewiesen', { document: logName(documentName) });
      closeSocket(connection, CLOSED.invalidUpdate);
      throw refusal(CLOSED.invalidUpdate);
    }
    const name = target ?? documentName;
    if (!target && (s.bytes.get(name) ?? 0) + data.byteLength > s.options.limits.maxDocumentBytes) {
      s.compactQuietly(name);
      if ((s.bytes.get(name) ?? 0) + data.byteLength > s.options.limits.maxDocumentBytes) {
        s.logger.warn('Sync: Dokument würde zu groß, Änderung abgewiesen', { document: logName(name), limit: s.options.limits.maxDocumentBytes });
        closeSocket(connection, CLOSED.documentTooLarge);
        throw refusal(CLOSED.documentTooLarge);
      }
    }
    try {
      if (target) await this.repair(target, data);
      else await s.appendRetrying(name, data);
    } catch (err) {
      s.logger.error('Sync: Änderung nicht gespeichert, Verbindung geschlossen (der Client sendet sie erneut)', { document: logName(name), ...errorFields(err) });
      closeSocket(connection, CLOSED.storeUnavailable);
      throw refusal(CLOSED.storeUnavailable);
    }
    if ((s.rows.get(name) ?? 0) > s.options.compactAfter) setImmediate(() => s.compactQuietly(name));
  }

  /**
   * A writer's full state of a document the server refused: damaged rows (digest mismatch) move to
   * `quarantined_updates` — set aside, never applied, never deleted — and the state is stored in
   * the same transaction; the next load serves the intact rows plus the repair.
   */
  private async repair(target: string, state: Uint8Array): Promise<void> {
    const s = this.s;
    if (s.deleted.has(target) || state.byteLength <= 2) return;
    const deadline = Date.now() + s.options.writeRetryMs;
    let delay = 25;
    for (;;) {
      try {
        const moved = s.db.transaction(() => {
          const damaged = s.log.damagedSeqs(target);
          const now = new Date().toISOString();
          for (const seq of damaged) {
            prepared(s.db, 'INSERT INTO quarantined_updates (seq, document_id, update_data, digest, quarantined_at) SELECT seq, document_id, update_data, digest, ? FROM yjs_updates WHERE seq = ?').run(now, seq);
            prepared(s.db, 'DELETE FROM yjs_updates WHERE seq = ?').run(seq);
          }
          s.log.append(target, state);
          return damaged.length;
        })();
        s.logger.info('Sync: Dokument von einem Client repariert', { document: target, quarantined: moved });
        const live = s.hocuspocus?.documents.get(target);
        if (live) Y.applyUpdate(live, state, 'store');
        return;
      } catch (err) {
        if (s.closing || Date.now() + delay > deadline) throw err;
        await sleep(delay);
        delay = Math.min(delay * 2, 1000);
      }
    }
  }

  async onStoreDocument({ documentName }: onStoreDocumentPayload): Promise<void> {
    const s = this.s;
    if (!s.loaded.has(documentName) || s.deleted.has(documentName)) return;
    // Keep the document in memory (Hocuspocus does when this throws) until its own updates are stored.
    if (!s.flushUnsaved(documentName)) throw refusal(CLOSED.storeUnavailable);
    s.compactQuietly(documentName);
  }

  async afterUnloadDocument({ documentName }: { documentName: string }): Promise<void> {
    this.s.loaded.delete(documentName);
    this.s.rows.delete(documentName);
    this.s.bytes.delete(documentName);
  }
}

// ---- DeletionGuard ---------------------------------------------------------------------------

/**
 * Deletion means deletion (issue 7): a draft marked deleted in the library index is purged from
 * the store, its name refused from then on, and the index entry reduced to `{ deleted: true }`.
 */
export class DeletionGuard implements Extension {
  priority = 800;
  extensionName = 'qw-deletion-guard';
  private readonly markDeleted;

  constructor(private readonly s: ServerState) {
    this.markDeleted = s.db.prepare('INSERT OR IGNORE INTO deleted_documents (document_id, deleted_at) VALUES (?, ?)');
  }

  async onAuthenticate({ documentName }: onAuthenticatePayload): Promise<void> {
    if (this.s.deleted.has(repairTarget(documentName) ?? documentName)) throw refusal(REFUSED.deleted);
  }

  async onLoadDocument({ documentName, document }: onLoadDocumentPayload): Promise<void> {
    if (!this.s.deleted.has(repairTarget(documentName) ?? documentName)) return;
    // Hocuspocus never destroys a document whose load was refused (see UpdateStore).
    document.destroy();
    throw refusal(REFUSED.deleted);
  }

  async afterLoadDocument({ documentName, document }: afterLoadDocumentPayload): Promise<void> {
    if (documentName === LIBRARY_INDEX_DOC) this.watchIndex(document);
  }

  /** Removes every stored row of a deleted draft and refuses its name from now on. */
  private purge(name: string): void {
    const s = this.s;
    s.deleted.add(name);
    try {
      const removed = s.db.transaction(() => {
        this.markDeleted.run(name, new Date().toISOString());
        return s.log.purge(name);
      })();
      s.logger.info('Sync: gelöschter Entwurf aus dem Speicher entfernt', { document: name, rows: removed });
    } catch (err) {
      // Refused from now on in memory; the next load of the index (entry still marked) purges again.
      s.logger.error('Sync: gelöschter Entwurf nicht entfernt (später erneut)', { document: name, ...errorFields(err) });
      s.deleted.delete(name);
    }
    s.rows.delete(name);
    s.unsaved.delete(name);
    s.hocuspocus?.closeConnections(name);
  }

  /**
   * Watches the library index: an entry marked deleted purges its draft; afterwards the entry is
   * reduced to `{ deleted: true }` and the index log compacted (with GC), so neither the draft's
   * text nor its title stays in the store or its WAL.
   */
  private watchIndex(document: Document): void {
    const s = this.s;
    const drafts = document.getMap<LibraryIndexEntry>('drafts');
    let tidy: NodeJS.Immediate | null = null;
    const review = (ids: Iterable<string>) => {
      let changed = false;
      for (const id of ids) {
        const entry = drafts.get(id);
        if (!entry || !DRAFT_ID.test(id)) continue;
        const name = draftDocName(id);
        if (entry.deleted === true && !s.deleted.has(name)) {
          this.purge(name);
          changed = true;
        }
        // A deleted draft stays deleted, and its entry keeps nothing but the flag.
        if (s.deleted.has(name) && (entry.deleted !== true || Object.keys(entry).length > 1)) changed = true;
      }
      if (changed && !tidy) {
        // After the update that marked it has been stored, so the compaction sees — and
        // garbage-collects — the old entry.
        tidy = setImmediate(() => {
          tidy = null;
          if (s.hocuspocus?.documents.get(LIBRARY_INDEX_DOC) !== document || !s.db.open) return;
          try {
            document.transact(() => {
              for (const [id, entry] of drafts.entries()) {
                if (s.deleted.has(draftDocName(id)) && (entry.deleted !== true || Object.keys(entry).length > 1)) drafts.set(id, { deleted: true });
              }
            }, 'qw-server');
            if (!s.flushUnsaved(LIBRARY_INDEX_DOC)) return;
            s.log.compact(LIBRARY_INDEX_DOC);
            s.rows.set(LIBRARY_INDEX_DOC, 1);
            // SECURITY: fold the WAL into the (zeroed) pages and truncate it, so the purged bytes
            // are in neither file. (Cached statement: this runs per deletion; db/prepared.ts.)
            checkpointTruncate(s.db);
          } catch (err) {
            // The purge itself is done; the next deletion or unload compacts again.
            s.logger.error('Sync: Bibliotheksverzeichnis nach dem Löschen nicht zusammengefasst', errorFields(err));
          }
        });
      }
    };
    drafts.observe((event) => {
      try {
        review(event.keysChanged);
      } catch (err) {
        s.logger.error('Sync: Löschung im Verzeichnis nicht ausgewertet', errorFields(err));
      }
    });
    review(drafts.keys());
  }
}
