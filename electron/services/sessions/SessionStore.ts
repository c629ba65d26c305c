import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import type { DocumentKind, DocumentStatus } from '../../../shared/domain/document';
import {
  agendaItemPatchSchema,
  newAgendaItemSchema,
  newSessionSchema,
  sessionPatchSchema,
  type AgendaDocument,
  type AgendaItem,
  type AgendaItemPatch,
  type CommitteeSession,
  type NewAgendaItem,
  type NewSession,
  type SessionPatch,
  type SessionStatus,
  type SessionSummary,
} from '../../../shared/domain/session';
import type { z } from 'zod';
import { AppError, NotFoundError, ValidationError } from '../../../shared/errors';
import type { Clock, EventSink } from '../ports';
import { prepared } from '../db/prepared';

interface SessionRow {
  id: string;
  title: string;
  committee: string | null;
  date: string | null;
  place: string | null;
  status: SessionStatus;
  created_at: string;
  updated_at: string;
}

interface ItemRow {
  id: string;
  session_id: string;
  position: number;
  title: string;
  description: string | null;
}

/** zod errors become the app's VALIDATION error with readable paths (the CLI prints its message). */
function parse<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  throw new ValidationError(r.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })));
}

/** Empty strings from forms mean "no value". */
const orNull = (v: string | null | undefined): string | null => (v === undefined || v === null || v.trim() === '' ? null : v.trim());

/** The same ids, each once, as the current list: a reorder may not add, drop or repeat anything. */
function assertPermutation(current: string[], wanted: string[], what: string): void {
  const set = new Set(wanted);
  if (set.size !== wanted.length || wanted.length !== current.length || current.some((id) => !set.has(id))) {
    throw new ValidationError([
      { path: 'ids', message: `Die neue Reihenfolge muss jede(n) ${what} der Liste genau einmal enthalten.` },
    ]);
  }
}

/**
 * Committee sessions, their agenda items (TOP 1, 2, …) and the documents attached to each item,
 * all ordered. Positions are kept dense (0…n-1) so "TOP n" is always position + 1. Every write is
 * one transaction and announces `sessions.changed`.
 */
export class SessionStore {
  constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock,
    private readonly events: EventSink,
  ) {}

  list(): SessionSummary[] {
    const rows = prepared(this.db,
        `SELECT s.*, (SELECT count(*) FROM agenda_items a WHERE a.session_id = s.id) AS item_count
         FROM committee_sessions s ORDER BY s.date IS NULL, s.date DESC, s.title, s.id`,
      )
      .all() as (SessionRow & { item_count: number })[];
    return rows.map((r) => ({ ...this.summaryOf(r), itemCount: r.item_count }));
  }

  get(id: string): CommitteeSession {
    const row = prepared(this.db, 'SELECT * FROM committee_sessions WHERE id = ?').get(id) as SessionRow | undefined;
    if (!row) throw new NotFoundError('Sitzung', id);
    const items = prepared(this.db, 'SELECT * FROM agenda_items WHERE session_id = ? ORDER BY position, id')
      .all(id) as ItemRow[];
    const docs = prepared(this.db,
        `SELECT aid.agenda_item_id, d.id, d.title, d.kind, d.date, d.status
         FROM agenda_item_documents aid JOIN documents d ON d.id = aid.document_id
         JOIN agenda_items a ON a.id = aid.agenda_item_id
         WHERE a.session_id = ? ORDER BY aid.position, d.id`,
      )
      .all(id) as (AgendaDocument & { agenda_item_id: string; kind: DocumentKind; status: DocumentStatus })[];
    const byItem = new Map<string, AgendaDocument[]>();
    for (const d of docs) {
      const list = byItem.get(d.agenda_item_id) ?? [];
      list.push({ id: d.id, title: d.title, kind: d.kind, date: d.date, status: d.status });
      byItem.set(d.agenda_item_id, list);
    }
    return {
      ...this.summaryOf(row),
      createdAt: row.created_at,
      items: items.map((i) => this.itemOf(i, byItem.get(i.id) ?? [])),
    };
  }

  create(input: NewSession): CommitteeSession {
    const v = parse(newSessionSchema, input);
    const id = randomUUID();
    const now = this.now();
    prepared(this.db,
        `INSERT INTO committee_sessions (id, title, committee, date, place, status, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, v.title, orNull(v.committee), v.date ?? null, orNull(v.place), v.status ?? 'draft', now, now);
    this.changed(id, 'created');
    return this.get(id);
  }

  update(id: string, patch: SessionPatch): CommitteeSession {
    const p = parse(sessionPatchSchema, patch);
    this.db.transaction(() => {
      this.requireSession(id);
      const sets: string[] = [];
      const params: Record<string, unknown> = { id, now: this.now() };
      if (p.title !== undefined) {
      sets.push('title = @title');
      (params.title = p.title);
    }
      if (p.committee !== undefined) {
      sets.push('committee = @committee');
      (params.committee = orNull(p.committee));
    }
      if (p.date !== undefined) {
      sets.push('date = @date');
      (params.date = p.date);
    }
      if (p.place !== undefined) {
      sets.push('place = @place');
      (params.place = orNull(p.place));
    }
      if (p.status !== undefined) {
      sets.push('status = @status');
      (params.status = p.status);
    }
      sets.push('updated_at = @now');
      prepared(this.db, `UPDATE committee_sessions SET ${sets.join(', ')} WHERE id = @id`).run(params);
    })();
    this.changed(id, 'updated');
    return this.get(id);
  }

  delete(id: string): { id: string } {
    const info = prepared(this.db, 'DELETE FROM committee_sessions WHERE id = ?').run(id);
    if (info.changes === 0) throw new NotFoundError('Sitzung', id);
    this.changed(id, 'deleted');
    return { id };
  }

  addItem(sessionId: string, input: NewAgendaItem): AgendaItem {
    const v = parse(newAgendaItemSchema, input);
    const id = randomUUID();
    this.db.transaction(() => {
      this.requireSession(sessionId);
      const ids = this.itemIds(sessionId);
      const at = Math.min(v.position ?? ids.length, ids.length);
      prepared(this.db, 'INSERT INTO agenda_items (id, session_id, position, title, description) VALUES (?, ?, ?, ?, ?)')
        .run(id, sessionId, at, v.title, orNull(v.description));
      ids.splice(at, 0, id);
      this.writeItemOrder(ids);
      this.touch(sessionId);
    })();
    this.changed(sessionId, 'updated');
    return this.item(id);
  }

  updateItem(itemId: string, patch: AgendaItemPatch): AgendaItem {
    const p = parse(agendaItemPatchSchema, patch);
    const sessionId = this.requireItem(itemId).session_id;
    this.db.transaction(() => {
      if (p.title !== undefined) prepared(this.db, 'UPDATE agenda_items SET title = ? WHERE id = ?').run(p.title, itemId);
      if (p.description !== undefined) {
        prepared(this.db, 'UPDATE agenda_items SET description = ? WHERE id = ?').run(orNull(p.description), itemId);
      }
      this.touch(sessionId);
    })();
    this.changed(sessionId, 'updated');
    return this.item(itemId);
  }

  removeItem(itemId: string): { id: string } {
    const sessionId = this.requireItem(itemId).session_id;
    this.db.transaction(() => {
      prepared(this.db, 'DELETE FROM agenda_items WHERE id = ?').run(itemId);
      this.writeItemOrder(this.itemIds(sessionId));
      this.touch(sessionId);
    })();
    this.changed(sessionId, 'updated');
    return { id: itemId };
  }

  /** Drag and drop of agenda items: the complete new order of the session's item ids. */
  reorderItems(sessionId: string, itemIds: string[]): CommitteeSession {
    this.db.transaction(() => {
      this.requireSession(sessionId);
      assertPermutation(this.itemIds(sessionId), itemIds, 'Tagesordnungspunkt');
      this.writeItemOrder(itemIds);
      this.touch(sessionId);
    })();
    this.changed(sessionId, 'updated');
    return this.get(sessionId);
  }

  /** Attaches a library document to an agenda item, at `position` (0-based) or at the end. */
  attachDocument(itemId: string, documentId: string, position?: number): AgendaItem {
    const sessionId = this.requireItem(itemId).session_id;
    this.db.transaction(() => {
      if (!prepared(this.db, 'SELECT 1 FROM documents WHERE id = ?').get(documentId)) {
        throw new NotFoundError('Dokument', documentId);
      }
      const ids = this.documentIds(itemId);
      if (ids.includes(documentId)) {
        throw new AppError('CONFLICT', 'Das Dokument ist diesem Tagesordnungspunkt bereits zugeordnet.', { itemId, documentId });
      }
      const at = Math.max(0, Math.min(position ?? ids.length, ids.length));
      prepared(this.db, 'INSERT INTO agenda_item_documents (agenda_item_id, document_id, position) VALUES (?, ?, ?)')
        .run(itemId, documentId, at);
      ids.splice(at, 0, documentId);
      this.writeDocumentOrder(itemId, ids);
      this.touch(sessionId);
    })();
    this.changed(sessionId, 'updated');
    return this.item(itemId);
  }

  detachDocument(itemId: string, documentId: string): AgendaItem {
    const sessionId = this.requireItem(itemId).session_id;
    this.db.transaction(() => {
      const info = prepared(this.db, 'DELETE FROM agenda_item_documents WHERE agenda_item_id = ? AND document_id = ?')
        .run(itemId, documentId);
      if (info.changes === 0) throw new NotFoundError('Zuordnung des Dokuments', documentId);
      this.writeDocumentOrder(itemId, this.documentIds(itemId));
      this.touch(sessionId);
    })();
    this.changed(sessionId, 'updated');
    return this.item(itemId);
  }

  reorderDocuments(itemId: string, documentIds: string[]): AgendaItem {
    const sessionId = this.requireItem(itemId).session_id;
    this.db.transaction(() => {
      assertPermutation(this.documentIds(itemId), documentIds, 'Dokument');
      this.writeDocumentOrder(itemId, documentIds);
      this.touch(sessionId);
    })();
    this.changed(sessionId, 'updated');
    return this.item(itemId);
  }

  item(itemId: string): AgendaItem {
    const row = this.requireItem(itemId);
    const docs = prepared(this.db,
        `SELECT d.id, d.title, d.kind, d.date, d.status FROM agenda_item_documents aid
         JOIN documents d ON d.id = aid.document_id WHERE aid.agenda_item_id = ? ORDER BY aid.position, d.id`,
      )
      .all(itemId) as AgendaDocument[];
    return this.itemOf(row, docs);
  }

  private summaryOf(r: SessionRow): Omit<SessionSummary, 'itemCount'> {
    return { id: r.id, title: r.title, committee: r.committee, date: r.date, place: r.place, status: r.status, updatedAt: r.updated_at };
  }

  private itemOf(r: ItemRow, documents: AgendaDocument[]): AgendaItem {
    return { id: r.id, sessionId: r.session_id, position: r.position, title: r.title, description: r.description, documents };
  }

  private requireSession(id: string): void {
    if (!prepared(this.db, 'SELECT 1 FROM committee_sessions WHERE id = ?').get(id)) throw new NotFoundError('Sitzung', id);
  }

  private requireItem(id: string): ItemRow {
    const row = prepared(this.db, 'SELECT * FROM agenda_items WHERE id = ?').get(id) as ItemRow | undefined;
    if (!row) throw new NotFoundError('Tagesordnungspunkt', id);
    return row;
  }

  private itemIds(sessionId: string): string[] {
    return prepared(this.db, 'SELECT id FROM agenda_items WHERE session_id = ? ORDER BY position, id').pluck().all(sessionId) as string[];
  }

  private documentIds(itemId: string): string[] {
    return prepared(this.db, 'SELECT document_id FROM agenda_item_documents WHERE agenda_item_id = ? ORDER BY position, document_id')
      .pluck()
      .all(itemId) as string[];
  }

  private writeItemOrder(ids: string[]): void {
    const stmt = prepared(this.db, 'UPDATE agenda_items SET position = ? WHERE id = ?');
    ids.forEach((id, i) => stmt.run(i, id));
  }

  private writeDocumentOrder(itemId: string, ids: string[]): void {
    const stmt = prepared(this.db, 'UPDATE agenda_item_documents SET position = ? WHERE agenda_item_id = ? AND document_id = ?');
    ids.forEach((id, i) => stmt.run(i, itemId, id));
  }

  private touch(sessionId: string): void {
    prepared(this.db, 'UPDATE committee_sessions SET updated_at = ? WHERE id = ?').run(this.now(), sessionId);
  }

  private now(): string {
    return this.clock.now().toISOString();
  }

  private changed(id: string, reason: 'created' | 'updated' | 'deleted'): void {
    this.events.emit('sessions.changed', { ids: [id], reason });
  }
}
