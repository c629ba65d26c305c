import { FileText } from 'lucide-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuoteView } from '../../../../shared/domain/import';
import { formatIsoDate } from '../../lib/formatDate';
import { QuoteCorrection } from './QuoteCorrection';
import styles from './QuotesPage.module.css';

export interface QuoteTimelineProps {
  name: string;
  detail: string | null;
  quotes: QuoteView[];
  /** In the organisation view each statement names its speaker. */
  showSpeaker: boolean;
  onOpen: (documentId: string) => void;
  /** A statement was corrected in place (speaker, role, organisation). */
  onCorrected: (quote: QuoteView) => void;
}

/** Oldest first; statements without a date at the end. */
function byDate(a: QuoteView, b: QuoteView): number {
  if (a.saidOn === b.saidOn) return a.documentTitle.localeCompare(b.documentTitle, 'de') || a.position - b.position;
  if (a.saidOn === null) return 1;
  if (b.saidOn === null) return -1;
  return a.saidOn.localeCompare(b.saidOn);
}

/** The statements of one person (or organisation) along time, each with its document. */
export function QuoteTimeline({ name, detail, quotes, showSpeaker, onOpen, onCorrected }: QuoteTimelineProps) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const language = i18n.resolvedLanguage ?? 'de';
  const sorted = [...quotes].sort(byDate);
  return (
    <section aria-labelledby={headingId} data-testid="quote-timeline">
      <h2 id={headingId} className={styles.timelineHeading}>
        {name}
      </h2>
      {detail ? <p className={styles.timelineDetail}>{detail}</p> : null}
      <ol className={styles.timeline} aria-label={t('quotes.timelineLabel', { name })}>
        {sorted.map((q) => (
          <li key={q.id} className={styles.entry} data-testid="timeline-entry">
            <p className={styles.entryDate}>{q.saidOn ? formatIsoDate(q.saidOn, language) : t('quotes.noDate')}</p>
            <figure className={styles.entryBody}>
              <blockquote className={styles.entryQuote}>„{q.text}“</blockquote>
              <figcaption className={styles.entryCaption}>
                {showSpeaker || q.role ? <span>{[showSpeaker ? (q.speaker ?? t('quotes.unknownSpeaker')) : null, q.role, showSpeaker ? null : q.organisation].filter(Boolean).join(', ')}</span> : null}
                <button type="button" className={styles.docLink} onClick={() => onOpen(q.documentId)}>
                  <FileText aria-hidden="true" size={15} />
                  <span>{q.documentTitle}</span>
                </button>
                {q.corrected ? <span className={styles.corrected}>{t('documentQuotes.corrected')}</span> : null}
                <QuoteCorrection quote={q} onSaved={onCorrected} />
              </figcaption>
            </figure>
          </li>
        ))}
      </ol>
    </section>
  );
}
