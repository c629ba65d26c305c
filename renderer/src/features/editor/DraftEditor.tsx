import type { Editor } from '@tiptap/core';
import { EditorContent, useEditor, useEditorState } from '@tiptap/react';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DRAFT_META } from '../../../../shared/editor/draftExtensions';
import { followingHeading } from '../../../../shared/editor/leitbildTemplate';
import { normalizeLinkInput } from '../../../../shared/editor/safeLink';
import type { CollabSettings, Synopse as SynopseData } from '../../../../shared/ipc/areas/collab';
import { Button } from '../../components/Button';
import { LoadingState } from '../../components/LoadingState';
import { moveRovingFocus } from '../../components/roving';
import { useReportError } from '../../components/errors/useReportError';
import { call } from '../../lib/api';
import { CitationDialog } from './CitationDialog';
import { CommentsPanel } from './CommentsPanel';
import { FindInDocument } from '../find/FindInDocument';
import { editorFindTarget, findKey } from './findInEditor';
import styles from './Editor.module.css';
import { editorExtensions } from './editorExtensions';
import { PromptForm } from './PromptForm';
import { SourcePanel } from './SourcePanel';
import { ExportButton } from '../export/ExportButton';
import { Synopse } from './Synopse';
import { SyncIndicator } from './SyncIndicator';
import { Toolbar, type Dialog } from './Toolbar';
import { addComment } from './useComments';
import { useDraftDoc, type DraftSession, type SaveState } from './useDraftDoc';
import { VersionsPanel } from './VersionsPanel';

type Panel = 'comments' | 'versions' | 'source';

/** Loads the draft (main's Yjs doc, mirrored here) and the collaboration settings, then edits. */
export function DraftEditor({ id }: { id: string }) {
  const { t } = useTranslation();
  const { state, save } = useDraftDoc(id);
  const [settings, setSettings] = useState<CollabSettings | null>(null);
  useEffect(() => {
    let cancelled = false;
    call('collab.settings', {}).then(
      (s) => !cancelled && setSettings(s),
      () => !cancelled && setSettings({ serverUrl: '', hasToken: false, userName: '', userColor: '#1f6f8b' }),
    );
    return () => {
      cancelled = true;
    };
  }, []);
  const userName = settings?.userName || t('editor.me');
  const userColor = settings?.userColor ?? '#1f6f8b';
  // Stable identity: a new object would rebuild the editor on every render.
  const user = useMemo(() => ({ name: userName, color: userColor }), [userName, userColor]);
  if (state.status === 'error') return <p className={styles.problem}>{t('editor.errorOpen', { message: state.message })}</p>;
  if (state.status === 'loading' || !settings) return <LoadingState label={t('editor.loading')} />;
  return <EditorView session={state.session} save={save} user={user} />;
}

function EditorView({ session, save, user }: { session: DraftSession; save: SaveState; user: { name: string; color: string } }) {
  const { t } = useTranslation();
  const report = useReportError();
  const titleId = useId();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [panel, setPanel] = useState<Panel>('comments');
  const [sourceId, setSourceId] = useState<string | null>(null);
  const [synopse, setSynopse] = useState<SynopseData | null>(null);
  const [footnoteEdit, setFootnoteEdit] = useState<{ pos: number; text: string } | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const shortcuts = useMemo(
    () => ({
      link: () => setDialog('link'),
      comment: () => setDialog('comment'),
      footnote: () => setDialog('footnote'),
      citation: () => setDialog('citation'),
    }),
    [],
  );
  const extensions = useMemo(() => editorExtensions(session, user, t('editor.placeholder'), shortcuts), [session, user, t, shortcuts]);
  const editor = useEditor(
    {
      extensions,
      editorProps: {
        // German spell-check of Chromium (the window sets de-DE as spell-checker language).
        attributes: { spellcheck: 'true', lang: 'de', class: styles.prose!, 'aria-label': t('editor.textLabel'), 'aria-multiline': 'true', role: 'textbox' },
        handleClickOn: (_view, pos, node) => {
          if (node.type.name === 'citation') {
            setSourceId(String(node.attrs.documentId));
            setPanel('source');
            return true;
          }
          if (node.type.name === 'footnote') {
            setFootnoteEdit({ pos, text: String(node.attrs.text ?? '') });
            return true;
          }
          return false;
        },
      },
    },
    [extensions],
  );
  const findTarget = useMemo(() => (editor ? editorFindTarget(editor) : null), [editor]);
  // The number of matches changes with edits (also from others): the bar counts again.
  const findMatches = useEditorState({ editor, selector: ({ editor: e }) => (e ? (findKey.getState(e.state)?.matches.length ?? 0) : 0) });

  // Opening the editor (a new draft, or "Bearbeiten") puts the caret into the text (issue 15).
  useEffect(() => {
    editor?.commands.focus('start');
  }, [editor]);

  if (!editor || !findTarget) return <LoadingState label={t('editor.loading')} />;

  const closeDialog = () => {
    setDialog(null);
    editor.commands.focus();
  };
  const exportChanges = async () => {
    try {
      const file = await call('collab.exportChanges', { id: session.id });
      const url = URL.createObjectURL(new Blob([file.text], { type: 'application/json' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = file.fileName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      report(err, 'editor.changes.errorExport');
    }
  };
  const importChanges = async (f: File) => {
    try {
      await call('collab.importChanges', { text: await f.text() });
    } catch (err) {
      report(err, 'editor.changes.errorImport');
    }
  };

  return (
    <div className={styles.editorPage}>
      <div className={styles.topRow}>
        <TitleField session={session} labelId={titleId} editor={editor} />
        <SyncIndicator id={session.id} save={save} />
      </div>
      <div className={styles.fileRow}>
        <Button onClick={() => void exportChanges()}>{t('editor.changes.export')}</Button>
        <Button onClick={() => fileInput.current?.click()}>{t('editor.changes.import')}</Button>
        <input
          ref={fileInput}
          type="file"
          hidden
          accept=".qwaenderungen,application/json"
          aria-label={t('editor.changes.import')}
          onChange={(e) => {
            const f = e.target.files?.[0];
            e.target.value = '';
            if (f) void importChanges(f);
          }}
        />
      </div>
      <Toolbar editor={editor} onDialog={setDialog} />
      {dialog === 'link' ? (
        <PromptForm
          label={t('editor.link.label')}
          initial={String(editor.getAttributes('link').href ?? 'https://')}
          submitLabel={t('editor.link.apply')}
          onCancel={closeDialog}
          onSubmit={(href) => {
            // Issue 15: `https://https://…` counts once, `www.…` gets its scheme, anything else unsafe is refused.
            const normalized = normalizeLinkInput(href);
            if (!href || /^(https?:\/\/|mailto:)*$/i.test(href)) editor.chain().focus().extendMarkRange('link').unsetLink().run();
            else if (normalized) editor.chain().focus().extendMarkRange('link').setLink({ href: normalized }).run();
            else return report(new Error(t('editor.link.invalid')), 'editor.link.invalid');
            setDialog(null);
          }}
        />
      ) : null}
      {dialog === 'footnote' || footnoteEdit ? (
        <PromptForm
          label={t('editor.footnote.label')}
          initial={footnoteEdit?.text ?? ''}
          multiline
          submitLabel={footnoteEdit ? t('editor.footnote.save') : t('editor.footnote.insert')}
          onCancel={() => {
            setFootnoteEdit(null);
            closeDialog();
          }}
          onSubmit={(text) => {
            if (footnoteEdit) {
              editor.chain().focus().setNodeSelection(footnoteEdit.pos).updateAttributes('footnote', { text }).run();
            } else if (text) {
              editor.chain().focus().insertFootnote(text).run();
            }
            setFootnoteEdit(null);
            setDialog(null);
          }}
        />
      ) : null}
      {dialog === 'comment' ? (
        <PromptForm
          label={t('editor.comments.label')}
          multiline
          submitLabel={t('editor.comments.add')}
          onCancel={closeDialog}
          onSubmit={(text) => {
            if (!text || editor.state.selection.empty) return setDialog(null);
            const commentId = crypto.randomUUID();
            addComment(session.doc, { id: commentId, text, author: user.name, color: user.color, createdAt: new Date().toISOString() });
            editor.chain().focus().setComment(commentId).run();
            setPanel('comments');
            setDialog(null);
          }}
        />
      ) : null}
      {dialog === 'citation' ? (
        <CitationDialog
          onCancel={closeDialog}
          onInsert={(attrs) => {
            editor.chain().focus().insertCitation(attrs).run();
            setDialog(null);
          }}
        />
      ) : null}

      <FindInDocument target={findTarget} refreshKey={findMatches} />
      <div className={styles.workspace}>
        <div className={styles.paper}>
          <EditorContent editor={editor} />
          <Footnotes editor={editor} />
        </div>
        <aside className={styles.aside} aria-label={t('editor.panels.label')}>
          {/* APG tabs: one Tab stop, arrow keys move and select (automatic activation; issue 15). */}
          <div
            role="tablist"
            className={styles.tabs}
            aria-label={t('editor.panels.label')}
            onKeyDown={(e) => {
              const tab = moveRovingFocus(e, '[role="tab"]');
              const next = tab?.dataset.panel as Panel | undefined;
              if (next) setPanel(next);
            }}
          >
            {(['comments', 'versions', 'source'] as const).map((p) => (
              <button
                key={p}
                role="tab"
                type="button"
                id={`${titleId}-tab-${p}`}
                data-panel={p}
                aria-selected={panel === p}
                aria-controls={`${titleId}-panel`}
                tabIndex={panel === p ? 0 : -1}
                className={styles.tab}
                onClick={() => setPanel(p)}
              >
                {t(`editor.panels.${p}`)}
              </button>
            ))}
          </div>
          <div role="tabpanel" id={`${titleId}-panel`} aria-labelledby={`${titleId}-tab-${panel}`}>
            {panel === 'comments' ? <CommentsPanel session={session} editor={editor} /> : null}
            {panel === 'versions' ? <VersionsPanel id={session.id} onSynopse={setSynopse} /> : null}
            {panel === 'source' ? (
              sourceId ? <SourcePanel key={sourceId} id={sourceId} /> : <p className={styles.hint}>{t('editor.source.hint')}</p>
            ) : null}
          </div>
        </aside>
      </div>
      {synopse ? (
        <div className={styles.synopseWrap}>
          <div className={styles.synopseHead}>
            <h3>{t('editor.versions.synopseTitle')}</h3>
            <ExportButton
              target={{ kind: 'synopsis', documentId: session.id, from: synopse.before.ref, to: synopse.after.ref }}
              subject={session.title}
              draft={false}
              formats={['pdf']}
              labelKey="export.synopsisButton"
              headingKey="export.synopsisHeading"
              variant="quiet"
              command={false}
            />
            <Button variant="quiet" onClick={() => setSynopse(null)}>
              {t('editor.versions.closeSynopse')}
            </Button>
          </div>
          <Synopse data={synopse} />
        </div>
      ) : null}
    </div>
  );
}

/** The draft's title lives in the Y.Doc (map `meta`), so renaming syncs like text. */
function TitleField({ session, labelId, editor }: { session: DraftSession; labelId: string; editor: Editor }) {
  const { t } = useTranslation();
  const meta = session.doc.getMap<string>(DRAFT_META);
  const [title, setTitle] = useState(() => meta.get('title') ?? session.title);
  useEffect(() => {
    const update = () => setTitle(meta.get('title') ?? session.title);
    meta.observe(update);
    return () => meta.unobserve(update);
  }, [meta, session.title]);
  return (
    <div className={styles.titleField}>
      <label htmlFor={labelId} className={styles.visuallyHidden}>
        {t('editor.titleLabel')}
      </label>
      <input
        id={labelId}
        className={styles.titleInput}
        value={title}
        spellCheck
        lang="de"
        maxLength={1000}
        onChange={(e) => {
          const previous = title;
          setTitle(e.target.value);
          if (e.target.value.trim()) {
            meta.set('title', e.target.value);
            followTitle(editor, previous, e.target.value);
          }
        }}
      />
    </div>
  );
}

/** Footnotes in order of appearance, numbered like the superscripts in the text. */
function Footnotes({ editor }: { editor: Editor }) {
  const { t } = useTranslation();
  const notes = useEditorState({
    editor,
    selector: ({ editor: e }) => {
      const out: string[] = [];
      e.state.doc.descendants((node) => {
        if (node.type.name === 'footnote') out.push(String(node.attrs.text ?? ''));
      });
      return out.join('\u0000');
    },
  });
  const list = notes ? notes.split('\u0000') : [];
  if (list.length === 0) return null;
  return (
    <section className={styles.footnotes} aria-label={t('editor.footnote.listLabel')}>
      <ol>
        {list.map((n, i) => (
          <li key={i}>{n}</li>
        ))}
      </ol>
    </section>
  );
}

/** The Leitbild template's H1 follows the title while it still reads like the old one (issue 15). */
function followTitle(editor: Editor, oldTitle: string, newTitle: string): void {
  const first = editor.state.doc.firstChild;
  if (!first || first.type.name !== 'heading' || first.attrs.level !== 1) return;
  const next = followingHeading(first.textContent, oldTitle, newTitle);
  if (next === null) return;
  const { tr, schema } = editor.state;
  tr.replaceWith(1, 1 + first.content.size, schema.text(next));
  editor.view.dispatch(tr);
}
