import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';
import { LoadingState } from '../../components/LoadingState';
import { formatIsoDate } from '../../lib/formatDate';
import { DeleteDocumentDialog, type DeletionTarget } from '../document/DeleteDocumentDialog';
import styles from './DocumentList.module.css';
import type { PageQuery } from './sections';
import { useDocumentPages } from './useDocumentPages';

const ROW_HEIGHT = 52;

export interface DocumentListProps {
  query: PageQuery;
  /** Accessible name of the list. */
  label: string;
  /** Row selected when the list was left (restored when coming back from a document). */
  initialActiveIndex: number;
  onOpen: (id: string, activeIndex: number) => void;
  /** After the selected document was deleted with the Delete key (its title). */
  onDeleted: (title: string) => void;
  /** Shown instead of the list when no document matches. */
  empty: ReactNode;
}

/**
 * The virtualised document list: only the rows in view (plus a few) exist in the DOM, pages of
 * 100 are fetched as the user scrolls. Keyboard model of a single-select listbox (WAI-ARIA APG):
 * focus stays on the list, `aria-activedescendant` points at the selected row; Delete asks to
 * delete the selected document.
 */
export function DocumentList({ query, label, initialActiveIndex, onOpen, onDeleted, empty }: DocumentListProps) {
  const { t, i18n } = useTranslation();
  const { total, failed, itemAt, ensureRange, refresh } = useDocumentPages(query);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [activeIndex, setActiveIndex] = useState(initialActiveIndex);
  const [deleting, setDeleting] = useState<DeletionTarget | null>(null);
  const idPrefix = useId();
  const count = total ?? 0;

  // TanStack Virtual keeps mutable state by design; nothing here memoises its return values.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const rows = virtualizer.getVirtualItems();
  const first = rows[0]?.index ?? 0;
  const last = rows[rows.length - 1]?.index ?? 0;

  useEffect(() => {
    ensureRange(first, last);
  }, [ensureRange, first, last]);

  // Coming back from a document: once the total is known, bring the row that was open into view
  // and give the list the focus again, so the keyboard continues where it left.
  const restored = useRef(false);
  useEffect(() => {
    if (restored.current || total === null) return;
    restored.current = true;
    if (initialActiveIndex < 0 || initialActiveIndex >= total) return;
    if (initialActiveIndex > 0) virtualizer.scrollToIndex(initialActiveIndex, { align: 'center' });
    scrollRef.current?.focus({ preventScroll: true });
  }, [total, initialActiveIndex, virtualizer]);

  const optionId = (index: number) => `${idPrefix}-option-${index}`;
  const selectedIndex = activeIndex < count ? activeIndex : count - 1;
  const activeRendered = selectedIndex >= 0 && rows.some((r) => r.index === selectedIndex);

  const moveTo = (index: number) => {
    if (count === 0) return;
    const next = Math.min(Math.max(index, 0), count - 1);
    setActiveIndex(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  };

  const open = (index: number) => {
    const doc = itemAt(index);
    if (doc) onOpen(doc.id, index);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT) / ROW_HEIGHT) - 1);
    const current = selectedIndex;
    switch (event.key) {
      case 'ArrowDown':
        moveTo(current < 0 ? first : current + 1);
        break;
      case 'ArrowUp':
        moveTo(current < 0 ? first : current - 1);
        break;
      case 'PageDown':
        moveTo(current + pageRows);
        break;
      case 'PageUp':
        moveTo(current - pageRows);
        break;
      case 'Home':
        moveTo(0);
        break;
      case 'End':
        moveTo(count - 1);
        break;
      case 'Enter':
      case ' ':
        if (current >= 0) open(current);
        break;
      case 'Delete': {
        const doc = current >= 0 ? itemAt(current) : undefined;
        if (doc) setDeleting({ id: doc.id, title: doc.title, kind: doc.kind });
        break;
      }
      default:
        return;
    }
    event.preventDefault();
  };

  if (failed) {
    return (
      <div className={styles.failed}>
        <p>{t('library.errorLoading')}</p>
        <Button onClick={refresh}>{t('app.retry')}</Button>
      </div>
    );
  }
  if (total === null) return <LoadingState label={t('library.loading')} />;
  if (total === 0) return <>{empty}</>;

  const language = i18n.resolvedLanguage ?? 'de';
  return (
    <div className={styles.wrapper}>
      <div className={styles.meta}>
        <p className={styles.count} aria-live="polite" data-testid="document-count">
          {t('library.count', { count: total })}
        </p>
        <p className={styles.hint}>{t('library.keyboardHint')}</p>
      </div>
      <div className={styles.columns} aria-hidden="true">
        <span>{t('library.columns.title')}</span>
        <span>{t('library.columns.kind')}</span>
        <span className={styles.dateColumn}>{t('library.columns.date')}</span>
      </div>
      <div
        ref={scrollRef}
        className={styles.scroller}
        role="listbox"
        tabIndex={0}
        aria-label={label}
        aria-activedescendant={activeRendered ? optionId(selectedIndex) : undefined}
        onKeyDown={onKeyDown}
        onFocus={() => {
          if (activeIndex < 0) setActiveIndex(first);
        }}
      >
        <div role="presentation" className={styles.canvas} style={{ height: virtualizer.getTotalSize() }}>
          {rows.map((row) => {
            const doc = itemAt(row.index);
            const selected = row.index === selectedIndex;
            return (
              <div
                key={row.key}
                id={optionId(row.index)}
                role="option"
                aria-selected={selected}
                aria-setsize={count}
                aria-posinset={row.index + 1}
                className={selected ? `${styles.row} ${styles.selected}` : styles.row}
                style={{ height: row.size, transform: `translateY(${row.start}px)` }}
                onClick={() => {
                  setActiveIndex(row.index);
                  open(row.index);
                }}
              >
                {doc ? (
                  <>
                    <span className={styles.title} data-testid="row-title">
                      {doc.title}
                    </span>
                    <span className={styles.kind} data-kind={doc.kind} data-testid="row-kind">
                      {t(`kinds.${doc.kind}`)}
                    </span>
                    <span className={doc.date ? styles.date : `${styles.date} ${styles.noDate}`} data-testid="row-date">
                      {doc.date ? formatIsoDate(doc.date, language) : t('library.noDate')}
                    </span>
                  </>
                ) : (
                  <span className={styles.placeholder}>{t('library.rowLoading')}</span>
                )}
              </div>
            );
          })}
        </div>
      </div>
      <DeleteDocumentDialog target={deleting} onClose={() => setDeleting(null)} onDeleted={onDeleted} />
    </div>
  );
}
