import { Pencil } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { QuotePatch, QuoteView } from '../../../../shared/domain/import';
import { Button } from '../../components/Button';
import { useReportError } from '../../components/errors/useReportError';
import { call } from '../../lib/api';
import styles from './QuotesPage.module.css';

/**
 * Corrects who said a statement – speaker, role, organisation – where it is shown in the Zitate
 * view. The service remembers the correction for the original, so it survives a re-import.
 */
export function QuoteCorrection({ quote, onSaved }: { quote: QuoteView; onSaved: (q: QuoteView) => void }) {
  const { t } = useTranslation();
  const report = useReportError();
  const ids = { speaker: useId(), role: useId(), organisation: useId() };
  const [editing, setEditing] = useState(false);
  const [saving, setSaving] = useState(false);
  const [draft, setDraft] = useState({ speaker: '', role: '', organisation: '' });
  const who = [quote.speaker ?? t('quotes.unknownSpeaker'), quote.role, quote.organisation].filter(Boolean).join(', ');

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const patch: QuotePatch = { id: quote.id };
    const speaker = draft.speaker.trim();
    if (speaker && speaker !== (quote.speaker ?? '')) patch.speaker = speaker;
    if (draft.role.trim() !== (quote.role ?? '')) patch.role = draft.role.trim() || null;
    if (draft.organisation.trim() !== (quote.organisation ?? '')) patch.organisation = draft.organisation.trim() || null;
    if (Object.keys(patch).length === 1) {
      setEditing(false);
      return;
    }
    setSaving(true);
    try {
      const saved = await call('quotes.update', patch);
      setEditing(false);
      onSaved(saved);
    } catch (err) {
      report(err, 'documentQuotes.errorSaving');
    } finally {
      setSaving(false);
    }
  };

  if (!editing) {
    return (
      <Button
        variant="quiet"
        icon={<Pencil size={15} />}
        onClick={() => {
          setDraft({ speaker: quote.speaker ?? '', role: quote.role ?? '', organisation: quote.organisation ?? '' });
          setEditing(true);
        }}
        aria-label={t('documentQuotes.editNamed', { who })}
      >
        {t('documentQuotes.edit')}
      </Button>
    );
  }
  return (
    <form
      className={styles.correction}
      aria-label={t('documentQuotes.formLabel')}
      onSubmit={(e) => void save(e)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          setEditing(false);
        }
      }}
    >
      {(['speaker', 'role', 'organisation'] as const).map((field) => (
        <div key={field} className={styles.correctionRow}>
          <label htmlFor={ids[field]}>{t(`documentQuotes.${field}`)}</label>
          <input id={ids[field]} value={draft[field]} autoFocus={field === 'speaker'} onChange={(e) => setDraft({ ...draft, [field]: e.target.value })} />
        </div>
      ))}
      <div className={styles.correctionActions}>
        <Button type="submit" variant="primary" disabled={saving}>
          {saving ? t('documentQuotes.saving') : t('documentQuotes.save')}
        </Button>
        <Button onClick={() => setEditing(false)} disabled={saving}>
          {t('documentQuotes.cancel')}
        </Button>
      </div>
    </form>
  );
}
