import { _electron as electron, expect, test } from '@playwright/test';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { KbBridge } from '../../shared/ipc/contract';
import { REQUIRED_PREFERENCES } from '../support/securityChecklist';

/**
 * The one test of the real desktop app. It needs an Electron binary; where none can be had (no
 * download possible, as on the CI machine) it is reported as skipped with the reason.
 */
const ROOT = path.resolve(import.meta.dirname, '..', '..');

function electronBinary(): { path: string | null; reason: string } {
  try {
    const p = createRequire(import.meta.url)('electron') as unknown;
    if (typeof p === 'string' && fs.existsSync(p)) return { path: p, reason: '' };
    return { path: null, reason: `Electron-Binary fehlt (${String(p)})` };
  } catch (err) {
    return { path: null, reason: `Kein Electron-Binary auf dieser Maschine: ${(err as Error).message.split('\n')[0]}` };
  }
}

const binary = electronBinary();


/** Globals a preload must never leak into the page. */
const NODE_GLOBALS = ['require', 'process', 'module', 'exports', 'global', 'Buffer', '__dirname', '__filename', 'setImmediate', 'ipcRenderer', 'electron'];

test.describe('Electron app (smoke)', () => {
  test.skip(!binary.path, binary.reason);

  async function launch() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qw-electron-'));
    const args = [path.join(ROOT, 'out', 'main', 'index.js'), '--db', path.join(dir, 'bibliothek.sqlite')];
    if (process.getuid?.() === 0) args.unshift('--no-sandbox');
    const app = await electron.launch({ executablePath: binary.path!, args, env: { ...process.env, QW_DB: '' } });
    return { app, dir };
  }

  test('starts, shows the library and keeps the window locked down', async () => {
    const { app, dir } = await launch();
    try {
      const win = await app.firstWindow();
      await expect(win.getByRole('navigation')).toBeVisible();
      expect(new URL(win.url()).protocol).toBe('app:');
      const info = await win.evaluate(() => (window as unknown as { kb: KbBridge }).kb.invoke('app.info', {}));
      expect(info).toMatchObject({ ok: true, data: { schemaVersion: expect.any(Number) } });
      // contextIsolation + sandbox + no nodeIntegration: the page sees neither require nor process.
      expect(await win.evaluate(() => [typeof (globalThis as Record<string, unknown>).require, typeof (globalThis as Record<string, unknown>).process])).toEqual(['undefined', 'undefined']);
      // Navigation away from the app is refused (http: so that no system browser opens either).
      await win.evaluate(() => { window.location.href = 'http://example.org/'; });
      await win.waitForTimeout(500);
      expect(new URL(win.url()).protocol).toBe('app:');
    } finally {
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('the real windows match the security checklist', async () => {
    const { app, dir } = await launch();
    try {
      const win = await app.firstWindow();
      await expect(win.getByRole('navigation')).toBeVisible();

      // 1. webPreferences as Electron itself reports them, for every window. getLastWebPreferences
      //    is undocumented (missing from electron.d.ts); without it, 4. checks what the page sees.
      const prefs = await app.evaluate(({ BrowserWindow }) =>
        BrowserWindow.getAllWindows().map((w) => (w.webContents as unknown as { getLastWebPreferences?: () => Record<string, unknown> }).getLastWebPreferences?.() ?? null),
      );
      expect(prefs.length).toBeGreaterThan(0);
      if (prefs.every((p) => p === null)) test.info().annotations.push({ type: 'webPreferences', description: 'getLastWebPreferences() gibt es in dieser Electron-Version nicht' });
      for (const p of prefs) if (p) expect(p).toMatchObject(REQUIRED_PREFERENCES);

      // Record instead of opening a real browser; only if the stand-in is really in place.
      const recording = await app.evaluate(({ shell }) => {
        const opened: string[] = [];
        (globalThis as Record<string, unknown>).__qwOpened = opened;
        shell.openExternal = async (url: string) => void opened.push(url);
        return shell.openExternal.toString().includes('opened.push');
      });

      // 2. window.open never opens a window; only https/mailto reach the system.
      const before = app.windows().length;
      const results = await win.evaluate(() =>
        ['http://example.org/', 'file:///etc/passwd', 'javascript:alert(1)', 'app://quartierswissen/index.html', 'https://example.org/'].map((u) => window.open(u) === null),
      );
      await win.waitForTimeout(300);
      expect(results.every(Boolean)).toBe(true);
      expect(app.windows().length).toBe(before);
      if (recording) {
        expect(await app.evaluate(() => (globalThis as Record<string, unknown>).__qwOpened)).toEqual(['https://example.org/']);
      }

      // 3. Navigation to a foreign URL from the renderer is blocked.
      for (const url of ['http://example.org/', 'file:///etc/passwd']) {
        await win.evaluate((u) => { window.location.href = u; }, url);
        await win.waitForTimeout(300);
        expect(new URL(win.url()).protocol, url).toBe('app:');
      }

      // 4. `window.kb` is the only bridge: compared with a blank, equally locked-down page, the app
      //    page has kb (with invoke and on) and no Node or Electron global.
      expect(await win.evaluate(() => Object.keys((window as unknown as { kb: object }).kb).sort())).toEqual(['invoke', 'on']);
      const blank = await app.evaluate(async ({ BrowserWindow }) => {
        const w = new BrowserWindow({ show: false, webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false } });
        await w.loadURL('about:blank');
        const names = (await w.webContents.executeJavaScript('Object.getOwnPropertyNames(globalThis)')) as string[];
        w.destroy();
        return names;
      });
      const own = await win.evaluate(() => Object.getOwnPropertyNames(globalThis));
      const extra = own.filter((n) => !blank.includes(n));
      test.info().annotations.push({ type: 'globals', description: extra.join(', ') });
      expect(extra).toContain('kb');
      expect(extra.filter((n) => NODE_GLOBALS.includes(n))).toEqual([]);
      expect(await win.evaluate((names) => names.filter((n) => n in globalThis), NODE_GLOBALS)).toEqual([]);
    } finally {
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
