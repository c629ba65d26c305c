import type { Migration } from '../migrate';

/**
 * Issue 15: the trash, pinned and recently opened documents.
 * - `trashed_at`: a deleted document waits here for 30 days (restorable); emptying the trash or
 *   the expiry removes it with the deletion of issue 7 (DocumentStore#delete), nothing else.
 *   Lists, counts and the search see only documents with `trashed_at IS NULL`.
 * - `pinned_at`, `opened_at`: sections of the library view. Neither changes `updated_at`, so the
 *   search index does not see them as edits.
 */
export const migration0007: Migration = {
  version: 7,
  name: 'trash_pins_recent',
  up: (db) => {
    // Tolerant of columns already there (a test rewinds user_version of a current library).
    const has = new Set((db.prepare('PRAGMA table_info(documents)').all() as { name: string }[]).map((c) => c.name));
    for (const col of ['trashed_at', 'pinned_at', 'opened_at']) {
      if (!has.has(col)) db.exec(`ALTER TABLE documents ADD COLUMN ${col} TEXT`);
    }
    db.exec(`
      CREATE INDEX IF NOT EXISTS documents_trashed ON documents(trashed_at) WHERE trashed_at IS NOT NULL;
      CREATE INDEX IF NOT EXISTS documents_pinned ON documents(pinned_at) WHERE pinned_at IS NOT NULL;
      CREATE INDEX IF NOT EXISTS documents_opened ON documents(opened_at) WHERE opened_at IS NOT NULL;
      -- Counts of the live library (count(*) of the list) from a small index instead of the table.
      CREATE INDEX IF NOT EXISTS documents_live_kind ON documents(kind) WHERE trashed_at IS NULL;
    `);
  },
};
