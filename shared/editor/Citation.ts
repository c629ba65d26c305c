import { mergeAttributes, Node } from '@tiptap/core';

/** What a citation shows and where it points: a statement or press document of the library. */
export interface CitationAttrs {
  documentId: string;
  kind: string;
  /** Who spoke (a quote) or who published (a whole document); may be empty. */
  speaker: string;
  /** Title of the source document. */
  title: string;
  /** ISO date of the source, or empty. */
  date: string;
  /** A cited quote: its id in the statement register and its wording (empty for a whole document). */
  quoteId?: string;
  quote?: string;
  /** The speaker's role and organisation when the quote was made (may be empty). */
  role?: string;
  organisation?: string;
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    citation: {
      /** Inserts a citation of a library document at the selection. */
      insertCitation: (attrs: CitationAttrs) => ReturnType;
    };
  }
}

/** A string attribute kept as `data-…` in HTML. */
const str = (attr: keyof CitationAttrs, data: string) => ({
  default: '',
  parseHTML: (el: { getAttribute(n: string): string | null }) => el.getAttribute(`data-${data}`) ?? '',
  renderHTML: (attrs: Record<string, unknown>) => ({ [`data-${data}`]: String(attrs[attr] ?? '') }),
});

/**
 * A citation: an inline atom that points to a statement or press document of the library. The
 * label is kept on the node (speaker, title, date) so the draft reads well even where the source
 * is missing (another library, a colleague's copy); `documentId` opens the source.
 */
export const Citation = Node.create({
  name: 'citation',
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,
  draggable: false,

  addAttributes() {
    return {
      documentId: str('documentId', 'document-id'),
      kind: str('kind', 'kind'),
      speaker: str('speaker', 'speaker'),
      title: str('title', 'title'),
      date: str('date', 'date'),
      quoteId: str('quoteId', 'quote-id'),
      quote: str('quote', 'quote'),
      role: str('role', 'role'),
      organisation: str('organisation', 'organisation'),
    };
  },

  parseHTML() {
    return [{ tag: 'cite[data-document-id]' }];
  },

  renderHTML({ node, HTMLAttributes }) {
    return ['cite', mergeAttributes({ class: 'qw-citation' }, HTMLAttributes), citationLabel(node.attrs as CitationAttrs)];
  },

  renderText({ node }) {
    return `[${citationLabel(node.attrs as CitationAttrs)}]`;
  },

  addCommands() {
    return {
      insertCitation:
        (attrs) =>
        ({ commands }) =>
          commands.insertContent({ type: this.name, attrs }),
    };
  },
});

/**
 * The label of a citation, the same in the editor, the read view, every export and the dossier:
 *   a quote:     "Heike Hofmann (Sozialministerin, Hessisches Ministerium …): „Wortlaut“ – „Titel“ (04.05.2026)"
 *   a document:  "Publisher: „Title“ (04.05.2026)"
 * German quotation marks and date format.
 */
export function citationLabel(attrs: Partial<Record<keyof CitationAttrs, unknown>>): string {
  const a = (k: keyof CitationAttrs) => (typeof attrs[k] === 'string' ? (attrs[k] as string).trim() : '');
  const title = a('title') ? `„${a('title')}“` : '';
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(a('date'));
  const when = iso ? ` (${iso[3]}.${iso[2]}.${iso[1]})` : a('date') ? ` (${a('date')})` : '';
  if (a('quote')) {
    const office = [a('role'), a('organisation')].filter(Boolean).join(', ');
    const who = a('speaker') ? `${a('speaker')}${office ? ` (${office})` : ''}: ` : '';
    return `${who}„${a('quote')}“${title ? ` – ${title}` : ''}${when}`;
  }
  const who = a('speaker') ? `${a('speaker')}: ` : '';
  return `${who}${title}${when}`.trim() || 'Quelle';
}
