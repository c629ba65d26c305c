import type { RichNode } from '../../../shared/domain/document';
import { richTextToPlain } from '../../../shared/text/richText';
import { escapeHtml, safeHref } from './html';
import { hyphenateGerman } from './hyphenate';
import { citationLabel, footnoteText } from './inlineAtoms';

/** Nesting deeper than this is not a real document; the rest is left out instead of overflowing the stack. */
const MAX_DEPTH = 64;

export interface HeadingRef {
  /** Level in the document (tiptap `attrs.level`, 1…6). */
  level: number;
  text: string;
  /** Element id, unique in the output; the TOC links to it and finds its page through it. */
  id: string;
}

export interface RichHtmlOptions {
  /** Insert German soft hyphens into running text (print only). */
  hyphenate?: boolean;
  /** Document level 1 becomes `h(1 + offset)`; capped at h6. */
  headingOffset?: number;
  /** Prefix of heading ids, unique per document in a dossier. */
  idPrefix?: string;
  /** Collects the headings in document order. */
  headings?: HeadingRef[];
  /** Print the target after a link whose text does not show it (paper has no links). */
  printUrls?: boolean;
}

export function headingLevel(node: RichNode): number {
  const l = node.attrs?.level;
  return typeof l === 'number' && Number.isInteger(l) ? Math.min(Math.max(l, 1), 6) : 1;
}

function span(value: unknown): string {
  return typeof value === 'number' && Number.isInteger(value) && value > 1 && value < 1000 ? String(value) : '';
}

/**
 * tiptap JSON → HTML, element by element from a fixed list. Text is always escaped and unknown
 * nodes keep only their content, so nothing from a document reaches the output as markup.
 */
export function richToHtml(doc: RichNode | null | undefined, options: RichHtmlOptions = {}): string {
  if (!doc) return '';
  const offset = options.headingOffset ?? 0;
  const prefix = options.idPrefix ?? 'h';
  let headingCount = 0;
  const footnotes: string[] = [];

  const text = (s: string, hyph: boolean) => escapeHtml(hyph ? hyphenateGerman(s) : s);

  const inline = (node: RichNode, hyph: boolean): string => {
    let out = text(node.text ?? '', hyph);
    for (const mark of node.marks ?? []) {
      switch (mark.type) {
        case 'bold':
          out = `<strong>${out}</strong>`;
          break;
        case 'italic':
          out = `<em>${out}</em>`;
          break;
        case 'underline':
          out = `<u>${out}</u>`;
          break;
        case 'strike':
          out = `<s>${out}</s>`;
          break;
        case 'code':
          out = `<code>${escapeHtml(node.text ?? '')}</code>`;
          break;
        case 'link': {
          // SECURITY: only absolute http(s)/mailto links; anything else keeps its text and loses the link.
          const href = safeHref(mark.attrs?.href);
          if (href) {
            out = `<a href="${escapeHtml(href)}" rel="noopener noreferrer">${out}</a>`;
            const shown = href.replace(/^(https?:\/\/|mailto:)/, '').replace(/\/$/, '');
            if (options.printUrls && !(node.text ?? '').includes(shown)) out += `<span class="url"> (${escapeHtml(shown)})</span>`;
          }
          break;
        }
        default:
          break;
      }
    }
    return out;
  };

  const walk = (node: RichNode, depth: number, hyph: boolean): string => {
    if (depth > MAX_DEPTH) return '';
    const kids = (h = hyph) => (node.content ?? []).map((c) => walk(c, depth + 1, h)).join('');
    switch (node.type) {
      case 'text':
        return inline(node, hyph);
      case 'hardBreak':
        return '<br>';
      case 'citation':
        return `<cite class="citation">${text(citationLabel(node.attrs), false)}</cite>`;
      case 'footnote': {
        footnotes.push(footnoteText(node));
        const n = footnotes.length;
        return `<sup class="fn-ref"><a href="#${prefix}-fn-${n}" id="${prefix}-fnref-${n}">${n}</a></sup>`;
      }
      case 'paragraph':
        return `<p>${kids()}</p>`;
      case 'heading': {
        const level = headingLevel(node);
        const tag = `h${Math.min(level + offset, 6)}`;
        const id = `${prefix}-${++headingCount}`;
        const plain = richTextToPlain({ type: 'doc', content: node.content ?? [] }).replace(/\s+/g, ' ').trim();
        options.headings?.push({ level, text: plain, id });
        // Headings are never hyphenated: they are short, and the TOC and bookmarks quote them.
        return `<${tag} id="${id}" class="hl${level}">${kids(false)}</${tag}>`;
      }
      case 'bulletList':
        return `<ul>${kids()}</ul>`;
      case 'orderedList': {
        const start = node.attrs?.start;
        const attr = typeof start === 'number' && Number.isInteger(start) && start !== 1 ? ` start="${start}"` : '';
        return `<ol${attr}>${kids()}</ol>`;
      }
      case 'listItem':
        return `<li>${kids()}</li>`;
      case 'blockquote': {
        const source = [node.attrs?.cite, node.attrs?.source, node.attrs?.author].find(
          (v): v is string => typeof v === 'string' && v.trim() !== '',
        );
        const caption = source ? `<figcaption>${escapeHtml(source.trim())}</figcaption>` : '';
        return `<figure class="quote"><blockquote>${kids()}</blockquote>${caption}</figure>`;
      }
      case 'horizontalRule':
        return '<hr>';
      case 'codeBlock':
        return `<pre><code>${escapeHtml(richTextToPlain(node))}</code></pre>`;
      case 'table': {
        const rows = node.content ?? [];
        const isHead = (r: RichNode) => (r.content ?? []).length > 0 && (r.content ?? []).every((c) => c.type === 'tableHeader');
        const headRows = rows.length > 1 && isHead(rows[0]!) ? [rows[0]!] : [];
        const bodyRows = rows.slice(headRows.length);
        const render = (rs: RichNode[]) => rs.map((r) => walk(r, depth + 1, false)).join('');
        const thead = headRows.length ? `<thead>${render(headRows)}</thead>` : '';
        return `<table>${thead}<tbody>${render(bodyRows)}</tbody></table>`;
      }
      case 'tableRow':
        return `<tr>${kids(false)}</tr>`;
      case 'tableHeader':
      case 'tableCell': {
        const tag = node.type === 'tableHeader' ? 'th' : 'td';
        const cs = span(node.attrs?.colspan);
        const rs = span(node.attrs?.rowspan);
        return `<${tag}${cs ? ` colspan="${cs}"` : ''}${rs ? ` rowspan="${rs}"` : ''}>${kids(false)}</${tag}>`;
      }
      default:
        // `doc` and nodes this writer does not know: their content, without the wrapper.
        return kids();
    }
  };
  const body = walk(doc, 0, options.hyphenate ?? false);
  if (footnotes.length === 0) return body;
  const notes = footnotes
    .map((f, i) => `<li id="${prefix}-fn-${i + 1}">${text(f, options.hyphenate ?? false)}</li>`)
    .join('');
  return `${body}<section class="footnotes" aria-label="Fußnoten"><ol>${notes}</ol></section>`;
}

/**
 * Plain text of imported documents as paragraphs: blank lines separate paragraphs; a text without
 * any blank line (speeches of the corpus) has one paragraph per line.
 */
export function plainToBlocks(text: string): string[] {
  const normalized = text.replace(/\r\n?/g, '\n').trim();
  if (!normalized) return [];
  const blocks = normalized.split(/\n[ \t]*\n+/);
  const parts = blocks.length === 1 ? normalized.split('\n') : blocks;
  return parts.map((b) => b.trim()).filter((b) => b.length > 0);
}

/** The document's content as tiptap JSON: its own, or built from the plain text of an imported one. */
export function contentOf(doc: { content: RichNode | null; bodyText: string }): RichNode {
  if (doc.content) return doc.content;
  return {
    type: 'doc',
    content: plainToBlocks(doc.bodyText).map((b) => ({
      type: 'paragraph',
      content: b.split('\n').flatMap((line, i) => [...(i > 0 ? [{ type: 'hardBreak' }] : []), ...(line ? [{ type: 'text', text: line }] : [])]),
    })),
  };
}
