import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docToRich } from '../../../electron/services/collab/draftDoc';
import { draftDocName } from '../../../electron/services/collab/SyncServer';
import { UpdateLog } from '../../../electron/services/collab/UpdateLog';
import { DRAFT_FRAGMENT } from '../../../shared/editor/draftExtensions';
import { draftToPlain } from '../../../shared/editor/draftText';
import { tempDir } from '../../support/testLibrary';
import { inProcessServer, peers, RawClient, recordingLogger, serverText, storeRows, TOKEN, waitFor, type Peer } from './collabKit';

/**
 * Issue 13 §1: "never says saved when it is not". Real server on 127.0.0.1, real SQLite files,
 * real faults: an outside connection holding the write lock (BEGIN IMMEDIATE) for 8 s, and a
 * store on a 3 MB tmpfs that runs full. Every word a client was told is stored (the provider's
 * acknowledgement; the app's `collab.update` answer) must be in the file afterwards, and every
 * client must end with every word anyone typed.
 */

const LOCK_MS = 8000;
const cleanups: (() => Promise<void> | void)[] = [];
const uncaught: unknown[] = [];
const onUncaught = (e: unknown) => void uncaught.push(e);
beforeEach(() => {
  uncaught.length = 0;
  process.on('uncaughtException', onUncaught);
  process.on('unhandledRejection', onUncaught);
});
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
  process.off('uncaughtException', onUncaught);
  process.off('unhandledRejection', onUncaught);
});
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const DOC = draftDocName('fehler-1');

/** A raw client whose words count as acknowledged once the provider has nothing unconfirmed. */
function typist(c: RawClient, name: string) {
  const typed: string[] = [];
  let acked = 0;
  c.provider.on('unsyncedChanges', ({ number }: { number: number }) => {
    if (number === 0) acked = typed.length;
  });
  return {
    c,
    typed,
    acked: () => typed.slice(0, acked),
    type() {
      const w = `${name}${typed.length}`;
      typed.push(w);
      c.type(` ${w}`);
    },
  };
}

function storedWords(storePath: string, name = DOC): Set<string> {
  const doc = new Y.Doc();
  for (const r of storeRows(storePath, name)) Y.applyUpdate(doc, r.data);
  return new Set(doc.getText('t').toString().split(/\s+/).filter(Boolean));
}

/** Types with every client every `everyMs` for `ms`. */
async function typeFor(ts: ReturnType<typeof typist>[], ms: number, everyMs = 100): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    for (const t of ts) t.type();
    await sleep(everyMs);
  }
}

async function expectEverythingStored(storePath: string, ts: ReturnType<typeof typist>[]): Promise<void> {
  const all = ts.flatMap((t) => t.typed);
  await waitFor('alle synchron mit allen Wörtern', () => ts.every((t) => t.c.synced && all.every((w) => t.c.text().includes(` ${w}`))), 30_000);
  const texts = new Set(ts.map((t) => t.c.text()));
  expect(texts.size).toBe(1);
  const stored = storedWords(storePath);
  for (const t of ts) for (const w of t.acked()) expect(stored, `bestätigt, aber nicht gespeichert: ${w}`).toContain(w);
  for (const w of all) expect(stored, `fehlt im Speicher: ${w}`).toContain(w);
}

describe('sync server: faults of its store', () => {
  it(`a write lock held ${LOCK_MS / 1000} s from outside: nothing unstored is acknowledged; afterwards all is stored and all converge`, { timeout: 60_000 }, async () => {
    const dir = tempDir('qw-sync-lock-');
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const logger = recordingLogger();
    const server = await inProcessServer(dir, { writeRetryMs: 1000, busyTimeoutMs: 50, logger });
    cleanups.push(() => server.close());
    const ts = ['a', 'b', 'c'].map((n) => typist(new RawClient(server.url, DOC, TOKEN), n));
    cleanups.push(() => ts.forEach((t) => t.c.destroy()));
    await typeFor(ts, 800);
    await waitFor('erst synchron', () => ts.every((t) => t.c.synced));

    const lock = new Database(server.storePath);
    lock.exec('BEGIN IMMEDIATE');
    const typedAtLock = ts.map((t) => t.typed.length);
    await typeFor(ts, LOCK_MS, 200);
    // While the lock held, no word typed under it was confirmed (it could not be stored).
    ts.forEach((t, i) => expect(t.acked().length, t.typed[0]).toBeLessThanOrEqual(typedAtLock[i]!));
    lock.exec('ROLLBACK');
    lock.close();
    // The store really refused: the server said so (and closed the sockets).
    expect(logger.lines.some((l) => l.includes('Änderung nicht gespeichert'))).toBe(true);
    await typeFor(ts, 600);
    await expectEverythingStored(server.storePath, ts);
    expect(uncaught).toEqual([]);
  });

  const tmpfsOk = (() => {
    if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
    const probe = tempDir('qw-tmpfs-probe-');
    const ok = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe]).status === 0;
    if (ok) spawnSync('umount', [probe]);
    fs.rmSync(probe, { recursive: true, force: true });
    return ok;
  })();

  // Needs root and tmpfs (mount -t tmpfs); elsewhere skipped with this reason.
  it.skipIf(!tmpfsOk)('a full disk (store on a 3 MB tmpfs): refused while full, everything stored once space is back', { timeout: 60_000 }, async () => {
    const mnt = tempDir('qw-tmpfs-');
    expect(spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', mnt]).status).toBe(0);
    cleanups.push(() => {
      spawnSync('umount', ['-l', mnt]);
      fs.rmSync(mnt, { recursive: true, force: true });
    });
    const logger = recordingLogger();
    const server = await inProcessServer(mnt, { writeRetryMs: 500, busyTimeoutMs: 50, storePath: path.join(mnt, 'store.sqlite'), logger });
    cleanups.push(() => server.close());
    const ts = ['a', 'b'].map((n) => typist(new RawClient(server.url, DOC, TOKEN), n));
    cleanups.push(() => ts.forEach((t) => t.c.destroy()));
    await typeFor(ts, 500);
    await waitFor('erst synchron', () => ts.every((t) => t.c.synced));

    // Fill the file system to the last byte.
    const filler = path.join(mnt, 'filler');
    const fd = fs.openSync(filler, 'w');
    const chunk = Buffer.alloc(4096, 1);
    try {
      for (;;) fs.writeSync(fd, chunk);
    } catch (err) {
      expect((err as NodeJS.ErrnoException).code).toBe('ENOSPC');
    }
    fs.closeSync(fd);
    await typeFor(ts, 2000, 100);
    expect(logger.lines.some((l) => l.includes('Änderung nicht gespeichert') && l.includes('SQLITE_FULL'))).toBe(true);
    fs.rmSync(filler);
    await typeFor(ts, 500);
    await expectEverythingStored(server.storePath, ts);
    expect(uncaught).toEqual([]);
  });
});

/** What a library file holds for a draft, read from disk by its own connection. */
function libraryText(file: string, id: string): string {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const { updates } = new UpdateLog(db).since(id, 0);
    const doc = new Y.Doc();
    for (const u of updates) Y.applyUpdate(doc, u);
    return draftToPlain(docToRich(doc));
  } finally {
    db.close();
  }
}

describe("the app's library: faults of its file", () => {
  it(`an outside BEGIN IMMEDIATE held ${LOCK_MS / 1000} s: the window is answered only once a change is stored; nothing is lost, all converge`, { timeout: 60_000 }, async () => {
    const env = peers('anna', 'ben');
    cleanups.push(() => env.dispose());
    const server = await inProcessServer(env.root);
    cleanups.push(() => server.close());
    const [anna, ben] = env.peers as [Peer, Peer];
    const id = anna.drafts.createDraft({ title: 'Haushalt', kind: 'note', template: 'empty' }).id;
    anna.type(id, 'start');
    anna.connect(server.url);
    ben.connect(server.url);
    await waitFor('Ben hat den Entwurf', () => ben.drafts.isLoaded(id) && ben.text(id) === 'start');

    // The window's own replica, as useDraftDoc keeps it: its updates go through collab.update.
    const view = new Y.Doc();
    Y.applyUpdate(view, anna.drafts.stateAsUpdate(id));
    const answers: Promise<void>[] = [];
    const answeredAt: number[] = [];
    const typed: string[] = [];
    const typeInWindow = (w: string) => {
      const before = Y.encodeStateVector(view);
      const p = view.getXmlFragment(DRAFT_FRAGMENT).get(0) as Y.XmlElement;
      (p.get(0) as Y.XmlText).insert(0, `${w} `);
      typed.push(w);
      answers.push(anna.drafts.applyEditorUpdate(id, Y.encodeStateAsUpdate(view, before), 'fenster').then(() => void answeredAt.push(Date.now())));
    };
    const benTyped: string[] = [];
    const typeBen = (w: string) => {
      benTyped.push(w);
      ben.type(id, ` ${w}`);
    };
    for (let i = 0; i < 5; i++) typeInWindow(`vorher${i}`);
    await Promise.all(answers);

    const file = path.join(anna.dir, 'bibliothek.sqlite');
    const lock = new Database(file);
    lock.exec('BEGIN IMMEDIATE');
    const lockedAt = Date.now();
    for (let i = 0; Date.now() - lockedAt < LOCK_MS; i++) {
      typeInWindow(`gesperrt${i}`);
      typeBen(`ben${i}`);
      await sleep(200);
    }
    const answeredDuringLock = answeredAt.filter((t) => t > lockedAt).length;
    lock.exec('ROLLBACK');
    lock.close();
    const releasedAt = Date.now();
    for (let i = 0; i < 5; i++) typeInWindow(`nachher${i}`);
    await Promise.all(answers);
    expect(answeredDuringLock).toBe(0);
    expect(answeredAt.filter((t) => t > lockedAt).every((t) => t >= releasedAt - 50)).toBe(true);

    const all = [...typed, ...benTyped, 'start'];
    const complete = (text: string) => all.every((w) => text.split(/\s+/).includes(w));
    await waitFor('alle haben alles', () => complete(anna.text(id)) && complete(ben.text(id)) && complete(serverText(server.storePath, id)), 30_000);
    expect(anna.text(id)).toBe(ben.text(id));
    // In Anna's file on disk, not only in memory.
    await waitFor('Annas Datei vollständig', () => complete(libraryText(file, id)), 10_000);
    await waitFor('nichts mehr ausstehend', () => anna.drafts.pending(id) === 0, 10_000);
    expect(uncaught).toEqual([]);
  });
});
