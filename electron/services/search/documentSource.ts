import type Database from 'better-sqlite3';
import type { DocumentKind } from '../../../shared/domain/document';
import type { QuoteHit } from '../../../shared/ipc/areas/search';
import { prepared } from '../db/prepared';

/** What the search keeps in memory per document: enough to filter, facet and show a hit. */
export interface DocMeta {
  id: string;
  externalId: string | null;
  title: string;
  kind: DocumentKind;
  date: string | null;
  updatedAt: string;
  tags: string[];
  people: string[];
  organisations: string[];
}

export interface IndexableDoc extends DocMeta {
  body: string;
}

/** A statement as the search indexes it: a hit without score and snippet. */
export type QuoteRow = Omit<QuoteHit, 'score' | 'snippet' | 'highlights'>;

/**
 * Reads documents for the search from the library file (its own connection in the worker).
 * Documents in the trash (issue 15) are absent here, so the index drops them like deleted ones
 * and takes them back when they are restored.
 */
export class DocumentSource {
  constructor(private readonly db: Database.Database) {}

  /** id → updated_at of every document: compared with the index at start-up. */
  stamps(): Map<string, string> {
    const rows = prepared(this.db, 'SELECT id, updated_at FROM documents WHERE trashed_at IS NULL').raw().all() as [string, string][];
    return new Map(rows);
  }

  count(): number {
    return (prepared(this.db, 'SELECT count(*) FROM documents WHERE trashed_at IS NULL').pluck().get() as number) ?? 0;
  }

  private relations(ids: string[]): { tags: Map<string, string[]>; people: Map<string, string[]>; orgs: Map<string, string[]> } {
    const tags = new Map<string, string[]>();
    const people = new Map<string, string[]>();
    const orgs = new Map<string, string[]>();
    const push = (m: Map<string, string[]>, k: string, v: string) => {
      const a = m.get(k);
      if (a) {
        if (!a.includes(v)) a.push(v);
      } else m.set(k, [v]);
    };
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      // json_each(?): one SQL text for every chunk size (a statement per distinct IN (?,?,…)
      // list would be kept until the connection closes; db/prepared.ts).
      const list = JSON.stringify(chunk);
      for (const [d, n] of prepared(this.db, `SELECT dt.document_id, t.name FROM document_tags dt JOIN tags t ON t.id = dt.tag_id WHERE dt.document_id IN (SELECT value FROM json_each(?))`)
        .raw()
        .all(list) as [string, string][])
        push(tags, d, n);
      for (const [d, n] of prepared(this.db, `SELECT dp.document_id, p.name FROM document_people dp JOIN people p ON p.id = dp.person_id WHERE dp.document_id IN (SELECT value FROM json_each(?))`)
        .raw()
        .all(list) as [string, string][])
        push(people, d, n);
      for (const [d, n] of prepared(this.db,
          `SELECT x.document_id, o.name FROM document_organisations x JOIN organisations o ON o.id = x.organisation_id WHERE x.document_id IN (SELECT value FROM json_each(?))`,
        )
        .raw()
        .all(list) as [string, string][])
        push(orgs, d, n);
    }
    return { tags, people, orgs };
  }

  private toDocs(rows: Record<string, unknown>[], withBody: boolean): IndexableDoc[] {
    const rel = this.relations(rows.map((r) => r.id as string));
    return rows.map((r) => ({
      id: r.id as string,
      externalId: (r.external_id as string | null) ?? null,
      title: r.title as string,
      kind: r.kind as DocumentKind,
      date: (r.date as string | null) ?? null,
      updatedAt: r.updated_at as string,
      tags: rel.tags.get(r.id as string) ?? [],
      people: rel.people.get(r.id as string) ?? [],
      organisations: rel.orgs.get(r.id as string) ?? [],
      body: withBody ? ((r.body_text as string) ?? '') : '',
    }));
  }

  /** Documents with these ids (missing ones are simply absent). */
  docs(ids: string[], withBody = true): IndexableDoc[] {
    const out: IndexableDoc[] = [];
    const cols = `id, external_id, title, kind, date, updated_at${withBody ? ', body_text' : ''}`;
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const rows = prepared(this.db, `SELECT ${cols} FROM documents WHERE id IN (SELECT value FROM json_each(?)) AND trashed_at IS NULL`)
        .all(JSON.stringify(chunk)) as Record<string, unknown>[];
      out.push(...this.toDocs(rows, withBody));
    }
    return out;
  }

  /** All documents in batches (by rowid), for a full build that yields between batches. */
  *batches(size: number, withBody = true): Generator<IndexableDoc[]> {
    let last = -1;
    const cols = `rowid AS rid, id, external_id, title, kind, date, updated_at${withBody ? ', body_text' : ''}`;
    const sql = `SELECT ${cols} FROM documents WHERE rowid > ? AND trashed_at IS NULL ORDER BY rowid LIMIT ?`;
    for (;;) {
      // Fetched per batch: the generator yields, and others may use (and set modes on) it meanwhile.
      const rows = prepared(this.db, sql).all(last, size) as Record<string, unknown>[];
      if (rows.length === 0) return;
      last = rows[rows.length - 1]!.rid as number;
      yield this.toDocs(rows, withBody);
    }
  }

  /** Title and body of one document, for phrase checks, exact-spelling checks and snippets. */
  text(id: string): { title: string; body: string } | null {
    const r = prepared(this.db, 'SELECT title, body_text FROM documents WHERE id = ?').raw().get(id) as [string, string] | undefined;
    return r ? { title: r[0], body: r[1] } : null;
  }

  /** Cheap signature of the quotes table: changes when quotes are added, removed or edited. */
  quotesSignature(): string {
    const r = prepared(this.db, "SELECT count(*), coalesce(max(created_at), ''), total(length(text)), total(corrected), total(length(coalesce(person_id,''))) FROM quotes")
      .raw()
      .get() as unknown[];
    return JSON.stringify(r);
  }

  quotes(): QuoteRow[] {
    return (
      prepared(this.db,
          `SELECT q.id, q.document_id, d.title, p.name, o.name, q.role, q.text, q.said_on
           FROM quotes q JOIN documents d ON d.id = q.document_id
           LEFT JOIN people p ON p.id = q.person_id
           LEFT JOIN organisations o ON o.id = q.organisation_id
           WHERE d.trashed_at IS NULL
           ORDER BY q.document_id, q.position`,
        )
        .raw()
        .all() as [string, string, string, string | null, string | null, string | null, string, string | null][]
    ).map(([id, documentId, documentTitle, person, organisation, role, text, saidOn]) => ({
      id,
      documentId,
      documentTitle,
      person,
      organisation,
      role,
      text,
      saidOn,
    }));
  }
}
