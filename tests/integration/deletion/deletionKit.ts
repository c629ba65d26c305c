import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createServices, type Services } from '../../../electron/services/createServices';
import { MemoryEventSink, silentLogger, systemClock, type Logger } from '../../../electron/services/ports';
import { REPO_ROOT } from '../../support/testLibrary';

/**
 * A random marker word the German pipeline leaves as it is: a capital Q and consonants only, so
 * the stemmer (which needs a vowel to find its region) strips nothing and the compound splitter
 * finds no parts. Indexed, it becomes the same word in lower case.
 */
export function marker(): string {
  const letters = 'bcdfghjklmnpqrvwxz';
  let s = 'Q';
  for (let i = 0; i < 13; i++) s += letters[randomInt(letters.length)];
  return s;
}

/** The byte patterns a stored copy of `word` can take: as written, lower and upper case, UTF-8 and UTF-16LE. */
export function needles(word: string): Buffer[] {
  const forms = [...new Set([word, word.toLowerCase(), word.toUpperCase()])];
  return forms.flatMap((f) => [Buffer.from(f, 'utf8'), Buffer.from(f, 'utf16le')]);
}

/** Which of `words` occur in the raw bytes of `files` (missing files count as empty). */
export function scanFiles(files: string[], words: string[]): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of files) {
    if (!fs.existsSync(file)) continue;
    const bytes = fs.readFileSync(file);
    for (const w of words) {
      if (needles(w).some((n) => bytes.includes(n))) found.set(w, [...(found.get(w) ?? []), path.basename(file)]);
    }
  }
  return found;
}

/** The library file and its SQLite companions: everything the library writes next to it. */
export function libraryFiles(dbPath: string): string[] {
  return [dbPath, `${dbPath}-wal`, `${dbPath}-shm`, `${dbPath}-journal`];
}

export function openServices(dbPath: string, logger: Logger = silentLogger, events = new MemoryEventSink()): Services {
  return createServices(
    {
      paths: { resourcesDir: path.join(REPO_ROOT, 'resources'), backupsDir: path.join(path.dirname(dbPath), 'Sicherungen') },
      events,
      clock: systemClock,
      logger,
    },
    { dbPath, appVersion: '0.0.0-test', collab: { textDebounceMs: 10, textMaxWaitMs: 50 }, search: { debounceMs: 5 } },
  );
}
