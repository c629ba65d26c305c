import type { RichNode } from '../domain/document';

/** Nodes whose children are blocks: their children are separated by blank lines. */
const CONTAINERS = new Set(['doc', 'blockquote', 'listItem', 'bulletList', 'orderedList', 'table', 'tableCell', 'tableHeader']);

/** Plain text of a tiptap JSON document: blocks separated by blank lines, hard breaks as newlines. */
export function richTextToPlain(doc: RichNode | null | undefined): string {
  if (!doc) return '';
  const parts: string[] = [];
  const walk = (node: RichNode): string => {
    if (node.type === 'text') return node.text ?? '';
    if (node.type === 'hardBreak') return '\n';
    const inner = (node.content ?? []).map(walk);
    if (node.type === 'tableRow') return inner.join('\t');
    if (CONTAINERS.has(node.type)) {
      return inner.filter((s) => s.length > 0).join('\n\n');
    }
    return inner.join('');
  };
  parts.push(walk(doc));
  return parts.join('').replace(/\n{3,}/g, '\n\n').trim();
}

/** Headings of a document in order, for outlines and tables of contents. */
export function richTextHeadings(doc: RichNode | null | undefined): { level: number; text: string }[] {
  const out: { level: number; text: string }[] = [];
  const walk = (node: RichNode) => {
    if (node.type === 'heading') {
      const level = typeof node.attrs?.level === 'number' ? node.attrs.level : 1;
      out.push({ level, text: richTextToPlain({ type: 'doc', content: node.content ?? [] }) });
      return;
    }
    for (const child of node.content ?? []) walk(child);
  };
  if (doc) walk(doc);
  return out;
}
