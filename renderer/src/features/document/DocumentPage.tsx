import { ArrowLeft, Pin, PinOff } from 'lucide-react';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LibraryDocument } from '../../../../shared/domain/document';
import { isEditableKind } from '../../../../shared/editor/draftExtensions';
import { Button } from '../../components/Button';
import { useReportError } from '../../components/errors/useReportError';
import { call } from '../../lib/api';
import { domFindTarget } from '../find/domFindTarget';
import { FindInDocument } from '../find/FindInDocument';
import { Backlinks } from './Backlinks';
import { LoadingState } from '../../components/LoadingState';
import { formatIsoDate } from '../../lib/formatDate';
import { DraftEditor } from '../editor/DraftEditor';
import { consumeEditIntent } from '../editor/editIntent';
import { ExportButton } from '../export/ExportButton';
import { DeleteDocumentButton } from './DeleteDocumentButton';
import styles from './DocumentPage.module.css';
import { DocumentQuotes } from './DocumentQuotes';
import { MetadataEditor } from './MetadataEditor';
import { DocumentText } from './RichText';
import { safeHref } from './safeHref';
import { SearchHighlight } from './searchHighlight';
import { useDocument } from './useDocument';

export interface DocumentPageProps {
  id: string;
  onBack: () => void;
  /** After the document was deleted (its title, for the notice in the list). */
  onDeleted: (title: string) => void;
  /** Words a search matched: marked in the text, the first one scrolled into view. */
  highlight?: readonly string[];
  /** Opens another document (a draft that cites this one). */
  onOpenDocument?: (id: string) => void;
}

/** Reading view of one document: its details, then its text. Escape returns to the list. */
export function DocumentPage({ id, onBack, onDeleted, highlight, onOpenDocument }: DocumentPageProps) {
  const { t } = useTranslation();
  const report = useReportError();
  const state = useDocument(id);
  const ready = state.status === 'ready';
  const [pinnedOverride, setPinnedOverride] = useState<{ id: string; pinned: boolean } | null>(null);
  const pinned = pinnedOverride?.id === id ? pinnedOverride.pinned : ready && state.doc.pinned === true;

  // „Zuletzt geöffnet“ (issue 15): noted once the document is shown.
  useEffect(() => {
    if (ready) void call('shelf.opened', { id }).catch(() => {});
  }, [ready, id]);
  // Drafts (leitbild, note) open in the collaborative editor on request (features/editor).
  const [editing, setEditing] = useState(() => consumeEditIntent(id));
  const editable = state.status === 'ready' && isEditableKind(state.doc.kind);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // While editing, Escape belongs to the editor and its dialogs.
      if (event.key === 'Escape' && !event.defaultPrevented && !editing) {
        event.preventDefault();
        onBack();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onBack, editing]);

  return (
    <div className={styles.page}>
      <div className={styles.toolbar}>
        <Button variant="quiet" icon={<ArrowLeft size={18} />} onClick={onBack}>
          {t('document.back')}
        </Button>
        <span className={styles.hint}>{t('document.backHint')}</span>
        {editable ? (
          <Button variant={editing ? 'secondary' : 'primary'} onClick={() => setEditing((e) => !e)}>
            {editing ? t('editor.read') : t('editor.edit')}
          </Button>
        ) : null}
        {state.status === 'ready' ? (
          <ExportButton target={{ kind: 'document', documentId: id }} subject={state.doc.title} draft={state.doc.status === 'draft'} />
        ) : null}
        {state.status === 'ready' ? (
          // A toggle: one name, the state in aria-pressed (pins change no document, so the
          // answer, not a reload, sets it).
          <Button
            variant="quiet"
            icon={pinned ? <PinOff size={18} /> : <Pin size={18} />}
            aria-pressed={pinned}
            onClick={() => {
              call('shelf.pin', { id, pinned: !pinned }).then(
                (r) => setPinnedOverride({ id, pinned: r.pinned }),
                (err: unknown) => report(err, 'shelf.errorPin'),
              );
            }}
          >
            {t('shelf.pin')}
          </Button>
        ) : null}
        {state.status === 'ready' ? <DeleteDocumentButton doc={state.doc} onDeleted={onDeleted} /> : null}
      </div>
      {state.status === 'ready' && state.doc.trashedAt ? (
        // Reached from a citation or an agenda: say so, and offer the way back (issue 15).
        <div className={styles.problem} role="status">
          <p>{t('trash.inTrash')}</p>
          <Button onClick={() => void call('trash.restore', { ids: [id] }).catch((err: unknown) => report(err, 'trash.errorRestore'))}>{t('trash.restore')}</Button>
        </div>
      ) : null}
      {state.status === 'loading' ? <LoadingState label={t('document.loading')} /> : null}
      {state.status === 'error' ? (
        <p className={styles.problem}>
          {state.code === 'NOT_FOUND' ? t('document.notFound') : t('document.errorLoading')}
        </p>
      ) : null}
      {state.status === 'ready' ? editable && editing ? <DraftEditor id={id} /> : <DocumentView doc={state.doc} highlight={highlight} onOpenDocument={onOpenDocument} /> : null}
    </div>
  );
}

function DocumentView({ doc, highlight, onOpenDocument }: { doc: LibraryDocument; highlight?: readonly string[]; onOpenDocument?: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  // State, not a ref: the find target is built once the text's element exists.
  const [bodyEl, setBodyEl] = useState<HTMLElement | null>(null);
  const findTarget = useMemo(() => domFindTarget(() => bodyEl), [bodyEl]);
  const language = i18n.resolvedLanguage ?? 'de';
  const sourceUrl = safeHref(doc.sourceUrl);

  // Move focus to the title so screen readers start reading the opened document.
  useEffect(() => {
    headingRef.current?.focus();
  }, [doc.id]);

  const hasBody = doc.content !== null || doc.bodyText.trim().length > 0 || !!doc.bodyHtml?.trim();
  return (
    <article className={styles.article} aria-labelledby={headingId}>
      <header className={styles.header}>
        <p className={styles.eyebrow} data-kind={doc.kind}>
          {t(`kinds.${doc.kind}`)}
        </p>
        <h1 id={headingId} ref={headingRef} tabIndex={-1} className={styles.title}>
          {doc.title}
        </h1>
        <dl className={styles.meta} aria-label={t('document.metaLabel')}>
          <div>
            <dt>{t('document.kind')}</dt>
            <dd>{t(`kinds.${doc.kind}`)}</dd>
          </div>
          <div>
            <dt>{t('document.date')}</dt>
            <dd>{doc.date ? formatIsoDate(doc.date, language) : t('document.noDate')}</dd>
          </div>
          <div>
            <dt>{t('document.status')}</dt>
            <dd>{t(`statuses.${doc.status}`)}</dd>
          </div>
          {doc.source ? (
            <div>
              <dt>{t('document.source')}</dt>
              <dd>{doc.source}</dd>
            </div>
          ) : null}
          {doc.publisher ? (
            <div>
              <dt>{t('document.publisher')}</dt>
              <dd>{doc.publisher}</dd>
            </div>
          ) : null}
          {doc.textSource === 'ocr' || doc.textSource === 'mixed' ? (
            <div>
              <dt>{t('document.textSource')}</dt>
              <dd data-testid="text-source">{t(`document.textSourceValue.${doc.textSource}`)}</dd>
            </div>
          ) : null}
          {doc.place ? (
            <div>
              <dt>{t('document.place')}</dt>
              <dd>{doc.place}</dd>
            </div>
          ) : null}
          {sourceUrl ? (
            <div>
              <dt>{t('document.sourceUrl')}</dt>
              <dd>
                <a href={sourceUrl} target="_blank" rel="noopener noreferrer">
                  {sourceUrl}
                </a>
              </dd>
            </div>
          ) : null}
          {doc.people.length > 0 ? (
            <div>
              <dt>{t('document.people')}</dt>
              <dd>{doc.people.map((p) => p.name).join(', ')}</dd>
            </div>
          ) : null}
          {doc.tags.length > 0 ? (
            <div className={styles.wide}>
              <dt>{t('document.tags')}</dt>
              <dd>
                <ul className={styles.tags}>
                  {doc.tags.map((tag) => (
                    <li key={tag}>{tag}</li>
                  ))}
                </ul>
              </dd>
            </div>
          ) : null}
        </dl>
        <MetadataEditor doc={doc} />
      </header>
      <FindInDocument target={findTarget} refreshKey={doc.updatedAt} />
      <section ref={setBodyEl} className={styles.body} aria-label={t('document.bodyLabel')} lang={doc.language}>
        <SearchHighlight terms={highlight}>
          {hasBody ? (
            <DocumentText doc={doc} />
          ) : (
            <p className={styles.problem}>{t('document.noBody')}</p>
          )}
        </SearchHighlight>
      </section>
      <DocumentQuotes documentId={doc.id} />
      <Backlinks documentId={doc.id} onOpen={onOpenDocument} />
    </article>
  );
}
