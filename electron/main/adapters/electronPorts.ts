import { app, BrowserWindow, dialog, safeStorage, session, shell, type OpenDialogOptions, type SaveDialogOptions, type Session } from 'electron';
import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { IMPORT_EXTENSIONS } from '../../../shared/domain/import';
import type { EventName, EventPayloads } from '../../../shared/ipc/contract';
import type { AppPaths, Dialogs, EventSink, Logger, PdfPrinter, SecretStore, Shell } from '../../services/ports';
import { FileSecretStore } from '../../services/settings/FileSecretStore';
import { APP_SCHEME, isPrintRequestAllowed, PRINT_CONTENT_SECURITY_POLICY, PRINT_PARTITION, printPageUrl, printTokenOf, printWebPreferences } from '../security/policy';

export const EVENT_CHANNEL = 'kb:event';

export function electronPaths(): AppPaths {
  const resourcesDir = app.isPackaged
    ? path.join(process.resourcesPath, 'resources')
    : path.join(app.getAppPath(), 'resources');
  return { resourcesDir, backupsDir: path.join(app.getPath('userData'), 'Sicherungen') };
}

/**
 * SECURITY: the sync token encrypted with the system's keychain through `safeStorage` (macOS
 * Keychain, Windows DPAPI, libsecret/KWallet on Linux), in a file of mode 0600 outside the
 * library, so no backup carries it (issue 17). Where Linux has no keyring, Electron encrypts with
 * a fixed key ("basic_text"): then the file's mode is the protection, and the log says so.
 */
export function safeStorageSecrets(logger: Logger): SecretStore {
  const file = path.join(app.getPath('userData'), 'zugang.json');
  if (!safeStorage.isEncryptionAvailable()) {
    logger.warn('Keine Schlüsselverwaltung des Systems: Zugangstoken nur durch Dateirechte geschützt', { file });
    return new FileSecretStore(file);
  }
  return new FileSecretStore(file, {
    encode: (plain) => safeStorage.encryptString(plain).toString('base64'),
    decode: (stored) => safeStorage.decryptString(Buffer.from(stored, 'base64')),
  });
}

/** Sends every event to every window of the app. */
export const windowEventSink: EventSink = {
  emit<E extends EventName>(event: E, payload: EventPayloads[E]) {
    for (const win of BrowserWindow.getAllWindows()) {
      if (!win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, event, payload);
    }
  },
};

/** Appends JSON lines to userData/logs/main.log. Callers pass metadata, never document text. */
export function fileLogger(): Logger {
  const dir = app.getPath('logs');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'main.log');
  const write = (level: string, message: string, fields?: Record<string, unknown>) => {
    fs.appendFile(file, `${JSON.stringify({ t: new Date().toISOString(), level, message, ...fields })}\n`, () => {});
  };
  return {
    info: (m, f) => write('info', m, f),
    warn: (m, f) => write('warn', m, f),
    error: (m, f) => write('error', m, f),
  };
}

/** The pages of the prints now running, by their random token; the print session serves only these. */
const activePrints = new Map<string, string>();
let printSession: Session | null = null;

/**
 * The print window's own session (PRINT_PARTITION), locked down once: every permission denied,
 * every request cancelled unless it is the page of a running print or an inline data: URL. The
 * page itself comes from memory over the app's own scheme (issue 17): no temporary file, no
 * file:// — so the fuse grantFileProtocolExtraPrivileges is off.
 */
function hardenedPrintSession(): Session {
  if (printSession) return printSession;
  const ses = session.fromPartition(PRINT_PARTITION);
  // SECURITY: the print page asks for nothing; answer every permission with no.
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  // SECURITY: no network and no local file at all (fonts are inline data: URLs).
  ses.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isPrintRequestAllowed(details.url, new Set(activePrints.keys())) });
  });
  ses.protocol.handle(APP_SCHEME, (request) => {
    const token = printTokenOf(request.url);
    const html = token === null ? undefined : activePrints.get(token);
    if (html === undefined) return new Response('Nicht gefunden', { status: 404 });
    return new Response(html, {
      headers: {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': PRINT_CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
      },
    });
  });
  printSession = ses;
  return ses;
}

/**
 * printToPDF in a hidden window with JavaScript off and the sandbox on: the same print engine as
 * the CLI's headless Chromium (ARCHITECTURE §7). The HTML is served from memory at a random
 * address (a data: URL would be capped at about 2 MB, and a 200-page dossier is larger).
 */
export const electronPdfPrinter: PdfPrinter = {
  async print(html, options) {
    hardenedPrintSession();
    const token = randomUUID();
    activePrints.set(token, html);
    // SECURITY: the same preferences as the main window (policy.ts), JavaScript off, own session.
    const win = new BrowserWindow({ show: false, webPreferences: printWebPreferences() });
    // SECURITY: the print page never navigates, redirects, opens windows or embeds webviews.
    win.webContents.on('will-navigate', (event) => event.preventDefault());
    win.webContents.on('will-redirect', (event) => event.preventDefault());
    win.webContents.on('will-attach-webview', (event) => event.preventDefault());
    win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
    try {
      await win.loadURL(printPageUrl(token));
      const pdf = await win.webContents.printToPDF({
        pageSize: options.pageSize ?? 'A4',
        landscape: options.landscape ?? false,
        printBackground: true,
        // The exporter writes its own bookmarks (exact titles, nesting by dossier structure).
        generateDocumentOutline: false,
        generateTaggedPDF: true,
        preferCSSPageSize: true,
      });
      return new Uint8Array(pdf);
    } finally {
      win.destroy();
      activePrints.delete(token);
    }
  },
};

/** The open dialog of the focused window (issue 3 §4): the import asks for paths through it. */
export const electronDialogs: Dialogs = {
  async chooseFiles() {
    const extensions = [...new Set(IMPORT_EXTENSIONS.map((e) => e.split('.').pop()!))];
    const options: OpenDialogOptions = {
      title: 'Dokumente importieren',
      buttonLabel: 'Importieren',
      properties: ['openFile', 'multiSelections'],
      filters: [
        { name: 'Texte, Webseiten, Word, PDF, E-Mails, JSONL', extensions },
        { name: 'Alle Dateien', extensions: ['*'] },
      ],
    };
    const win = BrowserWindow.getFocusedWindow();
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return result.canceled ? [] : result.filePaths;
  },
  async chooseFolder() {
    const options: OpenDialogOptions = { title: 'Ordner importieren', buttonLabel: 'Ordner importieren', properties: ['openDirectory'] };
    const win = BrowserWindow.getFocusedWindow();
    const result = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    return result.canceled ? null : (result.filePaths[0] ?? null);
  },
  /** The save dialog of an export (issue 6 §6), in the Documents folder with the suggested name. */
  async chooseSavePath(suggestedName, filters) {
    const options: SaveDialogOptions = {
      title: 'Exportieren',
      buttonLabel: 'Speichern',
      defaultPath: path.join(app.getPath('documents'), suggestedName),
      filters,
      properties: ['createDirectory', 'showOverwriteConfirmation'],
    };
    const win = BrowserWindow.getFocusedWindow();
    const result = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
    return result.canceled || !result.filePath ? null : result.filePath;
  },
};

/** Opens exported files with their program or in the file manager (the service allows only its own). */
export const electronShell: Shell = {
  async openPath(filePath) {
    // shell.openPath resolves with an error message, or '' when it worked.
    const error = await shell.openPath(filePath);
    if (error) throw new Error(error);
  },
  showItemInFolder(filePath) {
    shell.showItemInFolder(filePath);
  },
};
