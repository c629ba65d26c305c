import { Extension, type AnyExtension } from '@tiptap/core';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import { Placeholder } from '@tiptap/extensions';
import { DRAFT_FRAGMENT, draftExtensions } from '../../../../shared/editor/draftExtensions';
import { FindInEditor } from './findInEditor';
import type { DraftSession } from './useDraftDoc';

export interface EditorShortcuts {
  link: () => void;
  comment: () => void;
  footnote: () => void;
  citation: () => void;
}

/**
 * The editor = the shared draft schema (shared/editor) + what only an editor needs: binding to
 * the Y.Doc (Collaboration brings Yjs undo/redo), other people's carets with names, a placeholder
 * and shortcuts for the dialogs.
 */
export function editorExtensions(
  session: DraftSession,
  user: { name: string; color: string },
  placeholder: string,
  shortcuts: EditorShortcuts,
): AnyExtension[] {
  return [
    ...draftExtensions(),
    Collaboration.configure({ document: session.doc, field: DRAFT_FRAGMENT }),
    CollaborationCaret.configure({ provider: { awareness: session.awareness }, user }),
    Placeholder.configure({ placeholder }),
    FindInEditor,
    Extension.create({
      name: 'qwShortcuts',
      addKeyboardShortcuts() {
        const run = (fn: () => void) => () => {
          fn();
          return true;
        };
        return {
          'Mod-k': run(shortcuts.link),
          'Mod-Alt-m': run(shortcuts.comment),
          'Mod-Alt-f': run(shortcuts.footnote),
          'Mod-Alt-q': run(shortcuts.citation),
        };
      },
    }),
  ];
}
