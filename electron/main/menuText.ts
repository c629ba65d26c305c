/**
 * The words of the application menu and the About box, per app language (issue 15: the English
 * UI shows no German). Kept apart from menu.ts, which needs `electron`, so a plain unit test
 * can hold both tables side by side.
 */
export type MenuLanguage = 'de' | 'en';

export interface MenuText {
  about: string;
  shortcuts: string;
  hide: string;
  quit: string;
  file: string;
  importFiles: string;
  importFolder: string;
  search: string;
  export: string;
  closeWindow: string;
  edit: string;
  undo: string;
  redo: string;
  cut: string;
  copy: string;
  paste: string;
  selectAll: string;
  view: string;
  resetZoom: string;
  zoomIn: string;
  zoomOut: string;
  fullScreen: string;
  devTools: string;
  window: string;
  minimize: string;
  zoom: string;
  help: string;
  securityNotes: string;
  /** The About box: its title, and the line before the library path. */
  aboutTitle: string;
  aboutDetail: (dbPath: string) => string;
}

export const MENU_TEXT: Record<MenuLanguage, MenuText> = {
  de: {
    about: 'Über Quartierswissen',
    shortcuts: 'Tastenkürzel',
    hide: 'Ausblenden',
    quit: 'Beenden',
    file: 'Datei',
    importFiles: 'Importieren…',
    importFolder: 'Ordner importieren…',
    search: 'Suchen…',
    export: 'Exportieren…',
    closeWindow: 'Fenster schließen',
    edit: 'Bearbeiten',
    undo: 'Rückgängig',
    redo: 'Wiederholen',
    cut: 'Ausschneiden',
    copy: 'Kopieren',
    paste: 'Einfügen',
    selectAll: 'Alles auswählen',
    view: 'Ansicht',
    resetZoom: 'Originalgröße',
    zoomIn: 'Vergrößern',
    zoomOut: 'Verkleinern',
    fullScreen: 'Vollbild',
    devTools: 'Entwicklerwerkzeuge',
    window: 'Fenster',
    minimize: 'Minimieren',
    zoom: 'Zoomen',
    help: 'Hilfe',
    securityNotes: 'Electron-Sicherheitshinweise',
    aboutTitle: 'Über Quartierswissen',
    aboutDetail: (dbPath) => `Wissensbasis für soziale Quartiersentwicklung.\nBibliothek: ${dbPath}`,
  },
  en: {
    about: 'About Quartierswissen',
    shortcuts: 'Keyboard shortcuts',
    hide: 'Hide',
    quit: 'Quit',
    file: 'File',
    importFiles: 'Import…',
    importFolder: 'Import folder…',
    search: 'Search…',
    export: 'Export…',
    closeWindow: 'Close window',
    edit: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select all',
    view: 'View',
    resetZoom: 'Actual size',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    fullScreen: 'Full screen',
    devTools: 'Developer tools',
    window: 'Window',
    minimize: 'Minimise',
    zoom: 'Zoom',
    help: 'Help',
    securityNotes: 'Electron security notes',
    aboutTitle: 'About Quartierswissen',
    aboutDetail: (dbPath) => `Knowledge base for social neighbourhood development.\nLibrary: ${dbPath}`,
  },
};

/** The table of a saved language; anything else falls back to German, the default. */
export function menuText(language: unknown): MenuText {
  return language === 'en' ? MENU_TEXT.en : MENU_TEXT.de;
}
