import type { RichNode } from '../domain/document';

const heading = (level: number, text: string): RichNode => ({ type: 'heading', attrs: { level }, content: [{ type: 'text', text }] });
const para = (text: string): RichNode => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const bullets = (items: string[]): RichNode => ({
  type: 'bulletList',
  content: items.map((text) => ({ type: 'listItem', content: [para(text)] })),
});
const cell = (type: 'tableHeader' | 'tableCell', text: string): RichNode => ({
  type,
  content: [text ? para(text) : { type: 'paragraph' }],
});

/**
 * The Leitbild template: Präambel, Leitziele, Handlungsfelder, Maßnahmen, Indikatoren — the
 * usual structure of a neighbourhood development guideline, with prompts to be replaced.
 */
export function leitbildTemplate(title: string): RichNode {
  return {
    type: 'doc',
    content: [
      heading(1, title),
      heading(2, 'Präambel'),
      para('Wofür steht das Quartier, und warum gibt es dieses Leitbild? Wer hat es erarbeitet, mit wem?'),
      heading(2, 'Leitziele'),
      bullets(['Leitziel 1: …', 'Leitziel 2: …', 'Leitziel 3: …']),
      heading(2, 'Handlungsfelder'),
      bullets(['Wohnen und Wohnumfeld', 'Nachbarschaft und Teilhabe', 'Bildung, Arbeit und Soziales']),
      heading(2, 'Maßnahmen'),
      {
        type: 'table',
        content: [
          { type: 'tableRow', content: [cell('tableHeader', 'Maßnahme'), cell('tableHeader', 'Handlungsfeld'), cell('tableHeader', 'Zuständig'), cell('tableHeader', 'Zeitraum')] },
          { type: 'tableRow', content: [cell('tableCell', ''), cell('tableCell', ''), cell('tableCell', ''), cell('tableCell', '')] },
        ],
      },
      heading(2, 'Indikatoren'),
      para('Woran erkennen wir, dass die Leitziele erreicht werden? Kennzahl, Ausgangswert, Zielwert, Quelle.'),
    ],
  };
}

/** An empty draft: one empty paragraph (ProseMirror needs a block to put the caret in). */
export function emptyDraft(): RichNode {
  return { type: 'doc', content: [{ type: 'paragraph' }] };
}

/**
 * Issue 15: the template's first heading (H1) carries the draft's title. It follows a renamed
 * title as long as it still reads like the old title (nobody wrote their own heading there);
 * both are compared with their spaces trimmed. `null`: leave the heading alone.
 */
export function followingHeading(headingText: string, oldTitle: string, newTitle: string): string | null {
  const next = newTitle.trim();
  if (!next || headingText.trim() !== oldTitle.trim()) return null;
  return next === headingText.trim() ? null : next;
}
