import { BookOpen, Sparkles, Upload } from 'lucide-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';
import { useReportError } from '../../components/errors/useReportError';
import { call } from '../../lib/api';
import { useImport } from '../import/useImport';
import styles from './FirstStartPage.module.css';

export interface FirstStartPageProps {
  /** Called once the user has chosen how to begin (sample loaded or empty library). */
  onDone: () => void;
}

/** Shown on an empty library before the first choice: explains the program, offers a start. */
export function FirstStartPage({ onDone }: FirstStartPageProps) {
  const { t } = useTranslation();
  const report = useReportError();
  const headingId = useId();
  const importNoteId = useId();
  const [busy, setBusy] = useState<'sample' | 'empty' | null>(null);
  // The app leaves this screen when the import has brought documents in (App listens).
  const imports = useImport();

  const loadSample = async () => {
    setBusy('sample');
    try {
      await call('library.loadSample', {});
      onDone();
    } catch (err) {
      report(err, 'firstStart.errorSample');
      setBusy(null);
    }
  };

  const startEmpty = async () => {
    setBusy('empty');
    try {
      await call('settings.set', { key: 'firstRunDone', value: true });
      onDone();
    } catch (err) {
      report(err, 'firstStart.errorStartEmpty');
      setBusy(null);
    }
  };

  return (
    <main className={styles.page} aria-labelledby={headingId}>
      <div className={styles.card}>
        <p className={styles.brand}>{t('app.name')}</p>
        <h1 id={headingId} className={styles.title}>
          {t('firstStart.title')}
        </h1>
        <p className={styles.lead}>{t('firstStart.lead')}</p>
        <ul className={styles.points} aria-label={t('firstStart.pointsLabel')}>
          <li>{t('firstStart.point1')}</li>
          <li>{t('firstStart.point2')}</li>
          <li>{t('firstStart.point3')}</li>
        </ul>

        <h2 className={styles.choose}>{t('firstStart.choose')}</h2>
        <div className={styles.options}>
          <div className={styles.option}>
            <Button
              variant="primary"
              icon={<Sparkles size={18} />}
              onClick={() => void loadSample()}
              disabled={busy !== null}
              aria-describedby={`${headingId}-sample`}
            >
              {busy === 'sample' ? t('firstStart.loadingSample') : t('firstStart.loadSample')}
            </Button>
            <p id={`${headingId}-sample`} className={styles.optionHint}>
              {t('firstStart.loadSampleHint')}
            </p>
          </div>
          <div className={styles.option}>
            <Button
              icon={<Upload size={18} />}
              onClick={() => void imports.chooseFiles()}
              disabled={busy !== null || imports.busy}
              aria-describedby={importNoteId}
            >
              {t('firstStart.import')}
            </Button>
            <p id={importNoteId} className={styles.optionHint}>
              {t('firstStart.importNote')}
            </p>
          </div>
        </div>
        <div className={styles.empty}>
          <Button
            variant="quiet"
            icon={<BookOpen size={18} />}
            onClick={() => void startEmpty()}
            disabled={busy !== null}
            aria-describedby={`${headingId}-empty`}
          >
            {t('firstStart.startEmpty')}
          </Button>
          <p id={`${headingId}-empty`} className={styles.optionHint}>
            {t('firstStart.startEmptyHint')}
          </p>
        </div>
        {busy === 'sample' ? (
          <p className="visually-hidden" role="status">
            {t('firstStart.loadingSample')}
          </p>
        ) : null}
      </div>
    </main>
  );
}
