import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../../shared/ipc/contract';
import { electronModule, FakeEvent, FakeWebContents, state } from '../../support/fakeElectron';
import { tempDir } from '../../support/testLibrary';

/**
 * The composition root (electron/main/index.ts) booted for real against the recording fake of
 * tests/support/fakeElectron.ts (no Electron binary here): real services on a real library file in
 * a temporary userData folder. Proves the wiring the checklist relies on: the app:// scheme is
 * privileged, the session is hardened, files are served and every channel is registered BEFORE
 * the first window exists, and that window is the locked-down one.
 */
vi.mock('electron', async () => (await import('../../support/fakeElectron')).electronModule);

let dir: string;

beforeAll(async () => {
  dir = tempDir('qw-root-');
  state.reset();
  state.userData = dir;
  vi.stubEnv('QW_DB', '');
  vi.stubEnv('ELECTRON_RENDERER_URL', '');
  await import('../../../electron/main/index');
  await vi.waitFor(() => expect(state.windows.length).toBeGreaterThan(0), { timeout: 30_000 });
});

afterAll(() => {
  // Like quitting: closes the services (search worker, sync, database).
  electronModule.app.emit('will-quit');
  vi.unstubAllEnvs();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('composition root (electron/main/index.ts)', () => {
  it('opens one locked-down window on the app’s own page, after all guards are in place', () => {
    expect(state.windows).toHaveLength(1);
    const win = state.windows[0]!;
    expect(win.atCreation).toEqual({ sessionHardened: true, ipcChannels: CHANNELS.length, protocolSchemes: ['app'] });
    expect(win.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, nodeIntegrationInSubFrames: false, webSecurity: true, webviewTag: false });
    expect(String(win.options.webPreferences!.preload)).toMatch(/preload[\\/]index\.cjs$/);
    expect(win.loadedUrl).toBe('app://quartierswissen/index.html');
    expect(win.webContents.windowOpenHandler).toBeTypeOf('function');
    // The window's own guards and the app-wide one that every webContents gets (issue 17).
    expect(win.webContents.listenerCount('will-navigate')).toBe(2);
    expect(win.webContents.listenerCount('will-redirect')).toBe(2);
    expect(win.webContents.listenerCount('will-attach-webview')).toBe(2);
  });

  it('guards every webContents the app creates, not only its own windows', () => {
    expect(electronModule.app.listenerCount('web-contents-created')).toBe(1);
    const contents = new FakeWebContents(state.defaultSession);
    electronModule.app.emit('web-contents-created', new FakeEvent(), contents);
    expect(contents.fire('will-navigate', 'https://example.org/').defaultPrevented).toBe(true);
    expect(contents.fire('will-redirect', 'file:///etc/passwd').defaultPrevented).toBe(true);
    expect(contents.fire('will-navigate', 'app://quartierswissen/index.html').defaultPrevented).toBe(false);
    expect(contents.fire('will-attach-webview').defaultPrevented).toBe(true);
    expect(contents.windowOpenHandler!({ url: 'https://example.org/' })).toEqual({ action: 'deny' });
    // The guard only refuses; handing links to the system is the main window's business.
    expect(state.openedExternally).toEqual([]);
  });

  it('registers app:// as a secure standard scheme and every contract channel through the wrapper only', () => {
    expect(state.privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect([...state.ipcHandlers.keys()].sort()).toEqual([...CHANNELS].sort());
    expect(state.ipcOtherCalls).toEqual([]);
  });

  it('keeps the library in the userData folder', () => {
    expect(fs.readdirSync(path.join(dir, 'userData')).some((f) => f.endsWith('.sqlite'))).toBe(true);
  });
});
