import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestLibrary, REPO_ROOT, tempDir, type TestLibrary } from '../../support/testLibrary';

const BIN = path.join(REPO_ROOT, 'bin', 'quartierswissen.mjs');

/** Runs the real `quartierswissen` bin in a child process, as a user would. */
function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, QW_DB: '', ...env },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let lib: TestLibrary;
let ids: { leitbild: string; presse: string };
beforeAll(() => {
  lib = openTestLibrary();
  const { documents } = lib.services;
  ids = {
    leitbild: documents.create({ kind: 'leitbild', title: 'Leitbild Südstadt', date: '2026-02-01', bodyText: 'Präambel: Die Südstadt hält zusammen.', tags: ['Südstadt'] }).id,
    presse: documents.create({ kind: 'press_release', title: 'Neues Quartiersbüro', date: '2026-05-04', externalId: 'pm-7', bodyText: '„Wir sind vor Ort“, sagte die Quartiersmanagerin.' }).id,
  };
  lib.services.close();
});
afterAll(() => fs.rmSync(lib.dir, { recursive: true, force: true }));

describe('quartierswissen CLI', () => {
  it('prints help and version', () => {
    const help = cli(['--help']);
    expect(help.code).toBe(0);
    for (const c of ['list', 'show', 'check', '--db']) expect(help.stdout).toContain(c);
    const version = cli(['--version']);
    expect(version.stdout.trim()).toBe(JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).version);
  });

  it('lists documents as stable JSON, filtered by kind', () => {
    const all = cli(['--db', lib.dbPath, 'list', '--json']);
    expect(all.code).toBe(0);
    const rows = JSON.parse(all.stdout);
    expect(rows).toEqual([
      { id: ids.presse, externalId: 'pm-7', title: 'Neues Quartiersbüro', kind: 'press_release', date: '2026-05-04', status: 'final' },
      { id: ids.leitbild, externalId: null, title: 'Leitbild Südstadt', kind: 'leitbild', date: '2026-02-01', status: 'draft' },
    ]);
    const only = JSON.parse(cli(['list', '--kind', 'leitbild', '--json'], { QW_DB: lib.dbPath }).stdout);
    expect(only.map((r: { id: string }) => r.id)).toEqual([ids.leitbild]);
  });

  it('shows one document with its text', () => {
    const r = cli(['--db', lib.dbPath, 'show', ids.leitbild, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ id: ids.leitbild, title: 'Leitbild Südstadt', tags: ['Südstadt'], text: 'Präambel: Die Südstadt hält zusammen.' });
    expect(cli(['--db', lib.dbPath, 'show', ids.leitbild]).stdout).toContain('Die Südstadt hält zusammen.');
  });

  it('checks integrity and schema version', () => {
    const r = cli(['--db', lib.dbPath, 'check', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, integrity: 'ok', foreignKeyViolations: 0, documents: 2 });
  });

  it('reports errors on stderr in one line with a non-zero exit code', () => {
    const missing = cli(['--db', lib.dbPath, 'show', 'gibt-es-nicht']);
    expect(missing.code).toBe(3);
    expect(missing.stdout).toBe('');
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toContain('gibt-es-nicht');

    const badKind = cli(['--db', lib.dbPath, 'list', '--kind', 'roman']);
    expect(badKind.code).toBe(2);
    expect(badKind.stderr).toContain('roman');

    const unknownFlag = cli(['--db', lib.dbPath, 'list', '--farbe', 'blau']);
    expect(unknownFlag.code).toBe(2);

    const unknownCommand = cli(['tanzen']);
    expect(unknownCommand.code).toBe(2);
    expect(unknownCommand.stderr).toContain('tanzen');
  });

  it('refuses a file that is not a library and leaves it unchanged', () => {
    const dir = tempDir();
    const file = path.join(dir, 'notiz.sqlite');
    fs.writeFileSync(file, 'kein SQLite');
    const r = cli(['--db', file, 'list']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('keine SQLite-Datenbank');
    expect(fs.readFileSync(file, 'utf8')).toBe('kein SQLite');
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
