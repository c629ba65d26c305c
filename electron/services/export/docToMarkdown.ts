import type { LibraryDocument, RichNode } from '../../../shared/domain/document';
import { safeHref } from './html';
import { KIND_LABELS, STATUS_LABELS } from './model';
import { citationLabel, footnoteText } from './inlineAtoms';
import { contentOf, headingLevel } from './richToHtml';

const MAX_DEPTH = 64;

/** Characters that would start Markdown syntax are escaped; raw HTML from content never survives. */
function escapeMd(text: string): string {
  // SECURITY: "<" is escaped too, so text can never become raw HTML in a Markdown renderer.
  return text.replace(/([\\`*_[\]{}<>#|~])/g, '\\$1').replace(/^(\s*)([-+]|\d+[.)])(\s)/gm, '$1\\$2$3');
}

let footnotes: string[] = [];

function inline(nodes: RichNode[] | undefined): string {
  return (nodes ?? [])
    .map((n) => {
      if (n.type === 'hardBreak') return '  \n';
      if (n.type === 'citation') return `\\[${escapeMd(citationLabel(n.attrs))}\\]`;
      if (n.type === 'footnote') {
        footnotes.push(footnoteText(n));
        return `[^${footnotes.length}]`;
      }
      if (n.type !== 'text') return inline(n.content);
      const marks = n.marks ?? [];
      const has = (t: string) => marks.some((m) => m.type === t);
      const raw = n.text ?? '';
      if (has('code')) return `\`${raw.replace(/`/g, 'ˋ')}\``;
      let s = escapeMd(raw);
      if (!s.trim()) return s;
      if (has('bold')) s = `**${s}**`;
      if (has('italic')) s = `*${s}*`;
      if (has('strike')) s = `~~${s}~~`;
      const link = marks.find((m) => m.type === 'link');
      // SECURITY: only http(s)/mailto targets; parentheses are percent-encoded so the target cannot end early.
      const href = link ? safeHref(link.attrs?.href) : null;
      if (href) s = `[${s}](${href.replace(/[()\s]/g, (c) => encodeURIComponent(c))})`;
      return s;
    })
    .join('');
}

function block(node: RichNode, depth: number): string {
  if (depth > MAX_DEPTH) return '';
  const children = () => (node.content ?? []).map((c) => block(c, depth + 1)).filter((s) => s.length > 0);
  switch (node.type) {
    case 'paragraph':
      return inline(node.content);
    case 'heading':
      // The document title is the only level-1 heading: content headings start one below.
      return `${'#'.repeat(Math.min(headingLevel(node) + 1, 6))} ${inline(node.content)}`;
    case 'bulletList':
    case 'orderedList': {
      const start = typeof node.attrs?.start === 'number' ? node.attrs.start : 1;
      return (node.content ?? [])
        .map((li, i) => {
          const marker = node.type === 'bulletList' ? '-' : `${start + i}.`;
          const body = (li.content ?? []).map((c) => block(c, depth + 2)).join('\n\n');
          const pad = ' '.repeat(marker.length + 1);
          return `${marker} ${body.split('\n').join(`\n${pad}`)}`.replace(/\n\s+\n/g, '\n\n');
        })
        .join('\n');
    }
    case 'blockquote': {
      const inner = children().join('\n\n');
      const source = typeof node.attrs?.cite === 'string' ? `\n>\n> — ${escapeMd(node.attrs.cite)}` : '';
      return `${inner.split('\n').map((l) => (l ? `> ${l}` : '>')).join('\n')}${source}`;
    }
    case 'codeBlock': {
      const text = (node.content ?? []).map((c) => c.text ?? '').join('');
      const fence = text.includes('```') ? '~~~~' : '```';
      return `${fence}\n${text}\n${fence}`;
    }
    case 'horizontalRule':
      return '---';
    case 'table': {
      const rows = (node.content ?? []).map((r) =>
        (r.content ?? []).map((c) => (c.content ?? []).map((p) => inline(p.content)).join(' ').replace(/\n/g, ' ').trim()),
      );
      if (rows.length === 0) return '';
      const width = Math.max(...rows.map((r) => r.length));
      const line = (cells: string[]) => `| ${Array.from({ length: width }, (_, i) => cells[i] ?? '').join(' | ')} |`;
      return [line(rows[0]!), `|${' --- |'.repeat(width)}`, ...rows.slice(1).map(line)].join('\n');
    }
    default:
      return children().join('\n\n');
  }
}

/** Markdown of one document: title, a line of metadata, the content from tiptap JSON (or the plain text). */
export function docToMarkdown(doc: LibraryDocument): string {
  const meta = [KIND_LABELS[doc.kind], doc.date, doc.publisher ?? doc.source, doc.place, STATUS_LABELS[doc.status]]
    .filter((v): v is string => !!v)
    .map(escapeMd)
    .join(' · ');
  footnotes = [];
  const body = block(contentOf(doc), 0);
  const notes = footnotes.map((f, i) => `[^${i + 1}]: ${escapeMd(f)}`).join('\n');
  return `# ${escapeMd(doc.title)}\n\n*${meta}*\n\n${body}\n${notes ? `\n${notes}\n` : ''}`.replace(/\n{3,}/g, '\n\n');
}
