import { Mark, mergeAttributes } from '@tiptap/core';

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    comment: {
      /** Marks the selection as the passage of comment `commentId`. */
      setComment: (commentId: string) => ReturnType;
      /** Removes the passage mark of comment `commentId` wherever it is. */
      unsetComment: (commentId: string) => ReturnType;
    };
  }
}

/**
 * The passage a comment is about. The thread itself (text, author, open/resolved) lives in the
 * draft's Y.Doc map `comments`, so it syncs with the text; the mark only anchors it. Comments may
 * overlap (`excludes: ''`), and typing at a comment's edge does not extend it.
 */
export const CommentMark = Mark.create({
  name: 'comment',
  excludes: '',
  inclusive: false,

  addAttributes() {
    return {
      commentId: {
        default: '',
        parseHTML: (el: { getAttribute(n: string): string | null }) => el.getAttribute('data-comment-id') ?? '',
        renderHTML: (attrs: Record<string, unknown>) => ({ 'data-comment-id': String(attrs.commentId ?? '') }),
      },
    };
  },

  parseHTML() {
    return [{ tag: 'span[data-comment-id]' }];
  },

  renderHTML({ HTMLAttributes }) {
    return ['span', mergeAttributes({ class: 'qw-comment' }, HTMLAttributes), 0];
  },

  addCommands() {
    return {
      setComment:
        (commentId) =>
        ({ commands }) =>
          commands.setMark(this.name, { commentId }),
      unsetComment:
        (commentId) =>
        ({ tr, state, dispatch }) => {
          const type = state.schema.marks[this.name];
          if (!type) return false;
          state.doc.descendants((node, pos) => {
            for (const mark of node.marks) {
              if (mark.type === type && mark.attrs.commentId === commentId) {
                tr.removeMark(pos, pos + node.nodeSize, mark);
              }
            }
          });
          if (dispatch) dispatch(tr);
          return true;
        },
    };
  },
});
