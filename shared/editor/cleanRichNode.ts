import type { RichNode } from '../domain/document';
import { hasScriptScheme, isSafeLinkHref } from './safeLink';

type Mark = NonNullable<RichNode['marks']>[number];

function cleanAttrs(attrs: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!attrs) return attrs;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(attrs)) {
    // SECURITY: event-handler attributes and script/data URLs have no place in stored content.
    if (/^on/i.test(key) || hasScriptScheme(value)) continue;
    out[key] = value;
  }
  return out;
}

function cleanMark(mark: Mark): Mark | null {
  if (mark.type === 'link' && !isSafeLinkHref(mark.attrs?.href)) return null; // keep the text, drop the link
  const attrs = cleanAttrs(mark.attrs);
  return attrs ? { ...mark, attrs } : { type: mark.type };
}

/**
 * SECURITY (issue 7, promise 3): tiptap JSON as stored by the library — link marks only with
 * http(s)/mailto targets (shared/editor/safeLink.ts), no `on*` attributes, no attribute value
 * with a script or data scheme. Applied by DocumentStore to whatever reaches it (IPC, CLI,
 * importers), so no `javascript:` link is ever stored, whoever renders it later.
 */
export function cleanRichNode(node: RichNode): RichNode {
  const out: RichNode = { type: node.type };
  const attrs = cleanAttrs(node.attrs);
  if (attrs) out.attrs = attrs;
  if (node.marks) out.marks = node.marks.map(cleanMark).filter((m): m is Mark => m !== null);
  if (node.text !== undefined) out.text = node.text;
  if (node.content) out.content = node.content.map(cleanRichNode);
  return out;
}
