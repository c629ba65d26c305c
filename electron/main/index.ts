import { app, dialog, Menu } from 'electron';
import path from 'node:path';
import { AppError } from '../../shared/errors';
import { createServices, type Services } from '../services/createServices';
import { resolveLibraryPath, LIBRARY_FILE_NAME } from '../services/db/defaultPaths';
import { createHandlers } from '../services/ipc/handlers';
import { Dispatcher } from '../services/ipc/Dispatcher';
import { systemClock } from '../services/ports';
import { electronDialogs, electronPaths, electronPdfPrinter, electronShell, fileLogger, safeStorageSecrets, windowEventSink } from './adapters/electronPorts';
import { installCrashGuard } from './crashGuard';
import { registerIpc } from './ipc';
import { buildMenu } from './menu';
import { menuText } from './menuText';
import { registerAppScheme, serveRenderer } from './protocol';
import { createMainWindow, guardEveryWebContents, hardenSession, rendererRoot } from './window';

// The composition root of the desktop app: Electron adapters for the ports, the services, IPC.
registerAppScheme();

function dbArgument(argv: string[]): string | undefined {
  const i = argv.indexOf('--db');
  if (i >= 0) return argv[i + 1];
  return argv.find((a) => a.startsWith('--db='))?.slice(5);
}

const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
guardEveryWebContents(devServerUrl);

/**
 * SECURITY: another library file (`--db`, `QW_DB`) only in development builds (issue 17): a
 * packaged app always opens the library in its own data folder, so a shortcut or an environment
 * variable planted by someone else cannot make it open (or create) a file of theirs. The CLI keeps
 * `--db`: it runs with the user's own rights and says which file it uses.
 */
function libraryPathOverride(): string | undefined {
  if (app.isPackaged) return undefined;
  const explicit = dbArgument(process.argv);
  return explicit || process.env.QW_DB ? resolveLibraryPath(explicit) : undefined;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let services: Services | null = null;
  let mainWindow: Electron.BrowserWindow | null = null;

  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.whenReady().then(() => {
    const logger = fileLogger();
    // Issue 13 §1: nothing uncaught ends the app silently (logged, shown, library consistent).
    installCrashGuard(logger);
    const dbPath = libraryPathOverride() ?? path.join(app.getPath('userData'), LIBRARY_FILE_NAME);
    try {
      services = createServices(
        {
          paths: electronPaths(),
          events: windowEventSink,
          clock: systemClock,
          logger,
          pdf: electronPdfPrinter,
          dialogs: electronDialogs,
          shell: electronShell,
          secrets: safeStorageSecrets(logger),
          // A restore chosen in Einstellungen runs at the next start: quit (closing the library),
          // relaunch. The short delay lets the window receive the answer first.
          lifecycle: {
            restart: () => {
              setTimeout(() => {
                app.relaunch();
                app.quit();
              }, 300);
            },
          },
        },
        // Imports run in a worker thread: no file can freeze the window (issue 17).
        { dbPath, appVersion: app.getVersion(), importInWorker: true },
      );
    } catch (err) {
      // A foreign, broken or newer library: say which file and why; never touch it.
      const message = err instanceof AppError ? err.message : `Die Bibliothek „${dbPath}“ konnte nicht geöffnet werden: ${(err as Error).message}`;
      dialog.showErrorBox('Quartierswissen – Bibliothek kann nicht geöffnet werden', message);
      app.exit(1);
      return;
    }
    // Start the search worker now (non-blocking): it loads its segments from the library while
    // the window opens, so the first search is answered without waiting for the index.
    services.search.start();
    // Background sync of every draft with the team server, if one is set up (Einstellungen).
    services.collab.sync.start();
    // Rotating automatic backups (issue 7 §2); a recovery at start is shown by the window (backup.notice).
    services.backup.startAuto();
    hardenSession();
    serveRenderer(rendererRoot(app.getAppPath()));
    // The menu speaks the app's language (issue 15): built from the saved one, rebuilt when the
    // window saves another.
    const handlers = createHandlers(services);
    const ready = services;
    const applyMenu = () => {
      const language = ready.settings.get('language');
      const m = menuText(language);
      Menu.setApplicationMenu(
        buildMenu(
          language,
          () =>
            void dialog.showMessageBox({ type: 'info', title: m.aboutTitle, message: `Quartierswissen ${app.getVersion()}`, detail: m.aboutDetail(dbPath) }),
          (command) => windowEventSink.emit('app.commandInvoked', { command }),
        ),
      );
    };
    const saveSetting = handlers['settings.set'];
    handlers['settings.set'] = (entry) => {
      const saved = saveSetting(entry);
      if (entry.key === 'language') applyMenu();
      return saved;
    };
    registerIpc(new Dispatcher(handlers, logger), devServerUrl);
    applyMenu();
    mainWindow = createMainWindow({
      preload: path.join(import.meta.dirname, '../preload/index.cjs'),
      stateFile: path.join(app.getPath('userData'), 'fenster.json'),
      devServerUrl,
    });
    mainWindow.on('closed', () => (mainWindow = null));
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => services?.close());
}
