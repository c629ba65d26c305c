import { useCallback, useEffect, useRef, useState } from 'react';
import { Menu } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import styles from './App.module.css';
import { Button } from './components/Button';
import { pageHeading, useFocusReturn } from './components/focus';
import { LoadingState } from './components/LoadingState';
import { useReportError } from './components/errors/useReportError';
import { DocumentPage } from './features/document/DocumentPage';
import { ExportCommandHost } from './features/export/ExportCommandHost';
import { FirstStartPage } from './features/firstStart/FirstStartPage';
import { ImportProvider } from './features/import/ImportProvider';
import { LibraryPage } from './features/library/LibraryPage';
import { DEFAULT_VIEW_STATE, isListSection, type ListSection, type ListViewState, type Section } from './features/library/sections';
import { Sidebar } from './features/library/Sidebar';
import { QuotesPage } from './features/quotes/QuotesPage';
import { SearchDialog } from './features/search/SearchDialog';
import { SearchField } from './features/search/SearchField';
import { SessionsPage } from './features/sessions/SessionsPage';
import { RecoveryBanner } from './features/settings/RecoveryBanner';
import { SettingsPage } from './features/settings/SettingsPage';
import { ShortcutsDialog } from './features/shortcuts/ShortcutsDialog';
import { TagsPage } from './features/tags/TagsPage';
import { TrashPage } from './features/trash/TrashPage';
import { TRASH_RETENTION_DAYS } from '../../shared/domain/trash';
import { applyLanguage } from './i18n/i18n';
import { loadSavedLanguage } from './i18n/useLanguage';
import { call, onEvent } from './lib/api';

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
  // Words of the search hit the document was opened from (marked, first one scrolled to).
  const [highlight, setHighlight] = useState<string[] | undefined>(undefined);
  const [searchOpen, setSearchOpen] = useState(false);
  const [views, setViews] = useState(INITIAL_VIEWS);
  // A short confirmation after an action that closed the page it came from (a deletion).
  const [notice, setNotice] = useState<string | null>(null);
  // Below ~900 px the navigation is a drawer behind the "Menü" button (WCAG 1.4.10, issue 15).
  const [navOpen, setNavOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);

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

  // A document opened from the search returns to the search field (WCAG 2.4.3, issue 15).
  const openedFromSearch = useRef(false);
  const searchSlot = useRef<HTMLDivElement>(null);
  const returnFocus = useFocusReturn();
  const closeDocument = useCallback(() => {
    setOpenId(null);
    if (openedFromSearch.current) returnFocus(() => searchSlot.current?.querySelector('button'), { force: true });
    else returnFocus(pageHeading);
  }, [returnFocus]);
  const openDocument = useCallback((id: string, terms?: string[]) => {
    openedFromSearch.current = false;
    setNotice(null);
    setHighlight(terms);
    setOpenId(id);
  }, []);
  const documentDeleted = useCallback(
    (title: string) => {
      setOpenId(null);
      setNotice(t('trash.moved', { title, days: TRASH_RETENTION_DAYS }));
    },
    [t],
  );
  const openSearch = useCallback(() => setSearchOpen(true), []);

  // Ctrl+K opens the search from anywhere (issue 4 §5); the menu's "Suchen…" sends the same.
  useEffect(() => {
    if (phase !== 'ready') return;
    const onKey = (e: KeyboardEvent) => {
      // A key the focused control already handled (the editor's Ctrl+K link prompt) is its own (issue 15).
      if (e.defaultPrevented) return;
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        setSearchOpen(true);
      }
    };
    window.addEventListener('keydown', onKey);
    const off = onEvent('app.commandInvoked', ({ command }) => command === 'search.open' && setSearchOpen(true));
    return () => {
      window.removeEventListener('keydown', onKey);
      off();
    };
  }, [phase]);

  // An import from the welcome screen (button or dropped files) leads into the library.
  useEffect(() => {
    if (phase !== 'firstStart') return;
    return onEvent('documents.changed', ({ reason }) => {
      if (reason === 'imported') {
        setSection('library');
        setPhase('ready');
      }
    });
  }, [phase]);

  const selectSection = (next: Section) => {
    setNotice(null);
    setOpenId(null);
    setSection(next);
    if (navOpen) {
      // The drawer closes with the choice; focus goes to the page it opened, not to <body>.
      setNavOpen(false);
      requestAnimationFrame(() => document.getElementById('main')?.focus());
    }
  };
  // The opened drawer takes the focus to the current place (keyboard users start there).
  useEffect(() => {
    if (!navOpen) return;
    const nav = document.getElementById('app-nav');
    (nav?.querySelector<HTMLElement>('[aria-current="page"]') ?? nav?.querySelector<HTMLElement>('button'))?.focus();
  }, [navOpen]);
  const closeNav = () => {
    setNavOpen(false);
    menuButton.current?.focus();
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
      <ImportProvider onOpen={openDocument}>
        <FirstStartPage
          onDone={() => {
            setSection('library');
            setPhase('ready');
          }}
        />
      </ImportProvider>
    );
  }

  let content;
  if (openId !== null) {
    content = <DocumentPage key={openId} id={openId} onBack={closeDocument} onDeleted={documentDeleted} highlight={highlight} onOpenDocument={openDocument} />;
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
          openDocument(id);
        }}
        onDeleted={documentDeleted}
      />
    );
  } else if (section === 'quotes') {
    content = <QuotesPage onOpen={(id) => openDocument(id)} />;
  } else if (section === 'sessions') {
    content = <SessionsPage onOpenDocument={(id) => openDocument(id)} />;
  } else if (section === 'tags') {
    // A tag opens the library filtered by it (issue 15).
    content = (
      <TagsPage
        onNotice={setNotice}
        onShowTag={(tag) => {
          setViews((prev) => ({ ...prev, library: { ...prev.library, tag, activeIndex: -1 } }));
          setSection('library');
        }}
      />
    );
  } else if (section === 'trash') {
    content = <TrashPage onNotice={setNotice} />;
  } else {
    content = <SettingsPage />;
  }

  return (
    <ImportProvider onOpen={openDocument}>
      <div className={styles.shell}>
        <a href="#main" className={styles.skipLink}>
          {t('app.skipToContent')}
        </a>
        <div
          id="app-nav"
          className={styles.navHolder}
          data-open={navOpen}
          onKeyDown={(e) => {
            if (navOpen && e.key === 'Escape') {
              e.stopPropagation();
              closeNav();
            }
          }}
        >
          <Sidebar current={section} onSelect={selectSection} />
        </div>
        {navOpen ? <div className={styles.navBackdrop} aria-hidden="true" onClick={closeNav} /> : null}
        <div className={styles.column}>
          <RecoveryBanner />
          <div className={styles.topbar}>
            <button
              ref={menuButton}
              type="button"
              className={styles.menuButton}
              aria-expanded={navOpen}
              aria-controls="app-nav"
              onClick={() => setNavOpen((open) => !open)}
            >
              <Menu aria-hidden="true" size={20} />
              <span>{t('shell.menu')}</span>
            </button>
            <div ref={searchSlot} className={styles.searchSlot} role="search" aria-label={t('search.regionLabel')}>
              <SearchField onOpen={openSearch} />
            </div>
          </div>
          <main id="main" className={styles.main} tabIndex={-1}>
            <div role="status" className={notice ? styles.notice : undefined}>
              {notice ? (
                <>
                  <p>{notice}</p>
                  <Button variant="quiet" onClick={() => setNotice(null)}>
                    {t('app.dismissNotice')}
                  </Button>
                </>
              ) : null}
            </div>
            {content}
          </main>
        </div>
      </div>
      <ExportCommandHost />
      <ShortcutsDialog />
      <SearchDialog
        open={searchOpen}
        onClose={() => setSearchOpen(false)}
        onOpen={(id, terms) => {
          setSearchOpen(false);
          openDocument(id, terms);
          openedFromSearch.current = true;
        }}
      />
    </ImportProvider>
  );
}
