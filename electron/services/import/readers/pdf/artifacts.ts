/**
 * Page artifacts (issue 18 §2): running headers and footers — lines repeated at the same place on
 * several pages, digits normalised so „Seite 3“ and „Seite 4“ are one line — and page-number lines
 * („7“, „- 7 -“, „Seite 7 von 12“, „S. 7“) in the page's top or bottom margin band. Rotated text is
 * set aside earlier (geometry.ts).
 */
import type { Block, Line } from './layout';

export interface PageLayout {
  width: number;
  height: number;
  blocks: Block[];
}

/** Share of the page height at the top and at the bottom where headers and footers live. */
const MARGIN_BAND = 0.14;

const PAGE_NUMBER = /^[-–—]?\s*(?:(?:seite|page|s\.)\s*)?\d{1,4}\s*(?:(?:von|of|\/|aus)\s*\d{1,4})?\s*[-–—]?$/iu;

export const isPageNumberLine = (text: string) => PAGE_NUMBER.test(text.trim());

const key = (text: string) => text.toLowerCase().replace(/\d+/gu, '#').replace(/\s+/gu, ' ').trim();

function inBand(line: Line, page: PageLayout): boolean {
  return line.bottom <= page.height * MARGIN_BAND || line.top >= page.height * (1 - MARGIN_BAND);
}

/** The same pages' layouts without artifact lines (blocks left empty are dropped); counts of what went. */
export function removeArtifacts(pages: PageLayout[]): { pages: PageLayout[]; removed: { repeated: number; pageNumbers: number } } {
  // Where each normalised margin line occurs: its pages and baselines.
  const seen = new Map<string, { page: number; base: number }[]>();
  pages.forEach((p, n) => {
    for (const b of p.blocks)
      for (const l of b.lines) {
        if (!inBand(l, p)) continue;
        const k = key(l.text);
        const list = seen.get(k) ?? [];
        list.push({ page: n, base: l.base });
        seen.set(k, list);
      }
  });
  const repeated = (l: Line): boolean => {
    const list = seen.get(key(l.text));
    if (!list) return false;
    const near = new Set(list.filter((o) => Math.abs(o.base - l.base) <= 3).map((o) => o.page));
    return near.size >= 2 && near.size >= Math.min(3, Math.ceil(pages.length * 0.3));
  };
  const removed = { repeated: 0, pageNumbers: 0 };
  const out = pages.map((p) => ({
    ...p,
    blocks: p.blocks
      .map((b) => ({
        ...b,
        lines: b.lines.filter((l) => {
          if (!inBand(l, p)) return true;
          if (isPageNumberLine(l.text)) {
            removed.pageNumbers++;
            return false;
          }
          if (pages.length > 1 && repeated(l)) {
            removed.repeated++;
            return false;
          }
          return true;
        }),
      }))
      .filter((b) => b.lines.length > 0),
  }));
  return { pages: out, removed };
}
