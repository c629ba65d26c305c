import { Clock, Pin } from 'lucide-react';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ShelfItem } from '../../../../shared/ipc/areas/organize';
import { useReportError } from '../../components/errors/useReportError';
import { call, onEvent } from '../../lib/api';
import styles from './ShelfSections.module.css';

const SHOWN_RECENT = 5;

/** „Angeheftet“ and „Zuletzt geöffnet“ above the library list (issue 15); nothing when both are empty. */
export function ShelfSections({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const report = useReportError();
  const [shelf, setShelf] = useState<{ pinned: ShelfItem[]; recent: ShelfItem[] } | null>(null);

  const load = useCallback(() => {
    call('shelf.list', {}).then(setShelf, (err: unknown) => report(err, 'library.errorLoading'));
  }, [report]);
  useEffect(() => {
    load();
    const offShelf = onEvent('shelf.changed', load);
    const offDocs = onEvent('documents.changed', load);
    return () => {
      offShelf();
      offDocs();
    };
  }, [load]);

  if (!shelf || (shelf.pinned.length === 0 && shelf.recent.length === 0)) return null;
  const pinnedIds = new Set(shelf.pinned.map((p) => p.id));
  const recent = shelf.recent.filter((r) => !pinnedIds.has(r.id)).slice(0, SHOWN_RECENT);
  const group = (key: 'pinned' | 'recent', items: ShelfItem[], Icon: typeof Pin) =>
    items.length > 0 ? (
      <section className={styles.group} aria-labelledby={`shelf-${key}`}>
        <h2 id={`shelf-${key}`} className={styles.heading}>
          <Icon aria-hidden="true" size={16} />
          {t(`shelf.${key}`)}
        </h2>
        <ul className={styles.list}>
          {items.map((item) => (
            <li key={item.id}>
              <button type="button" className={styles.item} onClick={() => onOpen(item.id)}>
                <span className={styles.title}>{item.title}</span>
                <span className={styles.kind}>{t(`kinds.${item.kind}`)}</span>
              </button>
            </li>
          ))}
        </ul>
      </section>
    ) : null;
  return (
    <div className={styles.shelf} role="region" aria-label={t('shelf.label')}>
      {group('pinned', shelf.pinned, Pin)}
      {group('recent', recent, Clock)}
    </div>
  );
}
