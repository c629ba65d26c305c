import type { Editor } from '@tiptap/core';
import { useEditorState } from '@tiptap/react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { moveRovingFocus } from '../../components/roving';
import styles from './Editor.module.css';

export type Dialog = 'link' | 'footnote' | 'comment' | 'citation';

interface Tool {
  key: string;
  label: string;
  shortcut: string;
  active?: boolean;
  disabled?: boolean;
  run: () => void;
}

/** Labelled formatting buttons with their shortcuts (Strg = Ctrl, ⌘ on a Mac). */
export function Toolbar({ editor, onDialog }: { editor: Editor; onDialog: (d: Dialog) => void }) {
  const { t } = useTranslation();
  // APG toolbar: one Tab stop (the last used button), arrow keys move among the buttons (issue 15).
  const [current, setCurrent] = useState<string | null>(null);
  const s = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive('bold'),
      italic: e.isActive('italic'),
      h2: e.isActive('heading', { level: 2 }),
      h3: e.isActive('heading', { level: 3 }),
      bullet: e.isActive('bulletList'),
      ordered: e.isActive('orderedList'),
      quote: e.isActive('blockquote'),
      link: e.isActive('link'),
      inTable: e.isActive('table'),
      empty: e.state.selection.empty,
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  });
  const c = () => editor.chain().focus();
  const groups: Tool[][] = [
    [
      { key: 'undo', label: t('editor.tools.undo'), shortcut: 'Strg+Z', disabled: !s.canUndo, run: () => c().undo().run() },
      { key: 'redo', label: t('editor.tools.redo'), shortcut: 'Strg+Umschalt+Z', disabled: !s.canRedo, run: () => c().redo().run() },
    ],
    [
      { key: 'bold', label: t('editor.tools.bold'), shortcut: 'Strg+B', active: s.bold, run: () => c().toggleBold().run() },
      { key: 'italic', label: t('editor.tools.italic'), shortcut: 'Strg+I', active: s.italic, run: () => c().toggleItalic().run() },
      { key: 'h2', label: t('editor.tools.heading2'), shortcut: 'Strg+Alt+2', active: s.h2, run: () => c().toggleHeading({ level: 2 }).run() },
      { key: 'h3', label: t('editor.tools.heading3'), shortcut: 'Strg+Alt+3', active: s.h3, run: () => c().toggleHeading({ level: 3 }).run() },
    ],
    [
      { key: 'bullet', label: t('editor.tools.bulletList'), shortcut: 'Strg+Umschalt+8', active: s.bullet, run: () => c().toggleBulletList().run() },
      { key: 'ordered', label: t('editor.tools.orderedList'), shortcut: 'Strg+Umschalt+7', active: s.ordered, run: () => c().toggleOrderedList().run() },
      { key: 'quote', label: t('editor.tools.blockquote'), shortcut: 'Strg+Umschalt+B', active: s.quote, run: () => c().toggleBlockquote().run() },
      {
        key: 'table',
        label: s.inTable ? t('editor.tools.addRow') : t('editor.tools.table'),
        shortcut: '',
        run: () => (s.inTable ? c().addRowAfter().run() : c().insertTable({ rows: 3, cols: 3, withHeaderRow: true }).run()),
      },
    ],
    // Table tools while the caret is in a table (issue 15: rows, columns and the table can go).
    ...(s.inTable
      ? [
          [
            { key: 'addColumn', label: t('editorExtra.addColumn'), shortcut: '', run: () => c().addColumnAfter().run() },
            { key: 'deleteRow', label: t('editorExtra.deleteRow'), shortcut: '', run: () => c().deleteRow().run() },
            { key: 'deleteColumn', label: t('editorExtra.deleteColumn'), shortcut: '', run: () => c().deleteColumn().run() },
            { key: 'deleteTable', label: t('editorExtra.deleteTable'), shortcut: '', run: () => c().deleteTable().run() },
          ],
        ]
      : []),
    [
      { key: 'link', label: t('editor.tools.link'), shortcut: 'Strg+K', active: s.link, run: () => onDialog('link') },
      { key: 'footnote', label: t('editor.tools.footnote'), shortcut: 'Strg+Alt+F', run: () => onDialog('footnote') },
      { key: 'citation', label: t('editor.tools.citation'), shortcut: 'Strg+Alt+Q', run: () => onDialog('citation') },
      { key: 'comment', label: t('editor.tools.comment'), shortcut: 'Strg+Alt+M', disabled: s.empty, run: () => onDialog('comment') },
    ],
  ];
  const enabled = groups.flat().filter((tool) => !tool.disabled);
  const stop = enabled.find((tool) => tool.key === current)?.key ?? enabled[0]?.key;
  return (
    <div className={styles.toolbar} role="toolbar" aria-label={t('editor.tools.label')} onKeyDown={(e) => void moveRovingFocus(e, 'button')}>
      {groups.map((g, i) => (
        <div key={i} className={styles.toolGroup}>
          {g.map((tool) => (
            <button
              key={tool.key}
              type="button"
              className={styles.tool}
              aria-pressed={tool.active === undefined ? undefined : tool.active}
              aria-keyshortcuts={tool.shortcut ? tool.shortcut.replace('Strg', 'Control').replace('Umschalt', 'Shift') : undefined}
              title={tool.shortcut ? `${tool.label} (${tool.shortcut})` : tool.label}
              disabled={tool.disabled}
              tabIndex={tool.key === stop ? 0 : -1}
              onFocus={() => setCurrent(tool.key)}
              onMouseDown={(e) => e.preventDefault()}
              onClick={tool.run}
            >
              {tool.label}
            </button>
          ))}
        </div>
      ))}
    </div>
  );
}
