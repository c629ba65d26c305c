import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestLibrary, tempDir } from '../../support/testLibrary';

/**
 * Issue 17: on a full disk, closing the library must not die of the WAL checkpoint (every CLI
 * command did, with a raw SqliteError). The disk is a real, tiny tmpfs the test mounts (root only;
 * skipped with the reason elsewhere).
 */
const mountPoint = tempDir('qw-volle-platte-');
const mounted = process.getuid?.() === 0 && spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', mountPoint]).status === 0;

afterAll(() => {
  if (mounted) spawnSync('umount', ['-l', mountPoint]);
  fs.rmSync(mountPoint, { recursive: true, force: true });
});

describe.skipIf(!mounted)('a full disk (tmpfs of 3 MB; needs root to mount)', () => {
  let lib: ReturnType<typeof openTestLibrary>;
  beforeAll(() => {
    lib = openTestLibrary({ dir: path.join(mountPoint, 'bib') });
  }, 60_000);

  it('closes the library without throwing, and every committed document is there after reopening', () => {
    const ids: string[] = [];
    // Commit documents until the disk is full (the last attempt fails and is not acknowledged).
    for (let i = 0; i < 10_000; i++) {
      try {
        ids.push(lib.services.documents.create({ kind: 'note', title: `Notiz ${i}`, bodyText: `Inhalt ${i} `.repeat(200) }).id);
      } catch (err) {
        expect(String((err as Error).message)).toMatch(/full|voll|disk/i);
        break;
      }
    }
    expect(ids.length).toBeGreaterThan(10);
    // Fill whatever is left, so the checkpoint cannot grow the database file.
    try {
      fs.writeFileSync(path.join(mountPoint, 'fueller'), Buffer.alloc(4 * 1024 * 1024));
    } catch {
      // ENOSPC: the disk is full, which is the point.
    }
    expect(() => lib.services.close()).not.toThrow();
    fs.rmSync(path.join(mountPoint, 'fueller'), { force: true });
    const again = lib.reopen();
    for (const id of ids) expect(again.documents.get(id).title).toMatch(/^Notiz /);
    lib.dispose();
  });
});
