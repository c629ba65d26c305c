/**
 * Sort key for German titles (DIN 5007-1, "dictionary" order): umlauts sort with their base
 * letter, ß as "ss", case and leading quotes/punctuation ignored. Used by the store and the UI.
 */
export function germanSortKey(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/ß/g, 'ss')
    .replace(/ẞ/g, 'SS')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/^[^\p{L}\p{N}]+/u, '')
    .replace(/\s+/g, ' ')
    .trim();
}
