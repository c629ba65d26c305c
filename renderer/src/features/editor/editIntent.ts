/**
 * "Open this document in the editor": set by the Leitbilder list right after creating a draft,
 * read once by the document view. In memory only — a reload simply shows the reading view.
 */
let pending: string | null = null;

export function requestEditOnOpen(id: string): void {
  pending = id;
}

export function consumeEditIntent(id: string): boolean {
  if (pending !== id) return false;
  pending = null;
  return true;
}
