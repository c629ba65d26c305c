import type Database from 'better-sqlite3';
import { checkpointTruncate, prepared, withBusyTimeout } from '../db/prepared';
import { randomUUID } from 'node:crypto';
import {
  documentListQuerySchema,
  type DocumentKind,
  type DocumentListQuery,
  type DocumentPage,
  type DocumentPatch,
  type DocumentStatus,
  type DocumentSummary,
  type LibraryDocument,
  type NewDocument,
  type RichNode,
} from '../../../shared/domain/document';
import { NotFoundError } from '../../../shared/errors';
import { isEditableKind } from '../../../shared/editor/draftExtensions';
import { richTextToPlain } from '../../../shared/text/richText';
import { cleanRichNode } from '../../../shared/editor/cleanRichNode';
import { isSafeLinkHref } from '../../../shared/editor/safeLink';

/** SECURITY: a source link is stored only when it is a web or mail address (issue 7). */
function safeSourceUrl(url: string | null | undefined): string | null {
  return url && isSafeLinkHref(url) ? url : null;
}
import { germanSortKey } from '../../../shared/text/sortKey';
import type { Clock, EventSink } from '../ports';

interface DocumentRow {
  id: string;
  kind: DocumentKind;
  title: string;
  date: string | null;
  status: DocumentStatus;
  source: string | null;
  source_url: string | null;
  place: string | null;
  publisher: string | null;
  language: string;
  external_id: string | null;
  collection: string | null;
  content_json: string | null;
  body_text: string;
  body_html: string | null;
  original_sha256: string | null;
  created_at: string;
  updated_at: string;
  trashed_at: string | null;
  pinned_at: string | null;
  text_source: 'text' | 'ocr' | 'mixed' | null;
}

const SUMMARY_COLUMNS = 'id, kind, title, date, status, source, external_id, updated_at';

const ORDER_BY: Record<string, (dir: 'ASC' | 'DESC') => string> = {
  // Undated documents go last whatever the direction: they are the least useful on top.
  date: (d) => `date IS NULL, date ${d}, sort_title ASC, id ASC`,
  title: (d) => `sort_title ${d}, id ${d}`,
  kind: (d) => `kind ${d}, date IS NULL, date DESC, sort_title ASC, id ASC`,
  updated: (d) => `updated_at ${d}, id ${d}`,
};

/** Columns `update` may change, with their parameter names (see UPDATE_SQL). */
const UPDATE_COLUMNS = [
  ['title', 'title'],
  ['sort_title', 'sortTitle'],
  ['kind', 'kind'],
  ['date', 'date'],
  ['source', 'source'],
  ['source_url', 'sourceUrl'],
  ['place', 'place'],
  ['publisher', 'publisher'],
  ['language', 'language'],
  ['status', 'status'],
  ['external_id', 'externalId'],
  ['collection', 'collection'],
  ['body_html', 'bodyHtml'],
  ['content_json', 'contentJson'],
  ['body_text', 'bodyText'],
] as const;
const UPDATE_SQL = `UPDATE documents SET ${UPDATE_COLUMNS.map(
  ([col, param]) => `${col} = CASE WHEN @set_${param} THEN @${param} ELSE ${col} END`,
).join(', ')}, updated_at = @now WHERE id = @id`;

function toSummary(r: Pick<DocumentRow, 'id' | 'kind' | 'title' | 'date' | 'status' | 'source' | 'external_id' | 'updated_at'>): DocumentSummary {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    date: r.date,
    status: r.status,
    source: r.source,
    externalId: r.external_id,
    updatedAt: r.updated_at,
  };
}

/** Documents of every kind: create, read, update, delete, and a paged, sorted, filtered list. */
export class DocumentStore {
  constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock,
    private readonly events: EventSink,
  ) {}

  /**
   * `silent` is for bulk writers (sample library, import) that announce one event for the batch;
   * `id` for a document known elsewhere under that id (a draft learnt from the sync server).
   */
  create(input: NewDocument, options: { silent?: boolean; id?: string } = {}): LibraryDocument {
    const id = options.id ?? randomUUID();
    const now = this.clock.now().toISOString();
    const content = input.content ? cleanRichNode(input.content) : null;
    const bodyText = input.bodyText ?? richTextToPlain(content);
    this.db.transaction(() => {
      // prepared(): better-sqlite3 keeps every statement until the connection closes, so a
      // db.prepare() per call grows native memory without bound (measured: ~29 KB per created
      // document, 3 GB for 100,000; tests/bench/scale.bench.ts).
      prepared(
        this.db,
        `INSERT INTO documents (id, kind, title, sort_title, date, source, source_url, place, publisher, language,
           status, external_id, collection, content_json, body_text, body_html, created_at, updated_at)
         VALUES (@id, @kind, @title, @sortTitle, @date, @source, @sourceUrl, @place, @publisher, @language,
           @status, @externalId, @collection, @contentJson, @bodyText, @bodyHtml, @now, @now)`,
      ).run({
        id,
        kind: input.kind,
        title: input.title,
        sortTitle: germanSortKey(input.title),
        date: input.date ?? null,
        source: input.source ?? null,
        sourceUrl: safeSourceUrl(input.sourceUrl),
        place: input.place ?? null,
        publisher: input.publisher ?? null,
        language: input.language ?? 'de',
        status: input.status ?? (input.kind === 'leitbild' || input.kind === 'note' ? 'draft' : 'final'),
        externalId: input.externalId ?? null,
        collection: input.collection ?? null,
        contentJson: content ? JSON.stringify(content) : null,
        bodyText,
        bodyHtml: input.bodyHtml ?? null,
        now,
      });
      if (input.tags) this.setTags(id, input.tags);
    })();
    if (!options.silent) this.events.emit('documents.changed', { ids: [id], reason: 'created' });
    return this.get(id);
  }

  get(id: string): LibraryDocument {
    const row = prepared(this.db, 'SELECT * FROM documents WHERE id = ?').get(id) as DocumentRow | undefined;
    if (!row) throw new NotFoundError('Dokument', id);
    const tags = prepared(
      this.db,
      'SELECT t.name FROM document_tags dt JOIN tags t ON t.id = dt.tag_id WHERE dt.document_id = ? ORDER BY t.name',
    )
      .pluck()
      .all(id) as string[];
    const people = prepared(
      this.db,
      `SELECT DISTINCT p.id, p.name FROM document_people dp JOIN people p ON p.id = dp.person_id
       WHERE dp.document_id = ? ORDER BY p.name`,
    ).all(id) as { id: string; name: string }[];
    return {
      ...toSummary(row),
      sourceUrl: row.source_url,
      place: row.place,
      publisher: row.publisher,
      language: row.language,
      collection: row.collection,
      content: row.content_json ? (JSON.parse(row.content_json) as RichNode) : null,
      bodyText: row.body_text,
      bodyHtml: row.body_html,
      originalSha256: row.original_sha256,
      tags,
      people,
      createdAt: row.created_at,
      pinned: row.pinned_at !== null,
      trashedAt: row.trashed_at,
      textSource: row.text_source ?? null,
    };
  }

  exists(id: string): boolean {
    return prepared(this.db, 'SELECT 1 FROM documents WHERE id = ?').get(id) !== undefined;
  }

  /** Drafts deleted in this library (IDs only): never adopted again, announced to the sync server. */
  deletedDrafts(): string[] {
    return prepared(this.db, 'SELECT document_id FROM deleted_drafts ORDER BY deleted_at').pluck().all() as string[];
  }

  wasDeletedDraft(id: string): boolean {
    return prepared(this.db, 'SELECT 1 FROM deleted_drafts WHERE document_id = ?').get(id) !== undefined;
  }

  update(id: string, patch: DocumentPatch): LibraryDocument {
    // IMMEDIATE: this transaction reads before it writes. A deferred one would fail at once with
    // SQLITE_BUSY_SNAPSHOT when the search worker commits in between (found by fuzzing, issue 7).
    this.db.transaction(() => {
      if (!this.exists(id)) throw new NotFoundError('Dokument', id);
      // One constant statement for every patch (a CASE per column, "set" flags 0/1): SET lists
      // built from the patch's keys would give up to 2^13 distinct statements, each kept by
      // better-sqlite3 until the connection closes (db/prepared.ts).
      const params: Record<string, unknown> = { id, now: this.clock.now().toISOString() };
      for (const [, param] of UPDATE_COLUMNS) {
        params[`set_${param}`] = 0;
        params[param] = null;
      }
      const column = (param: (typeof UPDATE_COLUMNS)[number][1], value: unknown) => {
        params[`set_${param}`] = 1;
        params[param] = value;
      };
      if (patch.title !== undefined) {
        column('title', patch.title);
        column('sortTitle', germanSortKey(patch.title));
      }
      if (patch.kind !== undefined) column('kind', patch.kind);
      if (patch.date !== undefined) column('date', patch.date);
      if (patch.source !== undefined) column('source', patch.source);
      if (patch.sourceUrl !== undefined) column('sourceUrl', safeSourceUrl(patch.sourceUrl));
      if (patch.place !== undefined) column('place', patch.place);
      if (patch.publisher !== undefined) column('publisher', patch.publisher);
      if (patch.language !== undefined) column('language', patch.language);
      if (patch.status !== undefined) column('status', patch.status);
      if (patch.externalId !== undefined) column('externalId', patch.externalId);
      if (patch.collection !== undefined) column('collection', patch.collection);
      if (patch.bodyHtml !== undefined) column('bodyHtml', patch.bodyHtml);
      if (patch.content !== undefined) {
        const content = patch.content ? cleanRichNode(patch.content) : null;
        column('contentJson', content ? JSON.stringify(content) : null);
        if (patch.bodyText === undefined) column('bodyText', richTextToPlain(content));
      }
      if (patch.bodyText !== undefined) column('bodyText', patch.bodyText);
      prepared(this.db, UPDATE_SQL).run(params);
      if (patch.tags !== undefined) this.setTags(id, patch.tags);
    }).immediate();
    this.events.emit('documents.changed', { ids: [id], reason: 'updated' });
    return this.get(id);
  }

  /**
   * Deletes a document and everything derived from it, in one transaction (issue 7: deletion
   * means deletion). With ON DELETE CASCADE: its quotes, tags, people and organisation links,
   * links from and to it, agenda entries, Fassungen, Yjs history and sync state. Here: the
   * original when no other document comes from it, quote corrections kept for a re-import of
   * it, tags, people and organisations nothing else refers to any more, and its copy in saved
   * dossier manifests. Citations of it in other drafts stay as their authors wrote them.
   * `secure_delete` (openDatabase) zeroes the freed space; the search worker then purges its
   * index and truncates the -wal file (SearchEngine#purgeNow).
   */
  delete(id: string): { id: string } {
    // IMMEDIATE for the same reason as update(): it reads the row before it deletes.
    this.db.transaction(() => {
      const row = prepared(this.db, 'SELECT kind, original_sha256, import_sha256 FROM documents WHERE id = ?').get(id) as
        | { kind: DocumentKind; original_sha256: string | null; import_sha256: string | null }
        | undefined;
      if (!row) throw new NotFoundError('Dokument', id);
      // A draft's deletion must reach the sync server even if it is announced only after a
      // restart (SyncClient); the ID is all that stays.
      if (isEditableKind(row.kind)) {
        prepared(this.db, 'INSERT OR IGNORE INTO deleted_drafts (document_id, deleted_at) VALUES (?, ?)').run(id, this.clock.now().toISOString());
      }
      const ids = (sql: string) => prepared(this.db, sql).pluck().all({ id }) as (string | number)[];
      const tagIds = ids('SELECT tag_id FROM document_tags WHERE document_id = @id');
      const personIds = ids(
        'SELECT person_id FROM document_people WHERE document_id = @id UNION SELECT person_id FROM quotes WHERE document_id = @id AND person_id IS NOT NULL',
      );
      const orgIds = ids(
        'SELECT organisation_id FROM document_organisations WHERE document_id = @id UNION SELECT organisation_id FROM quotes WHERE document_id = @id AND organisation_id IS NOT NULL',
      );
      this.removeFromDossiers(id);
      prepared(this.db, 'DELETE FROM documents WHERE id = ?').run(id);

      if (row.original_sha256) {
        prepared(this.db, 'DELETE FROM originals WHERE sha256 = ? AND NOT EXISTS (SELECT 1 FROM documents WHERE original_sha256 = ?)').run(
          row.original_sha256,
          row.original_sha256,
        );
      }
      if (row.import_sha256) {
        // Corrections wait for a re-import of the same content: they hold the document's words.
        prepared(
          this.db,
          'DELETE FROM quote_corrections WHERE import_sha256 = ? AND NOT EXISTS (SELECT 1 FROM documents WHERE import_sha256 = ?)',
        ).run(row.import_sha256, row.import_sha256);
      }
      const dropTag = prepared(this.db, 'DELETE FROM tags WHERE id = @x AND NOT EXISTS (SELECT 1 FROM document_tags WHERE tag_id = @x)');
      for (const x of tagIds) dropTag.run({ x });
      // People and organisations known only through this document: their names are its words.
      const dropPerson = prepared(
        this.db,
        `DELETE FROM people WHERE id = @x
           AND NOT EXISTS (SELECT 1 FROM document_people WHERE person_id = @x)
           AND NOT EXISTS (SELECT 1 FROM quotes WHERE person_id = @x)`,
      );
      for (const x of personIds) dropPerson.run({ x });
      const dropOrg = prepared(
        this.db,
        `DELETE FROM organisations WHERE id = @x
           AND NOT EXISTS (SELECT 1 FROM document_organisations WHERE organisation_id = @x)
           AND NOT EXISTS (SELECT 1 FROM quotes WHERE organisation_id = @x)
           AND NOT EXISTS (SELECT 1 FROM roles WHERE organisation_id = @x)`,
      );
      for (const x of orgIds) dropOrg.run({ x });
    }).immediate();
    this.events.emit('documents.changed', { ids: [id], reason: 'deleted' });
    this.truncateWal();
    return { id };
  }

  /**
   * A saved dossier froze a copy of each document it printed (ExportService's manifest). The
   * deleted one leaves it; a dossier of nothing else goes. The PDF files already written are the
   * user's own and stay where they were saved.
   */
  private removeFromDossiers(id: string): void {
    const rows = prepared(this.db, "SELECT id, manifest FROM dossiers WHERE instr(manifest, ?) > 0").all(id) as {
      id: string;
      manifest: string;
    }[];
    for (const r of rows) {
      let manifest: { model?: { agenda?: { documents?: { id?: string }[] }[]; documents?: { id?: string }[] } };
      try {
        manifest = JSON.parse(r.manifest) as typeof manifest;
      } catch {
        prepared(this.db, 'DELETE FROM dossiers WHERE id = ?').run(r.id);
        continue;
      }
      const model = manifest.model;
      if (!model) continue;
      const keep = (docs: { id?: string }[] | undefined) => (docs ?? []).filter((d) => d.id !== id);
      model.documents = keep(model.documents);
      for (const item of model.agenda ?? []) item.documents = keep(item.documents);
      const left = model.documents.length + (model.agenda ?? []).reduce((n, a) => n + (a.documents?.length ?? 0), 0);
      if (left === 0 && (model.agenda ?? []).length === 0) prepared(this.db, 'DELETE FROM dossiers WHERE id = ?').run(r.id);
      else prepared(this.db, 'UPDATE dossiers SET manifest = ? WHERE id = ?').run(JSON.stringify(manifest), r.id);
    }
  }

  /**
   * Empties the -wal file now if nobody reads (older copies of the deleted rows' pages live
   * there). Never waits: when a reader holds it up, the search worker's purge does it shortly.
   */
  private truncateWal(): void {
    if (this.db.inTransaction) return;
    try {
      // Cached PRAGMA statements: db.pragma() compiles a new statement per call (db/prepared.ts).
      withBusyTimeout(this.db, 0, () => checkpointTruncate(this.db));
    } catch {
      // Busy: left to the search worker (SearchEngine#checkpoint retries).
    }
  }

  list(query: DocumentListQuery = {}): DocumentPage {
    const q = documentListQuerySchema.parse(query);
    // Documents in the trash are not part of the library's lists (issue 15).
    const where: string[] = ['trashed_at IS NULL'];
    const params: Record<string, unknown> = {};
    // kind and kinds folded into one list, so the kind filter has three shapes: none, one kind
    // (`kind = @kind`, which the kind indexes serve in order) or several (one json_each SQL text
    // whatever their number; db/prepared.ts counts the shapes).
    let kinds: string[] | null = q.kinds && q.kinds.length > 0 ? [...new Set(q.kinds)] : null;
    if (q.kind) kinds = kinds === null || kinds.includes(q.kind) ? [q.kind] : [];
    if (kinds !== null && kinds.length === 1) {
      where.push('kind = @kind');
      params.kind = kinds[0];
    } else if (kinds !== null) {
      where.push('kind IN (SELECT value FROM json_each(@kinds))');
      params.kinds = JSON.stringify(kinds);
    }
    if (q.status) {
      where.push('status = @status');
      params.status = q.status;
    }
    if (q.dateFrom) {
      where.push('date >= @dateFrom');
      params.dateFrom = q.dateFrom;
    }
    if (q.dateTo) {
      where.push('date <= @dateTo');
      params.dateTo = q.dateTo;
    }
    if (q.tag) {
      where.push(
        'id IN (SELECT dt.document_id FROM document_tags dt JOIN tags t ON t.id = dt.tag_id WHERE t.name = @tag)',
      );
      params.tag = q.tag;
    }
    const whereSql = `WHERE ${where.join(' AND ')}`;
    const dir = q.order === 'asc' ? 'ASC' : 'DESC';
    const total = (prepared(this.db, `SELECT count(*) AS n FROM documents ${whereSql}`).get(params) as { n: number }).n;
    // At most 3 × 2^4 filter shapes × 4 sorts × 2 directions statements, compiled once each.
    const rows = prepared(
      this.db,
      `SELECT ${SUMMARY_COLUMNS} FROM documents ${whereSql} ORDER BY ${ORDER_BY[q.sort]!(dir)} LIMIT @limit OFFSET @offset`,
    )
      .all({ ...params, limit: q.limit, offset: q.offset }) as DocumentRow[];
    return { items: rows.map(toSummary), total, offset: q.offset };
  }

  countByKind(): { total: number; byKind: Record<DocumentKind, number> } {
    const byKind: Record<DocumentKind, number> = {
      leitbild: 0,
      press_release: 0,
      speech: 0,
      statement: 0,
      protocol: 0,
      note: 0,
    };
    const rows = prepared(this.db, 'SELECT kind, count(*) AS n FROM documents WHERE trashed_at IS NULL GROUP BY kind').all() as {
      kind: DocumentKind;
      n: number;
    }[];
    let total = 0;
    for (const r of rows) {
      byKind[r.kind] = r.n;
      total += r.n;
    }
    return { total, byKind };
  }

  private setTags(id: string, tags: string[]): void {
    prepared(this.db, 'DELETE FROM document_tags WHERE document_id = ?').run(id);
    const insertTag = prepared(this.db, 'INSERT INTO tags (name) VALUES (?) ON CONFLICT(name) DO NOTHING');
    const tagId = prepared(this.db, 'SELECT id FROM tags WHERE name = ?').pluck();
    const link = prepared(this.db, 'INSERT OR IGNORE INTO document_tags (document_id, tag_id) VALUES (?, ?)');
    for (const name of new Set(tags.map((t) => t.trim()).filter(Boolean))) {
      insertTag.run(name);
      link.run(id, tagId.get(name));
    }
  }
}
