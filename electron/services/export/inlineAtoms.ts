import type { RichNode } from '../../../shared/domain/document';

/**
 * Inline atoms of the editor schema (shared/editor): a citation of a library document and a
 * footnote. Labels match the editor's ("Speaker: „Title“ (04.05.2026)"); footnotes are numbered
 * in order of appearance and printed at the end of their document.
 */
export function citationLabel(attrs: Record<string, unknown> | undefined): string {
  const s = (k: string) => (typeof attrs?.[k] === 'string' ? (attrs[k] as string).trim() : '');
  const title = s('title') ? `„${s('title')}“` : '';
  const who = s('speaker') ? `${s('speaker')}: ` : '';
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s('date'));
  const when = iso ? ` (${iso[3]}.${iso[2]}.${iso[1]})` : s('date') ? ` (${s('date')})` : '';
  return `${who}${title}${when}`.trim() || 'Quelle';
}

export function footnoteText(node: RichNode): string {
  return typeof node.attrs?.text === 'string' ? node.attrs.text : '';
}
