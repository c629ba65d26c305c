/** Names a client may open on the sync server: one Yjs doc per draft plus the library index. */
export const LIBRARY_INDEX_DOC = 'qw-bibliothek';
export const draftDocName = (id: string) => `draft:${id}`;
export const SYNC_DOC_NAME = /^(draft:[A-Za-z0-9_-]{1,128}|qw-bibliothek)$/;
