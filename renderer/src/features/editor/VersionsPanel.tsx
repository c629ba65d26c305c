import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Synopse as SynopseData, VersionSummary } from '../../../../shared/ipc/areas/collab';
import { Button } from '../../components/Button';
import { useReportError } from '../../components/errors/useReportError';
import { call } from '../../lib/api';
import styles from './Editor.module.css';

/** Fassungen: save the draft under a name, compare any two (Synopse), restore one as a new edit. */
export function VersionsPanel({ id, onSynopse }: { id: string; onSynopse: (s: SynopseData | null) => void }) {
  const { t, i18n } = useTranslation();
  const report = useReportError();
  const ids = { name: useId(), before: useId(), after: useId() };
  const [versions, setVersions] = useState<VersionSummary[]>([]);
  const [name, setName] = useState('');
  const [before, setBefore] = useState('');
  const [after, setAfter] = useState('current');
  const [busy, setBusy] = useState(false);

  const [revision, setRevision] = useState(0);
  const load = useCallback(() => setRevision((r) => r + 1), []);

  useEffect(() => {
    let cancelled = false;
    call('versions.list', { id }).then(
      (list) => {
        if (cancelled) return;
        setVersions(list);
        setBefore((b) => b || list[0]?.id || '');
      },
      (err: unknown) => report(err, 'editor.versions.errorLoad'),
    );
    return () => {
      cancelled = true;
    };
  }, [id, report, revision]);

  const create = async () => {
    const trimmed = name.trim();
    if (!trimmed) return;
    setBusy(true);
    try {
      const v = await call('versions.create', { id, name: trimmed });
      setName('');
      setBefore(v.id);
      load();
    } catch (err) {
      report(err, 'editor.versions.errorCreate');
    } finally {
      setBusy(false);
    }
  };

  const compare = async () => {
    if (!before || !after) return;
    setBusy(true);
    try {
      onSynopse(await call('versions.compare', { id, before, after }));
    } catch (err) {
      report(err, 'editor.versions.errorCompare');
    } finally {
      setBusy(false);
    }
  };

  const restore = async (v: VersionSummary) => {
    setBusy(true);
    try {
      await call('versions.restore', { id, versionId: v.id });
      onSynopse(null);
    } catch (err) {
      report(err, 'editor.versions.errorRestore');
    } finally {
      setBusy(false);
    }
  };

  const dateTime = new Intl.DateTimeFormat(i18n.resolvedLanguage === 'en' ? 'en-GB' : 'de-DE', { dateStyle: 'medium', timeStyle: 'short' });
  const options = [
    { value: 'current', label: t('editor.versions.current') },
    ...versions.map((v) => ({ value: v.id, label: v.name })),
  ];
  return (
    <div className={styles.panelBody}>
      <form
        className={styles.inlineForm}
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <label htmlFor={ids.name}>{t('editor.versions.nameLabel')}</label>
        <input id={ids.name} value={name} onChange={(e) => setName(e.target.value)} placeholder={t('editor.versions.namePlaceholder')} maxLength={200} />
        <Button type="submit" variant="primary" disabled={busy || !name.trim()}>
          {t('editor.versions.create')}
        </Button>
      </form>

      {versions.length === 0 ? (
        <p className={styles.hint}>{t('editor.versions.none')}</p>
      ) : (
        <ul className={styles.versionList} aria-label={t('editor.versions.listLabel')}>
          {versions.map((v) => (
            <li key={v.id}>
              <span className={styles.versionName}>{v.name}</span>
              <span className={styles.hint}>
                {dateTime.format(new Date(v.createdAt))}
                {v.createdBy ? ` · ${v.createdBy}` : ''}
              </span>
              <Button variant="quiet" disabled={busy} onClick={() => void restore(v)} aria-label={t('editor.versions.restoreNamed', { name: v.name })}>
                {t('editor.versions.restore')}
              </Button>
            </li>
          ))}
        </ul>
      )}

      <div className={styles.compareRow} role="group" aria-label={t('editor.versions.compareLabel')}>
        <label htmlFor={ids.before}>{t('editor.versions.before')}</label>
        <select id={ids.before} value={before} onChange={(e) => setBefore(e.target.value)}>
          <option value="" disabled>
            {t('editor.versions.choose')}
          </option>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <label htmlFor={ids.after}>{t('editor.versions.after')}</label>
        <select id={ids.after} value={after} onChange={(e) => setAfter(e.target.value)}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
        <Button onClick={() => void compare()} disabled={busy || !before || !after}>
          {t('editor.versions.compare')}
        </Button>
      </div>
    </div>
  );
}
