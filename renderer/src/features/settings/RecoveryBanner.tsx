import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecoveryNotice } from '../../../../shared/ipc/areas/backup';
import { Button } from '../../components/Button';
import { call } from '../../lib/api';
import styles from './Backup.module.css';
import { formatBackupTime } from './backupFormat';

/**
 * Tells the user, once after a start, that a backup was restored: after damage (where the damaged
 * file went) or because they asked for it, and from what time the restored state is.
 */
export function RecoveryBanner() {
  const { t, i18n } = useTranslation();
  const [notice, setNotice] = useState<RecoveryNotice | null>(null);

  useEffect(() => {
    let cancelled = false;
    call('backup.notice', {}).then(
      (n) => !cancelled && setNotice(n),
      // The banner is an extra: a failed look-up must not stop the app from starting.
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, []);

  if (!notice) return null;
  const time = formatBackupTime(notice.backup.createdAt, i18n.resolvedLanguage ?? 'de');
  const dismiss = () => {
    setNotice(null);
    void call('backup.dismissNotice', {}).catch(() => undefined);
  };
  return (
    <div className={notice.kind === 'recovered' ? styles.bannerWarning : styles.banner} role="alert" data-testid="recovery-notice">
      <p>
        {notice.kind === 'recovered'
          ? t('backup.notice.recovered', { movedTo: notice.movedTo, time })
          : t('backup.notice.restored', { time })}
      </p>
      <Button variant="quiet" onClick={dismiss}>
        {t('backup.notice.dismiss')}
      </Button>
    </div>
  );
}
