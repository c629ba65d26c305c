import type { Migration } from '../migrate';

/**
 * Collaboration (issue: offline drafting): per draft, how many local changes the sync server has
 * not confirmed yet, so "nicht synchronisiert (n Änderungen)" survives a restart while offline.
 * The Yjs updates themselves live in `yjs_updates` (0001), named versions in `versions` (0001).
 */
export const migration0003: Migration = {
  version: 3,
  name: 'collab',
  up: (db) => {
    db.exec(`
      CREATE TABLE collab_state (
        document_id     TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        pending_changes INTEGER NOT NULL DEFAULT 0,
        synced_server   TEXT,
        last_synced_at  TEXT
      );
    `);
  },
};
