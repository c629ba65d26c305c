import type { Migration } from '../migrate';

/**
 * Schema v1: the whole domain of ARCHITECTURE §4. Shipped migrations are never edited
 * (house rule 7): a change is a new numbered file.
 */
export const migration0001: Migration = {
  version: 1,
  name: 'initial',
  up: (db) => {
    db.exec(`
      CREATE TABLE originals (
        sha256       TEXT PRIMARY KEY CHECK (length(sha256) = 64),
        file_name    TEXT,
        media_type   TEXT,
        size         INTEGER NOT NULL,
        bytes        BLOB NOT NULL,
        imported_at  TEXT NOT NULL
      );

      CREATE TABLE documents (
        id              TEXT PRIMARY KEY,
        kind            TEXT NOT NULL CHECK (kind IN ('leitbild','press_release','speech','statement','protocol','note')),
        title           TEXT NOT NULL,
        sort_title      TEXT NOT NULL,
        date            TEXT,
        source          TEXT,
        source_url      TEXT,
        place           TEXT,
        publisher       TEXT,
        language        TEXT NOT NULL DEFAULT 'de',
        status          TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','final','archived')),
        external_id     TEXT,
        collection      TEXT,
        content_json    TEXT,
        body_text       TEXT NOT NULL DEFAULT '',
        body_html       TEXT,
        original_sha256 TEXT REFERENCES originals(sha256) ON DELETE SET NULL,
        created_at      TEXT NOT NULL,
        updated_at      TEXT NOT NULL
      );
      -- The list sorts undated documents last in both directions: one index per direction.
      CREATE INDEX documents_date_asc ON documents((date IS NULL), date, sort_title, id);
      CREATE INDEX documents_date_desc ON documents((date IS NULL), date DESC, sort_title, id);
      CREATE INDEX documents_sort_title ON documents(sort_title, id);
      CREATE INDEX documents_kind_asc ON documents(kind, (date IS NULL), date DESC, sort_title, id);
      CREATE INDEX documents_kind_desc ON documents(kind DESC, (date IS NULL), date DESC, sort_title, id);
      CREATE INDEX documents_updated ON documents(updated_at);
      CREATE INDEX documents_original ON documents(original_sha256);
      CREATE INDEX documents_external ON documents(collection, external_id);

      CREATE TABLE people (
        id              TEXT PRIMARY KEY,
        name            TEXT NOT NULL,
        normalized_name TEXT NOT NULL UNIQUE,
        honorific       TEXT,
        created_at      TEXT NOT NULL
      );

      CREATE TABLE organisations (
        id              TEXT PRIMARY KEY,
        name            TEXT NOT NULL,
        normalized_name TEXT NOT NULL UNIQUE,
        kind            TEXT,
        created_at      TEXT NOT NULL
      );

      CREATE TABLE roles (
        id              TEXT PRIMARY KEY,
        person_id       TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        organisation_id TEXT REFERENCES organisations(id) ON DELETE SET NULL,
        title           TEXT NOT NULL,
        valid_from      TEXT,
        valid_to        TEXT
      );
      CREATE INDEX roles_person ON roles(person_id);

      CREATE TABLE document_people (
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        person_id   TEXT NOT NULL REFERENCES people(id) ON DELETE CASCADE,
        relation    TEXT NOT NULL DEFAULT 'mentioned',
        PRIMARY KEY (document_id, person_id, relation)
      );
      CREATE INDEX document_people_person ON document_people(person_id);

      CREATE TABLE document_organisations (
        document_id     TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        organisation_id TEXT NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
        relation        TEXT NOT NULL DEFAULT 'mentioned',
        PRIMARY KEY (document_id, organisation_id, relation)
      );

      CREATE TABLE quotes (
        id              TEXT PRIMARY KEY,
        document_id     TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        person_id       TEXT REFERENCES people(id) ON DELETE SET NULL,
        organisation_id TEXT REFERENCES organisations(id) ON DELETE SET NULL,
        role            TEXT,
        text            TEXT NOT NULL,
        position        INTEGER NOT NULL DEFAULT 0,
        said_on         TEXT,
        corrected       INTEGER NOT NULL DEFAULT 0,
        created_at      TEXT NOT NULL
      );
      CREATE INDEX quotes_document ON quotes(document_id, position);
      CREATE INDEX quotes_person ON quotes(person_id, said_on);

      CREATE TABLE tags (
        id   INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE
      );
      CREATE TABLE document_tags (
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        tag_id      INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
        PRIMARY KEY (document_id, tag_id)
      );
      CREATE INDEX document_tags_tag ON document_tags(tag_id);

      CREATE TABLE links (
        source_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        target_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        kind      TEXT NOT NULL DEFAULT 'cites',
        quote_id  TEXT REFERENCES quotes(id) ON DELETE SET NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (source_id, target_id, kind)
      );
      CREATE INDEX links_target ON links(target_id);

      CREATE TABLE versions (
        id           TEXT PRIMARY KEY,
        document_id  TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        name         TEXT NOT NULL,
        ydoc_state   BLOB,
        content_json TEXT,
        created_at   TEXT NOT NULL,
        created_by   TEXT
      );
      CREATE INDEX versions_document ON versions(document_id, created_at);

      CREATE TABLE yjs_updates (
        seq         INTEGER PRIMARY KEY AUTOINCREMENT,
        document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        update_data BLOB NOT NULL,
        created_at  TEXT NOT NULL
      );
      CREATE INDEX yjs_updates_document ON yjs_updates(document_id, seq);

      CREATE TABLE committee_sessions (
        id         TEXT PRIMARY KEY,
        title      TEXT NOT NULL,
        committee  TEXT,
        date       TEXT,
        place      TEXT,
        status     TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','final')),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE agenda_items (
        id          TEXT PRIMARY KEY,
        session_id  TEXT NOT NULL REFERENCES committee_sessions(id) ON DELETE CASCADE,
        position    INTEGER NOT NULL,
        title       TEXT NOT NULL,
        description TEXT
      );
      CREATE INDEX agenda_items_session ON agenda_items(session_id, position);

      CREATE TABLE agenda_item_documents (
        agenda_item_id TEXT NOT NULL REFERENCES agenda_items(id) ON DELETE CASCADE,
        document_id    TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        position       INTEGER NOT NULL,
        PRIMARY KEY (agenda_item_id, document_id)
      );

      CREATE TABLE dossiers (
        id         TEXT PRIMARY KEY,
        session_id TEXT REFERENCES committee_sessions(id) ON DELETE CASCADE,
        manifest   TEXT NOT NULL,
        created_at TEXT NOT NULL
      );

      CREATE TABLE search_segments (
        id               INTEGER PRIMARY KEY AUTOINCREMENT,
        level            TEXT NOT NULL CHECK (level IN ('base','delta')),
        pipeline_version INTEGER NOT NULL,
        doc_count        INTEGER NOT NULL,
        data             BLOB NOT NULL,
        created_at       TEXT NOT NULL
      );
      CREATE TABLE search_tombstones (
        segment_id  INTEGER NOT NULL REFERENCES search_segments(id) ON DELETE CASCADE,
        document_id TEXT NOT NULL,
        PRIMARY KEY (segment_id, document_id)
      );

      CREATE TABLE settings (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
    `);
  },
};
