import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { prepared } from '../db/prepared';

export const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

/** Original files (for JSONL: each record's line), content-addressed by SHA-256: the same bytes are stored once. */
export class OriginalStore {
  /** Per-connection cache (db/prepared.ts): bulk import runs these statements thousands of times. */
  private stmt(sql: string): Database.Statement {
    return prepared(this.db, sql);
  }

  constructor(private readonly db: Database.Database) {}

  /** Inserts if new (call inside the transaction that creates the documents referring to it). */
  put(sha: string, fileName: string, mediaType: string, bytes: Uint8Array, importedAt: string): void {
    this.stmt('INSERT OR IGNORE INTO originals (sha256, file_name, media_type, size, bytes, imported_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(sha, fileName, mediaType, bytes.byteLength, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), importedAt);
  }
}
