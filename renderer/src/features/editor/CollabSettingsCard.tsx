import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CollabSettings } from '../../../../shared/ipc/areas/collab';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useReportError } from '../../components/errors/useReportError';
import { call, toApiError } from '../../lib/api';
import styles from './Editor.module.css';

/** Einstellungen → Zusammenarbeit: server address, token (write-only), display name and colour. */
export function CollabSettingsCard({ cardClass, legendClass }: { cardClass?: string; legendClass?: string }) {
  const { t } = useTranslation();
  const report = useReportError();
  const ids = { url: useId(), token: useId(), tokenHint: useId(), name: useId(), color: useId(), hint: useId() };
  const [current, setCurrent] = useState<CollabSettings | null>(null);
  const [form, setForm] = useState({ serverUrl: '', token: '', userName: '', userColor: '#1f6f8b' });
  const [saved, setSaved] = useState(false);
  /** The server answered TOKEN_REQUIRED: the token field says why and has the focus. */
  const [tokenRequired, setTokenRequired] = useState(false);
  /** The server answered INSECURE_CONNECTION: ask before connecting unencrypted. */
  const [insecure, setInsecure] = useState<{ risk: 'downgrade' | 'plaintext'; url: string } | null>(null);
  const tokenRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    let cancelled = false;
    call('collab.settings', {}).then(
      (s) => {
        if (cancelled) return;
        setCurrent(s);
        setForm({ serverUrl: s.serverUrl, token: '', userName: s.userName, userColor: s.userColor });
      },
      (err: unknown) => report(err, 'collabSettings.error'),
    );
    return () => {
      cancelled = true;
    };
  }, [report]);

  const save = async (confirmInsecure = false) => {
    setSaved(false);
    setInsecure(null);
    try {
      const s = await call('collab.saveSettings', {
        serverUrl: form.serverUrl,
        userName: form.userName,
        userColor: form.userColor,
        ...(form.token ? { token: form.token } : {}),
        ...(confirmInsecure ? { confirmInsecure: true } : {}),
      });
      setCurrent(s);
      setForm((f) => ({ ...f, token: '' }));
      setTokenRequired(false);
      setSaved(true);
    } catch (err) {
      const e = toApiError(err);
      if (e.code === 'TOKEN_REQUIRED') {
        setTokenRequired(true);
        tokenRef.current?.focus();
      } else if (e.code === 'INSECURE_CONNECTION') {
        const d = e.details as { risk?: string } | undefined;
        setInsecure({ risk: d?.risk === 'downgrade' ? 'downgrade' : 'plaintext', url: form.serverUrl });
      } else {
        report(err, 'collabSettings.error');
      }
    }
  };

  return (
    <>
      <form
        className={cardClass}
        aria-describedby={ids.hint}
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <fieldset style={{ border: 'none', padding: 0, margin: 0 }} disabled={!current}>
          <legend className={legendClass}>{t('collabSettings.title')}</legend>
          <p id={ids.hint} className={styles.hint}>
            {t('collabSettings.hint')}
          </p>
          <div className={styles.prompt}>
            <label htmlFor={ids.url}>{t('collabSettings.serverUrl')}</label>
            <input id={ids.url} value={form.serverUrl} placeholder={t('collabSettings.serverUrlHint')} onChange={(e) => setForm({ ...form, serverUrl: e.target.value })} />
          </div>
          <div className={styles.prompt}>
            <label htmlFor={ids.token}>{t('collabSettings.token')}</label>
            <input
              id={ids.token}
              ref={tokenRef}
              type="password"
              autoComplete="off"
              value={form.token}
              aria-describedby={ids.tokenHint}
              aria-invalid={tokenRequired || undefined}
              onChange={(e) => setForm({ ...form, token: e.target.value })}
            />
            <span id={ids.tokenHint} className={styles.hint} role={tokenRequired ? 'alert' : undefined}>
              {tokenRequired ? t('collabSettings.tokenRequired') : current?.hasToken ? t('collabSettings.tokenSet') : t('collabSettings.tokenNone')}
            </span>
          </div>
          <div className={styles.prompt}>
            <label htmlFor={ids.name}>{t('collabSettings.userName')}</label>
            <input id={ids.name} value={form.userName} maxLength={200} onChange={(e) => setForm({ ...form, userName: e.target.value })} />
            <label htmlFor={ids.color}>{t('collabSettings.userColor')}</label>
            <input id={ids.color} type="color" value={form.userColor} onChange={(e) => setForm({ ...form, userColor: e.target.value })} style={{ flex: '0 0 3rem' }} />
          </div>
          <Button type="submit" variant="primary">
            {t('collabSettings.save')}
          </Button>
          {saved ? (
            <span role="status" className={styles.hint}>
              {' '}
              {t('collabSettings.saved')}
            </span>
          ) : null}
        </fieldset>
      </form>
      <ConfirmDialog
          open={insecure !== null}
          title={t('collabSettings.insecureTitle')}
          confirmLabel={t('collabSettings.insecureConfirm')}
          cancelLabel={t('collabSettings.insecureCancel')}
          destructive
          onConfirm={() => void save(true)}
          onCancel={() => setInsecure(null)}
        >
          <p>{insecure ? t(insecure.risk === 'downgrade' ? 'collabSettings.insecureDowngrade' : 'collabSettings.insecurePlaintext', { url: insecure.url }) : null}</p>
        </ConfirmDialog>
    </>
  );
}
