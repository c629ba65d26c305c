import { app, BrowserWindow, screen, session, shell, type WebContents } from 'electron';
import path from 'node:path';
import { APP_ORIGIN_URL, CONTENT_SECURITY_POLICY, externalUrl, isAppUrl, secureWebPreferences } from './security/policy';
import { loadWindowState, saveWindowState } from './windowState';

/** Session-wide guards: deny every permission, add the CSP to dev-server responses too. */
export function hardenSession(): void {
  const ses = session.defaultSession;
  // SECURITY: camera, notifications, geolocation, … — a knowledge base needs none of them.
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  // SECURITY: no USB, HID or serial devices either (WebUSB/WebHID/Web Serial ask through this).
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
    });
  });
}

/**
 * SECURITY: a guard on every webContents the app ever creates (VS Code does the same), not only on
 * the windows this file makes: whatever window, print view or future frame appears, it cannot
 * navigate away from the app, open windows or embed webviews (issue 17). The main window adds its
 * own handlers on top (links to the system browser).
 */
export function guardEveryWebContents(devServerUrl?: string): void {
  app.on('web-contents-created', (_event, contents: WebContents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url, devServerUrl)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url, devServerUrl)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}

/** Hands an https or mailto link to the system, in the form that was checked; drops anything else. */
function openExternally(raw: string): void {
  // SECURITY: javascript:, file:, http:, custom schemes and malformed URLs never reach the OS.
  const url = externalUrl(raw);
  if (url) void shell.openExternal(url);
}

export function createMainWindow(opts: { preload: string; stateFile: string; devServerUrl?: string }): BrowserWindow {
  const state = loadWindowState(opts.stateFile, screen.getAllDisplays().map((d) => d.workArea));
  const win = new BrowserWindow({
    ...state,
    minWidth: 800,
    minHeight: 560,
    show: false,
    title: 'Quartierswissen',
    backgroundColor: '#f7f6f2',
    webPreferences: secureWebPreferences(opts.preload),
  });
  if (state.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());

  // SECURITY: the window never navigates away from the app; links go to the system browser
  // (https/mailto only), new windows are never opened.
  win.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, opts.devServerUrl)) {
      event.preventDefault();
      openExternally(url);
    }
  });
  win.webContents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url, opts.devServerUrl)) event.preventDefault();
  });
  win.webContents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
  win.webContents.on('will-attach-webview', (event) => event.preventDefault());

  const remember = () => {
    if (win.isDestroyed()) return;
    const b = win.getNormalBounds();
    saveWindowState(opts.stateFile, { ...b, maximized: win.isMaximized() });
  };
  win.on('close', remember);

  // An empty ELECTRON_RENDERER_URL means "no dev server" (isAppUrl reads it the same way).
  void win.loadURL(opts.devServerUrl || new URL('index.html', APP_ORIGIN_URL).toString());
  return win;
}

export function rendererRoot(appPath: string): string {
  return path.join(appPath, 'out', 'renderer');
}
