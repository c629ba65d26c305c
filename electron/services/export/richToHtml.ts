import type { RichNode } from '../../../shared/domain/document';
import { documentTree, type TreeSource } from '../../../shared/export/documentTree';
import { inlineText, treeFromTiptap, type ExportBlock, type ExportInline, type ExportTree } from '../../../shared/export/exportTree';
import { escapeHtml } from './html';
import { hyphenateGerman } from './hyphenate';

export interface HeadingRef {
  /** Level in the document's tree (1 = first level below its title). */
  level: number;
  text: string;
  /** Element id, unique in the output; the TOC links to it and finds its page through it. */
  id: string;
}

export interface RichHtmlOptions {
  /** Insert German soft hyphens into running text (print only; the PDF post-pass keeps them out of the text layer). */
  hyphenate?: boolean;
  /** Tree level 1 becomes `h(1 + offset)`; capped at h6. */
  headingOffset?: number;
  /** Prefix of heading ids, unique per document in a dossier. */
  idPrefix?: string;
  /** Collects the headings in document order. */
  headings?: HeadingRef[];
  /** Print the target after a link whose text does not show it (paper has no links). */
  printUrls?: boolean;
}

/** The export tree of a library document (tiptap JSON, imported HTML or plain text). */
export function treeOf(doc: TreeSource): ExportTree {
  return documentTree(doc);
}

/**
 * Export tree → HTML, element by element from a fixed list. Text is always escaped, so nothing
 * from a document reaches the output as markup. The tree's nesting is bounded (MAX_TREE_DEPTH),
 * so the recursion here is too.
 */
export function treeToHtml(tree: ExportTree, options: RichHtmlOptions = {}): string {
  const offset = options.headingOffset ?? 0;
  const prefix = options.idPrefix ?? 'h';
  const hyph = options.hyphenate ?? false;
  let headingCount = 0;
  const seenNotes = new Set<number>();

  const text = (s: string, h: boolean) => escapeHtml(h ? hyphenateGerman(s) : s);

  const inline = (items: readonly ExportInline[], h: boolean): string =>
    items
      .map((i) => {
        switch (i.type) {
          case 'break':
            return '<br>';
          case 'citation':
            return `<cite class="citation">${text(i.label, false)}</cite>`;
          case 'footnoteRef': {
            // A footnote referenced twice links back from its first reference only (ids stay unique).
            const first = !seenNotes.has(i.n);
            seenNotes.add(i.n);
            return `<sup class="fn-ref"><a href="#${prefix}-fn-${i.n}"${first ? ` id="${prefix}-fnref-${i.n}"` : ''} title="Fußnote ${i.n}">${i.n}</a></sup>`;
          }
          case 'text': {
            const m = i.marks;
            let out = m.code ? `<code>${escapeHtml(i.text)}</code>` : text(i.text, h && !m.href);
            if (m.bold) out = `<strong>${out}</strong>`;
            if (m.italic) out = `<em>${out}</em>`;
            if (m.underline) out = `<u>${out}</u>`;
            if (m.strike) out = `<s>${out}</s>`;
            if (m.sub) out = `<sub>${out}</sub>`;
            if (m.sup) out = `<sup>${out}</sup>`;
            if (m.href) {
              out = `<a href="${escapeHtml(m.href)}" rel="noopener noreferrer">${out}</a>`;
              const shown = m.href.replace(/^(https?:\/\/|mailto:)/, '').replace(/\/$/, '');
              if (options.printUrls && !i.text.includes(shown)) out += `<span class="url"> (${escapeHtml(shown)})</span>`;
            }
            return out;
          }
        }
      })
      .join('');

  const blocks = (list: readonly ExportBlock[], h: boolean): string => list.map((b) => block(b, h)).join('');

  const block = (b: ExportBlock, h: boolean): string => {
    switch (b.type) {
      case 'paragraph':
        return `<p>${inline(b.content, h)}</p>`;
      case 'heading': {
        const tag = `h${Math.min(b.level + offset, 6)}`;
        const id = `${prefix}-${++headingCount}`;
        options.headings?.push({ level: b.level, text: inlineText(b.content).replace(/\s+/g, ' ').trim(), id });
        // Headings are never hyphenated: they are short, and the TOC and bookmarks quote them.
        return `<${tag} id="${id}" class="hl${b.level}">${inline(b.content, false)}</${tag}>`;
      }
      case 'list': {
        const items = b.items.map((it) => `<li>${blocks(it, h)}</li>`).join('');
        if (!b.ordered) return `<ul>${items}</ul>`;
        return `<ol${b.start !== 1 ? ` start="${b.start}"` : ''}>${items}</ol>`;
      }
      case 'quote': {
        const source = b.source ? `<p class="quote-source">${escapeHtml(b.source)}</p>` : '';
        return `<blockquote class="quote">${blocks(b.content, h)}${source}</blockquote>`;
      }
      case 'rule':
        return '<hr>';
      case 'code':
        return `<pre><code>${escapeHtml(b.text)}</code></pre>`;
      case 'table': {
        const rows = b.rows;
        const isHead = (r: (typeof rows)[number]) => r.cells.length > 0 && r.cells.every((c) => c.header);
        const headRows = rows.length > 1 && isHead(rows[0]!) ? [rows[0]!] : [];
        const render = (rs: typeof rows) =>
          rs
            .map(
              (r) =>
                `<tr>${r.cells
                  .map((c) => {
                    const tag = c.header ? 'th' : 'td';
                    const scope = c.header && headRows.includes(r) ? ' scope="col"' : '';
                    const cs = c.colspan > 1 ? ` colspan="${c.colspan}"` : '';
                    const rs2 = c.rowspan > 1 ? ` rowspan="${c.rowspan}"` : '';
                    // A cell with one paragraph holds its text directly (no empty P per cell in the PDF's tags).
                    const only = c.content.length === 1 && c.content[0]!.type === 'paragraph' ? inline(c.content[0]!.content, false) : blocks(c.content, false);
                    return `<${tag}${scope}${cs}${rs2}>${only}</${tag}>`;
                  })
                  .join('')}</tr>`,
            )
            .join('');
        const thead = headRows.length ? `<thead>${render(headRows)}</thead>` : '';
        return `<table>${thead}<tbody>${render(rows.slice(headRows.length))}</tbody></table>`;
      }
    }
  };

  const body = blocks(tree.blocks, hyph);
  if (tree.footnotes.length === 0) return body;
  const notes = tree.footnotes
    // Paper has no way back: the back-link is for the screen (HTML export) only.
    .map((f, i) => `<li id="${prefix}-fn-${i + 1}">${inline(f, hyph)}${options.printUrls ? '' : ` <a class="fn-back" href="#${prefix}-fnref-${i + 1}" title="Zurück zum Text">↑</a>`}</li>`)
    .join('');
  return `${body}<section class="footnotes" aria-label="Fußnoten"><ol>${notes}</ol></section>`;
}

/** tiptap JSON → HTML through the export tree (kept for callers that hold content without a document). */
export function richToHtml(doc: RichNode | null | undefined, options: RichHtmlOptions = {}): string {
  return doc ? treeToHtml(treeFromTiptap(doc), options) : '';
}
