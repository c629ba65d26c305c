/**
 * Issue 14, item 5: one connection set-up for every connection to the library. The search
 * worker's own connection (a real worker thread) reports the same durability, WAL, deletion and
 * busy-timeout settings as the app's connection opened by openDatabase.
 */
import { describe, expect, it } from 'vitest';
import { BUSY_TIMEOUT_MS, CONNECTION_PRAGMAS } from '../../../electron/services/db/connectionSetup';
import { disposableLibraries } from '../../support/disposableLibraries';

const lib = disposableLibraries();

describe('search worker connection', () => {
  it('has the settings of the app connection, pragma for pragma', async () => {
    const l = lib();
    const main = Object.fromEntries(CONNECTION_PRAGMAS.map((p) => [p, l.services.db.pragma(p, { simple: true })]));
    expect(main).toMatchObject({ journal_mode: 'wal', synchronous: 2, wal_autocheckpoint: 256, journal_size_limit: 4 * 1024 * 1024, secure_delete: 1, foreign_keys: 1, busy_timeout: BUSY_TIMEOUT_MS });
    const stats = await l.services.search.whenIdle();
    expect(stats.connection).toEqual(main);
  });
});
