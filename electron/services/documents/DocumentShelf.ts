import type Database from 'better-sqlite3';
import type { DocumentKind, DocumentSummary, RichNode } from '../../../shared/domain/document';
import { NotFoundError } from '../../../shared/errors';
import type { Backlink, ShelfItem } from '../../../shared/ipc/areas/organize';
import { prepared } from '../db/prepared';
import type { Clock, EventSink } from '../ports';

const RECENT_LIMIT = 10;

type Row = Pick<DocumentSummary, 'id' | 'kind' | 'title' | 'date' | 'status'> & { at: string };

/**
 * Pinned and recently opened documents (issue 15: what Joplin, Notesnook and Outline users expect
 * to find on their desk), and backlinks: which drafts cite a document. None of it changes a
 * document's `updated_at`, so the search index does not take it for an edit.
 */
export class DocumentShelf {
  constructor(
    private readonly db: Database.Database,
    private readonly clock: Clock,
    private readonly events: EventSink,
  ) {}

  setPinned(id: string, pinned: boolean): { id: string; pinned: boolean } {
    const info = prepared(
      this.db,
      'UPDATE documents SET pinned_at = CASE WHEN @pinned THEN coalesce(pinned_at, @now) ELSE NULL END WHERE id = @id AND trashed_at IS NULL',
    ).run({ id, pinned: pinned ? 1 : 0, now: this.clock.now().toISOString() });
    if (info.changes === 0) throw new NotFoundError('Dokument', id);
    this.events.emit('shelf.changed', { ids: [id] });
    return { id, pinned };
  }

  /** Remembers that a document was opened now (the "Zuletzt geöffnet" list). */
  markOpened(id: string): { id: string } {
    const info = prepared(this.db, 'UPDATE documents SET opened_at = ? WHERE id = ? AND trashed_at IS NULL').run(this.clock.now().toISOString(), id);
    if (info.changes === 0) throw new NotFoundError('Dokument', id);
    this.events.emit('shelf.changed', { ids: [id] });
    return { id };
  }

  lists(): { pinned: ShelfItem[]; recent: ShelfItem[] } {
    return { pinned: this.pinned(), recent: this.recent() };
  }

  pinned(): ShelfItem[] {
    return prepared(
      this.db,
      'SELECT id, kind, title, date, status, pinned_at AS at FROM documents WHERE pinned_at IS NOT NULL AND trashed_at IS NULL ORDER BY pinned_at DESC, id',
    ).all() as Row[];
  }

  recent(limit = RECENT_LIMIT): ShelfItem[] {
    return prepared(
      this.db,
      'SELECT id, kind, title, date, status, opened_at AS at FROM documents WHERE opened_at IS NOT NULL AND trashed_at IS NULL ORDER BY opened_at DESC, id LIMIT ?',
    ).all(limit) as Row[];
  }

  /**
   * Drafts (outside the trash) whose content cites `id` — the document itself or one of its
   * statements: a citation node names the document its statement comes from. The stored JSON is
   * narrowed with instr() first, then read to count the citations exactly.
   */
  backlinks(id: string): Backlink[] {
    if (!prepared(this.db, 'SELECT 1 FROM documents WHERE id = ?').get(id)) throw new NotFoundError('Dokument', id);
    const rows = prepared(
      this.db,
      `SELECT id, kind, title, updated_at, content_json FROM documents
       WHERE kind IN ('leitbild', 'note') AND trashed_at IS NULL AND id <> @id AND content_json IS NOT NULL AND instr(content_json, @id) > 0
       ORDER BY updated_at DESC, id`,
    ).all({ id }) as { id: string; kind: DocumentKind; title: string; updated_at: string; content_json: string }[];
    const out: Backlink[] = [];
    for (const r of rows) {
      let citations: number;
      try {
        citations = countCitations(JSON.parse(r.content_json) as RichNode, id);
      } catch {
        continue;
      }
      if (citations > 0) out.push({ id: r.id, kind: r.kind, title: r.title, updatedAt: r.updated_at, citations });
    }
    return out;
  }
}

/** Citation nodes pointing at `id`, counted without recursion (drafts can nest deeply). */
function countCitations(root: RichNode, id: string): number {
  let n = 0;
  const stack: RichNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'citation' && node.attrs?.documentId === id) n++;
    if (Array.isArray(node.content)) stack.push(...node.content);
  }
  return n;
}
