import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestLibrary, REPO_ROOT, sha256File, type TestLibrary } from '../../support/testLibrary';
import { corruptDocumentsPage } from '../backup/corruptPage';

const BIN = path.join(REPO_ROOT, 'bin', 'quartierswissen.mjs');

/** Runs the real `quartierswissen` bin in a child process, as a user would. */
function cli(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, QW_DB: '' }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let lib: TestLibrary;
beforeAll(() => {
  lib = openTestLibrary();
  for (let i = 0; i < 200; i++) lib.services.documents.create({ kind: 'protocol', title: `Protokoll ${i}`, bodyText: 'Quartiersbeirat Südstadt. '.repeat(30) });
  lib.services.close();
});
afterAll(() => fs.rmSync(lib.dir, { recursive: true, force: true }));

/** Documents in the (closed) library, read directly: each CLI start costs seconds on a busy machine. */
function count(): number {
  const db = new Database(lib.dbPath, { readonly: true });
  try {
    return db.prepare('SELECT count(*) FROM documents').pluck().get() as number;
  } finally {
    db.close();
  }
}

describe('quartierswissen backup / restore', () => {
  it('writes a verified backup, refuses to overwrite, restores it and keeps the previous library', () => {
    const out = path.join(lib.dir, 'sicherung.sqlite');
    const b = cli(['--db', lib.dbPath, 'backup', '-o', out, '--json']);
    expect(b.code, b.stderr).toBe(0);
    expect(JSON.parse(b.stdout)).toMatchObject({ file: out, documentCount: 200, kind: 'manual' });
    const again = cli(['--db', lib.dbPath, 'backup', '-o', out]);
    expect(again.code).toBe(1);
    expect(again.stderr.trim().split('\n')).toHaveLength(1);
    expect(again.stderr).toContain('gibt es schon');

    // A change after the backup, then the restore takes it back.
    lib.reopen().documents.create({ kind: 'note', title: 'Nach der Sicherung' });
    lib.services.close();
    expect(count()).toBe(201);
    const r = cli(['restore', out, '--db', lib.dbPath, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { movedTo: string; documentCount: number };
    expect(report.documentCount).toBe(200);
    expect(count()).toBe(200);
    // The previous library is a backup now, with the change in it.
    expect(path.dirname(report.movedTo)).toBe(path.join(lib.dir, 'Sicherungen'));
    expect(report.movedTo).toMatch(/vor-wiederherstellung\.sqlite$/);
    const back = cli(['--db', lib.dbPath, 'restore', report.movedTo]);
    expect(back.code, back.stderr).toBe(0);
    expect(back.stderr).toContain('Wiederhergestellt: 201 Dokument(e)');
    expect(count()).toBe(201);
  });

  it('refuses a damaged or missing backup in one line and leaves the library untouched', () => {
    const bad = path.join(lib.dir, 'kaputt.sqlite');
    expect(cli(['--db', lib.dbPath, 'backup', '-o', bad]).code).toBe(0);
    corruptDocumentsPage(bad);
    const hash = sha256File(lib.dbPath);
    const r = cli(['--db', lib.dbPath, 'restore', bad]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('keine gültige Sicherung');
    expect(r.stderr).toContain('nicht verändert');
    expect(sha256File(lib.dbPath)).toBe(hash);

    const missing = cli(['--db', lib.dbPath, 'restore', path.join(lib.dir, 'gibt-es-nicht.sqlite')]);
    expect(missing.code).toBe(3);
    expect(sha256File(lib.dbPath)).toBe(hash);
  });

  it('a damaged library is replaced by its newest good backup at start, and the command says so', async () => {
    const damaged = openTestLibrary();
    try {
      for (let i = 0; i < 200; i++) damaged.services.documents.create({ kind: 'note', title: `Notiz ${i}`, bodyText: 'Stadtteilbüro Nordend. '.repeat(30) });
      const backup = await damaged.services.backup.create({ kind: 'manual' });
      damaged.services.close();
      corruptDocumentsPage(damaged.dbPath);
      const r = cli(['--db', damaged.dbPath, 'list', '--json', '--limit', '500']);
      expect(r.code, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toHaveLength(200);
      expect(r.stderr).toMatch(/^Hinweis: Die Bibliothek war beschädigt und wurde nach „.+beschaedigt.+\.sqlite“ verschoben\. Wiederhergestellt wurde die Sicherung vom \d\d\.\d\d\.\d{4}, \d\d:\d\d Uhr\.$/m);
      expect(fs.readdirSync(damaged.dir).some((f) => f.includes('.beschaedigt.'))).toBe(true);
      expect(backup.documentCount).toBe(200);
    } finally {
      damaged.dispose();
    }
  });
});
