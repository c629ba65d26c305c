/**
 * Issue 7, promise 1 (crash safety): a child process autosaving edits through the app's real
 * save path (renderer Y.Doc → CollabService.applyUpdate → yjs_updates; DocumentStore.update) is
 * killed with SIGKILL at random moments — right after start, a few ms into writing, right after
 * the n-th acknowledgement — QW_CRASH_KILLS times in all (default 100 here, over two lanes with a
 * library file each; `npm run bench -- durability` runs the same lanes 1,000 times). After every kill the library is opened with the real openDatabase:
 * integrity_check is ok, every acknowledged edit is in the draft (loaded by CollabService) or the
 * document, and the -wal file left behind is small.
 *
 * A SIGKILL leaves the OS page cache intact, so it cannot tell synchronous=FULL from OFF (only a
 * power cut can); that is why every child also reports the pragmas of the connection that saves,
 * and the test requires synchronous=FULL and journal_mode=WAL there.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 } from '../../support/seededRandom';
import { tempDir } from '../../support/testLibrary';
import { bundleChild, crashKills, reopen, runCrashLanes, runCycle, verify } from '../../support/crash/crashKit';

const KILLS = crashKills(100);
const WAL_LIMIT = 8 * 1024 * 1024;

let root: string;
let childFile: string;
beforeAll(async () => {
  root = tempDir('qw-crash-');
  childFile = await bundleChild(root);
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('crash safety (SIGKILL during autosave)', () => {
  it(`keeps every acknowledged edit and an intact library through ${KILLS} kills`, { timeout: 600_000 }, async () => {
    const run = await runCrashLanes(root, childFile, KILLS);
    expect(run.failures).toEqual([]);
    expect(run.kills).toBe(KILLS);
    // The mix really happened: kills at start, after acks and at random moments, with saves.
    for (const mode of ['start', 'ack', 'timed'] as const) expect(run.byMode[mode]).toBeGreaterThan(0);
    expect(run.ackedSaves).toBeGreaterThan(KILLS);
    expect(run.maxWalBytes).toBeLessThan(WAL_LIMIT);
    console.info(
      `Absturztest: ${run.kills} Kills, ${run.ackedSaves} bestätigte Speicherungen, ` +
        `-wal höchstens ${(run.maxWalBytes / 1024).toFixed(0)} KB, ${run.drafts} Entwürfe`,
    );
  });

  it('detects a lost acknowledged edit (negative control: an autosave that acknowledges before it writes)', async () => {
    const dir = path.join(root, 'kontrolle');
    const dbPath = path.join(dir, 'bibliothek.sqlite');
    let s = reopen(dir, dbPath);
    const draft = s.collab.drafts.createDraft({ title: 'Kontrolle', kind: 'note', template: 'empty' }).id;
    const doc = s.documents.create({ kind: 'press_release', title: 'PM', bodyText: 'x' }).id;
    s.close();
    const res = await runCycle(childFile, { db: dbPath, draft, doc, cycle: 1, seed: 1, ackBeforeSave: true }, 'ack', () => 0);
    expect(res.exitedByItself).toBe(false);
    expect(res.acked.y).toEqual(['[y1.0]']);
    s = reopen(dir, dbPath);
    try {
      const v = verify(s, draft, doc, res.acked);
      expect(v.integrity).toBe('ok');
      expect(v.recovery).toBeNull();
      expect(v.missing).toEqual(['[y1.0]']);
    } finally {
      s.close();
    }
  });

  it('the save path runs with synchronous=FULL and WAL, and a reopened library keeps them', async () => {
    const dir = path.join(root, 'pragmas');
    const dbPath = path.join(dir, 'bibliothek.sqlite');
    const s = reopen(dir, dbPath);
    const draft = s.collab.drafts.createDraft({ title: 'P', kind: 'note', template: 'empty' }).id;
    const doc = s.documents.create({ kind: 'press_release', title: 'PM', bodyText: 'x' }).id;
    expect(s.db.pragma('synchronous', { simple: true })).toBe(2);
    expect(s.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(s.db.pragma('wal_autocheckpoint', { simple: true })).toBeLessThanOrEqual(1000);
    s.close();
    const res = await runCycle(childFile, { db: dbPath, draft, doc, cycle: 1, seed: 3 }, 'ack', mulberry32(5));
    expect(res.ready).toEqual({ synchronous: 2, journalMode: 'wal' });
    expect(res.acked.y.length + res.acked.d.length).toBeGreaterThan(0);
  });
});
