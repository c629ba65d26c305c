import type { RichNode } from '../domain/document';
import { richTextToPlain } from '../text/richText';
import { citationLabel, type CitationAttrs } from './Citation';

/**
 * Plain text of a draft for search, the CLI and the Synopse: like `richTextToPlain`, but
 * citations keep their label and footnotes their text, so both are findable.
 */
export function draftToPlain(doc: RichNode | null | undefined): string {
  if (!doc) return '';
  const expand = (node: RichNode): RichNode => {
    if (node.type === 'citation') return { type: 'text', text: `[${citationLabel((node.attrs ?? {}) as Partial<CitationAttrs>)}]` };
    if (node.type === 'footnote') return { type: 'text', text: ` [Fußnote: ${String(node.attrs?.text ?? '')}]` };
    return node.content ? { ...node, content: node.content.map(expand) } : node;
  };
  return richTextToPlain(expand(doc));
}

/** Title of a draft from its first heading, else its first line; null when it has no text. */
export function firstLine(doc: RichNode | null | undefined): string | null {
  const text = draftToPlain(doc).split('\n').find((l) => l.trim().length > 0);
  return text ? text.trim().slice(0, 200) : null;
}
