/**
 * Headline and headings from font sizes, and whether the PDF's Info title is a real title
 * (issue 18 §3): the pipeline picks the document title from these.
 */
import type { Paragraph } from './paragraphs';

export interface PdfHeading {
  text: string;
  /** 1 = largest size in the document, 2 = the next, … */
  level: number;
  size: number;
  page: number;
}

/** Font size of most body characters (weighted by text length). */
export function bodySize(paras: readonly Paragraph[]): number {
  const w = new Map<number, number>();
  for (const p of paras) w.set(p.size, (w.get(p.size) ?? 0) + p.text.length);
  let best = 0;
  let bw = -1;
  for (const [s, n] of w) if (n > bw) [best, bw] = [s, n];
  return best;
}

/** Paragraphs clearly larger than the body text and short enough to be a heading. */
export function headings(paras: readonly Paragraph[]): PdfHeading[] {
  const body = bodySize(paras);
  const hs = paras.filter((p) => p.size >= body * 1.15 && p.text.length <= 250 && /\p{L}{2}/u.test(p.text));
  const sizes = [...new Set(hs.map((h) => h.size))].sort((a, b) => b - a);
  return hs.map((h) => ({ text: h.text, level: sizes.indexOf(h.size) + 1, size: h.size, page: h.page }));
}

/** The largest heading on the first page with text, in its upper part; null when none stands out. */
export function headline(paras: readonly Paragraph[], pageHeight: (page: number) => number): string | null {
  const body = bodySize(paras);
  const firstPage = paras[0]?.page;
  if (firstPage === undefined) return null;
  const candidates = paras.filter((p) => p.page === firstPage && p.size >= body * 1.25 && p.top <= pageHeight(firstPage) * 0.6 && p.text.length <= 250 && /\p{L}{3}/u.test(p.text));
  if (candidates.length === 0) return null;
  const max = Math.max(...candidates.map((c) => c.size));
  return candidates.find((c) => c.size === max)!.text;
}

const PLACEHOLDER = /^(untitled|unbenannt|ohne titel|titel|title|dokument\s*\d*|document\s*\d*|new document|neues dokument|präsentation\s*\d*|presentation\s*\d*|folie\s*\d*|slide\s*\d*|about:blank)$/iu;

/**
 * The Info title when it names the document: not empty, not a file name or path („Microsoft Word -
 * PM_final.docx“, „C:\\…“), not a URL, not a producer placeholder („Unbenannt“, „Dokument1“).
 */
export function realInfoTitle(raw: string | null | undefined): string | null {
  const t = (raw ?? '').replace(/\s+/gu, ' ').trim();
  if ([...t.matchAll(/\p{L}/gu)].length < 3) return null;
  if (PLACEHOLDER.test(t)) return null;
  if (/^(microsoft (word|powerpoint|excel)|powerpoint|word)\s*-\s/iu.test(t)) return null;
  if (/\.(pdf|docx?|odt|rtf|html?|txt|indd|qxp|pptx?|xlsx?|tex|dvi|ps)$/iu.test(t)) return null;
  if (/^[a-z]+:\/\//iu.test(t) || /^[a-z]:\\/iu.test(t) || /[\\/]/u.test(t) && !/\s/u.test(t)) return null;
  if (!/\s/u.test(t) && /[_]/u.test(t)) return null; // PM_2026_03_final
  return t;
}
