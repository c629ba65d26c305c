import type { RichNode } from '../domain/document';
import { isSafeLinkHref } from '../editor/safeLink';
import { citationLabel as editorCitationLabel } from '../editor/Citation';

/**
 * The one document model of every output (issue 11): the read view, the PDFs (document, dossier,
 * Synopse), DOCX, Markdown and HTML all render from this tree, whether the document is a draft
 * (tiptap JSON), an import (sanitised HTML as stored) or plain text. A structure one output shows
 * and another drops is then a bug of one renderer, not of a second parser.
 *
 * Guarantees of a built tree, so renderers stay simple: block nesting is at most
 * `MAX_TREE_DEPTH` deep (deeper input is flattened, its text kept); heading levels start at 1
 * below the document's title and never skip a level; links are absolute http(s)/mailto only;
 * footnotes are numbered 1…n in order of their first reference.
 */
export interface InlineMarks {
  bold?: true;
  italic?: true;
  underline?: true;
  strike?: true;
  code?: true;
  sub?: true;
  sup?: true;
  /** Absolute http(s) or mailto target (checked with the one link rule, shared/editor/safeLink). */
  href?: string;
}

export type ExportInline =
  | { type: 'text'; text: string; marks: InlineMarks }
  | { type: 'break' }
  /** Reference to `tree.footnotes[n - 1]`. */
  | { type: 'footnoteRef'; n: number }
  | { type: 'citation'; label: string };

export interface ExportCell {
  header: boolean;
  colspan: number;
  rowspan: number;
  content: ExportBlock[];
}

export interface ExportRow {
  cells: ExportCell[];
}

export type ExportBlock =
  /** `level` 1 = first level below the document title (rendered as h2 in a standalone file). */
  | { type: 'heading'; level: number; content: ExportInline[] }
  | { type: 'paragraph'; content: ExportInline[] }
  | { type: 'list'; ordered: boolean; start: number; items: ExportBlock[][] }
  | { type: 'table'; rows: ExportRow[] }
  | { type: 'quote'; content: ExportBlock[]; source: string | null }
  | { type: 'code'; text: string }
  | { type: 'rule' };

export interface ExportTree {
  blocks: ExportBlock[];
  /** Footnote n is `footnotes[n - 1]`. */
  footnotes: ExportInline[][];
}

/** Nesting of blocks (lists in lists, quotes in cells…) beyond this is flattened into its parent. */
export const MAX_TREE_DEPTH = 32;

export function safeLinkTarget(value: unknown): string | null {
  if (!isSafeLinkHref(value)) return null;
  try {
    return new (globalThis as unknown as { URL: new (s: string) => { href: string } }).URL(value.trim()).href;
  } catch {
    return null;
  }
}

/**
 * The label of a citation in every output: the editor's own (shared/editor/Citation.ts), so the
 * read view, every export and the dossier name the same speaker, role, organisation, source and date.
 */
export function citationLabel(attrs: Record<string, unknown> | undefined): string {
  return editorCitationLabel(attrs ?? {});
}

/** Plain text of inline content (footnote numbers as "[n]", citations by label). */
export function inlineText(content: readonly ExportInline[]): string {
  let out = '';
  for (const i of content) {
    if (i.type === 'text') out += i.text;
    else if (i.type === 'break') out += '\n';
    else if (i.type === 'citation') out += i.label;
    else out += `[${i.n}]`;
  }
  return out;
}

/** Plain text of blocks, iteratively: paragraphs separated by blank lines, cells by tabs. */
export function blocksText(blocks: readonly ExportBlock[]): string {
  const parts: string[] = [];
  const stack: ExportBlock[] = [...blocks].reverse();
  while (stack.length) {
    const b = stack.pop()!;
    switch (b.type) {
      case 'heading':
      case 'paragraph':
        parts.push(inlineText(b.content));
        break;
      case 'code':
        parts.push(b.text);
        break;
      case 'rule':
        break;
      case 'quote':
        stack.push(...[...b.content].reverse());
        break;
      case 'list':
        for (let i = b.items.length - 1; i >= 0; i--) stack.push(...[...b.items[i]!].reverse());
        break;
      case 'table':
        for (let r = b.rows.length - 1; r >= 0; r--) {
          stack.push({ type: 'paragraph', content: [{ type: 'text', text: b.rows[r]!.cells.map((c) => blocksText(c.content).replace(/\s+/g, ' ').trim()).join('\t'), marks: {} }] });
        }
        break;
    }
  }
  return parts.filter((p) => p.length > 0).join('\n\n');
}

// ---- tiptap JSON → tree ------------------------------------------------------------------------

function clampLevel(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) ? Math.min(Math.max(value, 1), 6) : 1;
}

function spanOf(value: unknown): number {
  return typeof value === 'number' && Number.isInteger(value) && value > 1 && value < 1000 ? value : 1;
}

function tiptapMarks(node: RichNode): InlineMarks {
  const m: InlineMarks = {};
  for (const mark of node.marks ?? []) {
    switch (mark.type) {
      case 'bold':
        m.bold = true;
        break;
      case 'italic':
        m.italic = true;
        break;
      case 'underline':
        m.underline = true;
        break;
      case 'strike':
        m.strike = true;
        break;
      case 'code':
        m.code = true;
        break;
      case 'subscript':
        m.sub = true;
        break;
      case 'superscript':
        m.sup = true;
        break;
      case 'link': {
        // SECURITY: only absolute http(s)/mailto links; anything else keeps its text and loses the link.
        const href = safeLinkTarget(mark.attrs?.href);
        if (href) m.href = href;
        break;
      }
      default:
        break;
    }
  }
  return m;
}

/** Plain text of a tiptap subtree, iteratively (for nodes nested past the depth bound). */
function tiptapPlain(node: RichNode): string {
  let out = '';
  const stack: RichNode[] = [node];
  while (stack.length) {
    const n = stack.pop()!;
    if (n.type === 'text') out += n.text ?? '';
    else if (n.type === 'hardBreak') out += ' ';
    else {
      if (n.type === 'paragraph' || n.type === 'heading') out += ' ';
      const kids = n.content ?? [];
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
    }
  }
  return out.replace(/\s+/g, ' ').trim();
}

class TiptapMapper {
  readonly footnotes: ExportInline[][] = [];

  inline(nodes: RichNode[] | undefined): ExportInline[] {
    const out: ExportInline[] = [];
    // Inline content is flat in the editor schema; anything nested is read iteratively.
    const stack = [...(nodes ?? [])].reverse();
    while (stack.length) {
      const n = stack.pop()!;
      if (n.type === 'text') {
        if (n.text) out.push({ type: 'text', text: n.text, marks: tiptapMarks(n) });
      } else if (n.type === 'hardBreak') out.push({ type: 'break' });
      else if (n.type === 'citation') out.push({ type: 'citation', label: citationLabel(n.attrs) });
      else if (n.type === 'footnote') {
        const text = typeof n.attrs?.text === 'string' ? n.attrs.text : '';
        this.footnotes.push(text ? [{ type: 'text', text, marks: {} }] : []);
        out.push({ type: 'footnoteRef', n: this.footnotes.length });
      } else stack.push(...[...(n.content ?? [])].reverse());
    }
    return out;
  }

  blocks(nodes: RichNode[] | undefined, depth: number): ExportBlock[] {
    const out: ExportBlock[] = [];
    for (const node of nodes ?? []) out.push(...this.block(node, depth));
    return out;
  }

  block(node: RichNode, depth: number): ExportBlock[] {
    if (depth >= MAX_TREE_DEPTH) {
      const text = tiptapPlain(node);
      return text ? [{ type: 'paragraph', content: [{ type: 'text', text, marks: {} }] }] : [];
    }
    switch (node.type) {
      case 'paragraph':
        return [{ type: 'paragraph', content: this.inline(node.content) }];
      case 'heading':
        return [{ type: 'heading', level: clampLevel(node.attrs?.level), content: this.inline(node.content) }];
      case 'bulletList':
      case 'orderedList': {
        const start = node.attrs?.start;
        return [
          {
            type: 'list',
            ordered: node.type === 'orderedList',
            start: typeof start === 'number' && Number.isInteger(start) && start >= 0 ? start : 1,
            items: (node.content ?? []).map((li) => (li.type === 'listItem' ? this.blocks(li.content, depth + 1) : this.block(li, depth + 1))),
          },
        ];
      }
      case 'blockquote': {
        const source = [node.attrs?.cite, node.attrs?.source, node.attrs?.author].find((v): v is string => typeof v === 'string' && v.trim() !== '');
        return [{ type: 'quote', content: this.blocks(node.content, depth + 1), source: source?.trim() ?? null }];
      }
      case 'codeBlock':
        return [{ type: 'code', text: (node.content ?? []).map((c) => c.text ?? '').join('') }];
      case 'horizontalRule':
        return [{ type: 'rule' }];
      case 'table':
        return [
          {
            type: 'table',
            rows: (node.content ?? []).map((r) => ({
              cells: (r.content ?? []).map((c) => ({
                header: c.type === 'tableHeader',
                colspan: spanOf(c.attrs?.colspan),
                rowspan: spanOf(c.attrs?.rowspan),
                content: this.blocks(c.content, depth + 1),
              })),
            })),
          },
        ];
      case 'text':
      case 'hardBreak':
      case 'citation':
      case 'footnote':
        return [{ type: 'paragraph', content: this.inline([node]) }];
      default:
        // `doc` and nodes no output knows: their content, without the wrapper.
        return this.blocks(node.content, depth);
    }
  }
}

export function treeFromTiptap(doc: RichNode): ExportTree {
  const m = new TiptapMapper();
  const blocks = m.block(doc, 0);
  return { blocks, footnotes: m.footnotes };
}

// ---- plain text → tree --------------------------------------------------------------------------

/**
 * Plain text as paragraphs: blank lines separate paragraphs; a text without any blank line
 * (speeches of the corpus) has one paragraph per line.
 */
export function plainToBlocks(text: string): string[] {
  const normalized = text.replace(/\r\n?/g, '\n').trim();
  if (!normalized) return [];
  const blocks = normalized.split(/\n[ \t]*\n+/);
  const parts = blocks.length === 1 ? normalized.split('\n') : blocks;
  return parts.map((b) => b.trim()).filter((b) => b.length > 0);
}

export function treeFromPlain(text: string): ExportTree {
  return {
    blocks: plainToBlocks(text).map((b) => ({
      type: 'paragraph' as const,
      content: b.split('\n').flatMap((line, i): ExportInline[] => [...(i > 0 ? [{ type: 'break' as const }] : []), ...(line ? [{ type: 'text' as const, text: line, marks: {} }] : [])]),
    })),
    footnotes: [],
  };
}

// ---- normalisation ------------------------------------------------------------------------------

const fold = (s: string) => s.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('de');

/** Visits every block list of the tree in document order, iteratively. */
function eachBlockList(blocks: ExportBlock[], visit: (list: ExportBlock[]) => void): void {
  const stack: ExportBlock[][] = [blocks];
  while (stack.length) {
    const list = stack.pop()!;
    visit(list);
    const nested: ExportBlock[][] = [];
    for (const b of list) {
      if (b.type === 'quote') nested.push(b.content);
      else if (b.type === 'list') nested.push(...b.items);
      else if (b.type === 'table') for (const r of b.rows) for (const c of r.cells) nested.push(c.content);
    }
    for (let i = nested.length - 1; i >= 0; i--) stack.push(nested[i]!);
  }
}

/**
 * Heading levels without gaps (PDF/UA, WCAG 1.3.1): a heading is one level below the nearest
 * open heading of a lower source level, so h1 → h3 becomes 1 → 2, and the first heading is 1.
 * A first heading that repeats the document title is dropped (the title is printed above it).
 */
export function normaliseTree(tree: ExportTree, title: string | null): ExportTree {
  const blocks = [...tree.blocks];
  const first = blocks[0];
  if (title && first?.type === 'heading' && fold(inlineText(first.content)) === fold(title)) blocks.shift();
  const open: number[] = [];
  // Headings nested in lists, quotes or cells are rare; they are levelled after the top-level ones.
  const fix = (list: ExportBlock[]) => {
    for (let i = 0; i < list.length; i++) {
      const b = list[i]!;
      if (b.type !== 'heading') continue;
      while (open.length && open[open.length - 1]! >= b.level) open.pop();
      open.push(b.level);
      list[i] = { ...b, level: Math.min(open.length, 6) };
    }
  };
  eachBlockList(blocks, fix);
  // Empty paragraphs and headings carry nothing in any output.
  eachBlockList(blocks, (list) => {
    for (let i = list.length - 1; i >= 0; i--) {
      const b = list[i]!;
      if ((b.type === 'paragraph' || b.type === 'heading') && !b.content.some((c) => c.type !== 'text' || c.text.trim() !== '')) list.splice(i, 1);
    }
  });
  return { blocks, footnotes: tree.footnotes };
}
