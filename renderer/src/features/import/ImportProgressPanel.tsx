import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportProgress } from '../../../../shared/domain/import';
import { Button } from '../../components/Button';
import { baseName } from './baseName';
import styles from './Import.module.css';

export interface ImportProgressPanelProps {
  progress: ImportProgress;
  cancelling: boolean;
  onCancel: () => void;
}

/** What a running import is doing: files done, the current file, speed, time left, cancel. */
export function ImportProgressPanel({ progress, cancelling, onCancel }: ImportProgressPanelProps) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const nf = new Intl.NumberFormat(i18n.resolvedLanguage ?? 'de', { maximumFractionDigits: 1 });
  const { filesDone, filesTotal, currentFile, rate, etaSeconds } = progress;
  const max = progress.bytesTotal > 0 ? progress.bytesTotal : Math.max(filesTotal, 1);
  const value = progress.bytesTotal > 0 ? progress.bytesDone : filesDone;
  // Announced politely in steps of 10 % (WCAG 4.1.3, issue 15): the start, then every tenth, not every file.
  const step = Math.min(10, Math.floor((value / max) * 10));
  const announced = `${cancelling ? t('import.progress.cancelling') : t('import.progress.title')}: ${t('import.progress.percent', { percent: step * 10 })}`;
  const eta =
    etaSeconds === null
      ? t('import.progress.etaUnknown')
      : etaSeconds < 60
        ? t('import.progress.etaSeconds', { count: Math.max(1, Math.round(etaSeconds)) })
        : t('import.progress.etaMinutes', { count: Math.round(etaSeconds / 60) });
  return (
    <section className={styles.progressPanel} aria-labelledby={headingId} data-testid="import-progress">
      <h2 id={headingId} className={styles.progressTitle}>
        {cancelling ? t('import.progress.cancelling') : t('import.progress.title')}
      </h2>
      {/* Bytes move on inside a large file (JSONL) too, where the file count stands still. */}
      <progress className={styles.progressBar} max={max} value={value} aria-labelledby={headingId} />
      <p role="status" className="visually-hidden" data-testid="import-announcement">
        {announced}
      </p>
      <p className={styles.progressCount}>{t('import.progress.files', { done: filesDone, count: filesTotal })}</p>
      {currentFile ? (
        <p className={styles.progressFile} title={currentFile}>
          {t('import.progress.current', { name: baseName(currentFile) })}
        </p>
      ) : null}
      {progress.ocr ? (
        <p className={styles.progressMeta} data-testid="import-ocr-page">
          {t('import.progress.ocr', { page: progress.ocr.page, pages: progress.ocr.pages })}
        </p>
      ) : null}
      <p className={styles.progressMeta}>
        {t('import.progress.rate', { rate: nf.format(rate) })} · {eta}
      </p>
      <p className={styles.progressMeta}>
        {t('import.progress.counts', { imported: progress.imported, duplicates: progress.duplicates, failed: progress.failed })}
      </p>
      <Button onClick={onCancel} disabled={cancelling}>
        {t('import.progress.cancel')}
      </Button>
    </section>
  );
}
