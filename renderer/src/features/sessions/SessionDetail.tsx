import { Pencil, Trash2 } from 'lucide-react';
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CommitteeSession } from '../../../../shared/domain/session';
import { Button } from '../../components/Button';
import { LoadingState } from '../../components/LoadingState';
import { useReportError } from '../../components/errors/useReportError';
import { Modal } from '../../components/Modal';
import { call } from '../../lib/api';
import { formatIsoDate } from '../../lib/formatDate';
import { ExportButton } from '../export/ExportButton';
import { Agenda } from './Agenda';
import { SessionFormDialog } from './SessionFormDialog';
import styles from './Sessions.module.css';
import { useSession } from './useSessions';

const PDF_ONLY = ['pdf'] as const;

export interface SessionDetailProps {
  id: string;
  onDeleted: (title: string) => void;
  onOpenDocument?: (id: string) => void;
  /** Just created: the title takes the focus once shown (WCAG 2.4.3, issue 15). */
  focusTitle?: boolean;
}

/** One session: its details, edit and delete, the dossier export, and the agenda. */
export function SessionDetail({ id, onDeleted, onOpenDocument, focusTitle }: SessionDetailProps) {
  const { t } = useTranslation();
  const { state, replace, reload } = useSession(id);
  if (state.status === 'loading') return <LoadingState label={t('sessions.loadingOne')} />;
  if (state.status === 'error') {
    return <p className={styles.problem}>{state.code === 'NOT_FOUND' ? t('sessions.notFound') : t('sessions.errorLoadingOne')}</p>;
  }
  return <SessionView session={state.session} replace={replace} reload={reload} onDeleted={onDeleted} onOpenDocument={onOpenDocument} focusTitle={focusTitle} />;
}

function SessionView({
  session,
  replace,
  reload,
  onDeleted,
  onOpenDocument,
  focusTitle,
}: {
  focusTitle?: boolean;
  session: CommitteeSession;
  replace: (s: CommitteeSession) => void;
  reload: () => void;
  onDeleted: (title: string) => void;
  onOpenDocument?: (id: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const report = useReportError();
  const headingId = useId();
  const confirmId = useId();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const language = i18n.resolvedLanguage ?? 'de';
  const titleRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focusTitle) titleRef.current?.focus();
  }, [focusTitle]);

  const remove = async () => {
    setDeleting(true);
    try {
      await call('sessions.delete', { id: session.id });
      setConfirming(false);
      onDeleted(session.title);
    } catch (err) {
      setConfirming(false);
      report(err, 'sessions.detail.errorDelete');
    } finally {
      setDeleting(false);
    }
  };

  const documentCount = session.items.reduce((n, i) => n + i.documents.length, 0);
  return (
    <article className={styles.detail} aria-labelledby={headingId} data-testid="session-detail">
      <header className={styles.detailHeader}>
        <div className={styles.detailTitleRow}>
          <div>
            <p className={styles.eyebrow}>{session.committee ?? t('sessions.detail.noCommittee')}</p>
            <h2 id={headingId} ref={titleRef} className={styles.detailTitle} tabIndex={-1}>
              {session.title}
            </h2>
          </div>
          <span className={styles.status} data-status={session.status}>
            {t(`sessions.status.${session.status}`)}
          </span>
        </div>
        <dl className={styles.meta}>
          <div>
            <dt>{t('sessions.detail.date')}</dt>
            <dd>{session.date ? formatIsoDate(session.date, language) : t('sessions.noDate')}</dd>
          </div>
          <div>
            <dt>{t('sessions.detail.place')}</dt>
            <dd>{session.place ?? '–'}</dd>
          </div>
          <div>
            <dt>{t('sessions.detail.contents')}</dt>
            <dd>
              {t('sessions.itemCount', { count: session.items.length })}, {t('sessions.documentCount', { count: documentCount })}
            </dd>
          </div>
        </dl>
        <div className={styles.detailActions}>
          <ExportButton
            target={{ kind: 'session', sessionId: session.id }}
            subject={session.title}
            draft={session.status === 'draft'}
            formats={PDF_ONLY}
            labelKey="sessions.detail.export"
            headingKey="export.sessionHeading"
            variant="primary"
          />
          <Button variant="quiet" icon={<Pencil size={16} />} onClick={() => setEditing(true)}>
            {t('sessions.detail.edit')}
          </Button>
          <Button variant="quiet" icon={<Trash2 size={16} />} onClick={() => setConfirming(true)}>
            {t('sessions.detail.delete')}
          </Button>
        </div>
      </header>
      <Agenda session={session} replace={replace} reload={reload} onOpenDocument={onOpenDocument} />
      <SessionFormDialog open={editing} session={session} onClose={() => setEditing(false)} onSaved={() => setEditing(false)} />
      <Modal open={confirming} onClose={() => setConfirming(false)} labelledBy={confirmId} className={styles.confirmDialog}>
        <div className={styles.form}>
          <h2 id={confirmId}>{t('sessions.detail.confirmHeading')}</h2>
          <p>{t('sessions.detail.confirmText', { title: session.title })}</p>
          <div className={styles.formActions}>
            <Button autoFocus onClick={() => setConfirming(false)} disabled={deleting}>
              {t('sessions.detail.cancel')}
            </Button>
            <Button variant="primary" className={styles.danger} onClick={() => void remove()} disabled={deleting}>
              {t('sessions.detail.confirmDelete')}
            </Button>
          </div>
        </div>
      </Modal>
    </article>
  );
}
