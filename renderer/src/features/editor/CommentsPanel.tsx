import type { Editor } from '@tiptap/core';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';
import styles from './Editor.module.css';
import { setResolved, useComments } from './useComments';
import type { DraftSession } from './useDraftDoc';

/** Finds the passage of a comment and selects it. */
function selectPassage(editor: Editor, commentId: string): void {
  let from = -1;
  let to = -1;
  editor.state.doc.descendants((node, pos) => {
    if (node.marks.some((m) => m.type.name === 'comment' && m.attrs.commentId === commentId)) {
      if (from < 0) from = pos;
      to = pos + node.nodeSize;
    }
  });
  if (from >= 0) editor.chain().focus().setTextSelection({ from, to }).scrollIntoView().run();
}

/** Comments on passages: open first, resolved below; resolving keeps them (reopen any time). */
export function CommentsPanel({ session, editor }: { session: DraftSession; editor: Editor }) {
  const { t } = useTranslation();
  const comments = useComments(session.doc);
  const open = comments.filter((c) => !c.resolved);
  const resolved = comments.filter((c) => c.resolved);
  const item = (c: (typeof comments)[number]) => (
    <li key={c.id} className={styles.comment} data-resolved={c.resolved}>
      <button type="button" className={styles.commentText} onClick={() => selectPassage(editor, c.id)}>
        <span className={styles.commentAuthor} style={{ borderColor: c.color }}>
          {c.author || t('editor.comments.anonymous')}
        </span>
        {c.text}
      </button>
      <Button variant="quiet" onClick={() => setResolved(session.doc, c.id, !c.resolved)}>
        {c.resolved ? t('editor.comments.reopen') : t('editor.comments.resolve')}
      </Button>
    </li>
  );
  return (
    <div className={styles.panelBody}>
      <p className={styles.hint}>{t('editor.comments.hint')}</p>
      <h4>{t('editor.comments.open', { count: open.length })}</h4>
      {open.length ? <ul className={styles.commentList}>{open.map(item)}</ul> : <p className={styles.hint}>{t('editor.comments.noneOpen')}</p>}
      {resolved.length ? (
        <>
          <h4>{t('editor.comments.resolved', { count: resolved.length })}</h4>
          <ul className={styles.commentList}>{resolved.map(item)}</ul>
        </>
      ) : null}
      {/* Resolved passages lose their highlight; ids are UUIDs from this app, escaped anyway. */}
      <style>
        {resolved.map((c) => `.ProseMirror span[data-comment-id="${CSS.escape(c.id)}"]{background:none;border-bottom:none}`).join('\n')}
      </style>
    </div>
  );
}
