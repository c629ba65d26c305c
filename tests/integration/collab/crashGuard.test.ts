import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../support/testLibrary';

/**
 * Issue 13 §1: an exception nobody caught — thrown in a timer, a rejected promise nobody awaits —
 * is reported as one line and the CLI process goes on (before, `serve` or `sync` died of an
 * uncaught SqliteError from a provider's acknowledgement handler). A real Node process.
 */
describe('CLI: uncaught errors', () => {
  it('are written to stderr as one line each and the process carries on', { timeout: 60_000 }, () => {
    const script = `
      const { installCliCrashGuard } = await import('./electron/cli/crashGuard.ts');
      installCliCrashGuard();
      setTimeout(() => { throw Object.assign(new Error('kaputt'), { code: 'SQLITE_BUSY' }); }, 10);
      void Promise.reject(new TypeError('abgelehnt'));
      setTimeout(() => console.log('läuft weiter'), 200);
    `;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 50_000 });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('läuft weiter');
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('quartierswissen: nicht abgefangener Fehler'));
    expect(lines).toHaveLength(2);
    expect(lines.join('\n')).toContain('uncaughtException');
    expect(lines.join('\n')).toContain('SQLITE_BUSY');
    expect(lines.join('\n')).toContain('unhandledRejection');
  });
});
