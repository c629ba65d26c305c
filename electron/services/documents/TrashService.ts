import type Database from 'better-sqlite3';
import type { DocumentKind, DocumentStatus } from '../../../shared/domain/document';
import type { TrashItem, TrashList } from '../../../shared/ipc/areas/organize';
import { AppError, NotFoundError } from '../../../shared/errors';
import { prepared } from '../db/prepared';
import type { Clock, EventSink } from '../ports';
import type { DocumentStore } from './DocumentStore';

import { TRASH_RETENTION_DAYS } from '../../../shared/domain/trash';

export { TRASH_RETENTION_DAYS };
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The trash (issue 15): "Löschen …" moves a document here; it is out of every list, count, the
 * search and the quotes, and comes back unchanged with "Wiederherstellen". Emptying the trash,
 * deleting one item for good, or the expiry after 30 days go through DocumentStore#delete: the
 * one deletion of issue 7, so its guarantees (nothing left in the file, the -wal, the index)
 * hold for the trash too.
 */
export class TrashService {
  constructor(
    private readonly db: Database.Database,
    private readonly documents: DocumentStore,
    private readonly clock: Clock,
    private readonly events: EventSink,
  ) {}

  /** Moves documents to the trash; all or none (an unknown or already trashed id changes nothing). */
  moveToTrash(ids: string[]): { ids: string[] } {
    const unique = [...new Set(ids)];
    const now = this.clock.now().toISOString();
    this.db
      .transaction(() => {
        for (const id of unique) {
          const row = prepared(this.db, 'SELECT trashed_at FROM documents WHERE id = ?').get(id) as { trashed_at: string | null } | undefined;
          if (!row) throw new NotFoundError('Dokument', id);
          if (row.trashed_at !== null) throw new AppError('CONFLICT', `Das Dokument „${id}“ liegt schon im Papierkorb.`, { id, code: 'already-trashed' });
          // Unpinned too: a restored document comes back as an ordinary one.
          prepared(this.db, 'UPDATE documents SET trashed_at = ?, pinned_at = NULL WHERE id = ?').run(now, id);
        }
      })
      .immediate();
    this.events.emit('documents.changed', { ids: unique, reason: 'trashed' });
    return { ids: unique };
  }

  /** Takes documents back out of the trash, as they were. */
  restore(ids: string[]): { ids: string[] } {
    const unique = [...new Set(ids)];
    this.db
      .transaction(() => {
        for (const id of unique) {
          this.requireTrashed(id);
          prepared(this.db, 'UPDATE documents SET trashed_at = NULL WHERE id = ?').run(id);
        }
      })
      .immediate();
    this.events.emit('documents.changed', { ids: unique, reason: 'restored' });
    return { ids: unique };
  }

  /** What the trash holds, most recently deleted first. Expired items are deleted first. */
  list(): TrashList {
    this.purgeExpired();
    const rows = prepared(
      this.db,
      'SELECT id, kind, title, date, status, trashed_at FROM documents WHERE trashed_at IS NOT NULL ORDER BY trashed_at DESC, sort_title, id',
    ).all() as { id: string; kind: DocumentKind; title: string; date: string | null; status: DocumentStatus; trashed_at: string }[];
    const items = rows.map((r): TrashItem => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      date: r.date,
      status: r.status,
      trashedAt: r.trashed_at,
      expiresAt: new Date(Date.parse(r.trashed_at) + TRASH_RETENTION_DAYS * DAY_MS).toISOString(),
    }));
    return { items, total: items.length, retentionDays: TRASH_RETENTION_DAYS };
  }

  /** Deletes documents of the trash for good (issue 7's deletion); only documents in the trash. */
  purge(ids: string[]): { deleted: string[] } {
    const unique = [...new Set(ids)];
    for (const id of unique) this.requireTrashed(id);
    for (const id of unique) this.documents.delete(id);
    return { deleted: unique };
  }

  /** "Papierkorb leeren": every document in the trash, deleted for good. */
  empty(): { deleted: string[] } {
    const ids = prepared(this.db, 'SELECT id FROM documents WHERE trashed_at IS NOT NULL ORDER BY trashed_at').pluck().all() as string[];
    for (const id of ids) this.documents.delete(id);
    return { deleted: ids };
  }

  /** Deletes for good what has been in the trash for longer than the retention (at start, on listing). */
  purgeExpired(): { deleted: string[] } {
    const cutoff = new Date(this.clock.now().getTime() - TRASH_RETENTION_DAYS * DAY_MS).toISOString();
    const ids = prepared(this.db, 'SELECT id FROM documents WHERE trashed_at IS NOT NULL AND trashed_at <= ? ORDER BY trashed_at').pluck().all(cutoff) as string[];
    for (const id of ids) this.documents.delete(id);
    return { deleted: ids };
  }

  private requireTrashed(id: string): void {
    const row = prepared(this.db, 'SELECT trashed_at FROM documents WHERE id = ?').get(id) as { trashed_at: string | null } | undefined;
    if (!row || row.trashed_at === null) throw new NotFoundError('Dokument im Papierkorb', id);
  }
}
