import Database from 'better-sqlite3';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Dispatcher } from '../../../electron/services/ipc/Dispatcher';
import { createHandlers } from '../../../electron/services/ipc/handlers';
import { connectionRisk } from '../../../electron/services/collab/SyncService';
import { secretFileFor } from '../../../electron/services/settings/FileSecretStore';
import { silentLogger } from '../../../electron/services/ports';
import { openTestLibrary, type TestLibrary } from '../../support/testLibrary';

/**
 * Issue 17.6: the team's token is a secret. It is kept outside the library (so no backup carries
 * it), a token from an older library is moved out, a new server address needs the token typed
 * again — a window that only changes the address gets no connection carrying the old token — and
 * unencrypted connections to another machine need an explicit confirmation.
 */

const TOKEN = 'Zugang-7f3a9c1e-geheim-5b2d';
const libs: TestLibrary[] = [];
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length) await closers.pop()!();
  while (libs.length) libs.pop()!.dispose();
});

function library(): TestLibrary {
  const lib = openTestLibrary();
  libs.push(lib);
  return lib;
}

/** Every byte of the library, its WAL and SHM: the token must be in none of them. */
function libraryBytes(dbPath: string): Buffer {
  return Buffer.concat(['', '-wal', '-shm'].map((s) => (fs.existsSync(dbPath + s) ? fs.readFileSync(dbPath + s) : Buffer.alloc(0))));
}

/** A listener on 127.0.0.1 that records every websocket connection attempt (and accepts none). */
async function recordingServer(): Promise<{ url: string; seen: string[] }> {
  const seen: string[] = [];
  const server = http.createServer();
  server.on('upgrade', (req, socket) => {
    seen.push(`${req.url ?? ''} ${JSON.stringify(req.headers)}`);
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

describe('the sync token as a secret', () => {
  it('is stored outside the library and its backups, in a file only the owner can read', async () => {
    const lib = library();
    const s = lib.services;
    const view = s.collab.sync.saveSettings({ serverUrl: 'ws://127.0.0.1:9', token: TOKEN, userName: 'Anna', userColor: '#336699' });
    expect(view.hasToken).toBe(true);
    s.db.pragma('wal_checkpoint(TRUNCATE)');
    expect(libraryBytes(lib.dbPath).includes(Buffer.from(TOKEN))).toBe(false);
    const backup = await s.backup.create({ kind: 'manual' });
    const backupFile = path.join(lib.dir, 'Sicherungen', backup.name);
    expect(fs.existsSync(backupFile)).toBe(true);
    expect(fs.readFileSync(backupFile).includes(Buffer.from(TOKEN))).toBe(false);
    const secretFile = secretFileFor(lib.dbPath);
    expect(fs.statSync(secretFile).mode & 0o777).toBe(0o600);
    // Still there after a restart, and still configured.
    const again = lib.reopen();
    expect(again.collab.sync.settingsView().hasToken).toBe(true);
    expect(again.collab.sync.status().configured).toBe(true);
  });

  it('is moved out of a library that an older version wrote it into', () => {
    const lib = library();
    lib.services.close();
    const raw = new Database(lib.dbPath);
    raw.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('collab.token', JSON.stringify(TOKEN));
    raw.prepare('INSERT INTO settings (key, value) VALUES (?, ?)').run('collab.serverUrl', JSON.stringify('ws://127.0.0.1:9'));
    raw.close();
    expect(libraryBytes(lib.dbPath).includes(Buffer.from(TOKEN))).toBe(true);
    const s = lib.reopen();
    expect(s.collab.sync.settingsView().hasToken).toBe(true);
    expect(s.settings.takeLegacy('collab.token')).toBeNull();
    expect(libraryBytes(lib.dbPath).includes(Buffer.from(TOKEN)), 'Token noch in der Bibliotheksdatei').toBe(false);
  });

  it('never follows a new address: the window must type it again, and no connection carries the old one', async () => {
    const lib = library();
    const dispatcher = new Dispatcher(createHandlers(lib.services), silentLogger);
    const trap = await recordingServer();
    const first = await dispatcher.dispatch('collab.saveSettings', { serverUrl: 'ws://127.0.0.1:9', token: TOKEN, userName: 'Anna', userColor: '#336699' });
    expect(first.ok).toBe(true);
    // A (compromised) window changes only the address.
    const moved = await dispatcher.dispatch('collab.saveSettings', { serverUrl: trap.url, userName: 'Anna', userColor: '#336699' });
    expect(moved.ok).toBe(false);
    expect(!moved.ok && moved.error.code).toBe('TOKEN_REQUIRED');
    // Nothing was changed, and nothing connected to the new address.
    const view = lib.services.collab.sync.settingsView();
    expect(view.serverUrl).toBe('ws://127.0.0.1:9');
    expect(view.hasToken).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    expect(trap.seen).toEqual([]);
    // With the token typed again the new address is used.
    const retyped = await dispatcher.dispatch('collab.saveSettings', { serverUrl: trap.url, token: 'neues-token', userName: 'Anna', userColor: '#336699' });
    expect(retyped.ok).toBe(true);
    await expect.poll(() => trap.seen.length, { timeout: 5_000 }).toBeGreaterThan(0);
    expect(trap.seen.join('\n')).not.toContain(TOKEN);
    lib.services.collab.sync.stop();
    // Removing the address forgets the token too.
    lib.services.collab.sync.saveSettings({ serverUrl: '', userName: 'Anna', userColor: '#336699' });
    expect(lib.services.collab.sync.settingsView().hasToken).toBe(false);
  });

  it('asks before an unencrypted connection to another machine or a downgrade from wss://', async () => {
    const lib = library();
    const sync = lib.services.collab.sync;
    const base = { userName: 'Anna', userColor: '#336699' };
    expect(() => sync.saveSettings({ ...base, serverUrl: 'ws://sync.example.org:1234', token: TOKEN })).toThrow(expect.objectContaining({ code: 'INSECURE_CONNECTION', details: { risk: 'plaintext', serverUrl: 'ws://sync.example.org:1234' } }));
    expect(sync.settingsView().serverUrl).toBe('');
    expect(sync.settingsView().hasToken).toBe(false);
    sync.saveSettings({ ...base, serverUrl: 'wss://sync.example.org', token: TOKEN });
    expect(() => sync.saveSettings({ ...base, serverUrl: 'ws://sync.example.org', token: TOKEN })).toThrow(expect.objectContaining({ code: 'INSECURE_CONNECTION', details: expect.objectContaining({ risk: 'downgrade' }) }));
    expect(sync.settingsView().serverUrl).toBe('wss://sync.example.org');
    sync.saveSettings({ ...base, serverUrl: 'ws://sync.example.org', token: TOKEN, confirmInsecure: true });
    expect(sync.settingsView().serverUrl).toBe('ws://sync.example.org');
    // Saving the name again asks nothing: the address did not change.
    sync.saveSettings({ ...base, userName: 'Anna B.', serverUrl: 'ws://sync.example.org' });
    sync.stop();
  });

  it('treats only loopback as safe without encryption', () => {
    for (const url of ['ws://127.0.0.1:1234', 'ws://localhost:1234', 'ws://[::1]:1234', 'ws://127.8.9.10', 'wss://example.org', '']) expect(connectionRisk('', url), url).toBeNull();
    for (const url of ['ws://192.168.1.20:1234', 'ws://example.org', 'ws://127.0.0.1.example.org', 'ws://10.0.0.1']) expect(connectionRisk('', url), url).toBe('plaintext');
    expect(connectionRisk('wss://example.org', 'ws://example.org')).toBe('downgrade');
  });
});
