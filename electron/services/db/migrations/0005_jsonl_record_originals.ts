import { createHash } from 'node:crypto';
import zlib from 'node:zlib';
import type Database from 'better-sqlite3';
import type { Migration } from '../migrate';

const sha256 = (bytes: Uint8Array | string): string => createHash('sha256').update(bytes).digest('hex');

/**
 * Issue 7 §7: a JSONL archive used to be kept as one original for all its records, so deleting
 * one of its documents left its words in the file's bytes. The importer now keeps each record's
 * line as its own original; this splits what older imports stored the same way: every document
 * whose record line (its import key) is found in its file original gets that line as original,
 * and the file original goes once nothing refers to it. A line not found (none should be) keeps
 * its document on the file original, as before.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'jsonl_record_originals',
  up: (db) => {
    const files = db
      .prepare(
        `SELECT o.sha256, o.file_name FROM originals o
          WHERE o.media_type IN ('application/x-ndjson', 'application/gzip')
            AND EXISTS (SELECT 1 FROM documents d WHERE d.original_sha256 = o.sha256)`,
      )
      .all() as { sha256: string; file_name: string }[];
    if (files.length === 0) return;
    const bytesOf = db.prepare('SELECT bytes FROM originals WHERE sha256 = ?').pluck();
    const docsOf = db.prepare('SELECT id, import_sha256 FROM documents WHERE original_sha256 = ? AND import_sha256 IS NOT NULL');
    const put = db.prepare(
      "INSERT OR IGNORE INTO originals (sha256, file_name, media_type, size, bytes, imported_at) SELECT ?, ?, 'application/json', ?, ?, imported_at FROM originals WHERE sha256 = ?",
    );
    const point = db.prepare('UPDATE documents SET original_sha256 = ? WHERE id = ?');
    const dropIfUnused = db.prepare('DELETE FROM originals WHERE sha256 = ? AND NOT EXISTS (SELECT 1 FROM documents WHERE original_sha256 = ?)');
    for (const file of files) splitFile(file, { bytesOf, docsOf, put, point, dropIfUnused });
  },
};

function splitFile(
  file: { sha256: string; file_name: string },
  s: { bytesOf: Database.Statement; docsOf: Database.Statement; put: Database.Statement; point: Database.Statement; dropIfUnused: Database.Statement },
): void {
  const blob = s.bytesOf.get(file.sha256) as Buffer;
  let text: string;
  try {
    text = (blob[0] === 0x1f && blob[1] === 0x8b ? zlib.gunzipSync(blob) : blob).toString('utf8');
  } catch {
    return; // Not readable as stored: its documents keep it (nothing is lost).
  }
  const byKey = new Map<string, string[]>();
  for (const d of s.docsOf.all(file.sha256) as { id: string; import_sha256: string }[]) {
    byKey.set(d.import_sha256, [...(byKey.get(d.import_sha256) ?? []), d.id]);
  }
  // Lines as the importer reads them (readers/jsonl.ts): split at \n, a trailing \r dropped.
  const lines = text.split('\n');
  for (let i = 0; i < lines.length && byKey.size > 0; i++) {
    const raw = lines[i]!.replace(/\r$/u, '');
    if (raw.trim() === '') continue;
    const key = sha256(raw);
    const ids = byKey.get(key);
    if (!ids) continue;
    const bytes = Buffer.from(raw, 'utf8');
    s.put.run(key, `${file.file_name}, Zeile ${i + 1}`, bytes.length, bytes, file.sha256);
    for (const id of ids) s.point.run(key, id);
    byKey.delete(key);
  }
  s.dropIfUnused.run(file.sha256, file.sha256);
}
