/** Names a client may open on the sync server: one Yjs doc per draft plus the library index. */
export const LIBRARY_INDEX_DOC = 'qw-bibliothek';
export const DRAFT_ID = /^[A-Za-z0-9_-]{1,128}$/;
export const draftDocName = (id: string) => `draft:${id}`;
export const SYNC_DOC_NAME = /^(draft:[A-Za-z0-9_-]{1,128}|qw-bibliothek)$/;

/**
 * An entry of the library index doc (map `drafts`: draft id → entry). A deleted draft keeps only
 * `{ deleted: true }` — no title — so the index itself holds nothing of its text.
 */
export interface LibraryIndexEntry {
  title?: string;
  kind?: string;
  deleted?: boolean;
}
