import { mergeAttributes, Node } from '@tiptap/core';

/** What a citation shows and where it points: a statement or press document of the library. */
export interface CitationAttrs {
  documentId: string;
  kind: string;
  /** Who spoke (statement) or who published (press release); may be empty. */
  speaker: string;
  title: string;
  /** ISO date of the source, or empty. */
  date: string;
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

/** "Speaker: „Title“ (04.05.2026)" — German quotation marks and date, the same in every view. */
export function citationLabel(a: Partial<CitationAttrs>): string {
  const title = a.title ? `„${a.title}“` : '';
  const who = a.speaker ? `${a.speaker}: ` : '';
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(a.date ?? '');
  const when = iso ? ` (${iso[3]}.${iso[2]}.${iso[1]})` : a.date ? ` (${a.date})` : '';
  return `${who}${title}${when}`.trim() || 'Quelle';
}
