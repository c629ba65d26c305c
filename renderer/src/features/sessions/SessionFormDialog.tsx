import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { SESSION_STATUSES, type CommitteeSession, type SessionStatus } from '../../../../shared/domain/session';
import type { ValidationIssue } from '../../../../shared/errors';
import { Button } from '../../components/Button';
import { Modal } from '../../components/Modal';
import { call, toApiError } from '../../lib/api';
import styles from './Sessions.module.css';

interface Draft {
  title: string;
  committee: string;
  date: string;
  place: string;
  status: SessionStatus;
}

type Field = keyof Draft;
const FIELDS: Field[] = ['title', 'committee', 'date', 'place', 'status'];

const toDraft = (s: CommitteeSession | null): Draft => ({
  title: s?.title ?? '',
  committee: s?.committee ?? '',
  date: s?.date ?? '',
  place: s?.place ?? '',
  status: s?.status ?? 'draft',
});

/** The field a VALIDATION issue names ("title", "patch.date"), if it is one of the form's. */
function fieldOf(issue: ValidationIssue): Field | null {
  const last = issue.path.split('.').pop() ?? '';
  return (FIELDS as string[]).includes(last) ? (last as Field) : null;
}

function issuesOf(details: unknown): ValidationIssue[] {
  const issues = (details as { issues?: unknown } | undefined)?.issues;
  return Array.isArray(issues) ? (issues as ValidationIssue[]) : [];
}

export interface SessionFormDialogProps {
  open: boolean;
  /** The session to edit; null creates a new one. */
  session: CommitteeSession | null;
  onClose: () => void;
  onSaved: (session: CommitteeSession) => void;
}

/**
 * Create or edit a session. The service validates; its VALIDATION details name the fields, and the
 * message appears under the field it belongs to (linked with aria-describedby).
 */
export function SessionFormDialog({ open, session, onClose, onSaved }: SessionFormDialogProps) {
  const headingId = useId();
  return (
    <Modal open={open} onClose={onClose} labelledBy={headingId} className={styles.formDialog}>
      {open ? <SessionForm headingId={headingId} session={session} onClose={onClose} onSaved={onSaved} /> : null}
    </Modal>
  );
}

function SessionForm({ headingId, session, onClose, onSaved }: Omit<SessionFormDialogProps, 'open'> & { headingId: string }) {
  const { t } = useTranslation();
  const baseId = useId();
  const [draft, setDraft] = useState<Draft>(() => toDraft(session));
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const idOf = (f: Field) => `${baseId}-${f}`;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    setSaving(true);
    setErrors({});
    setGeneral(null);
    const values = {
      title: draft.title,
      committee: draft.committee.trim() || null,
      date: draft.date || null,
      place: draft.place.trim() || null,
      status: draft.status,
    };
    try {
      const saved = session ? await call('sessions.update', { id: session.id, patch: values }) : await call('sessions.create', values);
      onSaved(saved);
    } catch (err) {
      const apiError = toApiError(err);
      const byField: Partial<Record<Field, string>> = {};
      if (apiError.code === 'VALIDATION') {
        for (const issue of issuesOf(apiError.details)) {
          const f = fieldOf(issue);
          if (f && !byField[f]) byField[f] = t(`sessions.form.invalid.${f}`, { defaultValue: issue.message });
        }
      }
      setErrors(byField);
      const first = FIELDS.find((f) => byField[f]);
      if (first) {
        // Focus the first field with a problem; its message is read with it.
        (form.querySelector(`#${CSS.escape(idOf(first))}`) as HTMLElement | null)?.focus();
      } else {
        setGeneral(`${t('sessions.form.errorSaving')} ${t(`errors.codes.${apiError.code}`, { defaultValue: t('errors.codes.default') })}`);
      }
    } finally {
      setSaving(false);
    }
  };

  const describedBy = (f: Field, hint?: boolean) => [errors[f] ? `${idOf(f)}-error` : null, hint ? `${idOf(f)}-hint` : null].filter(Boolean).join(' ') || undefined;
  const errorText = (f: Field) =>
    errors[f] ? (
      <span id={`${idOf(f)}-error`} className={styles.fieldError}>
        {errors[f]}
      </span>
    ) : null;
  const text = (f: Exclude<Field, 'status' | 'date'>, opts: { required?: boolean; hint?: string; max: number }) => (
    <div className={styles.formRow}>
      <label htmlFor={idOf(f)}>
        {t(`sessions.form.${f}`)}
        {opts.required ? <span className={styles.required}> ({t('sessions.form.required')})</span> : null}
      </label>
      <input
        id={idOf(f)}
        type="text"
        value={draft[f]}
        maxLength={opts.max}
        aria-required={opts.required || undefined}
        aria-invalid={errors[f] ? true : undefined}
        aria-describedby={describedBy(f, !!opts.hint)}
        onChange={(e) => setDraft({ ...draft, [f]: e.target.value })}
      />
      {opts.hint ? (
        <span id={`${idOf(f)}-hint`} className={styles.fieldHint}>
          {opts.hint}
        </span>
      ) : null}
      {errorText(f)}
    </div>
  );

  return (
    <form className={styles.form} onSubmit={(e) => void submit(e)} noValidate>
      <h2 id={headingId}>{session ? t('sessions.form.editHeading') : t('sessions.form.createHeading')}</h2>
      {general ? (
        <p className={styles.formError} role="alert">
          {general}
        </p>
      ) : null}
      {text('title', { required: true, max: 500 })}
      {text('committee', { hint: t('sessions.form.committeeHint'), max: 500 })}
      <div className={styles.formGrid}>
        <div className={styles.formRow}>
          <label htmlFor={idOf('date')}>{t('sessions.form.date')}</label>
          <input
            id={idOf('date')}
            type="date"
            value={draft.date}
            aria-invalid={errors.date ? true : undefined}
            aria-describedby={describedBy('date')}
            onChange={(e) => setDraft({ ...draft, date: e.target.value })}
          />
          {errorText('date')}
        </div>
        <div className={styles.formRow}>
          <label htmlFor={idOf('status')}>{t('sessions.form.status')}</label>
          <select
            id={idOf('status')}
            value={draft.status}
            aria-describedby={describedBy('status')}
            onChange={(e) => setDraft({ ...draft, status: e.target.value as SessionStatus })}
          >
            {SESSION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`sessions.status.${s}`)}
              </option>
            ))}
          </select>
          {errorText('status')}
        </div>
      </div>
      {text('place', { max: 500 })}
      <div className={styles.formActions}>
        <Button onClick={onClose} disabled={saving}>
          {t('sessions.form.cancel')}
        </Button>
        <Button type="submit" variant="primary" disabled={saving}>
          {saving ? t('sessions.form.saving') : session ? t('sessions.form.save') : t('sessions.form.create')}
        </Button>
      </div>
    </form>
  );
}
