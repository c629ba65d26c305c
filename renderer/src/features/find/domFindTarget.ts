import { findAll, type FindTarget } from './findText';

const ALL = 'qw-find';
const CURRENT = 'qw-find-current';

/** The CSS Custom Highlight API (Chromium ≥ 105): marks ranges without touching React's DOM. */
function registry(): HighlightRegistry | null {
  return typeof CSS !== 'undefined' && 'highlights' in CSS ? CSS.highlights : null;
}

/**
 * Find in the read view: every text node under the root is searched; matches become ranges
 * painted through `::highlight(qw-find)`, the current one `::highlight(qw-find-current)`.
 * A match must lie within one text node (a word half bold is not found as one).
 */
export function domFindTarget(getRoot: () => HTMLElement | null): FindTarget {
  let ranges: Range[] = [];
  const clear = () => {
    ranges = [];
    registry()?.delete(ALL);
    registry()?.delete(CURRENT);
  };
  return {
    find(query) {
      clear();
      const root = getRoot();
      if (!root || !query.trim()) return 0;
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const [start, end] of findAll(node.nodeValue ?? '', query)) {
          const r = document.createRange();
          r.setStart(node, start);
          r.setEnd(node, end);
          ranges.push(r);
        }
      }
      if (ranges.length > 0) registry()?.set(ALL, new Highlight(...ranges));
      return ranges.length;
    },
    select(index) {
      const r = ranges[index];
      if (!r) return;
      registry()?.set(CURRENT, new Highlight(r));
      r.startContainer.parentElement?.scrollIntoView({ block: 'center' });
    },
    clear,
  };
}
