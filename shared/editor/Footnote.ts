import { mergeAttributes, Node } from '@tiptap/core';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    footnote: {
      /** Inserts a footnote with the given text at the selection. */
      insertFootnote: (text: string) => ReturnType;
    };
  }
}

/**
 * A footnote: an inline atom holding its own text. The editor numbers footnotes in order of
 * appearance (CSS counter and the list under the draft); exports render them at the end.
 */
export const Footnote = Node.create({
  name: 'footnote',
  group: 'inline',
  inline: true,
  atom: true,
  selectable: true,

  addAttributes() {
    return {
      text: {
        default: '',
        parseHTML: (el: { getAttribute(n: string): string | null }) => el.getAttribute('data-footnote') ?? '',
        renderHTML: (attrs: Record<string, unknown>) => ({ 'data-footnote': String(attrs.text ?? '') }),
      },
    };
  },

  parseHTML() {
    return [{ tag: 'sup[data-footnote]' }];
  },

  renderHTML({ HTMLAttributes }) {
    return ['sup', mergeAttributes({ class: 'qw-footnote' }, HTMLAttributes)];
  },

  renderText({ node }) {
    return ` [Fußnote: ${String(node.attrs.text ?? '')}]`;
  },

  addCommands() {
    return {
      insertFootnote:
        (text) =>
        ({ commands }) =>
          commands.insertContent({ type: this.name, attrs: { text } }),
    };
  },
});
