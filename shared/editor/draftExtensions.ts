import type { AnyExtension } from '@tiptap/core';
import { Table, TableCell, TableHeader, TableRow } from '@tiptap/extension-table';
import StarterKit from '@tiptap/starter-kit';
import { Citation } from './Citation';
import { CommentMark } from './CommentMark';
import { Footnote } from './Footnote';
import { isSafeLinkHref } from './safeLink';

/**
 * The draft schema (nodes and marks), written once (ARCHITECTURE §1, §6): main builds its
 * ProseMirror schema from this list with `getSchema` (seeding, plain text, Fassungen), the
 * renderer's editor uses the same list plus editor-only behaviour (collaboration, carets, node
 * views, placeholder). These packages are DOM-free at import time (checked: tests/unit/editor).
 *
 * History is Yjs' job: `undoRedo` is off (the Collaboration extension brings its own undo).
 */
export function draftExtensions(): AnyExtension[] {
  return [
    StarterKit.configure({
      undoRedo: false,
      heading: { levels: [1, 2, 3, 4] },
      codeBlock: false,
      code: false,
      link: {
        openOnClick: false,
        autolink: true,
        defaultProtocol: 'https',
        // SECURITY: only web and mail links; javascript:, file:, data: never become links.
        protocols: ['http', 'https', 'mailto'],
        isAllowedUri: (url) => isSafeLinkHref(url),
        HTMLAttributes: { rel: 'noopener noreferrer', target: '_blank' },
      },
    }),
    Table.configure({ resizable: false }),
    TableRow,
    TableHeader,
    TableCell,
    Citation,
    Footnote,
    CommentMark,
  ];
}

/** Names inside a draft's Y.Doc. `default` is the Collaboration extension's default field. */
export const DRAFT_FRAGMENT = 'default';
/** Y.Map with `title` (and room for more metadata that should travel with the draft). */
export const DRAFT_META = 'meta';
/** Y.Map commentId → Y.Map { text, author, color, createdAt, resolved }. */
export const DRAFT_COMMENTS = 'comments';

/** Kinds edited as collaborative drafts (ARCHITECTURE §6); other kinds are imported, read-only. */
export const EDITABLE_KINDS = ['leitbild', 'note'] as const;
export type EditableKind = (typeof EDITABLE_KINDS)[number];
export function isEditableKind(kind: string): kind is EditableKind {
  return (EDITABLE_KINDS as readonly string[]).includes(kind);
}
