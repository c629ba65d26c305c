import { Plus, Search } from 'lucide-react';
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentKind } from '../../../../shared/domain/document';
import { Button } from '../../components/Button';
import { Modal } from '../../components/Modal';
import { call, toApiError, type ApiError } from '../../lib/api';
import { formatIsoDate } from '../../lib/formatDate';
import styles from './Sessions.module.css';

interface Candidate {
  id: string;
  title: string;
  kind: DocumentKind;
  date: string | null;
}

export interface DocumentPickerDialogProps {
  open: boolean;
  onClose: () => void;
  /** "TOP n" the documents are added to. */
  number: number;
  itemTitle: string;
  attachedIds: readonly string[];
  onAdd: (documentId: string, title: string) => Promise<void>;
}

type Found = { status: 'loading' } | { status: 'ready'; items: Candidate[]; query: string } | { status: 'error'; error: ApiError };

/**
 * "Unterlage hinzufügen": the newest documents of the library, or what the full-text search finds
 * while typing. The dialog stays open, so several documents can be added one after another.
 */
export function DocumentPickerDialog(props: DocumentPickerDialogProps) {
  const headingId = useId();
  return (
    <Modal open={props.open} onClose={props.onClose} labelledBy={headingId} className={styles.pickerDialog}>
      {props.open ? <Picker {...props} headingId={headingId} /> : null}
    </Modal>
  );
}

function Picker({ onClose, number, itemTitle, attachedIds, onAdd, headingId }: DocumentPickerDialogProps & { headingId: string }) {
  const { t, i18n } = useTranslation();
  const searchId = useId();
  const listId = useId();
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<Found>({ status: 'loading' });
  const [announcement, setAnnouncement] = useState('');
  const [adding, setAdding] = useState<string | null>(null);
  const language = i18n.resolvedLanguage ?? 'de';

  useEffect(() => {
    let cancelled = false;
    const q = query.trim();
    const timer = window.setTimeout(
      () => {
        const request: Promise<Candidate[]> = q
          ? call('search.query', { q, limit: 40, prefix: true }).then((r) => r.hits)
          : call('documents.list', { sort: 'date', order: 'desc', limit: 60 }).then((p) => p.items);
        request.then(
          (items) => !cancelled && setFound({ status: 'ready', items, query: q }),
          (err: unknown) => !cancelled && setFound({ status: 'error', error: toApiError(err) }),
        );
      },
      q ? 180 : 0,
    );
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [query]);

  const add = async (c: Candidate) => {
    setAdding(c.id);
    try {
      await onAdd(c.id, c.title);
      setAnnouncement(t('sessions.picker.added', { title: c.title, number }));
    } catch (err) {
      setFound({ status: 'error', error: toApiError(err) });
    } finally {
      setAdding(null);
    }
  };

  return (
    <div className={styles.picker}>
      <header className={styles.pickerHeader}>
        <h2 id={headingId}>{t('sessions.picker.heading', { number })}</h2>
        <p className={styles.pickerSubject}>{itemTitle}</p>
        <div className={styles.pickerSearch}>
          <Search aria-hidden="true" size={18} />
          <label htmlFor={searchId} className="visually-hidden">
            {t('sessions.picker.searchLabel')}
          </label>
          <input
            id={searchId}
            type="search"
            autoFocus
            value={query}
            placeholder={t('sessions.picker.searchPlaceholder')}
            aria-controls={listId}
            onChange={(e) => setQuery(e.target.value)}
          />
        </div>
      </header>
      <div className={styles.pickerBody}>
        <h3 className={styles.pickerListHeading}>{found.status === 'ready' && found.query ? t('sessions.picker.results') : t('sessions.picker.recent')}</h3>
        {found.status === 'loading' ? <p className={styles.muted}>{t('sessions.picker.loading')}</p> : null}
        {found.status === 'error' ? (
          <p className={styles.formError} role="alert" data-code={found.error.code}>
            {t('sessions.picker.error')} {t(`errors.codes.${found.error.code}`, { defaultValue: t('errors.codes.default') })}
          </p>
        ) : null}
        {found.status === 'ready' && found.items.length === 0 ? <p className={styles.muted}>{t('sessions.picker.none')}</p> : null}
        {found.status === 'ready' && found.items.length > 0 ? (
          <ul id={listId} className={styles.pickerList} aria-label={t('sessions.picker.listLabel')}>
            {found.items.map((c) => {
              const attached = attachedIds.includes(c.id);
              return (
                <li key={c.id} className={styles.pickerRow}>
                  <span className={styles.pickerTitle}>{c.title}</span>
                  <span className={styles.pickerMeta}>
                    {t(`kinds.${c.kind}`)} · {c.date ? formatIsoDate(c.date, language) : t('sessions.noDate')}
                  </span>
                  {attached ? (
                    <span className={styles.attached}>{t('sessions.picker.attached')}</span>
                  ) : (
                    <Button
                      variant="quiet"
                      icon={<Plus size={16} />}
                      disabled={adding !== null}
                      aria-label={t('sessions.picker.addNamed', { title: c.title })}
                      onClick={() => void add(c)}
                    >
                      {t('sessions.picker.add')}
                    </Button>
                  )}
                </li>
              );
            })}
          </ul>
        ) : null}
        <p role="status" aria-live="polite" className="visually-hidden">
          {announcement}
        </p>
      </div>
      <footer className={styles.pickerFooter}>
        <Button variant="primary" onClick={onClose}>
          {t('sessions.picker.close')}
        </Button>
      </footer>
    </div>
  );
}
