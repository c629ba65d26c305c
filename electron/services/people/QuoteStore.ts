import type Database from 'better-sqlite3';
import { prepared } from '../db/prepared';
import { createHash, randomUUID } from 'node:crypto';
import { quoteListQuerySchema, type QuoteListQuery, type QuotePatch, type QuoteView } from '../../../shared/domain/import';
import { NotFoundError } from '../../../shared/errors';
import { normalizeLine } from '../../../shared/text/normalizeText';
import type { Clock, EventSink } from '../ports';
import type { PeopleStore } from './PeopleStore';

export interface NewQuote {
  documentId: string;
  text: string;
  speaker: string | null;
  honorific: string | null;
  role: string | null;
  organisation: string | null;
  position: number;
  saidOn: string | null;
}

interface Correction {
  speaker: string | null;
  role: string | null;
  organisation: string | null;
  text: string | null;
}

export const quoteSourceKey = (text: string): string => createHash('sha256').update(normalizeLine(text)).digest('hex');

const SELECT = `SELECT q.id, q.document_id AS documentId, d.title AS documentTitle, p.name AS speaker, q.person_id AS personId,
    q.role, o.name AS organisation, q.organisation_id AS organisationId, q.text, q.position, q.said_on AS saidOn, q.corrected
  FROM quotes q JOIN documents d ON d.id = q.document_id
  LEFT JOIN people p ON p.id = q.person_id
  LEFT JOIN organisations o ON o.id = q.organisation_id`;

type Row = Omit<QuoteView, 'corrected'> & { corrected: number };
const toView = (r: Row): QuoteView => ({ ...r, corrected: r.corrected === 1 });

/** Statements: who said what, where, when. Corrections survive a re-import of the same original. */
export class QuoteStore {
  constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock,
    private readonly events: EventSink,
    private readonly people: PeopleStore,
  ) {}

  /** Inserts a quote; a correction stored for (import key, extracted text) is applied again. Call inside a transaction. */
  insert(q: NewQuote, importKey: string | null): string {
    const sourceKey = quoteSourceKey(q.text);
    const correction = importKey
      ? (prepared(this.db, 'SELECT speaker, role, organisation, text FROM quote_corrections WHERE import_sha256 = ? AND source_key = ?').get(importKey, sourceKey) as
          | Correction
          | undefined)
      : undefined;
    const speaker = correction?.speaker ?? q.speaker;
    const role = correction ? correction.role : q.role;
    const organisation = correction ? correction.organisation : q.organisation;
    const text = correction?.text ?? q.text;
    const personId = speaker ? this.people.person(speaker, correction?.speaker ? null : q.honorific) : null;
    const organisationId = organisation ? this.people.organisation(organisation) : null;
    if (personId) {
      this.people.linkDocumentPerson(q.documentId, personId, 'quoted');
      if (role) this.people.role(personId, role, organisationId);
    }
    if (organisationId) this.people.linkDocumentOrganisation(q.documentId, organisationId, 'quoted');
    const id = randomUUID();
    prepared(this.db, 
        `INSERT INTO quotes (id, document_id, person_id, organisation_id, role, text, position, said_on, corrected, created_at, source_key)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, q.documentId, personId, organisationId, role, text, q.position, q.saidOn, correction ? 1 : 0, this.clock.now().toISOString(), sourceKey);
    return id;
  }

  get(id: string): QuoteView {
    const row = prepared(this.db, `${SELECT} WHERE q.id = ?`).get(id) as Row | undefined;
    if (!row) throw new NotFoundError('Zitat', id);
    return toView(row);
  }

  list(query: QuoteListQuery = {}): QuoteView[] {
    const q = quoteListQuerySchema.parse(query);
    // Statements of documents in the trash are out of sight with them (issue 15).
    const where: string[] = ['d.trashed_at IS NULL'];
    const params: unknown[] = [];
    if (q.documentId) {
      where.push('q.document_id = ?');
      params.push(q.documentId);
    }
    if (q.personId) {
      where.push('q.person_id = ?');
      params.push(q.personId);
    }
    if (q.organisationId) {
      where.push('q.organisation_id = ?');
      params.push(q.organisationId);
    }
    if (q.speaker) {
      // Name or part of it, case-insensitive; titles typed by the user do not matter.
      where.push("p.normalized_name LIKE ? ESCAPE '\\'");
      const key = q.speaker.toLowerCase().replace(/^(dr\.|prof\.|herr|frau)\s+/giu, '').replace(/[%_\\]/gu, (c) => `\\${c}`);
      params.push(`%${key}%`);
    }
    const sql = `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY d.date IS NULL, d.date DESC, q.document_id, q.position LIMIT ? OFFSET ?`;
    return (prepared(this.db, sql).all(...params, q.limit, q.offset) as Row[]).map(toView);
  }

  /** Corrects a quote; the correction is remembered for this original (see `insert`). */
  update(patch: QuotePatch): QuoteView {
    const current = prepared(this.db, 'SELECT q.id, q.document_id, q.source_key, q.text, q.role, d.import_sha256 FROM quotes q JOIN documents d ON d.id = q.document_id WHERE q.id = ?')
      .get(patch.id) as { id: string; document_id: string; source_key: string | null; text: string; role: string | null; import_sha256: string | null } | undefined;
    if (!current) throw new NotFoundError('Zitat', patch.id);
    this.db.transaction(() => {
      const sets: string[] = ['corrected = 1'];
      const params: unknown[] = [];
      if (patch.speaker !== undefined) {
        const personId = this.people.person(patch.speaker);
        this.people.linkDocumentPerson(current.document_id, personId, 'quoted');
        sets.push('person_id = ?');
        params.push(personId);
      }
      if (patch.organisation !== undefined) {
        const orgId = patch.organisation ? this.people.organisation(patch.organisation) : null;
        if (orgId) this.people.linkDocumentOrganisation(current.document_id, orgId, 'quoted');
        sets.push('organisation_id = ?');
        params.push(orgId);
      }
      if (patch.role !== undefined) {
        sets.push('role = ?');
        params.push(patch.role || null);
      }
      if (patch.text !== undefined) {
        sets.push('text = ?');
        params.push(patch.text);
      }
      prepared(this.db, `UPDATE quotes SET ${sets.join(', ')} WHERE id = ?`).run(...params, patch.id);
      const after = this.get(patch.id);
      if (after.personId && after.role) {
        this.people.role(after.personId, after.role, after.organisationId);
      }
      if (current.import_sha256 && current.source_key) {
        prepared(this.db,
            `INSERT INTO quote_corrections (import_sha256, source_key, speaker, role, organisation, text, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT(import_sha256, source_key) DO UPDATE SET speaker = excluded.speaker, role = excluded.role,
               organisation = excluded.organisation, text = excluded.text, updated_at = excluded.updated_at`,
          )
          .run(current.import_sha256, current.source_key, after.speaker, after.role, after.organisation, after.text, this.clock.now().toISOString());
      }
    })();
    this.events.emit('documents.changed', { ids: [current.document_id], reason: 'updated' });
    return this.get(patch.id);
  }
}
