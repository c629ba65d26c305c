import type Database from 'better-sqlite3';
import { AppError, NotFoundError } from '../../../shared/errors';
import type { TagCount } from '../../../shared/ipc/areas/organize';
import { prepared } from '../db/prepared';
import type { Clock, EventSink } from '../ports';

/**
 * The tag view (issue 15): tags with their number of documents, renamed or merged. Renaming to a
 * name another tag already has (compared without case, like the column) merges the two. Every
 * document that carries the tag gets a new `updated_at` and a `documents.changed`, so the search
 * index (tags are a field and a facet) reindexes it, also after a restart.
 */
export class TagStore {
  constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock,
    private readonly events: EventSink,
  ) {}

  list(): TagCount[] {
    const rows = prepared(
      this.db,
      `SELECT t.name AS name, count(d.id) AS count FROM tags t
         JOIN document_tags dt ON dt.tag_id = t.id
         JOIN documents d ON d.id = dt.document_id AND d.trashed_at IS NULL
       GROUP BY t.id`,
    ).all() as TagCount[];
    return rows.sort((a, b) => a.name.localeCompare(b.name, 'de', { sensitivity: 'base' }) || (a.name < b.name ? -1 : 1));
  }

  /** Renames `from` to `to`; if `to` exists already, `from` is merged into it. */
  rename(from: string, to: string): { name: string; merged: boolean; documents: number } {
    const target = to.trim();
    if (!target) throw new AppError('VALIDATION', 'Der neue Name des Schlagworts darf nicht leer sein.', { code: 'tag-empty' });
    let merged = false;
    let ids: string[] = [];
    this.db
      .transaction(() => {
        const source = prepared(this.db, 'SELECT id, name FROM tags WHERE name = ?').get(from) as { id: number; name: string } | undefined;
        if (!source) throw new NotFoundError('Schlagwort', from);
        ids = prepared(this.db, 'SELECT document_id FROM document_tags WHERE tag_id = ?').pluck().all(source.id) as string[];
        const existing = prepared(this.db, 'SELECT id FROM tags WHERE name = ?').get(target) as { id: number } | undefined;
        if (existing && existing.id !== source.id) {
          merged = true;
          prepared(this.db, 'INSERT OR IGNORE INTO document_tags (document_id, tag_id) SELECT document_id, ? FROM document_tags WHERE tag_id = ?').run(existing.id, source.id);
          prepared(this.db, 'DELETE FROM tags WHERE id = ?').run(source.id);
        } else {
          // The same tag, other spelling ("wohnen" → "Wohnen") or a new name.
          prepared(this.db, 'UPDATE tags SET name = ? WHERE id = ?').run(target, source.id);
        }
        const now = this.clock.now().toISOString();
        const touch = prepared(this.db, 'UPDATE documents SET updated_at = ? WHERE id = ?');
        for (const id of ids) touch.run(now, id);
      })
      .immediate();
    if (ids.length > 0) this.events.emit('documents.changed', { ids, reason: 'updated' });
    return { name: target, merged, documents: ids.length };
  }

  /** Merges several tags into `into` (created when missing). */
  merge(names: string[], into: string): { name: string; documents: number } {
    let documents = 0;
    const others = [...new Set(names)].filter((n) => n.toLocaleLowerCase('de') !== into.trim().toLocaleLowerCase('de'));
    if (others.length === 0) throw new AppError('VALIDATION', 'Zum Zusammenführen mindestens ein anderes Schlagwort wählen.', { code: 'tag-merge-nothing' });
    for (const n of others) {
      if (!prepared(this.db, 'SELECT 1 FROM tags WHERE name = ?').get(n)) throw new NotFoundError('Schlagwort', n);
    }
    this.db.transaction(() => {
      for (const n of others) documents += this.rename(n, into).documents;
    })();
    return { name: into.trim(), documents };
  }
}
