import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { AppError } from '../../../shared/errors';
import { prepared } from '../db/prepared';

/** SHA-256 of one stored update (the sync server keeps it per row: issue 13 §3). */
export function updateDigest(data: Uint8Array): Buffer {
  return createHash('sha256').update(data).digest();
}

export interface UpdateLogOptions {
  /**
   * Rows carry a SHA-256 of their bytes (`yjs_updates.digest`), written with the row and checked
   * on every read: a row whose bytes changed on disk — a flipped byte that still parses, a zeroed
   * row — is refused like an unreadable one (`DB_CORRUPT`), never applied.
   */
  digests?: boolean;
}

/**
 * Append-only log of Yjs updates per document in SQLite, compacted by merging (ARCHITECTURE §6).
 * The library keeps it in `yjs_updates`; the sync server keeps the same table in its own file
 * (with a digest column).
 *
 * Every update is written as it arrives, so a crash or a quit loses nothing. Compaction merges
 * the rows *read inside the transaction* — never a live doc — so rows another process appended
 * meanwhile (the CLI while the app runs) are merged in, not dropped.
 */
export class UpdateLog {
  private readonly digests: boolean;
  // Statements through prepared(): one compiled statement per connection and SQL text, shared
  // with every other UpdateLog on the same connection (db/prepared.ts).
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date = () => new Date(),
    options: UpdateLogOptions = {},
  ) {
    this.digests = options.digests === true;
  }

  append(documentId: string, update: Uint8Array): number {
    const data = Buffer.from(update.buffer, update.byteOffset, update.byteLength);
    const info = this.digests
      ? prepared(this.db, 'INSERT INTO yjs_updates (document_id, update_data, created_at, digest) VALUES (?, ?, ?, ?)').run(documentId, data, this.now().toISOString(), updateDigest(data))
      : prepared(this.db, 'INSERT INTO yjs_updates (document_id, update_data, created_at) VALUES (?, ?, ?)').run(documentId, data, this.now().toISOString());
    return Number(info.lastInsertRowid);
  }

  /** Updates after `seq` (0: all), in order, with the last sequence number seen. */
  since(documentId: string, seq = 0): { updates: Uint8Array[]; lastSeq: number } {
    const rows = (
      this.digests
        ? prepared(this.db, 'SELECT seq, update_data AS data, digest FROM yjs_updates WHERE document_id = ? AND seq > ? ORDER BY seq')
        : prepared(this.db, 'SELECT seq, update_data AS data FROM yjs_updates WHERE document_id = ? AND seq > ? ORDER BY seq')
    ).all(documentId, seq) as { seq: number; data: unknown; digest?: unknown }[];
    for (const r of rows) {
      if (!Buffer.isBuffer(r.data)) throw new AppError('DB_CORRUPT', `Eintrag ${r.seq} von „${documentId}“ ist keine Yjs-Änderung.`, { seq: r.seq });
      if (this.digests && !(Buffer.isBuffer(r.digest) && r.digest.equals(updateDigest(r.data)))) {
        throw new AppError('DB_CORRUPT', `Eintrag ${r.seq} von „${documentId}“ ist beschädigt (Prüfsumme stimmt nicht).`, { seq: r.seq });
      }
    }
    return {
      updates: rows.map((r) => {
        const b = r.data as Buffer;
        return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
      }),
      lastSeq: rows.length ? rows[rows.length - 1]!.seq : seq,
    };
  }

  /** Sequence numbers of rows whose digest does not match their bytes (digest logs only). */
  damagedSeqs(documentId: string): number[] {
    if (!this.digests) return [];
    const rows = prepared(this.db, 'SELECT seq, update_data AS data, digest FROM yjs_updates WHERE document_id = ? ORDER BY seq').all(documentId) as { seq: number; data: unknown; digest: unknown }[];
    return rows.filter((r) => !Buffer.isBuffer(r.data) || !Buffer.isBuffer(r.digest) || !r.digest.equals(updateDigest(r.data))).map((r) => r.seq);
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
