import type { Migration } from '../migrate';

/**
 * Import (issue: import of press material):
 * - `documents.import_sha256`: SHA-256 of what a document was imported from (the file, or the
 *   record line of a JSONL file), so a second import of the same content is a duplicate;
 * - `quotes.source_key`: SHA-256 of the quote text as extracted, so a correction can find its
 *   quote again;
 * - `quote_corrections`: corrections by the user, keyed by both, applied again when the same
 *   original is imported once more (after the document was deleted).
 */
export const migration0002: Migration = {
  version: 2,
  name: 'import',
  up: (db) => {
    db.exec(`
      ALTER TABLE documents ADD COLUMN import_sha256 TEXT;
      CREATE INDEX documents_import ON documents(import_sha256);

      ALTER TABLE quotes ADD COLUMN source_key TEXT;

      CREATE TABLE quote_corrections (
        import_sha256 TEXT NOT NULL,
        source_key    TEXT NOT NULL,
        speaker       TEXT,
        role          TEXT,
        organisation  TEXT,
        text          TEXT,
        updated_at    TEXT NOT NULL,
        PRIMARY KEY (import_sha256, source_key)
      );

      CREATE INDEX roles_person_title ON roles(person_id, title);
      CREATE INDEX quotes_organisation ON quotes(organisation_id);
      CREATE INDEX document_organisations_org ON document_organisations(organisation_id);
    `);
  },
};
