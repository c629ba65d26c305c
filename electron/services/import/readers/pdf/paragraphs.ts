/**
 * Blocks in reading order → paragraphs. Inside a block a paragraph ends at a wider line gap, a
 * change of font size, a first-line indent, or (in justified text) a short line that ends a
 * sentence. Across a column or page break a paragraph goes on when its last line is full and the
 * next block starts in the same size; a footnote block at the page's foot waits until the paragraph
 * it interrupts is complete. Line-end hyphens are undone where a word was broken („Kennt-“ +
 * „nisse“), kept where a compound goes on („Nord-“ + „Süd“) or a conjunction follows
 * („Bund-“ + „und Länder“). Issue 18 §2.
 */
import type { PageLayout } from './artifacts';
import { dominantSize, median } from './geometry';
import type { Block, Line } from './layout';

export interface Paragraph {
  text: string;
  /** Font size of most of its characters. */
  size: number;
  /** 1-based page where it starts, and its top there. */
  page: number;
  top: number;
}

const CONJUNCTION = /^(und|oder|bzw\.?|sowie|als|wie|bis)\b/u;
const TERMINAL = /[.!?:…"“”»«)]$/u;

/** Appends a line to a paragraph's text, undoing a line-end hyphen that broke a word. */
export function joinLine(acc: string, next: string): string {
  if (acc === '') return next;
  if (/\p{L}\u00AD$/u.test(acc)) return acc.slice(0, -1) + next;
  if (/\p{L}[-‐]$/u.test(acc)) {
    if (CONJUNCTION.test(next)) return `${acc} ${next}`; // „Bürger- und Jugendhäuser“
    if (/^\p{Ll}/u.test(next)) return acc.slice(0, -1) + next; // „Kennt-“ + „nisse“
    return acc + next; // „Nord-“ + „Süd-Verbindung“
  }
  return `${acc} ${next}`;
}

interface Open {
  text: string;
  size: number;
  page: number;
  top: number;
  last: Line;
  block: Block;
}

const isFull = (l: Line, b: Block) => b.x1 - l.x1 <= Math.max(2, 0.04 * (b.x1 - b.x0));

function justified(b: Block): boolean {
  if (b.lines.length < 3) return false;
  return b.lines.filter((l) => isFull(l, b)).length >= 0.6 * b.lines.length;
}

/** Typical baseline distance of a block's lines of one size. */
function pitch(b: Block): number {
  const d: number[] = [];
  for (let i = 1; i < b.lines.length; i++) {
    const a = b.lines[i - 1]!;
    const c = b.lines[i]!;
    if (Math.abs(a.size - c.size) < 0.75 && c.base > a.base) d.push(c.base - a.base);
  }
  return d.length > 0 ? median(d) : (b.lines[0]?.size ?? 10) * 1.25;
}

function breaksBefore(b: Block, i: number, p: number, just: boolean): boolean {
  const prev = b.lines[i - 1]!;
  const cur = b.lines[i]!;
  const d = cur.base - prev.base;
  if (d <= 0 || d > p * 1.3 + 0.5) return true;
  if (Math.abs(cur.size - prev.size) > 0.9) return true;
  const em = cur.size;
  const indented = cur.x0 - b.x0 >= 0.8 * em && prev.x0 - b.x0 < 0.5 * em && b.lines.length > 2;
  if (indented && (isFull(prev, b) || TERMINAL.test(prev.text))) return true;
  if (just && TERMINAL.test(prev.text) && b.x1 - prev.x1 > 0.25 * (b.x1 - b.x0)) return true;
  return false;
}

/** Does the open paragraph go on in this block (a column or page break inside a paragraph)? */
function continues(open: Open, b: Block): boolean {
  const first = b.lines[0]!;
  if (Math.abs(first.size - open.size) > 0.9) return false;
  const l = open.last;
  if (/\p{L}[-‐\u00AD]$/u.test(l.text)) return true;
  const width = open.block.lines.length >= 2 ? open.block.x1 - open.block.x0 : b.x1 - b.x0;
  const reach = (l.x1 - open.block.x0) / Math.max(1, width);
  if (first.x0 - b.x0 >= 0.8 * first.size && b.lines.length > 1) return false; // the next block opens with an indent
  // A line that starts in lower case goes on a sentence (German nouns are capitalised, not verbs).
  if (/^\p{Ll}/u.test(first.text) && !TERMINAL.test(l.text)) return true;
  if (open.block.lines.length >= 2 && justified(open.block)) return reach >= 0.96;
  return !TERMINAL.test(l.text) && reach >= 0.5;
}

const isFootnoteBlock = (b: Block, page: PageLayout, bodySize: number, last: boolean) =>
  last && b.lines.every((l) => l.size <= bodySize * 0.88) && b.top >= page.height * 0.5;

/**
 * The page's last block with its footnotes as a block of their own: smaller lines at its foot, in
 * the lower half of the page (a one-column page has no gutter to cut them off).
 */
function splitFootnotes(page: PageLayout, bodySize: number): Block[] {
  const last = page.blocks[page.blocks.length - 1];
  if (!last || last.lines.length < 2) return page.blocks;
  let k = last.lines.length;
  while (k > 0 && last.lines[k - 1]!.size <= bodySize * 0.88 && last.lines[k - 1]!.top >= page.height * 0.5) k--;
  if (k === last.lines.length || k === 0) return page.blocks;
  const box = (lines: Line[]): Block => ({
    lines,
    x0: Math.min(...lines.map((l) => l.x0)),
    x1: Math.max(...lines.map((l) => l.x1)),
    top: Math.min(...lines.map((l) => l.top)),
    bottom: Math.max(...lines.map((l) => l.bottom)),
  });
  return [...page.blocks.slice(0, -1), box(last.lines.slice(0, k)), box(last.lines.slice(k))];
}

export function toParagraphs(pages: PageLayout[]): Paragraph[] {
  const bodySize = dominantSize(pages.flatMap((p) => p.blocks.flatMap((b) => b.lines.flatMap((l) => l.tokens))));
  const out: Paragraph[] = [];
  const deferred: Paragraph[] = [];
  let open: Open | null = null;
  const close = () => {
    if (open) out.push({ text: open.text, size: open.size, page: open.page, top: open.top });
    open = null;
    out.push(...deferred.splice(0));
  };
  pages.forEach((page, n) => {
    splitFootnotes(page, bodySize).forEach((b, bi, blocks) => {
      if (open && isFootnoteBlock(b, page, bodySize, bi === blocks.length - 1)) {
        // Set aside until the paragraph it interrupts ends.
        const r = blockParagraphs(b, n, null);
        deferred.push(...r.done, ...(r.open ? [{ text: r.open.text, size: r.open.size, page: r.open.page, top: r.open.top }] : []));
        return;
      }
      const carry = open && continues(open, b) ? open : null;
      if (!carry) close();
      const r = blockParagraphs(b, n, carry);
      if (r.done.length > 0) {
        out.push(r.done[0]!);
        out.push(...deferred.splice(0));
        out.push(...r.done.slice(1));
      }
      open = r.open;
    });
  });
  close();
  return out.filter((p) => p.text.trim() !== '');
}

/** One block's paragraphs: the finished ones, and the last, which may go on in the next block. */
function blockParagraphs(b: Block, page: number, carry: Open | null): { done: Paragraph[]; open: Open | null; continued: boolean } {
  const done: Paragraph[] = [];
  const p = pitch(b);
  const just = justified(b);
  let cur: Open | null = carry ? { ...carry, block: b } : null;
  const continued = carry !== null;
  b.lines.forEach((line, i) => {
    const brk = i === 0 ? cur === null : breaksBefore(b, i, p, just);
    if (brk || !cur) {
      if (cur) done.push({ text: cur.text, size: cur.size, page: cur.page, top: cur.top });
      cur = { text: line.text, size: line.size, page: page + 1, top: line.top, last: line, block: b };
    } else {
      cur.text = joinLine(cur.text, line.text);
      cur.last = line;
      cur.block = b;
    }
  });
  return { done, open: cur, continued };
}
