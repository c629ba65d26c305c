import type Database from 'better-sqlite3';
import * as Y from 'yjs';
import { prepared } from '../db/prepared';

/**
 * Append-only log of Yjs updates per document in SQLite, compacted by merging (ARCHITECTURE §6).
 * The library keeps it in `yjs_updates`; the sync server keeps the same table in its own file.
 *
 * Every update is written as it arrives, so a crash or a quit loses nothing. Compaction merges
 * the rows *read inside the transaction* — never a live doc — so rows another process appended
 * meanwhile (the CLI while the app runs) are merged in, not dropped.
 */
export class UpdateLog {
  // Statements through prepared(): one compiled statement per connection and SQL text, shared
  // with every other UpdateLog on the same connection (db/prepared.ts).
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date = () => new Date(),
  ) {}

  append(documentId: string, update: Uint8Array): number {
    const info = prepared(this.db, 'INSERT INTO yjs_updates (document_id, update_data, created_at) VALUES (?, ?, ?)').run(documentId, Buffer.from(update.buffer, update.byteOffset, update.byteLength), this.now().toISOString());
    return Number(info.lastInsertRowid);
  }

  /** Updates after `seq` (0: all), in order, with the last sequence number seen. */
  since(documentId: string, seq = 0): { updates: Uint8Array[]; lastSeq: number } {
    const rows = prepared(this.db, 'SELECT seq, update_data AS data FROM yjs_updates WHERE document_id = ? AND seq > ? ORDER BY seq').all(documentId, seq) as { seq: number; data: Buffer }[];
    return {
      updates: rows.map((r) => new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength)),
      lastSeq: rows.length ? rows[rows.length - 1]!.seq : seq,
    };
  }

  count(documentId: string): number {
    return prepared(this.db, 'SELECT count(*) FROM yjs_updates WHERE document_id = ?').pluck().get(documentId) as number;
  }

  bytes(documentId: string): number {
    return (
      (prepared(this.db, 'SELECT coalesce(sum(length(update_data)), 0) FROM yjs_updates WHERE document_id = ?').pluck().get(documentId) as number) ?? 0
    );
  }

  /** Merges all rows of a document into one, in one transaction; returns the new row's seq. */
  compact(documentId: string): { rowsBefore: number; bytesBefore: number; bytesAfter: number; seq: number } {
    return this.db.transaction(() => {
      const { updates, lastSeq } = this.since(documentId, 0);
      const bytesBefore = updates.reduce((n, u) => n + u.byteLength, 0);
      if (updates.length <= 1) return { rowsBefore: updates.length, bytesBefore, bytesAfter: bytesBefore, seq: lastSeq };
      // Through a Y.Doc rather than Y.mergeUpdates: the doc garbage-collects deleted text, so
      // 10,000 keystrokes with corrections shrink to the text that is left plus tombstones.
      const doc = new Y.Doc();
      for (const u of updates) Y.applyUpdate(doc, u);
      const merged = Y.encodeStateAsUpdate(doc);
      doc.destroy();
      prepared(this.db, 'DELETE FROM yjs_updates WHERE document_id = ? AND seq <= ?').run(documentId, lastSeq);
      const seq = this.append(documentId, merged);
      return { rowsBefore: updates.length, bytesBefore, bytesAfter: merged.byteLength, seq };
    })();
  }

  /** Removes every row of a document (deletion, not compaction); returns how many went. */
  purge(documentId: string): number {
    return prepared(this.db, 'DELETE FROM yjs_updates WHERE document_id = ?').run(documentId).changes;
  }

  /** Document ids that have any stored update. */
  documentIds(): string[] {
    return prepared(this.db, 'SELECT DISTINCT document_id FROM yjs_updates').pluck().all() as string[];
  }
}
