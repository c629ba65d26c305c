import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SourceHit } from '../../../../shared/ipc/areas/collab';
import type { CitationAttrs } from '../../../../shared/editor/Citation';
import { Button } from '../../components/Button';
import { useReportError } from '../../components/errors/useReportError';
import { call } from '../../lib/api';
import { formatIsoDate } from '../../lib/formatDate';
import styles from './Editor.module.css';

/**
 * Search the statement register (quote wording, speaker, role, organisation, date) and the press
 * material; choosing a quote inserts it with speaker, role, organisation, source and date,
 * choosing a document cites it with its publisher.
 */
export function CitationDialog({ onInsert, onCancel }: { onInsert: (attrs: CitationAttrs) => void; onCancel: () => void }) {
  const { t, i18n } = useTranslation();
  const report = useReportError();
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<SourceHit[]>([]);

  useEffect(() => inputRef.current?.focus(), []);
  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(() => {
      call('collab.findSources', { q, limit: 20 }).then(
        (found) => {
          if (!cancelled) setHits(found);
        },
        (err: unknown) => report(err, 'editor.citation.error'),
      );
    }, 150);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [q, report]);

  const quoteHits = hits.filter((h) => h.quoteId);
  const documentHits = hits.filter((h) => !h.quoteId);
  const when = (date: string | null) => (date ? formatIsoDate(date, i18n.resolvedLanguage ?? 'de') : null);

  return (
    <div
      className={styles.dialog}
      role="dialog"
      aria-modal="false"
      aria-labelledby={`${inputId}-title`}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onCancel();
        }
      }}
    >
      <h3 id={`${inputId}-title`}>{t('editor.citation.title')}</h3>
      <label htmlFor={inputId}>{t('editor.citation.search')}</label>
      <input id={inputId} ref={inputRef} type="search" value={q} onChange={(e) => setQ(e.target.value)} />
      {quoteHits.length > 0 ? (
        <>
          <h4 className={styles.hitHeading}>{t('editor.citation.quotesHeading')}</h4>
          <ul className={styles.hitList} aria-label={t('editor.citation.quotesHeading')}>
            {quoteHits.map((h) => (
              <li key={h.quoteId}>
                <button
                  type="button"
                  onClick={() =>
                    onInsert({
                      documentId: h.id,
                      kind: h.kind,
                      speaker: h.speaker,
                      title: h.title,
                      date: h.date ?? '',
                      quoteId: h.quoteId ?? '',
                      quote: h.quote ?? '',
                      role: h.role ?? '',
                      organisation: h.organisation ?? '',
                    })
                  }
                >
                  <span className={styles.hitQuote}>„{h.quote}“</span>
                  <span className={styles.hint}>
                    {[[h.speaker, h.role, h.organisation].filter(Boolean).join(', '), h.title, when(h.date)].filter(Boolean).join(' · ')}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h4 className={styles.hitHeading}>{t('editor.citation.documentsHeading')}</h4>
      <ul className={styles.hitList} aria-label={t('editor.citation.results')}>
        {documentHits.map((h) => (
          <li key={h.id}>
            <button type="button" onClick={() => onInsert({ documentId: h.id, kind: h.kind, speaker: h.speaker, title: h.title, date: h.date ?? '' })}>
              <strong>{h.title}</strong>
              <span className={styles.hint}>{[t(`kinds.${h.kind}`), h.speaker, when(h.date)].filter(Boolean).join(' · ')}</span>
            </button>
          </li>
        ))}
        {hits.length === 0 ? <li className={styles.hint}>{t('editor.citation.none')}</li> : null}
      </ul>
      <Button onClick={onCancel}>{t('editor.cancel')}</Button>
    </div>
  );
}
