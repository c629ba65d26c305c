import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS, contract, HOST_ONLY_CHANNELS, WINDOW_CHANNELS } from '../../../shared/ipc/contract';
import { REQUIRED_PREFERENCES } from '../../support/securityChecklist';
import { Dispatcher } from '../../../electron/services/ipc/Dispatcher';
import { createHandlers } from '../../../electron/services/ipc/handlers';
import { silentLogger } from '../../../electron/services/ports';
import { electronPdfPrinter } from '../../../electron/main/adapters/electronPorts';
import { registerIpc } from '../../../electron/main/ipc';
import { registerAppScheme, serveRenderer } from '../../../electron/main/protocol';
import { CONTENT_SECURITY_POLICY, PRINT_PARTITION } from '../../../electron/main/security/policy';
import { createMainWindow, hardenSession } from '../../../electron/main/window';
import { electronModule, type FakeBrowserWindow, type FakeSession, invokeEvent, state } from '../../support/fakeElectron';
import { openTestLibrary, REPO_ROOT, tempDir, type TestLibrary } from '../../support/testLibrary';

/**
 * The Electron security checklist (issue 7, promise 5), run against the REAL electron/main and
 * electron/preload modules. `electron` itself is the recording fake from tests/support (no binary
 * can run here); each verdict below comes from a handler our code registered.
 */
vi.mock('electron', async () => (await import('../../support/fakeElectron')).electronModule);


function preferencesOf(win: FakeBrowserWindow): Record<string, unknown> {
  const prefs = win.options.webPreferences;
  expect(prefs, 'jedes Fenster braucht ausdrückliche webPreferences').toBeTypeOf('object');
  return prefs!;
}

function expectLockedDown(win: FakeBrowserWindow): void {
  const prefs = preferencesOf(win);
  for (const [key, value] of Object.entries(REQUIRED_PREFERENCES)) {
    expect(prefs[key], `webPreferences.${key}`).toBe(value);
  }
  expect(prefs.enableBlinkFeatures, 'keine zusätzlichen Blink-Features').toBeUndefined();
}

// ---------------------------------------------------------------------------------------------
// CSP: parsed into directives, never compared as one string.

type Csp = Map<string, string[]>;

function parseCsp(policy: string): Csp {
  const csp: Csp = new Map();
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/).filter(Boolean);
    if (!name) continue;
    // A repeated directive is ignored by browsers; here it is an error in the policy.
    if (csp.has(name.toLowerCase())) throw new Error(`CSP-Direktive doppelt: ${name}`);
    csp.set(name.toLowerCase(), sources);
  }
  return csp;
}

/** Everything that would make the policy weaker than "own origin only, no code from strings". */
function cspProblems(policy: string): string[] {
  const csp = parseCsp(policy);
  const problems: string[] = [];
  const effective = (name: string) => csp.get(name) ?? csp.get('default-src') ?? null;
  const exactly = (name: string, expected: string[]) => {
    const got = csp.get(name);
    if (!got || got.join(' ') !== expected.join(' ')) problems.push(`${name} muss ${expected.join(' ')} sein, ist ${got?.join(' ') ?? 'nicht gesetzt'}`);
  };
  exactly('default-src', ["'self'"]);
  exactly('object-src', ["'none'"]);
  exactly('frame-ancestors', ["'none'"]);
  exactly('form-action', ["'none'"]);
  const base = csp.get('base-uri');
  if (!base || !(base.join(' ') === "'none'" || base.join(' ') === "'self'")) problems.push(`base-uri muss 'none' oder 'self' sein, ist ${base?.join(' ') ?? 'nicht gesetzt'}`);
  for (const name of ['script-src', 'connect-src', 'frame-src', 'worker-src']) {
    const sources = effective(name);
    if (!sources) problems.push(`${name} fehlt (und default-src auch)`);
    else if (!sources.every((s) => s === "'self'" || s === "'none'")) problems.push(`${name} erlaubt mehr als die eigene Herkunft: ${sources.join(' ')}`);
  }
  for (const [name, sources] of csp) {
    for (const s of sources) {
      if (/^'(unsafe-eval|wasm-unsafe-eval|unsafe-hashes|strict-dynamic)'$/i.test(s)) problems.push(`${name} enthält ${s}`);
      if (s === '*' || /^(https?|wss?|ftp|file|filesystem):?$/i.test(s) || s.includes('://') || s.includes('*')) problems.push(`${name} erlaubt fremde Quellen: ${s}`);
      if (s === "'unsafe-inline'" && name !== 'style-src') problems.push(`${name} enthält 'unsafe-inline'`);
    }
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------

const FOREIGN_URLS = [
  'https://example.org/',
  'http://example.org/',
  'https://quartierswissen/index.html',
  'app://quartierswissen.evil.example/index.html',
  'app://evil/index.html',
  'file:///etc/passwd',
  'file:///C:/Windows/System32/calc.exe',
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'blob:app://quartierswissen/1234',
  'smb://server/share',
  'ms-settings:privacy',
  'mailto:buero@example.org',
  'http://localhost:5173/',
  'kein url',
  '',
];
const APP_URLS = ['app://quartierswissen/index.html', 'app://quartierswissen/', 'app://quartierswissen/index.html#/dokumente/abc'];
/**
 * Window-open requests → what reaches the system (the re-serialised URL), or false: exactly the
 * https and mailto ones leave the app.
 */
const OPEN_REQUESTS: [string, string | false][] = [
  ['https://wirtschaft.hessen.de/', 'https://wirtschaft.hessen.de/'],
  ['https://example.org/pfad?q=1#x', 'https://example.org/pfad?q=1#x'],
  ['mailto:buero@example.org', 'mailto:buero@example.org'],
  // The OS gets what the URL parser made of it, never the raw string it was checked as.
  ['https:///pfad', 'https://pfad/'],
  ['HTTPS://Example.ORG/a b', 'https://example.org/a%20b'],
  ['http://example.org/', false],
  ['javascript:alert(1)', false],
  ['JaVaScRiPt:alert(1)', false],
  ['file:///etc/passwd', false],
  ['file://server/share/x.exe', false],
  ['data:text/html,x', false],
  ['vbscript:msgbox', false],
  ['smb://server/share', false],
  ['ms-msdt:/id PCWDiagnostic', false],
  ['search-ms:query=x', false],
  ['app://quartierswissen/index.html', false],
  ['https://user:passwort@example.org/', false],
  ['https://', false],
  ['mailto:', false],
  ['kein url', false],
  ['', false],
];

let lib: TestLibrary;
let dir: string;

beforeAll(() => {
  lib = openTestLibrary();
  dir = tempDir('qw-checklist-');
  state.userData = dir;
});
afterAll(() => {
  lib.dispose();
  fs.rmSync(dir, { recursive: true, force: true });
});

function mainWindow(devServerUrl?: string): FakeBrowserWindow {
  const before = state.windows.length;
  hardenSession();
  createMainWindow({ preload: path.join(dir, 'preload', 'index.cjs'), stateFile: path.join(dir, 'fenster.json'), devServerUrl });
  expect(state.windows.length).toBe(before + 1);
  return state.windows[state.windows.length - 1]!;
}

describe('Electron checklist: windows', () => {
  beforeEach(() => state.reset());

  it('locks down the main window and loads only the app’s own page', () => {
    const win = mainWindow();
    expectLockedDown(win);
    const prefs = preferencesOf(win);
    expect(prefs.preload).toBe(path.join(dir, 'preload', 'index.cjs'));
    expect(prefs.javascript).not.toBe(false);
    expect(prefs.partition, 'das Hauptfenster nutzt die gehärtete Standard-Session').toBeUndefined();
    expect(win.loadedUrl).toBe('app://quartierswissen/index.html');
  });

  it('locks down the hidden print window: JavaScript off, no preload, its own session, its page from memory over app://', async () => {
    const html = '<!doctype html><title>x</title><p>Druck</p>';
    let seen: { win: FakeBrowserWindow; url: string; verdicts: Record<string, boolean>; served: Response; other: Response } | null = null;
    state.onLoadUrl = async (win, url) => {
      const ses = win.webContents.session;
      const verdicts: Record<string, boolean> = {};
      const probe = [
        url,
        'data:font/woff2;base64,AAAA',
        'app://quartierswissen/druck/00000000-0000-4000-8000-000000000000.html', // no print of that token
        'app://quartierswissen/index.html',
        'https://example.org/schrift.woff2',
        'http://127.0.0.1:1234/',
        'ws://127.0.0.1:1234/',
        pathToFileURL('/etc/passwd').toString(),
        'file://server/share/druck.html',
      ];
      for (const probeUrl of probe) {
        let cancel: boolean | undefined;
        ses.webRequest.beforeRequest!({ url: probeUrl } as never, ((r: { cancel: boolean }) => (cancel = r.cancel)) as never);
        verdicts[probeUrl] = !cancel;
      }
      const handler = ses.protocolHandlers.get('app');
      expect(handler, 'die Druck-Session bedient app:// selbst').toBeTypeOf('function');
      const served = await handler!(new Request(url));
      const other = await handler!(new Request('app://quartierswissen/druck/00000000-0000-4000-8000-000000000000.html'));
      seen = { win, url, verdicts, served, other };
    };
    try {
      const pdf = await electronPdfPrinter.print(html, {});
      expect(Buffer.from(pdf).toString('latin1')).toMatch(/^%PDF-/);
    } finally {
      state.onLoadUrl = null;
    }
    expect(seen, 'das Druckfenster hat eine Seite geladen').not.toBeNull();
    const { win, url, verdicts, served, other } = seen!;
    expectLockedDown(win);
    const prefs = preferencesOf(win);
    expect(prefs.javascript, 'JavaScript im Druckfenster').toBe(false);
    expect(prefs.preload, 'kein Preload im Druckfenster').toBeFalsy();
    expect(prefs.partition).toBe(PRINT_PARTITION);
    expect(win.options.show).toBe(false);
    // The page is the app's own scheme, never file:// (the file-protocol fuse is off).
    expect(url).toMatch(/^app:\/\/quartierswissen\/druck\/[0-9a-f-]{36}\.html$/);
    expect(served.status).toBe(200);
    expect(await served.text()).toBe(html);
    // The printed page is data: nothing but inline styles and data: fonts/images, no script at all.
    const printCsp = parseCsp(served.headers.get('content-security-policy') ?? '');
    expect(printCsp.get('default-src')).toEqual(["'none'"]);
    expect(printCsp.has('script-src')).toBe(false);
    expect(printCsp.get('font-src')).toEqual(['data:']);
    expect(other.status).toBe(404);
    // Only its own page and inline fonts load; no network, no local file, no other app page.
    expect(Object.entries(verdicts).filter(([, ok]) => ok).map(([u]) => u)).toEqual([url, 'data:font/woff2;base64,AAAA']);
    // Navigation, new windows and webviews are refused there too.
    expect(win.webContents.fire('will-navigate', 'https://example.org/').defaultPrevented).toBe(true);
    expect(win.webContents.fire('will-redirect', 'https://example.org/').defaultPrevented).toBe(true);
    expect(win.webContents.fire('will-attach-webview').defaultPrevented).toBe(true);
    expect(win.webContents.windowOpenHandler!({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    expect(state.openedExternally).toEqual([]);
    // The print session denies permissions; the window is gone.
    const ses = win.webContents.session;
    expect(ses).not.toBe(state.defaultSession);
    expectDeniesPermissions(ses);
    expect(win.isDestroyed()).toBe(true);
    // After the print its page is gone: neither the filter nor the scheme hands it out again.
    let cancel: boolean | undefined;
    ses.webRequest.beforeRequest!({ url } as never, ((r: { cancel: boolean }) => (cancel = r.cancel)) as never);
    expect(cancel).toBe(true);
    expect((await ses.protocolHandlers.get('app')!(new Request(url))).status).toBe(404);
    // The main window's session never gets the print filter (it would cut off the dev server).
    expect(state.defaultSession.webRequest.beforeRequest).toBeNull();
  });

  it('every window any code path created is locked down', async () => {
    mainWindow();
    mainWindow('http://localhost:5173');
    await electronPdfPrinter.print('<p>x</p>', {});
    expect(state.windows.length).toBe(3);
    for (const win of state.windows) expectLockedDown(win);
  });
});

describe('Electron checklist: navigation and new windows', () => {
  beforeEach(() => state.reset());

  it('prevents navigation and redirects to anything but the app, and allows the app itself', () => {
    const win = mainWindow();
    for (const event of ['will-navigate', 'will-redirect']) {
      for (const url of FOREIGN_URLS) expect(win.webContents.fire(event, url).defaultPrevented, `${event} → ${url}`).toBe(true);
      for (const url of APP_URLS) expect(win.webContents.fire(event, url).defaultPrevented, `${event} → ${url}`).toBe(false);
    }
    // A followed https or mailto link goes to the system browser instead; nothing else does.
    expect(state.openedExternally).toEqual(['https://example.org/', 'https://quartierswissen/index.html', 'mailto:buero@example.org']);
  });

  it('with a dev server allows exactly its origin', () => {
    const win = mainWindow('http://localhost:5173');
    expect(win.loadedUrl).toBe('http://localhost:5173');
    expect(win.webContents.fire('will-navigate', 'http://localhost:5173/#/suche').defaultPrevented).toBe(false);
    for (const url of ['http://localhost:5174/', 'http://localhost:5173.evil.example/', 'https://localhost:5173/', 'http://127.0.0.1:5173/']) {
      expect(win.webContents.fire('will-navigate', url).defaultPrevented, url).toBe(true);
    }
  });

  it('denies every new window and hands only https and mailto links to the system', () => {
    const win = mainWindow();
    expect(win.webContents.windowOpenHandler).toBeTypeOf('function');
    for (const [url] of OPEN_REQUESTS) {
      expect(win.webContents.windowOpenHandler!({ url }), url).toEqual({ action: 'deny' });
    }
    expect(state.openedExternally).toEqual(OPEN_REQUESTS.flatMap(([, opened]) => (opened ? [opened] : [])));
  });

  it('refuses to attach a webview', () => {
    const win = mainWindow();
    expect(win.webContents.fire('will-attach-webview').defaultPrevented).toBe(true);
  });
});

const PERMISSIONS = [
  'media', 'display-capture', 'geolocation', 'notifications', 'midi', 'midiSysex', 'pointerLock', 'fullscreen',
  'openExternal', 'clipboard-read', 'clipboard-sanitized-write', 'idle-detection', 'mediaKeySystem', 'window-management',
  'storage-access', 'top-level-storage-access', 'hid', 'serial', 'usb', 'keyboardLock', 'fileSystem', 'unknown',
];

function expectDeniesPermissions(ses: FakeSession): void {
  expect(ses.permissionRequestHandler, 'setPermissionRequestHandler').toBeTypeOf('function');
  expect(ses.permissionCheckHandler, 'setPermissionCheckHandler').toBeTypeOf('function');
  const contents = { getURL: () => 'app://quartierswissen/index.html' };
  for (const permission of PERMISSIONS) {
    const answers: unknown[] = [];
    (ses.permissionRequestHandler as (...a: unknown[]) => void)(contents, permission, (granted: unknown) => answers.push(granted), { requestingUrl: 'app://quartierswissen/index.html', isMainFrame: true });
    expect(answers, `Anfrage ${permission}`).toEqual([false]);
    expect((ses.permissionCheckHandler as (...a: unknown[]) => unknown)(contents, permission, 'app://quartierswissen', { requestingUrl: 'app://quartierswissen/index.html' }), `Prüfung ${permission}`).toBe(false);
  }
}

describe('Electron checklist: permissions', () => {
  beforeEach(() => state.reset());

  it('answers every permission request and check of the app session with no', () => {
    hardenSession();
    expectDeniesPermissions(state.defaultSession);
    expect((state.defaultSession.devicePermissionHandler as (...a: unknown[]) => unknown)({ deviceType: 'usb', origin: 'app://quartierswissen' })).toBe(false);
  });
});

describe('Electron checklist: content security policy', () => {
  beforeEach(() => state.reset());

  it('is strict when parsed directive by directive', () => {
    expect(cspProblems(CONTENT_SECURITY_POLICY)).toEqual([]);
    const csp = parseCsp(CONTENT_SECURITY_POLICY);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('frame-src')).toEqual(["'none'"]);
  });

  it('the checker itself catches weak policies', () => {
    expect(cspProblems("default-src 'self'; script-src 'self' 'unsafe-eval'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")).toContain("script-src enthält 'unsafe-eval'");
    expect(cspProblems("default-src *; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'").length).toBeGreaterThan(0);
    expect(cspProblems("default-src 'self'; connect-src 'self' https:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'")).toContain("connect-src erlaubt mehr als die eigene Herkunft: 'self' https:");
    expect(cspProblems("default-src 'self'")).toEqual(expect.arrayContaining([expect.stringContaining('object-src'), expect.stringContaining('frame-ancestors'), expect.stringContaining('base-uri')]));
    expect(() => parseCsp("default-src 'self'; default-src *")).toThrow(/doppelt/);
  });

  it('is sent by the session on every response (dev server included), replacing nothing else', () => {
    hardenSession();
    const onHeaders = state.defaultSession.webRequest.headersReceived!;
    let out: { responseHeaders: Record<string, string[]> } | null = null;
    onHeaders({ url: 'http://localhost:5173/', responseHeaders: { 'Content-Type': ['text/html'] } } as never, ((r: typeof out) => (out = r)) as never);
    expect(out!.responseHeaders['Content-Type']).toEqual(['text/html']);
    expect(out!.responseHeaders['Content-Security-Policy']).toHaveLength(1);
    expect(cspProblems(out!.responseHeaders['Content-Security-Policy']![0]!)).toEqual([]);
  });

  it('is sent by the app:// protocol with every file, which never leaves the renderer folder', async () => {
    registerAppScheme();
    expect(state.privilegedSchemes).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
    const privileges = (state.privilegedSchemes[0] as { privileges: Record<string, unknown> }).privileges;
    for (const risky of ['bypassCSP', 'allowServiceWorkers', 'corsEnabled', 'stream']) expect(privileges[risky], risky).toBeFalsy();

    const root = path.join(dir, 'renderer');
    fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>QW</title>');
    fs.writeFileSync(path.join(dir, 'geheim.txt'), 'geheim');
    serveRenderer(root);
    const handler = state.protocolHandlers.get('app')! as (r: Request) => Promise<Response>;
    const ok = await handler(new Request('app://quartierswissen/index.html'));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-type')).toMatch(/^text\/html/);
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
    expect(cspProblems(ok.headers.get('content-security-policy') ?? '')).toEqual([]);
    for (const url of ['app://quartierswissen/..%2fgeheim.txt', 'app://quartierswissen/%2e%2e/geheim.txt', 'app://quartierswissen/assets%5c..%5c..%5cgeheim.txt', 'app://quartierswissen/fehlt.js', 'app://andere/index.html']) {
      const res = await handler(new Request(url));
      expect(res.status, url).toBe(404);
      expect(await res.text()).not.toContain('geheim');
    }
  });
});

describe('Electron checklist: IPC goes through the one wrapper', () => {
  let dispatcher: Dispatcher;
  let dispatch: ReturnType<typeof vi.spyOn>;

  beforeEach(() => {
    state.reset();
    dispatcher = new Dispatcher(createHandlers(lib.services), silentLogger);
    dispatch = vi.spyOn(dispatcher, 'dispatch');
  });

  type Handler = (event: unknown, input: unknown) => Promise<{ ok: boolean; error?: { code: string }; data?: unknown }>;
  const handler = (channel: string) => state.ipcHandlers.get(channel) as Handler;

  it('registers exactly the contract’s channels with ipcMain.handle and nothing else', () => {
    registerIpc(dispatcher);
    expect([...state.ipcHandlers.keys()].sort()).toEqual([...CHANNELS].sort());
    expect(state.ipcOtherCalls).toEqual([]);
  });

  it('refuses subframes, foreign origins and vanished frames on every channel before any service runs', async () => {
    registerIpc(dispatcher);
    const senders = [
      invokeEvent('https://evil.example/'),
      invokeEvent('app://quartierswissen/index.html', { subframe: true }),
      invokeEvent('app://evil/index.html'),
      invokeEvent('app://quartierswissen.evil.example/index.html'),
      invokeEvent('file:///tmp/angriff.html'),
      invokeEvent('http://localhost:5173/'),
      invokeEvent('about:blank'),
      invokeEvent(null),
    ];
    for (const channel of CHANNELS) {
      for (const event of senders) {
        const result = await handler(channel)(event, {});
        expect(result, `${channel} von ${event.senderFrame?.url ?? '(kein Frame)'}`).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
      }
    }
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('passes the app’s main frame to the dispatcher, which validates the input', async () => {
    registerIpc(dispatcher);
    const app = invokeEvent('app://quartierswissen/index.html#/dokumente');
    for (const channel of WINDOW_CHANNELS) {
      const result = await handler(channel)(app, 42);
      expect(dispatch).toHaveBeenLastCalledWith(channel, 42);
      expect(result, channel).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
    expect(dispatch).toHaveBeenCalledTimes(WINDOW_CHANNELS.length);
    const info = await handler('app.info')(app, {});
    expect(info).toMatchObject({ ok: true, data: { schemaVersion: expect.any(Number) } });
  });

  it('never lets a window use a channel that takes file-system paths, not even the app’s own page', async () => {
    registerIpc(dispatcher);
    const app = invokeEvent('app://quartierswissen/index.html');
    expect(HOST_ONLY_CHANNELS.size).toBeGreaterThan(0);
    for (const channel of HOST_ONLY_CHANNELS) {
      const result = await handler(channel)(app, { paths: ['/etc/passwd'], id: 'x', outputPath: '/tmp/ueberschrieben' });
      expect(result, channel).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    }
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('gives windows no channel whose input has a path-like field (those must be host-only)', () => {
    const pathLike = /^(paths?|outputPath|file|files|dir|folder|filePath)$/i;
    const offenders: string[] = [];
    for (const channel of WINDOW_CHANNELS) {
      const shape = (contract[channel].input as { shape?: Record<string, unknown> }).shape ?? {};
      for (const key of Object.keys(shape)) if (pathLike.test(key)) offenders.push(`${channel}.${key}`);
    }
    // Reviewed exceptions: export.reveal takes a path, but only one this session exported
    // (ExportUiService checks it); import.data.files are dropped files as bytes, not paths.
    const reviewed = new Set(['export.reveal.path', 'import.data.files']);
    expect(offenders.filter((o) => !reviewed.has(o))).toEqual([]);
  });

  it('in development accepts the dev server’s origin and still no other', async () => {
    registerIpc(dispatcher, 'http://localhost:5173');
    expect(await handler('app.info')(invokeEvent('http://localhost:5173/'), {})).toMatchObject({ ok: true });
    expect(await handler('app.info')(invokeEvent('http://localhost:5174/'), {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    expect(await handler('app.info')(invokeEvent('http://localhost:5173/', { subframe: true }), {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
  });
});

/** Event names as declared in shared/ipc/areas/*.ts (`interface …Events { 'area.pastTense': … }`). */
function contractEventNames(): string[] {
  const names: string[] = [];
  const areas = path.join(REPO_ROOT, 'shared', 'ipc', 'areas');
  for (const file of fs.readdirSync(areas).filter((f) => f.endsWith('.ts'))) {
    const text = fs.readFileSync(path.join(areas, file), 'utf8');
    for (const block of text.matchAll(/interface\s+\w+Events\s*\{([^}]*)\}/g)) {
      for (const key of block[1]!.matchAll(/^\s*'([^']+)'\s*:/gm)) names.push(key[1]!);
    }
  }
  return names;
}

describe('Electron checklist: the preload bridge', () => {
  type Bridge = { invoke: (c: unknown, i: unknown) => Promise<unknown>; on: (e: unknown, l: unknown) => () => void };
  let kb: Bridge;

  beforeAll(async () => {
    state.reset();
    await import('../../../electron/preload/index');
    kb = state.exposedInMainWorld.get('kb') as Bridge;
  });

  it('exposes only `kb` with invoke and on — no ipcRenderer, no Node API', () => {
    expect([...state.exposedInMainWorld.keys()]).toEqual(['kb']);
    expect(Object.keys(kb).sort()).toEqual(['invoke', 'on']);
    expect(Object.values(kb).every((v) => typeof v === 'function')).toBe(true);
    expect(Object.values(kb)).not.toContain(electronModule.ipcRenderer);
  });

  it('forwards every contract channel and refuses names that cannot be channels', async () => {
    for (const channel of CHANNELS) await kb.invoke(channel, { x: 1 });
    expect(state.rendererInvocations.map((i) => i.channel)).toEqual(CHANNELS);
    state.rendererInvocations.length = 0;
    for (const bad of ['kb:event', 'ELECTRON_BROWSER_REQUIRE', 'documents', 'documents.get.x', '../documents.get', '', 42, null, { toString: () => 'app.info' }]) {
      expect(await kb.invoke(bad, {}), String(bad)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
    expect(state.rendererInvocations).toEqual([]);
  });

  it('listens only on the event channel, delivers only the named event and can be unsubscribed', () => {
    const events = contractEventNames();
    expect(events.length).toBeGreaterThan(5);
    for (const name of events) {
      const got: unknown[] = [];
      const off = kb.on(name, (p: unknown) => got.push(p));
      expect(state.rendererListeners.map((l) => l.channel), name).toEqual(['kb:event']);
      const listener = state.rendererListeners[0]!.listener as (e: unknown, n: string, p: unknown) => void;
      listener({}, 'anderes.ereignis', 1);
      listener({}, name, 2);
      expect(got, name).toEqual([2]);
      off();
      expect(state.rendererListeners).toEqual([]);
    }
    for (const bad of ['kb:event', '', 42]) {
      kb.on(bad, () => {});
      expect(state.rendererListeners, String(bad)).toEqual([]);
    }
  });
});
