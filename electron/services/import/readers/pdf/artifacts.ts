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

/** A block's box around the lines it still has (a removed page number no longer widens it). */
function fitBlock(b: Block): Block {
  return {
    lines: b.lines,
    x0: Math.min(...b.lines.map((l) => l.x0)),
    x1: Math.max(...b.lines.map((l) => l.x1)),
    top: Math.min(...b.lines.map((l) => l.top)),
    bottom: Math.max(...b.lines.map((l) => l.bottom)),
  };
}

function inBand(line: Line, page: PageLayout): boolean {
  return line.bottom <= page.height * MARGIN_BAND || line.top >= page.height * (1 - MARGIN_BAND);
}

/**
 * A line's parts split at wide gaps: a header with a left and a right part („Dossier … Stand
 * 12.03.2026“) is one line on one page and two lines (one per column) on another.
 */
function segments(line: Line): string[] {
  const out: string[][] = [];
  let prevEnd = -Infinity;
  for (const t of line.tokens) {
    if (out.length === 0 || t.x0 - prevEnd > 2 * t.size) out.push([]);
    out[out.length - 1]!.push(t.text);
    prevEnd = t.x1;
  }
  return out.map((s) => s.join(' '));
}

/** The same pages' layouts without artifact lines (blocks left empty are dropped); counts of what went. */
export function removeArtifacts(pages: PageLayout[]): { pages: PageLayout[]; removed: { repeated: number; pageNumbers: number } } {
  // Where each normalised margin line (and each part of one) occurs: its pages and baselines.
  const seen = new Map<string, { page: number; base: number }[]>();
  const note = (text: string, page: number, base: number) => {
    const k = key(text);
    const list = seen.get(k) ?? [];
    list.push({ page, base });
    seen.set(k, list);
  };
  pages.forEach((p, n) => {
    for (const b of p.blocks)
      for (const l of b.lines) {
        if (!inBand(l, p)) continue;
        note(l.text, n, l.base);
        const parts = segments(l);
        if (parts.length > 1) for (const s of parts) note(s, n, l.base);
      }
  });
  const repeatedText = (text: string, base: number): boolean => {
    const list = seen.get(key(text));
    if (!list) return false;
    const near = new Set(list.filter((o) => Math.abs(o.base - base) <= 3).map((o) => o.page));
    return near.size >= 2 && near.size >= Math.min(3, Math.ceil(pages.length * 0.3));
  };
  const repeated = (l: Line) => repeatedText(l.text, l.base) || segments(l).every((s) => repeatedText(s, l.base));
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
      .filter((b) => b.lines.length > 0)
      .map(fitBlock),
  }));
  return { pages: out, removed };
}
