import { fold } from '../document/searchHighlight';

/**
 * [start, end) of every occurrence of `query` in `text`, ignoring case and umlaut spelling
 * (ä = ae, ß = ss), the same folding as the marks of a search hit. Non-overlapping, in order.
 */
export function findAll(text: string, query: string): [number, number][] {
  const needle = fold(query.trim()).folded;
  if (!needle || !text) return [];
  const { folded, map } = fold(text);
  const out: [number, number][] = [];
  let at = folded.indexOf(needle);
  while (at >= 0) {
    const start = map[at]!;
    const end = map[at + needle.length] ?? text.length;
    // A folded "ae" that began inside an "ä" of the text maps back to whole characters.
    if (end > start && (out.length === 0 || start >= out[out.length - 1]![1])) out.push([start, end]);
    at = folded.indexOf(needle, at + needle.length);
  }
  return out;
}

/** What a find bar drives: the read view (DOM ranges) or the editor (ProseMirror decorations). */
export interface FindTarget {
  /** Marks every match of `query`; returns their number. */
  find(query: string): number;
  /** Marks match `index` as the current one and scrolls it into view. */
  select(index: number): void;
  clear(): void;
}
