import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupInfo } from '../../../../shared/ipc/areas/backup';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useFocusReturn } from '../../components/focus';
import { useReportError } from '../../components/errors/useReportError';
import { call, onEvent } from '../../lib/api';
import styles from './Backup.module.css';
import { formatBackupTime, formatBytes } from './backupFormat';

type Phase = { name: 'idle' } | { name: 'running'; done: number; total: number } | { name: 'done'; backup: BackupInfo };

/**
 * Einstellungen → Sicherungen (issue 7 §2): „Sicherung jetzt“ with progress, the list of backups,
 * and „Wiederherstellen“ after a confirmation; the app then restarts and restores before opening.
 */
export function BackupCard({ cardClass, legendClass }: { cardClass?: string; legendClass?: string }) {
  const { t, i18n } = useTranslation();
  const report = useReportError();
  const language = i18n.resolvedLanguage ?? 'de';
  const ids = { heading: useId(), hint: useId() };
  const [backups, setBackups] = useState<BackupInfo[] | null>(null);
  const [phase, setPhase] = useState<Phase>({ name: 'idle' });
  const [confirm, setConfirm] = useState<BackupInfo | null>(null);
  const [restarting, setRestarting] = useState(false);
  const nowButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useFocusReturn();

  // Bumped after a backup (ours, or an automatic one announced by `backup.created`): reloads the list.
  const [listVersion, setListVersion] = useState(0);

  useEffect(() => {
    let cancelled = false;
    call('backup.list', {}).then(
      (list) => !cancelled && setBackups(list),
      (err: unknown) => !cancelled && report(err, 'backup.errorList'),
    );
    return () => {
      cancelled = true;
    };
  }, [listVersion, report]);

  useEffect(() => onEvent('backup.created', () => setListVersion((v) => v + 1)), []);

  useEffect(
    () =>
      onEvent('backup.progressed', ({ kind, done, total }) => {
        if (kind === 'manual') setPhase((p) => (p.name === 'running' ? { name: 'running', done, total } : p));
      }),
    [],
  );

  const backupNow = async () => {
    setPhase({ name: 'running', done: 0, total: 0 });
    try {
      const backup = await call('backup.create', {});
      setPhase({ name: 'done', backup });
      setListVersion((v) => v + 1);
    } catch (err) {
      setPhase({ name: 'idle' });
      report(err, 'backup.errorCreate');
    }
    // The button was disabled while the backup ran: focus comes back to it (issue 15).
    returnFocus(() => nowButton.current);
  };

  const restore = async (backup: BackupInfo) => {
    setRestarting(true);
    try {
      await call('backup.restore', { name: backup.name });
    } catch (err) {
      setRestarting(false);
      setConfirm(null);
      report(err, 'backup.errorRestore');
    }
  };

  const percent = phase.name === 'running' && phase.total > 0 ? Math.round((phase.done / phase.total) * 100) : null;
  return (
    <section className={cardClass} aria-labelledby={ids.heading} data-testid="backup-card">
      <h2 id={ids.heading} className={legendClass}>
        {t('backup.title')}
      </h2>
      <p id={ids.hint} className={styles.hint}>
        {t('backup.hint')}
      </p>
      <div className={styles.actions}>
        <Button ref={nowButton} variant="primary" onClick={() => void backupNow()} disabled={phase.name === 'running'} aria-describedby={ids.hint}>
          {t('backup.now')}
        </Button>
        <div role="status" aria-live="polite" className={styles.status}>
          {phase.name === 'running' ? (
            <>
              <span>{t('backup.running')}</span>
              <progress max={100} value={percent ?? undefined} aria-label={t('backup.progressLabel')} />
            </>
          ) : phase.name === 'done' ? (
            <span data-testid="backup-done">
              {t('backup.done', {
                time: formatBackupTime(phase.backup.createdAt, language),
                count: phase.backup.documentCount ?? 0,
              })}
            </span>
          ) : null}
        </div>
      </div>

      {backups === null ? null : backups.length === 0 ? (
        <p className={styles.hint}>{t('backup.none')}</p>
      ) : (
        // A narrow window scrolls the table in itself, by keyboard too (WCAG 1.4.10's exception for data tables).
        <div className={styles.tableScroll} role="region" aria-label={t('backup.listCaption')} tabIndex={0}>
          <table className={styles.table}>
            <caption className="visually-hidden">{t('backup.listCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('backup.columns.time')}</th>
                <th scope="col">{t('backup.columns.kind')}</th>
                <th scope="col">{t('backup.columns.documents')}</th>
                <th scope="col">{t('backup.columns.size')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('backup.columns.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {backups.map((b) => (
                <tr key={b.name} data-testid="backup-row">
                  <td>{formatBackupTime(b.createdAt, language)}</td>
                  <td>{t(`backup.kinds.${b.kind}`)}</td>
                  <td>{b.documentCount ?? '–'}</td>
                  <td>{formatBytes(b.bytes, language)}</td>
                  <td>
                    <Button
                      variant="quiet"
                      onClick={() => setConfirm(b)}
                      aria-label={t('backup.restoreFrom', { time: formatBackupTime(b.createdAt, language) })}
                    >
                      {t('backup.restore')}
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <ConfirmDialog
        open={confirm !== null}
        title={t('backup.confirmTitle')}
        confirmLabel={t('backup.confirmRestore')}
        cancelLabel={t('backup.cancel')}
        onConfirm={() => confirm && void restore(confirm)}
        onCancel={() => setConfirm(null)}
        busy={restarting}
        busyText={t('backup.restarting')}
      >
        {confirm ? <p>{t('backup.confirmText', { time: formatBackupTime(confirm.createdAt, language) })}</p> : null}
      </ConfirmDialog>
    </section>
  );
}
