import { Pencil } from 'lucide-react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuotePatch, QuoteView } from '../../../../shared/domain/import';
import { Button } from '../../components/Button';
import { useFocusReturn } from '../../components/focus';
import { useReportError } from '../../components/errors/useReportError';
import { call, onEvent } from '../../lib/api';
import styles from './DocumentQuotes.module.css';

/**
 * The statements found in a document (issue 3 §4): who said what, in which role, for which
 * organisation. Each can be corrected; a corrected speaker stays corrected on re-import (the
 * service remembers it per original).
 */
export function DocumentQuotes({ documentId }: { documentId: string }) {
  const { t } = useTranslation();
  const report = useReportError();
  const headingId = useId();
  const [quotes, setQuotes] = useState<QuoteView[]>([]);
  const [revision, setRevision] = useState(0);

  useEffect(() => {
    let cancelled = false;
    call('quotes.list', { documentId, limit: 500 }).then(
      (list) => {
        if (!cancelled) setQuotes([...list].sort((a, b) => a.position - b.position));
      },
      (err: unknown) => {
        if (!cancelled) report(err, 'documentQuotes.errorLoading');
      },
    );
    return () => {
      cancelled = true;
    };
  }, [documentId, revision, report]);

  useEffect(
    () =>
      onEvent('documents.changed', ({ ids }) => {
        if (ids.includes(documentId)) setRevision((r) => r + 1);
      }),
    [documentId],
  );

  if (quotes.length === 0) return null;
  return (
    <section className={styles.section} aria-labelledby={headingId}>
      <h2 id={headingId} className={styles.heading}>
        {t('documentQuotes.title', { count: quotes.length })}
      </h2>
      <p className={styles.intro}>{t('documentQuotes.intro')}</p>
      <ol className={styles.list}>
        {quotes.map((q) => (
          <QuoteItem key={q.id} quote={q} onSaved={(next) => setQuotes((list) => list.map((x) => (x.id === next.id ? next : x)))} />
        ))}
      </ol>
    </section>
  );
}

function QuoteItem({ quote, onSaved }: { quote: QuoteView; onSaved: (q: QuoteView) => void }) {
  const { t } = useTranslation();
  const report = useReportError();
  const [editing, setEditing] = useState(false);
  const [saving, setSaving] = useState(false);
  const ids = { speaker: useId(), role: useId(), organisation: useId(), text: useId() };
  const [draft, setDraft] = useState({ speaker: '', role: '', organisation: '', text: '' });
  const editButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useFocusReturn();
  // Saving or cancelling replaces the form by the quote: focus goes to its "Korrigieren" (issue 15).
  const finishEditing = () => {
    setEditing(false);
    returnFocus(() => editButton.current);
  };

  const startEditing = () => {
    setDraft({ speaker: quote.speaker ?? '', role: quote.role ?? '', organisation: quote.organisation ?? '', text: quote.text });
    setEditing(true);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const patch: QuotePatch = { id: quote.id };
    const speaker = draft.speaker.trim();
    if (speaker && speaker !== (quote.speaker ?? '')) patch.speaker = speaker;
    if (draft.role.trim() !== (quote.role ?? '')) patch.role = draft.role.trim() || null;
    if (draft.organisation.trim() !== (quote.organisation ?? '')) patch.organisation = draft.organisation.trim() || null;
    if (draft.text.trim() && draft.text.trim() !== quote.text) patch.text = draft.text.trim();
    if (Object.keys(patch).length === 1) {
      finishEditing();
      return;
    }
    setSaving(true);
    try {
      onSaved(await call('quotes.update', patch));
      finishEditing();
    } catch (err) {
      report(err, 'documentQuotes.errorSaving');
    } finally {
      setSaving(false);
    }
  };

  const who = [quote.speaker ?? t('quotes.unknownSpeaker'), quote.role, quote.organisation].filter(Boolean).join(', ');

  if (editing) {
    return (
      <li className={styles.item}>
        <form
          className={styles.form}
          onSubmit={(e) => void save(e)}
          onKeyDown={(e) => {
            // Escape cancels the correction (and does not leave the document).
            if (e.key === 'Escape') {
              e.preventDefault();
              e.stopPropagation();
              finishEditing();
            }
          }}
          aria-label={t('documentQuotes.formLabel')}
        >
          <div className={styles.row}>
            <label htmlFor={ids.speaker}>{t('documentQuotes.speaker')}</label>
            <input id={ids.speaker} value={draft.speaker} autoFocus onChange={(e) => setDraft({ ...draft, speaker: e.target.value })} />
          </div>
          <div className={styles.row}>
            <label htmlFor={ids.role}>{t('documentQuotes.role')}</label>
            <input id={ids.role} value={draft.role} onChange={(e) => setDraft({ ...draft, role: e.target.value })} />
          </div>
          <div className={styles.row}>
            <label htmlFor={ids.organisation}>{t('documentQuotes.organisation')}</label>
            <input id={ids.organisation} value={draft.organisation} onChange={(e) => setDraft({ ...draft, organisation: e.target.value })} />
          </div>
          <div className={`${styles.row} ${styles.wide}`}>
            <label htmlFor={ids.text}>{t('documentQuotes.text')}</label>
            <textarea id={ids.text} rows={4} value={draft.text} onChange={(e) => setDraft({ ...draft, text: e.target.value })} />
          </div>
          <div className={styles.actions}>
            <Button type="submit" variant="primary" disabled={saving}>
              {saving ? t('documentQuotes.saving') : t('documentQuotes.save')}
            </Button>
            <Button onClick={finishEditing} disabled={saving}>
              {t('documentQuotes.cancel')}
            </Button>
          </div>
        </form>
      </li>
    );
  }

  return (
    <li className={styles.item} data-testid="document-quote">
      <figure className={styles.figure}>
        <blockquote className={styles.quote}>„{quote.text}“</blockquote>
        <figcaption className={styles.caption}>
          <span data-testid="quote-speaker">— {who}</span>
          {quote.corrected ? <span className={styles.badge}>{t('documentQuotes.corrected')}</span> : null}
        </figcaption>
      </figure>
      <Button ref={editButton} variant="quiet" icon={<Pencil size={16} />} onClick={startEditing} aria-label={t('documentQuotes.editNamed', { who })}>
        {t('documentQuotes.edit')}
      </Button>
    </li>
  );
}
