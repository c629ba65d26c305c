import { CalendarDays, Plus } from 'lucide-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionSummary } from '../../../../shared/domain/session';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { LoadingState } from '../../components/LoadingState';
import { formatIsoDate } from '../../lib/formatDate';
import { SessionDetail } from './SessionDetail';
import { SessionFormDialog } from './SessionFormDialog';
import styles from './Sessions.module.css';
import { useSessionList } from './useSessions';

// The session shown last: opening a document from the agenda and coming back keeps it.
const LAST_SELECTED = 'qw.sessions.selected';
const readLastSelected = (): string | null => {
  try {
    return window.sessionStorage.getItem(LAST_SELECTED);
  } catch {
    return null;
  }
};

export interface SessionsPageProps {
  onOpenDocument?: (id: string) => void;
}

/** Sitzungen: the list of committee sessions beside the selected session with its agenda. */
export function SessionsPage({ onOpenDocument }: SessionsPageProps) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const listState = useSessionList();
  const [selected, setSelected] = useState<string | null>(readLastSelected);
  const [creating, setCreating] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  // The session just created: its title takes the focus when it shows.
  const [created, setCreated] = useState<string | null>(null);
  const language = i18n.resolvedLanguage ?? 'de';

  const select = (id: string | null) => {
    try {
      if (id) window.sessionStorage.setItem(LAST_SELECTED, id);
      else window.sessionStorage.removeItem(LAST_SELECTED);
    } catch {
      // Storage may be unavailable; the page then starts at the first session.
    }
    setSelected(id);
  };

  const sessions: SessionSummary[] = listState.status === 'ready' ? listState.sessions : [];
  const current = selected && sessions.some((s) => s.id === selected) ? selected : (sessions[0]?.id ?? null);

  const createButton = (
    <Button variant="primary" icon={<Plus size={16} />} onClick={() => setCreating(true)}>
      {t('sessions.new')}
    </Button>
  );

  return (
    <section className={styles.page} aria-labelledby={headingId}>
      <header className={styles.pageHeader}>
        <div>
          <h1 id={headingId} className={styles.heading} tabIndex={-1}>
            {t('sessions.title')}
          </h1>
          <p className={styles.intro}>{t('sessions.intro')}</p>
        </div>
        {sessions.length > 0 ? createButton : null}
      </header>
      {listState.status === 'loading' ? <LoadingState label={t('sessions.loading')} /> : null}
      {listState.status === 'error' ? <p className={styles.problem}>{t('sessions.errorLoading')}</p> : null}
      {listState.status === 'ready' && sessions.length === 0 ? (
        <EmptyState icon={<CalendarDays size={28} />} title={t('sessions.emptyTitle')}>
          <p>{t('sessions.emptyText')}</p>
          {createButton}
        </EmptyState>
      ) : null}
      {sessions.length > 0 ? (
        <div className={styles.columns}>
          <nav className={styles.listPane} aria-label={t('sessions.listLabel')}>
            <ul className={styles.sessionList}>
              {sessions.map((s) => (
                <li key={s.id}>
                  <button
                    type="button"
                    className={styles.sessionButton}
                    aria-current={s.id === current ? 'true' : undefined}
                    onClick={() => select(s.id)}
                    data-testid="session-entry"
                  >
                    <span className={styles.sessionTitle}>{s.title}</span>
                    <span className={styles.sessionMeta}>
                      {[s.date ? formatIsoDate(s.date, language) : t('sessions.noDate'), s.place].filter(Boolean).join(' · ')}
                    </span>
                    {s.committee ? <span className={styles.sessionMeta}>{s.committee}</span> : null}
                    <span className={styles.sessionFoot}>
                      <span className={styles.status} data-status={s.status}>
                        {t(`sessions.status.${s.status}`)}
                      </span>
                      <span className={styles.sessionCount} title={t('sessions.itemCount', { count: s.itemCount })}>
                        {t('sessions.itemCountShort', { count: s.itemCount })}
                      </span>
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          </nav>
          <div className={styles.detailPane}>
            {current ? (
              <SessionDetail
                key={current}
                id={current}
                focusTitle={created === current}
                onOpenDocument={onOpenDocument}
                onDeleted={(title) => {
                  select(null);
                  setAnnouncement(t('sessions.deleted', { title }));
                }}
              />
            ) : null}
          </div>
        </div>
      ) : null}
      <p role="status" aria-live="polite" className="visually-hidden">
        {announcement}
      </p>
      <SessionFormDialog
        open={creating}
        session={null}
        onClose={() => setCreating(false)}
        onSaved={(s) => {
          setCreating(false);
          setCreated(s.id);
          select(s.id);
          setAnnouncement(t('sessions.created', { title: s.title }));
        }}
      />
    </section>
  );
}
