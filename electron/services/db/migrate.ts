import type Database from 'better-sqlite3';
import { AppError } from '../../../shared/errors';

export interface Migration {
  version: number;
  name: string;
  up: (db: Database.Database) => void;
}

/** Forward only; each migration and its `user_version` bump commit together or not at all. */
export function runMigrations(db: Database.Database, migrations: readonly Migration[], file: string): number[] {
  const applied: number[] = [];
  const current = db.pragma('user_version', { simple: true }) as number;
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (m.version <= current) continue;
    try {
      db.transaction(() => {
        m.up(db);
        db.pragma(`user_version = ${m.version}`);
      })();
    } catch (err) {
      throw new AppError(
        'INTERNAL',
        `Migration ${String(m.version).padStart(4, '0')}_${m.name} der Bibliothek „${file}“ ist fehlgeschlagen; ` +
          `die Datei blieb auf Version ${current + applied.length}: ${(err as Error).message}`,
        { file, version: m.version },
      );
    }
    applied.push(m.version);
  }
  return applied;
}
