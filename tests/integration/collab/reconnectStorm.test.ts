import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../support/testLibrary';
import { reconnectStorm, recordingLogger } from './collabKit';

/**
 * Issue 7, promise 6: "a 200-client reconnect storm on 127.0.0.1 is absorbed." 200 real providers
 * (each its own websocket) on 20 drafts; every socket is dropped at once, then the server is
 * stopped and started again on the same port with the same store. Clients type before, during and
 * after; every client must end up with every word of its draft, and so must the store. Timings
 * are in the benchmark (`npm run bench -- syncStorm`), not asserted here.
 */

const errors: unknown[] = [];
const onError = (e: unknown) => void errors.push(e);
let dir: string;
beforeEach(() => {
  dir = tempDir('qw-storm-');
  errors.length = 0;
  process.on('unhandledRejection', onError);
  process.on('uncaughtException', onError);
});
afterEach(() => {
  process.off('unhandledRejection', onError);
  process.off('uncaughtException', onError);
  vi.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('sync server under a reconnect storm', () => {
  it('200 clients on 20 drafts reconnect after a mass drop and a restart; nothing is lost', { timeout: 90_000 }, async () => {
    // Hocuspocus reports its own trouble on console.error; a storm must not cause any.
    const consoleErrors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const logger = recordingLogger();
    const r = await reconnectStorm(dir, { clients: 200, documents: 20, timeoutMs: 45_000, logger });
    expect(r.minDisconnects).toBeGreaterThanOrEqual(2);
    expect(r.missing).toEqual([]);
    expect(r.settled).toEqual({ documents: 20, connections: 200 });
    // Everyone left: nothing stays loaded or connected on the server.
    expect(r.after).toEqual({ documents: 0, connections: 0 });
    expect(errors).toEqual([]);
    expect(consoleErrors.mock.calls).toEqual([]);
    expect(logger.lines.filter((l) => l.startsWith('error') || l.startsWith('warn'))).toEqual([]);
  });
});
