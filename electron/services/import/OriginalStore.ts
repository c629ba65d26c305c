import type Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { prepared } from '../db/prepared';

export const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1024 * 1024 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Original files, content-addressed by SHA-256: the same bytes are stored once. */
export class OriginalStore {
  /** Per-connection cache (db/prepared.ts): bulk import runs these statements thousands of times. */
  private stmt(sql: string): Database.Statement {
    return prepared(this.db, sql);
  }

  constructor(private readonly db: Database.Database) {}

  has(sha: string): boolean {
    return this.stmt('SELECT 1 FROM originals WHERE sha256 = ?').get(sha) !== undefined;
  }

  /** Inserts if new (call inside the transaction that creates the documents referring to it). */
  put(sha: string, fileName: string, mediaType: string, bytes: Uint8Array, importedAt: string): void {
    this.stmt('INSERT OR IGNORE INTO originals (sha256, file_name, media_type, size, bytes, imported_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(sha, fileName, mediaType, bytes.byteLength, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), importedAt);
  }

  bytes(sha: string): Buffer | null {
    return (this.stmt('SELECT bytes FROM originals WHERE sha256 = ?').pluck().get(sha) as Buffer | undefined) ?? null;
  }

  count(): number {
    return this.stmt('SELECT count(*) FROM originals').pluck().get() as number;
  }
}
