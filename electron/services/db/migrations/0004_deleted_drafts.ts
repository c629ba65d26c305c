import type { Migration } from '../migrate';

/**
 * Issue 7 §7: a draft deleted while the sync server could not be reached (offline, or on the
 * command line) must still reach the server's library index as deleted, after any restart, and
 * must never be adopted back from it. Only the ID stays: nothing of the draft's text or title.
 */
export const migration0004: Migration = {
  version: 4,
  name: 'deleted_drafts',
  up: (db) => {
    db.exec(`
      CREATE TABLE deleted_drafts (
        document_id TEXT PRIMARY KEY,
        deleted_at  TEXT NOT NULL
      ) WITHOUT ROWID;
    `);
  },
};
