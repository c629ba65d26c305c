import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import styles from './App.module.css';
import { Button } from './components/Button';
import { LoadingState } from './components/LoadingState';
import { useReportError } from './components/errors/useReportError';
import { DocumentPage } from './features/document/DocumentPage';
import { FirstStartPage } from './features/firstStart/FirstStartPage';
import { LibraryPage } from './features/library/LibraryPage';
import { DEFAULT_VIEW_STATE, isListSection, type ListSection, type ListViewState, type Section } from './features/library/sections';
import { Sidebar } from './features/library/Sidebar';
import { QuotesPage } from './features/quotes/QuotesPage';
import { SessionsPage } from './features/sessions/SessionsPage';
import { SettingsPage } from './features/settings/SettingsPage';
import { applyLanguage } from './i18n/i18n';
import { loadSavedLanguage } from './i18n/useLanguage';
import { call } from './lib/api';

type Phase = 'starting' | 'failed' | 'firstStart' | 'ready';

const INITIAL_VIEWS: Record<ListSection, ListViewState> = {
  library: DEFAULT_VIEW_STATE,
  leitbilder: DEFAULT_VIEW_STATE,
  press: DEFAULT_VIEW_STATE,
};

/**
 * The app shell: start-up (saved language, first start or not), then the sidebar and the page
 * of the chosen section. An open document replaces the list; the list remembers its order,
 * filter and selected row for the way back.
 */
export function App() {
  const { t } = useTranslation();
  const report = useReportError();
  const [phase, setPhase] = useState<Phase>('starting');
  const [attempt, setAttempt] = useState(0);
  const [section, setSection] = useState<Section>('library');
  const [openId, setOpenId] = useState<string | null>(null);
  const [views, setViews] = useState(INITIAL_VIEWS);

  useEffect(() => {
    let cancelled = false;
    const start = async () => {
      try {
        const [language, firstRunDone, stats] = await Promise.all([
          loadSavedLanguage(),
          call('settings.get', { key: 'firstRunDone' }),
          call('library.stats', {}),
        ]);
        await applyLanguage(language);
        if (!cancelled) setPhase(stats.total === 0 && firstRunDone !== true ? 'firstStart' : 'ready');
      } catch (err) {
        if (cancelled) return;
        report(err, 'app.startFailed');
        setPhase('failed');
      }
    };
    void start();
    return () => {
      cancelled = true;
    };
  }, [attempt, report]);

  const closeDocument = useCallback(() => setOpenId(null), []);

  const selectSection = (next: Section) => {
    setOpenId(null);
    setSection(next);
  };

  if (phase === 'starting') {
    return (
      <div className={styles.centered}>
        <LoadingState label={t('app.starting')} />
      </div>
    );
  }
  if (phase === 'failed') {
    return (
      <div className={styles.centered}>
        <p>{t('app.startFailed')}</p>
        <Button
          variant="primary"
          onClick={() => {
            setPhase('starting');
            setAttempt((a) => a + 1);
          }}
        >
          {t('app.retry')}
        </Button>
      </div>
    );
  }
  if (phase === 'firstStart') {
    return (
      <FirstStartPage
        onDone={() => {
          setSection('library');
          setPhase('ready');
        }}
      />
    );
  }

  let content;
  if (openId !== null) {
    content = <DocumentPage key={openId} id={openId} onBack={closeDocument} />;
  } else if (isListSection(section)) {
    const listSection = section;
    content = (
      <LibraryPage
        key={listSection}
        section={listSection}
        view={views[listSection]}
        onViewChange={(view) => setViews((prev) => ({ ...prev, [listSection]: view }))}
        onOpen={(id, activeIndex) => {
          setViews((prev) => ({ ...prev, [listSection]: { ...prev[listSection], activeIndex } }));
          setOpenId(id);
        }}
      />
    );
  } else if (section === 'quotes') {
    content = <QuotesPage />;
  } else if (section === 'sessions') {
    content = <SessionsPage />;
  } else {
    content = <SettingsPage />;
  }

  return (
    <div className={styles.shell}>
      <a href="#main" className={styles.skipLink}>
        {t('app.skipToContent')}
      </a>
      <Sidebar current={section} onSelect={selectSection} />
      <main id="main" className={styles.main} tabIndex={-1}>
        {content}
      </main>
    </div>
  );
}
