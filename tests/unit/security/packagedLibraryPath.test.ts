import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { electronModule, state } from '../../support/fakeElectron';
import { REPO_ROOT, tempDir } from '../../support/testLibrary';

/**
 * Issue 17: a packaged app opens only the library in its own data folder. `--db` and `QW_DB` are
 * for development builds; a planted environment variable or shortcut argument must not make the
 * shipped app open or create a file elsewhere. The real composition root, booted against the fake.
 */
vi.mock('electron', async () => (await import('../../support/fakeElectron')).electronModule);

let dir: string;
let planted: string;

beforeAll(async () => {
  dir = tempDir('qw-packaged-');
  planted = path.join(dir, 'fremd', 'untergeschoben.sqlite');
  state.reset();
  state.userData = dir;
  electronModule.app.isPackaged = true;
  // A packaged app reads its resources from process.resourcesPath/resources (electron-builder.yml).
  (process as { resourcesPath?: string }).resourcesPath = REPO_ROOT;
  vi.stubEnv('QW_DB', planted);
  vi.stubEnv('ELECTRON_RENDERER_URL', 'http://127.0.0.1:9/');
  process.argv.push(`--db=${planted}`);
  await import('../../../electron/main/index');
  await vi.waitFor(() => expect(state.windows.length).toBeGreaterThan(0), { timeout: 30_000 });
});

afterAll(() => {
  electronModule.app.emit('will-quit');
  electronModule.app.isPackaged = false;
  process.argv.pop();
  vi.unstubAllEnvs();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('a packaged app', () => {
  it('ignores --db, QW_DB and a dev-server address', () => {
    expect(fs.existsSync(planted)).toBe(false);
    expect(fs.readdirSync(path.join(dir, 'userData')).some((f) => f.endsWith('.sqlite'))).toBe(true);
    expect(state.windows[0]!.loadedUrl).toBe('app://quartierswissen/index.html');
  });
});
