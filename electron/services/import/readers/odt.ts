import { JSDOM } from 'jsdom';
import { AppError } from '../../../../shared/errors';
import { sanitizedContent } from './html';
import type { ReadResult, ReaderLimits } from './types';
import { checkZipSafety, readZipDirectory, readZipEntry } from './zipInspect';

/**
 * OpenDocument text (.odt, LibreOffice's default; ODF 1.2/1.3 §5 text content) from its own XML:
 * `content.xml` after the ZIP checks (no bombs), turned into the same sanitized HTML the DOCX
 * reader gives — headings by outline level, lists (numbered where the list style numbers),
 * tables, footnotes and endnotes as numbered notes at the end — and the title from `meta.xml`.
 */
const NS = {
  text: 'urn:oasis:names:tc:opendocument:xmlns:text:1.0',
  table: 'urn:oasis:names:tc:opendocument:xmlns:table:1.0',
  office: 'urn:oasis:names:tc:opendocument:xmlns:office:1.0',
  style: 'urn:oasis:names:tc:opendocument:xmlns:style:1.0',
  xlink: 'http://www.w3.org/1999/xlink',
};

/** Largest number of XML elements converted (a counted limit, issue 17 §3). */
const MAX_NODES = 2_000_000;
/** Largest content.xml parsed (bytes, uncompressed). */
const MAX_CONTENT_BYTES = 64_000_000;

const esc = (s: string) => s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;');

interface Ctx {
  /** Automatic style name → its parent (named) style, to see „Title“ and „Heading“ behind P1, P2 … */
  parents: Map<string, string>;
  numberedLists: Set<string>;
  notes: string[];
  nodes: number;
}

function styleOf(el: Element, ctx: Ctx): string {
  const name = el.getAttributeNS(NS.text, 'style-name') ?? '';
  return ctx.parents.get(name) ?? name;
}

function inline(node: Node, ctx: Ctx): string {
  if (++ctx.nodes > MAX_NODES) throw new AppError('TOO_LARGE', `Das ODT-Dokument hat mehr als ${MAX_NODES.toLocaleString('de-DE')} Elemente.`);
  if (node.nodeType === 3) return esc(node.textContent ?? '');
  if (node.nodeType !== 1) return '';
  const el = node as Element;
  if (el.namespaceURI === NS.text) {
    switch (el.localName) {
      case 's':
        return ' '.repeat(Math.min(100, Number(el.getAttributeNS(NS.text, 'c') ?? '1') || 1));
      case 'tab':
        return '\t';
      case 'line-break':
        return '<br>';
      case 'note': {
        const body = Array.from(el.childNodes).find((c) => (c as Element).localName === 'note-body');
        ctx.notes.push(body ? cellContent(body as Element, ctx) : '');
        return `<sup>[${ctx.notes.length}]</sup>`;
      }
      case 'a': {
        const href = el.getAttributeNS(NS.xlink, 'href') ?? '';
        return `<a href="${esc(href)}">${children(el, ctx, inline)}</a>`;
      }
      case 'bookmark':
      case 'bookmark-start':
      case 'bookmark-end':
      case 'reference-mark':
      case 'soft-page-break':
        return '';
    }
  }
  // Frames, drawings, annotations (comments) and change tracking are not the text.
  if (/^(annotation|tracked-changes|frame|custom-shape|image)$/u.test(el.localName)) return '';
  return children(el, ctx, inline);
}

function children(el: Node, ctx: Ctx, f: (n: Node, c: Ctx) => string): string {
  let out = '';
  for (const c of Array.from(el.childNodes)) out += f(c, ctx);
  return out;
}

function blocks(node: Node, ctx: Ctx): string {
  if (++ctx.nodes > MAX_NODES) throw new AppError('TOO_LARGE', `Das ODT-Dokument hat mehr als ${MAX_NODES.toLocaleString('de-DE')} Elemente.`);
  if (node.nodeType !== 1) return '';
  const el = node as Element;
  const name = el.localName;
  if (el.namespaceURI === NS.text) {
    if (name === 'h') {
      const level = Math.min(6, Math.max(1, Number(el.getAttributeNS(NS.text, 'outline-level') ?? '1') || 1));
      return `<h${level}>${children(el, ctx, inline)}</h${level}>`;
    }
    if (name === 'p') {
      const style = styleOf(el, ctx);
      const tag = /^title$/iu.test(style) ? 'h1' : /^subtitle$/iu.test(style) ? 'h2' : 'p';
      return `<${tag}>${children(el, ctx, inline)}</${tag}>`;
    }
    if (name === 'list') {
      const style = el.getAttributeNS(NS.text, 'style-name') ?? '';
      const tag = ctx.numberedLists.has(style) ? 'ol' : 'ul';
      return `<${tag}>${children(el, ctx, blocks)}</${tag}>`;
    }
    if (name === 'list-item' || name === 'list-header') return `<li>${cellContent(el, ctx)}</li>`;
    if (name === 'section' || name === 'index-body') return children(el, ctx, blocks);
    if (/^(table-of-content|alphabetical-index|illustration-index|bibliography)$/u.test(name)) {
      const body = Array.from(el.childNodes).find((c) => (c as Element).localName === 'index-body');
      return body ? children(body, ctx, blocks) : '';
    }
    if (/^(tracked-changes|sequence-decls|variable-decls|user-field-decls)$/u.test(name)) return '';
  }
  if (el.namespaceURI === NS.table) {
    if (name === 'table') return `<table>${children(el, ctx, blocks)}</table>`;
    if (name === 'table-header-rows' || name === 'table-rows' || name === 'table-row-group') return children(el, ctx, blocks);
    if (name === 'table-row') return `<tr>${children(el, ctx, blocks)}</tr>`;
    if (name === 'table-cell') {
      const span = Number(el.getAttributeNS(NS.table, 'number-columns-spanned') ?? '1');
      return `<td${span > 1 ? ` colspan="${span}"` : ''}>${cellContent(el, ctx)}</td>`;
    }
    if (name === 'covered-table-cell' || name === 'table-columns' || name === 'table-column') return '';
  }
  return children(el, ctx, blocks);
}

/** A list item's or table cell's content: its paragraphs as lines (as DOCX gives them), nested lists and tables as blocks. */
function cellContent(el: Element, ctx: Ctx): string {
  const parts: string[] = [];
  for (const c of Array.from(el.childNodes)) {
    const e = c as Element;
    if (c.nodeType === 1 && e.namespaceURI === NS.text && e.localName === 'p') parts.push(children(e, ctx, inline));
    else parts.push(blocks(c, ctx));
  }
  return parts.filter(Boolean).join('<br>').replace(/<br>(<(?:ul|ol|table)>)/gu, '$1');
}

function parse(xml: string): Document {
  try {
    // SECURITY: XML mode, no scripts, no resources; entity expansion is limited by the parser.
    return new JSDOM(xml, { contentType: 'application/xml' }).window.document;
  } catch (err) {
    throw new AppError('INVALID_FILE', `Das ODT-Dokument ist beschädigt (content.xml ist kein gültiges XML): ${(err as Error).message}`);
  }
}

export function readOdt(bytes: Buffer, limits: ReaderLimits): ReadResult {
  const entries = readZipDirectory(bytes);
  const content = entries.find((e) => e.name === 'content.xml');
  const mimetype = entries.find((e) => e.name === 'mimetype');
  const type = mimetype ? readZipEntry(bytes, mimetype).toString('utf8').trim() : '';
  if (!content || (type && !/^application\/vnd\.oasis\.opendocument\.text(-template)?$/u.test(type))) {
    throw new AppError('INVALID_FILE', type ? `Die Datei ist ein OpenDocument, aber kein Textdokument (${type}).` : 'Die Datei ist ein ZIP-Archiv, aber kein ODT-Dokument (content.xml fehlt).');
  }
  checkZipSafety(bytes, entries, limits);
  // SECURITY: the XML is parsed into a DOM; a bound on its size keeps the parser's memory bounded (issue 17 §3).
  if (content.uncompressedSize > MAX_CONTENT_BYTES) {
    throw new AppError('TOO_LARGE', `Der Text des ODT-Dokuments ist entpackt ${Math.round(content.uncompressedSize / 1e6)} MB groß (höchstens ${MAX_CONTENT_BYTES / 1e6} MB). Bitte das Dokument aufteilen.`, { reason: 'too-large' });
  }
  const doc = parse(readZipEntry(bytes, content).toString('utf8'));
  const ctx: Ctx = { parents: new Map(), numberedLists: new Set(), notes: [], nodes: 0 };
  for (const s of Array.from(doc.getElementsByTagNameNS(NS.style, 'style'))) {
    const parent = s.getAttributeNS(NS.style, 'parent-style-name');
    if (parent) ctx.parents.set(s.getAttributeNS(NS.style, 'name') ?? '', parent);
  }
  for (const ls of Array.from(doc.getElementsByTagNameNS(NS.text, 'list-style'))) {
    const first = Array.from(ls.children)[0];
    if (first?.localName === 'list-level-style-number') ctx.numberedLists.add(ls.getAttributeNS(NS.style, 'name') ?? '');
  }
  const body = doc.getElementsByTagNameNS(NS.office, 'text')[0];
  if (!body) throw new AppError('INVALID_FILE', 'Das ODT-Dokument hat keinen Textteil (office:text fehlt).');
  let html = blocks(body, ctx);
  if (ctx.notes.length) html += `<hr><ol>${ctx.notes.map((n) => `<li>${n}</li>`).join('')}</ol>`;
  const meta = entries.find((e) => e.name === 'meta.xml');
  let infoTitle: string | null = null;
  if (meta) {
    const m = /<dc:title>([^<]*)<\/dc:title>/u.exec(readZipEntry(bytes, meta).toString('utf8'));
    infoTitle = m ? m[1]!.replace(/&lt;/gu, '<').replace(/&gt;/gu, '>').replace(/&quot;/gu, '"').replace(/&apos;/gu, "'").replace(/&amp;/gu, '&').trim() || null : null;
  }
  const { html: clean, text } = sanitizedContent(html);
  const h1 = /<h1[^>]*>(.*?)<\/h1>/su.exec(clean)?.[1]?.replace(/<[^>]+>/gu, '').replace(/&amp;/gu, '&').replace(/&lt;/gu, '<').replace(/&gt;/gu, '>').replace(/&quot;/gu, '"').replace(/\s+/gu, ' ').trim();
  return { text, html: clean, headline: h1 || null, infoTitle, mediaType: 'application/vnd.oasis.opendocument.text' };
}
