import type { RichNode } from '../../../shared/domain/document';
import { citationLabel as sharedCitationLabel } from '../../../shared/editor/Citation';

/**
 * Inline atoms of the editor schema (shared/editor): a citation of a library document and a
 * footnote. Citation labels are the editor's own (shared/editor/Citation.ts), so every export
 * names the same speaker, role, organisation, source and date; footnotes are numbered in order
 * of appearance and printed at the end of their document.
 */
export function citationLabel(attrs: Record<string, unknown> | undefined): string {
  return sharedCitationLabel(attrs ?? {});
}

export function footnoteText(node: RichNode): string {
  return typeof node.attrs?.text === 'string' ? node.attrs.text : '';
}
