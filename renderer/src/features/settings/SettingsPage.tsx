import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../../../shared/ipc/contract';
import { LoadingState } from '../../components/LoadingState';
import { useFocusReturn } from '../../components/focus';
import { useReportError } from '../../components/errors/useReportError';
import { LANGUAGES, type Language } from '../../i18n/i18n';
import { useLanguage } from '../../i18n/useLanguage';
import { call } from '../../lib/api';
import { CollabSettingsCard } from '../editor/CollabSettingsCard';
import { BackupCard } from './BackupCard';
import styles from './SettingsPage.module.css';

/** Language of the interface and facts about this installation (`app.info`). */
export function SettingsPage() {
  const { t, i18n } = useTranslation();
  const report = useReportError();
  const { language, setLanguage } = useLanguage();
  const headingId = useId();
  const hintId = useId();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [infoFailed, setInfoFailed] = useState(false);
  const [saving, setSaving] = useState(false);
  const languageChoices = useRef<HTMLFieldSetElement>(null);
  const returnFocus = useFocusReturn();

  useEffect(() => {
    let cancelled = false;
    call('app.info', {}).then(
      (result) => {
        if (!cancelled) setInfo(result);
      },
      (err: unknown) => {
        if (cancelled) return;
        setInfoFailed(true);
        report(err, 'settings.errorInfo');
      },
    );
    return () => {
      cancelled = true;
    };
  }, [report]);

  const choose = async (next: Language) => {
    if (next === language) return;
    setSaving(true);
    try {
      await setLanguage(next);
    } catch (err) {
      report(err, 'settings.errorLanguage');
    } finally {
      setSaving(false);
    }
    // The choices were disabled while saving: focus comes back to the chosen one (issue 15).
    returnFocus(() => languageChoices.current?.querySelector<HTMLInputElement>('input:checked'));
  };

  const numberFormat = new Intl.NumberFormat(i18n.resolvedLanguage === 'en' ? 'en-GB' : 'de-DE');
  return (
    <section className={styles.page} aria-labelledby={headingId}>
      <h1 id={headingId} className={styles.heading} tabIndex={-1}>
        {t('settings.title')}
      </h1>

      <fieldset ref={languageChoices} className={styles.card} aria-describedby={hintId} disabled={saving}>
        <legend className={styles.legend}>{t('settings.language')}</legend>
        <p id={hintId} className={styles.hint}>
          {t('settings.languageHint')}
        </p>
        <div className={styles.radios}>
          {LANGUAGES.map((lng) => (
            <label key={lng} className={styles.radio} lang={lng}>
              <input
                type="radio"
                name="language"
                value={lng}
                checked={language === lng}
                onChange={() => void choose(lng)}
              />
              <span>{t(`settings.languages.${lng}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <CollabSettingsCard cardClass={styles.card} legendClass={styles.legend} />

      <BackupCard cardClass={styles.card} legendClass={styles.legend} />

      <section className={styles.card} aria-labelledby={`${headingId}-about`}>
        <h2 id={`${headingId}-about`} className={styles.legend}>
          {t('settings.about')}
        </h2>
        {info ? (
          <dl className={styles.info}>
            <div>
              <dt>{t('settings.version')}</dt>
              <dd>{info.version}</dd>
            </div>
            <div>
              <dt>{t('settings.libraryPath')}</dt>
              <dd className={styles.path}>{info.dbPath}</dd>
            </div>
            <div>
              <dt>{t('settings.schemaVersion')}</dt>
              <dd>{info.schemaVersion}</dd>
            </div>
            <div>
              <dt>{t('settings.documentCount')}</dt>
              <dd>{numberFormat.format(info.documentCount)}</dd>
            </div>
          </dl>
        ) : infoFailed ? (
          <p className={styles.hint}>{t('settings.errorInfo')}</p>
        ) : (
          <LoadingState label={t('settings.loadingInfo')} />
        )}
      </section>
    </section>
  );
}
