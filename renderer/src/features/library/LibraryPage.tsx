import { FolderOpen, Inbox } from 'lucide-react';
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentKind } from '../../../../shared/domain/document';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { useReportError } from '../../components/errors/useReportError';
import type { TagCount } from '../../../../shared/ipc/areas/organize';
import { call, onEvent } from '../../lib/api';
import { NewDraftButtons } from '../editor/NewDraftButtons';
import { ImportButtons } from '../import/ImportButtons';
import { DocumentList } from './DocumentList';
import styles from './LibraryPage.module.css';
import { ShelfSections } from './ShelfSections';
import {
  ALL_KINDS,
  defaultOrderFor,
  FILTERABLE_KINDS,
  queryFor,
  type ListSection,
  type ListViewState,
  type SortField,
  type SortOrder,
} from './sections';

const SORT_FIELDS: SortField[] = ['date', 'title', 'kind'];
const ORDERS: SortOrder[] = ['desc', 'asc'];

export interface LibraryPageProps {
  section: ListSection;
  view: ListViewState;
  onViewChange: (view: ListViewState) => void;
  onOpen: (id: string, activeIndex: number) => void;
  /** After a document was deleted from the list (its title). */
  onDeleted: (title: string) => void;
}

function isKind(value: string): value is DocumentKind {
  return (ALL_KINDS as readonly string[]).includes(value);
}

/** Bibliothek, Leitbilder and Pressematerial: a heading, sort and filter controls, the list. */
export function LibraryPage({ section, view, onViewChange, onOpen, onDeleted }: LibraryPageProps) {
  const { t } = useTranslation();
  const report = useReportError();
  const ids = { sort: useId(), order: useId(), kind: useId(), tag: useId(), heading: useId() };
  const tags = useTagNames();
  const [loadingSample, setLoadingSample] = useState(false);
  const kinds = FILTERABLE_KINDS[section];
  const { sort, order, kind, tag } = view;
  const query = useMemo(() => queryFor(section, { sort, order, kind, tag, activeIndex: -1 }), [section, sort, order, kind, tag]);
  const title = t(`nav.${section}`);

  const loadSample = async () => {
    setLoadingSample(true);
    try {
      await call('library.loadSample', {});
    } catch (err) {
      report(err, 'library.errorSample');
    } finally {
      setLoadingSample(false);
    }
  };

  const filtered = kind !== null || tag !== null || section !== 'library';
  const empty = filtered ? (
    <EmptyState icon={<Inbox size={28} />} title={t('library.emptyFiltered.title')}>
      <p>{t('library.emptyFiltered.text')}</p>
    </EmptyState>
  ) : (
    <EmptyState icon={<FolderOpen size={28} />} title={t('library.empty.title')}>
      <p>{t('library.empty.text')}</p>
      <Button variant="primary" onClick={() => void loadSample()} disabled={loadingSample}>
        {loadingSample ? t('library.empty.loadingSample') : t('library.empty.loadSample')}
      </Button>
    </EmptyState>
  );

  return (
    <section className={styles.page} aria-labelledby={ids.heading}>
      <header className={styles.header}>
        <h1 id={ids.heading} className={styles.heading} tabIndex={-1}>
          {title}
        </h1>
        <p className={styles.intro}>{t(`library.intro.${section}`)}</p>
        {section === 'leitbilder' ? <NewDraftButtons onOpen={(id) => onOpen(id, -1)} /> : null}
        {section !== 'leitbilder' ? (
          <div className={styles.actions}>
            <ImportButtons kind={section === 'press' ? 'press_release' : undefined} />
          </div>
        ) : null}
      </header>

      <div className={styles.toolbar} role="group" aria-label={t('library.controlsLabel')}>
        <div className={styles.field}>
          <label htmlFor={ids.sort}>{t('library.sortLabel')}</label>
          <select
            id={ids.sort}
            value={sort}
            onChange={(e) => {
              const next = e.target.value as SortField;
              onViewChange({ ...view, sort: next, order: defaultOrderFor(next), activeIndex: -1 });
            }}
          >
            {SORT_FIELDS.map((f) => (
              <option key={f} value={f}>
                {t(`library.sort.${f}`)}
              </option>
            ))}
          </select>
        </div>
        <div className={styles.field}>
          <label htmlFor={ids.order}>{t('library.orderLabel')}</label>
          <select
            id={ids.order}
            value={order}
            onChange={(e) => onViewChange({ ...view, order: e.target.value as SortOrder, activeIndex: -1 })}
          >
            {ORDERS.map((o) => (
              <option key={o} value={o}>
                {t(`library.order.${o}`)}
              </option>
            ))}
          </select>
        </div>
        {kinds.length > 0 ? (
          <div className={styles.field}>
            <label htmlFor={ids.kind}>{t('library.kindFilterLabel')}</label>
            <select
              id={ids.kind}
              value={kind ?? ''}
              onChange={(e) => {
                const value = e.target.value;
                onViewChange({ ...view, kind: isKind(value) ? value : null, activeIndex: -1 });
              }}
            >
              <option value="">{t('library.allKinds')}</option>
              {kinds.map((k) => (
                <option key={k} value={k}>
                  {t(`kinds.${k}`)}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        {tags.length > 0 || tag !== null ? (
          <div className={styles.field}>
            <label htmlFor={ids.tag}>{t('tags.filterLabel')}</label>
            <select id={ids.tag} value={tag ?? ''} onChange={(e) => onViewChange({ ...view, tag: e.target.value || null, activeIndex: -1 })}>
              <option value="">{t('tags.filterAll')}</option>
              {tag !== null && !tags.some((x) => x.name === tag) ? <option value={tag}>{tag}</option> : null}
              {tags.map((x) => (
                <option key={x.name} value={x.name}>
                  {x.name} ({x.count})
                </option>
              ))}
            </select>
          </div>
        ) : null}
      </div>

      {section === 'library' && !filtered ? <ShelfSections onOpen={(id) => onOpen(id, -1)} /> : null}

      <DocumentList
        key={JSON.stringify(query)}
        query={query}
        label={t('library.listLabel', { section: title })}
        initialActiveIndex={view.activeIndex}
        onOpen={onOpen}
        onDeleted={onDeleted}
        empty={empty}
      />
    </section>
  );
}

/** The tags of the library for the filter, kept fresh on `documents.changed`. */
function useTagNames(): TagCount[] {
  const [tags, setTags] = useState<TagCount[]>([]);
  useEffect(() => {
    let live = true;
    const load = () => {
      call('tags.list', {}).then(
        (list) => live && setTags(list),
        () => live && setTags([]),
      );
    };
    load();
    // Debounced: a large import announces many batches; the counts need not follow each one.
    let timer: number | undefined;
    const off = onEvent('documents.changed', () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(load, 400);
    });
    return () => {
      live = false;
      window.clearTimeout(timer);
      off();
    };
  }, []);
  return tags;
}
