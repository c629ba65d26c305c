import type Database from 'better-sqlite3';
import type { Migration } from '../migrate';

/**
 * Issue 17 §4 / issue 18 §5–7: duplicates impossible by construction.
 * - Existing duplicates are merged first: documents with the same import key (the SHA-256 of
 *   the file or record they came from), or the same `externalId` in the same collection, are
 *   folded into the oldest of them. What the user made on the others is kept: corrected quotes
 *   (with their corrections, re-keyed to the survivor's import key), links and citations in both
 *   directions, agenda entries, tags, people and organisation links, Fassungen.
 * - Then UNIQUE indexes on `import_sha256` and on `(collection, external_id)` make a second copy
 *   impossible, whichever process or connection tries to write it.
 * - `text_source`: where a document's text came from (`text` as the file stated it, `ocr`, or
 *   `mixed`), so an OCR'd text can say so (issue 18 §6). NULL for documents made before.
 * E-mail attachments are linked to their e-mail in `links` (kind `attachment`): no column needed.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'unique_imports',
  up: (db) => {
    mergeGroups(db, "SELECT import_sha256 AS k FROM documents WHERE import_sha256 IS NOT NULL GROUP BY import_sha256 HAVING count(*) > 1", 'SELECT id, import_sha256 FROM documents WHERE import_sha256 = ? ORDER BY created_at, id');
    mergeGroups(
      db,
      "SELECT ifnull(collection, '') || char(0) || external_id AS k FROM documents WHERE external_id IS NOT NULL GROUP BY ifnull(collection, ''), external_id HAVING count(*) > 1",
      "SELECT id, import_sha256 FROM documents WHERE ifnull(collection, '') || char(0) || external_id = ? ORDER BY created_at, id",
    );
    // IF NOT EXISTS: a library whose version number was set back (by hand, by a test) upgrades again cleanly.
    db.exec(`
      DROP INDEX IF EXISTS documents_import;
      CREATE UNIQUE INDEX IF NOT EXISTS documents_import_unique ON documents(import_sha256) WHERE import_sha256 IS NOT NULL;
      CREATE UNIQUE INDEX IF NOT EXISTS documents_external_unique ON documents(ifnull(collection, ''), external_id) WHERE external_id IS NOT NULL;
    `);
    const columns = (db.pragma('table_info(documents)') as { name: string }[]).map((c) => c.name);
    if (!columns.includes('text_source')) {
      db.exec("ALTER TABLE documents ADD COLUMN text_source TEXT CHECK (text_source IS NULL OR text_source IN ('text', 'ocr', 'mixed'))");
    }
  },
};

function mergeGroups(db: Database.Database, groupsSql: string, membersSql: string): void {
  const groups = db.prepare(groupsSql).pluck().all() as string[];
  const members = db.prepare(membersSql);
  for (const key of groups) {
    const [survivor, ...others] = members.all(key) as { id: string; import_sha256: string | null }[];
    for (const other of others) mergeInto(db, survivor!, other);
  }
}

/** Moves everything that refers to `from` over to `to`, then deletes `from` (and its original, if unused). */
function mergeInto(db: Database.Database, to: { id: string; import_sha256: string | null }, from: { id: string; import_sha256: string | null }): void {
  const p = { to: to.id, from: from.id };
  // Corrected quotes win over the survivor's uncorrected copy of the same quote.
  db.prepare(
    `DELETE FROM quotes WHERE document_id = @to AND corrected = 0 AND source_key IN
       (SELECT source_key FROM quotes WHERE document_id = @from AND corrected = 1 AND source_key IS NOT NULL)`,
  ).run(p);
  db.prepare('UPDATE quotes SET document_id = @to WHERE document_id = @from AND (corrected = 1 OR source_key IS NULL OR source_key NOT IN (SELECT source_key FROM quotes WHERE document_id = @to AND source_key IS NOT NULL))').run(p);
  if (from.import_sha256 && to.import_sha256 && from.import_sha256 !== to.import_sha256) {
    db.prepare(
      `INSERT OR IGNORE INTO quote_corrections (import_sha256, source_key, speaker, role, organisation, text, updated_at)
       SELECT ?, source_key, speaker, role, organisation, text, updated_at FROM quote_corrections WHERE import_sha256 = ?`,
    ).run(to.import_sha256, from.import_sha256);
  }
  // Links in both directions (no self-links), agenda entries, tags, people, organisations.
  db.prepare("INSERT OR IGNORE INTO links (source_id, target_id, kind, quote_id, created_at) SELECT @to, target_id, kind, quote_id, created_at FROM links WHERE source_id = @from AND target_id <> @to").run(p);
  db.prepare("INSERT OR IGNORE INTO links (source_id, target_id, kind, quote_id, created_at) SELECT source_id, @to, kind, quote_id, created_at FROM links WHERE target_id = @from AND source_id <> @to").run(p);
  db.prepare('INSERT OR IGNORE INTO agenda_item_documents (agenda_item_id, document_id, position) SELECT agenda_item_id, @to, position FROM agenda_item_documents WHERE document_id = @from').run(p);
  db.prepare('INSERT OR IGNORE INTO document_tags (document_id, tag_id) SELECT @to, tag_id FROM document_tags WHERE document_id = @from').run(p);
  db.prepare('INSERT OR IGNORE INTO document_people (document_id, person_id, relation) SELECT @to, person_id, relation FROM document_people WHERE document_id = @from').run(p);
  db.prepare('INSERT OR IGNORE INTO document_organisations (document_id, organisation_id, relation) SELECT @to, organisation_id, relation FROM document_organisations WHERE document_id = @from').run(p);
  db.prepare('UPDATE versions SET document_id = @to WHERE document_id = @from').run(p);
  const original = db.prepare('SELECT original_sha256 FROM documents WHERE id = ?').pluck().get(from.id) as string | null;
  db.prepare('DELETE FROM documents WHERE id = ?').run(from.id);
  if (original) db.prepare('DELETE FROM originals WHERE sha256 = ? AND NOT EXISTS (SELECT 1 FROM documents WHERE original_sha256 = ?)').run(original, original);
}
