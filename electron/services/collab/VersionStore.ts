import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import * as Y from 'yjs';
import type { RichNode } from '../../../shared/domain/document';
import { draftToPlain } from '../../../shared/editor/draftText';
import { tokenize, wordDiff } from '../../../shared/editor/wordDiff';
import type { Synopse, SynopseSide, VersionSummary } from '../../../shared/ipc/areas/collab';
import { NotFoundError } from '../../../shared/errors';
import type { Clock } from '../ports';
import type { CollabService } from './CollabService';
import { replaceContent } from './draftDoc';
import { prepared } from '../db/prepared';

interface VersionRow {
  id: string;
  document_id: string;
  name: string;
  ydoc_state: Buffer | null;
  content_json: string | null;
  created_at: string;
  created_by: string | null;
}

/**
 * Fassungen: named versions of a draft ("Entwurf 1", "Fassung Ressortabstimmung"). Hocuspocus
 * keeps only the latest state, so these are our own snapshots (ARCHITECTURE §6): the full Yjs
 * state plus the tiptap JSON. Restoring applies the old content as a new edit on the current
 * draft — history, other Fassungen and concurrent edits stay.
 */
export class VersionStore {
  constructor(
    private readonly db: Database.Database,
    private readonly collab: CollabService,
    private readonly clock: Clock,
  ) {}

  list(documentId: string): VersionSummary[] {
    const rows = prepared(this.db, 'SELECT * FROM versions WHERE document_id = ? ORDER BY created_at DESC, rowid DESC')
      .all(documentId) as VersionRow[];
    return rows.map((r) => this.summary(r));
  }

  create(documentId: string, name: string, createdBy: string | null = null): VersionSummary {
    const draft = this.collab.get(documentId);
    this.collab.flushText(documentId);
    const content = this.collab.content(documentId);
    const row: VersionRow = {
      id: randomUUID(),
      document_id: documentId,
      name,
      ydoc_state: Buffer.from(Y.encodeStateAsUpdate(draft.doc)),
      content_json: JSON.stringify(content),
      created_at: this.clock.now().toISOString(),
      created_by: createdBy,
    };
    prepared(this.db,
        `INSERT INTO versions (id, document_id, name, ydoc_state, content_json, created_at, created_by)
         VALUES (@id, @document_id, @name, @ydoc_state, @content_json, @created_at, @created_by)`,
      )
      .run(row);
    return this.summary(row);
  }

  /** The old content becomes a new change on the current draft (diffed, not replaced wholesale). */
  restore(documentId: string, versionId: string): { id: string; versionId: string } {
    const row = this.row(documentId, versionId);
    const draft = this.collab.get(documentId);
    replaceContent(draft.doc, this.contentOf(row), { source: 'restore' });
    // Issue 13: "restored" only once the change is in the library (else an IO error; retried).
    this.collab.assertStored(documentId);
    this.collab.flushText(documentId);
    return { id: documentId, versionId };
  }

  compare(documentId: string, before: string, after: string): Synopse {
    const side = (ref: string): { side: SynopseSide; text: string } => {
      if (ref === 'current') {
        return { side: { ref, name: 'Aktueller Stand', createdAt: null }, text: this.collab.plainText(documentId) };
      }
      const row = this.row(documentId, ref);
      return { side: { ref, name: row.name, createdAt: row.created_at }, text: draftToPlain(this.contentOf(row)) };
    };
    const a = side(before);
    const b = side(after);
    const segments = wordDiff(a.text, b.text);
    const words = (op: 'removed' | 'added') =>
      segments.filter((s) => s.op === op).reduce((n, s) => n + tokenize(s.text).filter((t) => /[\p{L}\p{N}]/u.test(t)).length, 0);
    return { before: a.side, after: b.side, segments, removedWords: words('removed'), addedWords: words('added') };
  }

  private row(documentId: string, versionId: string): VersionRow {
    const row = prepared(this.db, 'SELECT * FROM versions WHERE id = ? AND document_id = ?').get(versionId, documentId) as VersionRow | undefined;
    if (!row) throw new NotFoundError('Fassung', versionId);
    return row;
  }

  private contentOf(row: VersionRow): RichNode {
    if (row.content_json) return JSON.parse(row.content_json) as RichNode;
    return { type: 'doc', content: [] };
  }

  private summary(r: VersionRow): VersionSummary {
    const content = this.contentOf(r);
    return {
      id: r.id,
      documentId: r.document_id,
      name: r.name,
      createdAt: r.created_at,
      createdBy: r.created_by,
      characters: draftToPlain(content).length,
    };
  }
}
