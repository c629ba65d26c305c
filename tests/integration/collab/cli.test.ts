import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../support/testLibrary';
import { BIN, childServer, killHard, Peer, serverText, TOKEN } from './collabKit';

/** The real `quartierswissen` bin in child processes, as a user (or a script) runs it. */
function cli(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, QW_DB: '', QW_SYNC_TOKEN: '', ...env }, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir: string;
let server: Awaited<ReturnType<typeof childServer>>;
beforeAll(async () => {
  dir = tempDir('qw-collab-cli-');
  server = await childServer(path.join(dir, 'server', 'speicher.sqlite'));
});
afterAll(async () => {
  await killHard(server.child);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('quartierswissen new-draft / append / text / sync / serve', () => {
  it('creates a draft, appends paragraphs as Yjs changes, prints its text; show and search text follow', () => {
    const db = path.join(dir, 'a.sqlite');
    const made = cli(['--db', db, 'new-draft', '--title', 'Leitbild Ostend', '--json']);
    expect(made.code).toBe(0);
    const { id, kind } = JSON.parse(made.stdout) as { id: string; kind: string };
    expect(kind).toBe('note');
    expect(cli(['--db', db, 'append', id, 'Erster Absatz über Nachbarschaft.']).code).toBe(0);
    expect(cli(['--db', db, 'append', id, 'Zweiter', 'Absatz.']).code).toBe(0);
    const text = cli(['--db', db, 'text', id]);
    expect(text.code).toBe(0);
    expect(text.stdout).toBe('Erster Absatz über Nachbarschaft.\n\nZweiter Absatz.\n');
    expect(JSON.parse(cli(['--db', db, 'show', id, '--json']).stdout).text).toBe('Erster Absatz über Nachbarschaft.\n\nZweiter Absatz.');

    const plain = cli(['--db', db, 'new-draft', '--title', 'Vorlage', '--leitbild']);
    expect(plain.stdout.trim()).toMatch(/^[0-9a-f-]{36}$/);
    expect(cli(['--db', db, 'text', plain.stdout.trim()]).stdout).toContain('Handlungsfelder');
  });

  it('usage errors and unknown ids give clear messages and exit codes', () => {
    const db = path.join(dir, 'b.sqlite');
    expect(cli(['--db', db, 'new-draft']).code).toBe(2);
    const missing = cli(['--db', db, 'text', 'gibt-es-nicht']);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toContain('nicht gefunden');
    const noToken = cli(['--db', db, 'sync', '--server', server.url]);
    expect(noToken.code).toBe(2);
    expect(noToken.stderr).toContain('QW_SYNC_TOKEN');
    expect(cli(['--db', db, 'serve', '--port', '0']).stderr).toContain('Token');
  });

  it('sync: two libraries exchange drafts through `serve`; a wrong token is refused', () => {
    const a = path.join(dir, 'sync-a');
    const b = path.join(dir, 'sync-b');
    const dbA = path.join(a, 'bibliothek.sqlite');
    const dbB = path.join(b, 'bibliothek.sqlite');
    const anna = new Peer('anna', a);
    const id = anna.drafts.createDraft({ title: 'Gemeinsamer Entwurf', kind: 'note', template: 'empty' }).id;
    anna.drafts.appendParagraph(id, 'Satz von A.');
    anna.close();
    const first = cli(['--db', dbA, 'sync', '--server', server.url, '--json'], { QW_SYNC_TOKEN: TOKEN });
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toEqual({ drafts: 1, created: 0 });
    const second = cli(['--db', dbB, 'sync', '--server', server.url, '--token', TOKEN]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('1 neu vom Server');
    // Offline on both sides (edits in the library files), then they meet again through the server.
    const ben = new Peer('ben', b);
    ben.drafts.appendParagraph(id, 'Satz von B.');
    ben.close();
    anna.reopen();
    anna.drafts.appendParagraph(id, 'Noch ein Satz von A.');
    anna.close();
    for (const db of [dbB, dbA, dbB]) expect(cli(['--db', db, 'sync', '--server', server.url], { QW_SYNC_TOKEN: TOKEN }).code).toBe(0);
    anna.reopen();
    ben.reopen();
    const ta = anna.text(id);
    expect(ben.text(id)).toBe(ta);
    // Concurrent paragraphs at the same place are ordered by Yjs client id: both orders are right.
    expect(ta.split('\n\n').sort()).toEqual(['Noch ein Satz von A.', 'Satz von A.', 'Satz von B.']);
    expect(ta.startsWith('Satz von A.')).toBe(true);
    expect(serverText(path.join(dir, 'server', 'speicher.sqlite'), id)).toBe(ta);
    anna.close();
    ben.close();

    const refused = cli(['--db', dbB, 'sync', '--server', server.url, '--timeout', '5'], { QW_SYNC_TOKEN: 'falsch' });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('abgelehnt');
  });

  it('serve stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--store', path.join(dir, 'x.sqlite')], {
      env: { ...process.env, QW_SYNC_TOKEN: TOKEN },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    for (let i = 0; i < 400 && !out.includes('ws://'); i++) await new Promise((r) => setTimeout(r, 50));
    expect(out).toMatch(/Sync-Server läuft: ws:\/\/127\.0\.0\.1:\d+/);
    const code = await new Promise<number | null>((resolve) => {
      child.once('exit', (c) => resolve(c));
      child.kill('SIGTERM');
    });
    expect(code).toBe(0);
  });
});
