import { Trash2, Undo2 } from 'lucide-react';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TrashItem, TrashList } from '../../../../shared/ipc/areas/organize';
import { TRASH_RETENTION_DAYS } from '../../../../shared/domain/trash';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { LoadingState } from '../../components/LoadingState';
import { useReportError } from '../../components/errors/useReportError';
import { call, onEvent } from '../../lib/api';
import { formatIsoDate } from '../../lib/formatDate';
import styles from '../../components/ListPage.module.css';

type Asking = { kind: 'purge'; item: TrashItem } | { kind: 'empty'; count: number } | null;

/**
 * Der Papierkorb (issue 15): what was deleted in the last 30 days, with „Wiederherstellen“,
 * „Endgültig löschen …“ per document and „Papierkorb leeren …“. Final deletion asks first.
 */
export function TrashPage({ onNotice }: { onNotice: (text: string) => void }) {
  const { t, i18n } = useTranslation();
  const report = useReportError();
  const headingId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [list, setList] = useState<TrashList | null>(null);
  const [asking, setAsking] = useState<Asking>(null);
  const [busy, setBusy] = useState(false);
  const language = i18n.resolvedLanguage ?? 'de';

  const load = useCallback(() => {
    call('trash.list', {}).then(setList, (err: unknown) => report(err, 'trash.errorList'));
  }, [report]);
  useEffect(() => {
    load();
    return onEvent('documents.changed', load);
  }, [load]);

  /** After an item leaves the list, focus goes to the heading, never to <body>. */
  const focusHeading = () => requestAnimationFrame(() => headingRef.current?.focus());
  // After the question closed: the Modal (a child, its effect first) returns focus to a button
  // that may be gone; the heading takes it then.
  const focusHeadingAfterClose = useRef(false);
  useEffect(() => {
    if (asking !== null || !focusHeadingAfterClose.current) return;
    focusHeadingAfterClose.current = false;
    headingRef.current?.focus();
  }, [asking]);

  const restore = async (item: TrashItem) => {
    try {
      await call('trash.restore', { ids: [item.id] });
      onNotice(t('trash.restored', { title: item.title }));
      focusHeading();
    } catch (err) {
      report(err, 'trash.errorRestore');
    }
  };

  const confirm = async () => {
    if (!asking) return;
    setBusy(true);
    try {
      if (asking.kind === 'purge') {
        await call('trash.purge', { ids: [asking.item.id] });
        onNotice(t('trash.purged', { title: asking.item.title }));
      } else {
        const { deleted } = await call('trash.empty', {});
        onNotice(t('trash.emptied', { count: deleted.length }));
      }
    } catch (err) {
      report(err, 'trash.errorPurge');
    } finally {
      setBusy(false);
      focusHeadingAfterClose.current = true;
      setAsking(null);
    }
  };

  const date = (iso: string) => formatIsoDate(iso.slice(0, 10), language);
  return (
    <section className={styles.page} aria-labelledby={headingId}>
      <header className={styles.header}>
        <h1 id={headingId} ref={headingRef} className={styles.heading} tabIndex={-1}>
          {t('trash.heading')}
        </h1>
        <p className={styles.intro}>{t('trash.intro', { days: list?.retentionDays ?? TRASH_RETENTION_DAYS })}</p>
        {list && list.total > 0 ? (
          <div className={styles.actions}>
            <Button variant="danger" icon={<Trash2 size={18} />} onClick={() => setAsking({ kind: 'empty', count: list.total })}>
              {t('trash.emptyAll')}
            </Button>
          </div>
        ) : null}
      </header>
      {list === null ? <LoadingState label={t('trash.heading')} /> : null}
      {list && list.total === 0 ? <p className={styles.empty}>{t('trash.empty')}</p> : null}
      {list && list.total > 0 ? (
        <ul className={styles.list} aria-label={t('trash.listLabel')}>
          {list.items.map((item) => (
            <li key={item.id} className={styles.item}>
              <div className={styles.itemText}>
                <p className={styles.itemTitle}>{item.title}</p>
                <p className={styles.itemMeta}>
                  {t(`kinds.${item.kind}`)} · {t('trash.deletedOn', { date: date(item.trashedAt) })} · {t('trash.expiresOn', { date: date(item.expiresAt) })}
                </p>
              </div>
              <div className={styles.itemActions}>
                <Button icon={<Undo2 size={16} />} onClick={() => void restore(item)} aria-label={t('trash.restoreNamed', { title: item.title })}>
                  {t('trash.restore')}
                </Button>
                <Button variant="quiet" onClick={() => setAsking({ kind: 'purge', item })} aria-label={t('trash.purgeNamed', { title: item.title })}>
                  {t('trash.purge')}
                </Button>
              </div>
            </li>
          ))}
        </ul>
      ) : null}
      <ConfirmDialog
        open={asking !== null}
        title={asking?.kind === 'empty' ? t('trash.confirmEmptyTitle') : t('trash.confirmPurgeTitle')}
        confirmLabel={asking?.kind === 'empty' ? t('trash.confirmEmpty') : t('trash.confirmPurge')}
        cancelLabel={t('trash.cancel')}
        onConfirm={() => void confirm()}
        onCancel={() => setAsking(null)}
        busy={busy}
        busyText={t('trash.purging')}
        destructive
      >
        {asking ? (
          <>
            <p>{asking.kind === 'empty' ? t('trash.confirmEmptyText', { count: asking.count }) : t('trash.confirmPurgeText', { title: asking.item.title })}</p>
            <p>{t('trash.backupsText')}</p>
          </>
        ) : null}
      </ConfirmDialog>
    </section>
  );
}
