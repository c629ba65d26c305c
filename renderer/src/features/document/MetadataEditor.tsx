import { PencilLine } from 'lucide-react';
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentKind, DocumentPatch, DocumentStatus, LibraryDocument } from '../../../../shared/domain/document';
import { Button } from '../../components/Button';
import { useReportError } from '../../components/errors/useReportError';
import { Modal } from '../../components/Modal';
import { call } from '../../lib/api';
import { ALL_KINDS } from '../library/sections';
import styles from './MetadataEditor.module.css';

/** Entwurf, Endfassung, Archiviert (issue 15): the export's watermark follows the status. */
const STATUSES: readonly DocumentStatus[] = ['draft', 'final', 'archived'];

interface Draft {
  title: string;
  kind: DocumentKind;
  status: DocumentStatus;
  date: string;
  publisher: string;
  place: string;
  source: string;
  tags: string;
}

const toDraft = (doc: LibraryDocument): Draft => ({
  title: doc.title,
  kind: doc.kind,
  status: doc.status,
  date: doc.date ?? '',
  publisher: doc.publisher ?? '',
  place: doc.place ?? '',
  source: doc.source ?? '',
  tags: doc.tags.join(', '),
});

/** Only what changed; empty optional fields become null. */
function patchOf(doc: LibraryDocument, d: Draft): DocumentPatch {
  const patch: DocumentPatch = {};
  if (d.title.trim() && d.title.trim() !== doc.title) patch.title = d.title.trim();
  if (d.kind !== doc.kind) patch.kind = d.kind;
  if (d.status !== doc.status) patch.status = d.status;
  if (d.date !== (doc.date ?? '')) patch.date = d.date || null;
  if (d.publisher.trim() !== (doc.publisher ?? '')) patch.publisher = d.publisher.trim() || null;
  if (d.place.trim() !== (doc.place ?? '')) patch.place = d.place.trim() || null;
  if (d.source.trim() !== (doc.source ?? '')) patch.source = d.source.trim() || null;
  const tags = [...new Set(d.tags.split(',').map((x) => x.trim()).filter(Boolean))];
  if (tags.join('\u0000') !== doc.tags.join('\u0000')) patch.tags = tags;
  return patch;
}

/** "Angaben bearbeiten": corrects what the import found (title, kind, date, publisher, …). */
export function MetadataEditor({ doc }: { doc: LibraryDocument }) {
  const { t } = useTranslation();
  const report = useReportError();
  const headingId = useId();
  const ids = { title: useId(), kind: useId(), status: useId(), statusHint: useId(), date: useId(), publisher: useId(), place: useId(), source: useId(), tags: useId() };
  const [open, setOpen] = useState(false);
  const [saving, setSaving] = useState(false);
  const [draft, setDraft] = useState<Draft>(() => toDraft(doc));

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const patch = patchOf(doc, draft);
    if (Object.keys(patch).length === 0) {
      setOpen(false);
      return;
    }
    setSaving(true);
    try {
      // The view reloads on `documents.changed`.
      await call('documents.update', { id: doc.id, patch });
      setOpen(false);
    } catch (err) {
      report(err, 'metadata.errorSaving');
    } finally {
      setSaving(false);
    }
  };

  const field = (key: Exclude<keyof Draft, 'kind' | 'status'>, type: 'text' | 'date' = 'text', hint?: string) => (
    <div className={styles.row}>
      <label htmlFor={ids[key]}>{t(`metadata.${key}`)}</label>
      <input id={ids[key]} type={type} value={draft[key]} onChange={(e) => setDraft({ ...draft, [key]: e.target.value })} />
      {hint ? <span className={styles.hint}>{hint}</span> : null}
    </div>
  );

  return (
    <div className={styles.trigger}>
      <Button
        variant="quiet"
        icon={<PencilLine size={16} />}
        onClick={() => {
          setDraft(toDraft(doc));
          setOpen(true);
        }}
      >
        {t('metadata.edit')}
      </Button>
      <Modal open={open} onClose={() => setOpen(false)} labelledBy={headingId}>
        <form className={styles.form} onSubmit={(e) => void save(e)}>
          <h2 id={headingId}>{t('metadata.heading')}</h2>
          {field('title')}
          <div className={styles.row}>
            <label htmlFor={ids.kind}>{t('metadata.kind')}</label>
            <select id={ids.kind} value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value as DocumentKind })}>
              {ALL_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`kinds.${k}`)}
                </option>
              ))}
            </select>
          </div>
          <div className={styles.row}>
            <label htmlFor={ids.status}>{t('metadataStatus.label')}</label>
            <select
              id={ids.status}
              value={draft.status}
              aria-describedby={ids.statusHint}
              onChange={(e) => setDraft({ ...draft, status: e.target.value as DocumentStatus })}
            >
              {STATUSES.map((st) => (
                <option key={st} value={st}>
                  {t(`statuses.${st}`)}
                </option>
              ))}
            </select>
            <span id={ids.statusHint} className={styles.hint}>
              {t('metadataStatus.hint')}
            </span>
          </div>
          {field('date', 'date')}
          {field('publisher')}
          {field('place')}
          {field('source')}
          {field('tags', 'text', t('metadata.tagsHint'))}
          <div className={styles.actions}>
            <Button onClick={() => setOpen(false)} disabled={saving}>
              {t('metadata.cancel')}
            </Button>
            <Button type="submit" variant="primary" disabled={saving}>
              {saving ? t('metadata.saving') : t('metadata.save')}
            </Button>
          </div>
        </form>
      </Modal>
    </div>
  );
}
