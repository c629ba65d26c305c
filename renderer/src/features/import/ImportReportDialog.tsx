import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportReport } from '../../../../shared/domain/import';
import { Button } from '../../components/Button';
import { Modal } from '../../components/Modal';
import { TechnicalDetail } from '../../components/errors/TechnicalDetail';
import { baseName } from './baseName';
import styles from './Import.module.css';

export interface ImportReportDialogProps {
  report: ImportReport | null;
  onClose: () => void;
  onOpen: (id: string) => void;
  /** Where focus goes after closing (the control the import was started from). */
  returnFocus?: () => HTMLElement | null;
}

/** The result of an import: what came in, what was already there, what failed and why. */
export function ImportReportDialog({ report, onClose, onOpen, returnFocus }: ImportReportDialogProps) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const nf = new Intl.NumberFormat(i18n.resolvedLanguage ?? 'de', { maximumFractionDigits: 1 });
  return (
    <Modal open={report !== null} onClose={onClose} labelledBy={headingId} className={styles.reportDialog} returnFocus={returnFocus}>
      {report ? (
        <div className={styles.report} data-testid="import-report">
          <header className={styles.reportHeader}>
            <h2 id={headingId}>{report.cancelled ? t('import.report.titleCancelled') : t('import.report.title')}</h2>
            <p className={styles.reportSummary}>
              {t('import.report.summary', {
                // Plural keys of i18next: "1 Datei geprüft" (issue 15).
                count: report.files,
                imported: report.imported.length,
                duplicates: report.duplicates.length,
                failed: report.failed.length,
                seconds: nf.format(report.seconds),
              })}
            </p>
          </header>
          <div className={styles.reportBody}>
            {report.files === 0 ? <p>{t('import.report.noFiles')}</p> : null}
            {report.imported.length > 0 ? (
              <section aria-labelledby={`${headingId}-imported`}>
                <h3 id={`${headingId}-imported`}>{t('import.report.imported', { count: report.imported.length })}</h3>
                <ul className={styles.reportList} aria-labelledby={`${headingId}-imported`}>
                  {report.imported.map((item) => (
                    <li key={item.id} data-testid="report-imported">
                      <span className={styles.reportTitle}>{item.title}</span>
                      <span className={styles.reportKind}>{t(`kinds.${item.kind}`)}</span>
                      <Button variant="quiet" onClick={() => onOpen(item.id)} aria-label={t('import.report.openNamed', { title: item.title })}>
                        {t('import.report.open')}
                      </Button>
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}
            {report.updated?.length ? (
              <section aria-labelledby={`${headingId}-updated`}>
                <h3 id={`${headingId}-updated`}>{t('importRecords.updated', { count: report.updated.length })}</h3>
                <ul className={styles.reportList} aria-labelledby={`${headingId}-updated`}>
                  {report.updated.map((item, i) => (
                    <li key={`${item.id}-${i}`} data-testid="report-updated">
                      <span className={styles.reportTitle}>{item.title}</span>
                      <span className={styles.reportReason}>{t('importRecords.updatedDetail', { id: item.externalId ?? '' })}</span>
                      <Button variant="quiet" onClick={() => onOpen(item.id)} aria-label={t('import.report.openNamed', { title: item.title })}>
                        {t('import.report.open')}
                      </Button>
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}
            {report.attachments?.length ? (
              <section aria-labelledby={`${headingId}-attachments`}>
                <h3 id={`${headingId}-attachments`}>{t('importRecords.attachments', { count: report.attachments.length })}</h3>
                <ul className={styles.reportList} aria-labelledby={`${headingId}-attachments`}>
                  {report.attachments.map((item, i) => (
                    <li key={`${item.path}-${item.name}-${i}`} data-testid="report-attachment" data-status={item.status}>
                      <span className={styles.reportFile}>
                        {baseName(item.path)} › {item.name}
                      </span>
                      <span className={styles.reportReason}>{t(`importRecords.attachmentStatus.${item.status}`)}</span>
                      {item.message ? <span className={styles.reportDetail}>{item.message}</span> : null}
                      {item.documentId ? (
                        <Button variant="quiet" onClick={() => onOpen(item.documentId!)} aria-label={t('import.report.openNamed', { title: item.name })}>
                          {t('import.report.open')}
                        </Button>
                      ) : null}
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}
            {report.duplicates.length > 0 ? (
              <section aria-labelledby={`${headingId}-duplicates`}>
                <h3 id={`${headingId}-duplicates`}>{t('import.report.duplicates', { count: report.duplicates.length })}</h3>
                <ul className={styles.reportList} aria-labelledby={`${headingId}-duplicates`}>
                  {report.duplicates.map((item, i) => (
                    <li key={`${item.path}-${i}`} data-testid="report-duplicate">
                      <span className={styles.reportFile}>{baseName(item.path)}</span>
                      <span className={styles.reportReason}>
                        {item.reason === 'same-id' && item.externalId
                          ? t('importRecords.duplicateById', { id: item.externalId, title: item.title })
                          : t('import.report.duplicateOf', { title: item.title })}
                      </span>
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}
            {report.failed.length > 0 ? (
              <section aria-labelledby={`${headingId}-failed`}>
                <h3 id={`${headingId}-failed`} className={styles.failedHeading}>
                  {t('import.report.failed', { count: report.failed.length })}
                </h3>
                <ul className={styles.reportList} aria-labelledby={`${headingId}-failed`}>
                  {report.failed.map((item, i) => (
                    <li key={`${item.path}-${item.line ?? 0}-${i}`} data-testid="report-failed" data-code={item.code}>
                      <span className={styles.reportFile}>
                        {baseName(item.path)}
                        {item.line ? ` (${t('import.report.line', { line: item.line })})` : ''}
                      </span>
                      <span className={styles.reportReason}>
                        {t(`import.failure.${item.code}`, { defaultValue: t('import.failure.default') })}
                      </span>
                      {item.reason ? (
                        <span className={styles.reportReason} data-testid="report-failed-reason" data-reason={item.reason}>
                          {t(`importRecords.reason.${item.reason}`, { defaultValue: '' })}
                        </span>
                      ) : null}
                      <TechnicalDetail className={styles.reportDetail} text={item.message} />
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}
          </div>
          <footer className={styles.reportFooter}>
            <Button variant="primary" onClick={onClose} autoFocus>
              {t('import.report.close')}
            </Button>
          </footer>
        </div>
      ) : null}
    </Modal>
  );
}
