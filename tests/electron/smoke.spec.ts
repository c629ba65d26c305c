import { _electron as electron, expect, test } from '@playwright/test';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { KbBridge } from '../../shared/ipc/contract';

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

test.describe('Electron app (smoke)', () => {
  test.skip(!binary.path, binary.reason);

  test('starts, shows the library and keeps the window locked down', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qw-electron-'));
    const args = [path.join(ROOT, 'out', 'main', 'index.js'), '--db', path.join(dir, 'bibliothek.sqlite')];
    if (process.getuid?.() === 0) args.unshift('--no-sandbox');
    const app = await electron.launch({ executablePath: binary.path!, args, env: { ...process.env, QW_DB: '' } });
    try {
      const win = await app.firstWindow();
      await expect(win.getByRole('navigation')).toBeVisible();
      expect(new URL(win.url()).protocol).toBe('app:');
      const info = await win.evaluate(() => (window as unknown as { kb: KbBridge }).kb.invoke('app.info', {}));
      expect(info).toMatchObject({ ok: true, data: { schemaVersion: expect.any(Number) } });
      // contextIsolation + sandbox + no nodeIntegration: the page sees neither require nor process.
      expect(await win.evaluate(() => [typeof (globalThis as Record<string, unknown>).require, typeof (globalThis as Record<string, unknown>).process])).toEqual(['undefined', 'undefined']);
      // Navigation away from the app is refused.
      await win.evaluate(() => { window.location.href = 'https://example.org/'; });
      await win.waitForTimeout(500);
      expect(new URL(win.url()).protocol).toBe('app:');
    } finally {
      await app.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
