import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServices, type Services } from '../../electron/services/createServices';
import { MemoryEventSink, silentLogger, systemClock } from '../../electron/services/ports';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');
export const CORPUS_DIR = process.env.QW_CORPUS ?? path.resolve(REPO_ROOT, '..', 'shared', 'corpus');
export const HAS_CORPUS = fs.existsSync(CORPUS_DIR);

export function tempDir(prefix = 'qw-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface TestLibrary {
  dir: string;
  dbPath: string;
  services: Services;
  events: MemoryEventSink;
  /** Closes and opens the same file again (a restart). */
  reopen(): Services;
  dispose(): void;
}

/** A real library file in a fresh temporary folder, with real services. */
export function openTestLibrary(options: { dir?: string; dbFile?: string } = {}): TestLibrary {
  const dir = options.dir ?? tempDir();
  const dbPath = path.join(dir, options.dbFile ?? 'bibliothek.sqlite');
  const events = new MemoryEventSink();
  const make = () =>
    createServices(
      {
        paths: { resourcesDir: path.join(REPO_ROOT, 'resources'), backupsDir: path.join(dir, 'Sicherungen') },
        events,
        clock: systemClock,
        logger: silentLogger,
      },
      { dbPath, appVersion: '0.0.0-test' },
    );
  const lib: TestLibrary = {
    dir,
    dbPath,
    services: make(),
    events,
    reopen() {
      lib.services.close();
      lib.services = make();
      return lib.services;
    },
    dispose() {
      lib.services.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  return lib;
}

export function sha256File(file: string): string {
  return crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}
