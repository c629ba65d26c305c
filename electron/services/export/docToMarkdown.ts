import type { LibraryDocument } from '../../../shared/domain/document';
import type { ExportBlock, ExportInline, ExportTree } from '../../../shared/export/exportTree';
import { KIND_LABELS, STATUS_LABELS } from './model';
import { treeOf } from './richToHtml';

/**
 * Text as CommonMark (spec 0.31) reads it literally. Every ASCII punctuation character that can
 * start inline syntax gets a backslash, which CommonMark always allows; "<" and "&" too, so text
 * never becomes raw HTML or an entity.
 */
export function escapeMdInline(text: string): string {
  // SECURITY: "<" is escaped, so text can never become raw HTML in a Markdown renderer.
  return text.replace(/([\\`*_[\]{}<>#|~])/g, '\\$1').replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&');
}

/**
 * Block syntax exists only at the start of a line: an ordered-list marker "12." / "12)" is escaped
 * after its digits (`12\. März 2024`, CommonMark §5.2: the backslash before the digits would stay
 * visible), bullet markers and setext/thematic-break lines by a backslash in front.
 */
export function escapeMdLineStarts(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      line
        .replace(/^(\s{0,3})(\d{1,9})([.)])(?=\s|$)/, '$1$2\\$3')
        .replace(/^(\s{0,3})([-+])(?=\s|$)/, '$1\\$2')
        .replace(/^(\s{0,3})([=-][=\-\s]*)$/, '$1\\$2'),
    )
    .join('\n');
}

/** A code span whose fence is longer than any backtick run inside it (CommonMark §6.1). */
function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = text.startsWith('`') || text.endsWith('`') || (text.startsWith(' ') && text.endsWith(' ') && text.trim()) ? ' ' : '';
  return `${fence}${pad}${text.replace(/\n/g, ' ')}${pad}${fence}`;
}

/** A fenced code block: backticks, one more than the longest backtick run, and never tildes, so no line inside can close it. */
function codeBlock(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return `${fence}\n${text}\n${fence}`;
}

/** A link destination: `(`, `)` and `\` backslash-escaped (CommonMark §6.3), spaces and `<>` percent-encoded. */
function linkDestination(href: string): string {
  return href.replace(/[\\()]/g, '\\$&').replace(/[\s<>]/g, (c) => encodeURIComponent(c));
}

function inline(items: readonly ExportInline[], breaks = true): string {
  return items
    .map((i) => {
      switch (i.type) {
        case 'break':
          return breaks ? '\\\n' : ' ';
        case 'citation':
          return `\\[${escapeMdInline(i.label)}\\]`;
        case 'footnoteRef':
          return `[^${i.n}]`;
        case 'text': {
          const m = i.marks;
          if (m.code) return m.href ? `[${codeSpan(i.text)}](${linkDestination(m.href)})` : codeSpan(i.text);
          let s = escapeMdInline(i.text);
          if (!s.trim()) return s;
          // Emphasis delimiters must touch the text: surrounding spaces stay outside.
          const lead = /^\s*/.exec(s)![0];
          const trail = /\s*$/.exec(s)![0];
          s = s.trim();
          if (m.bold) s = `**${s}**`;
          if (m.italic) s = `*${s}*`;
          if (m.strike) s = `~~${s}~~`;
          if (m.href) s = `[${s}](${linkDestination(m.href)})`;
          return `${lead}${s}${trail}`;
        }
      }
    })
    .join('');
}

function paragraph(items: readonly ExportInline[]): string {
  return escapeMdLineStarts(inline(items).replace(/^\s+/, ''));
}

function blocks(list: readonly ExportBlock[]): string {
  return list.map(block).filter((s) => s.length > 0).join('\n\n');
}

function indent(text: string, pad: string): string {
  return text
    .split('\n')
    .map((l, i) => (i === 0 || l === '' ? l : `${pad}${l}`))
    .join('\n');
}

function tableCell(content: readonly ExportBlock[]): string {
  return content
    .map((b) => (b.type === 'paragraph' || b.type === 'heading' ? inline(b.content, false) : b.type === 'code' ? codeSpan(b.text) : blocksInline(b)))
    .join(' ')
    .replace(/\n/g, ' ')
    .trim();
}

function blocksInline(b: ExportBlock): string {
  if (b.type === 'list') return b.items.map(tableCell).join('; ');
  if (b.type === 'quote') return tableCell(b.content);
  return '';
}

/** The tree's nesting is bounded (MAX_TREE_DEPTH), so this recursion is too. */
function block(b: ExportBlock): string {
  switch (b.type) {
    case 'paragraph':
      return paragraph(b.content);
    case 'heading':
      // The document title is the only level-1 heading: tree level 1 is "##".
      return `${'#'.repeat(Math.min(b.level + 1, 6))} ${inline(b.content, false).trim()}`;
    case 'list':
      return b.items
        .map((item, i) => {
          const marker = b.ordered ? `${b.start + i}.` : '-';
          const body = blocks(item);
          return body ? `${marker} ${indent(body, ' '.repeat(marker.length + 1))}` : marker;
        })
        .join(b.items.some((it) => it.length > 1) ? '\n\n' : '\n');
    case 'quote': {
      const inner = blocks(b.content) + (b.source ? `\n\n— ${escapeMdInline(b.source)}` : '');
      return inner
        .split('\n')
        .map((l) => (l ? `> ${l}` : '>'))
        .join('\n');
    }
    case 'code':
      return codeBlock(b.text);
    case 'rule':
      return '---';
    case 'table': {
      const rows = b.rows.map((r) => r.cells.flatMap((c) => [tableCell(c.content), ...Array.from({ length: c.colspan - 1 }, () => '')]));
      if (rows.length === 0) return '';
      const width = Math.max(1, ...rows.map((r) => r.length));
      const line = (cells: string[]) => `| ${Array.from({ length: width }, (_, i) => cells[i] ?? '').join(' | ')} |`;
      return [line(rows[0]!), `|${' --- |'.repeat(width)}`, ...rows.slice(1).map(line)].join('\n');
    }
  }
}

export function treeToMarkdown(tree: ExportTree): { body: string; notes: string } {
  const body = blocks(tree.blocks);
  const notes = tree.footnotes.map((f, i) => `[^${i + 1}]: ${inline(f, false).trim()}`).join('\n');
  return { body, notes };
}

/** Markdown of one document: title, a line of metadata, the content from the export tree. */
export function docToMarkdown(doc: LibraryDocument): string {
  const meta = [KIND_LABELS[doc.kind], doc.date, doc.publisher ?? doc.source, doc.place, STATUS_LABELS[doc.status]]
    .filter((v): v is string => !!v)
    .map(escapeMdInline)
    .join(' · ');
  const { body, notes } = treeToMarkdown(treeOf(doc));
  // Joined by blank lines only between parts: a code block's own blank lines stay as they are.
  return `${[`# ${escapeMdInline(doc.title)}`, meta ? `*${meta}*` : '', body, notes].filter((p) => p.length > 0).join('\n\n')}\n`;
}
