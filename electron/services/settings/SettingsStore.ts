import type Database from 'better-sqlite3';
import { prepared } from '../db/prepared';

/** Small typed key/value settings, stored as JSON in the library. */
export interface SettingsShape {
  language: 'de' | 'en';
  firstRunDone: boolean;
  /** Collaboration (shared/ipc/areas/collab.ts): sync server and who is typing (the token is a secret: ports.SecretStore). */
  'collab.serverUrl': string;
  'collab.userName': string;
  'collab.userColor': string;
}
export type SettingsEntry = { [K in keyof SettingsShape]: { key: K; value: SettingsShape[K] } }[keyof SettingsShape];
const DEFAULTS: SettingsShape = {
  language: 'de',
  firstRunDone: false,
  'collab.serverUrl': '',
  'collab.userName': '',
  'collab.userColor': '#1f6f8b',
};

export class SettingsStore {
  constructor(private readonly db: Database.Database) {}

  get<K extends keyof SettingsShape>(key: K): SettingsShape[K] {
    const raw = prepared(this.db, 'SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
    if (raw === undefined) return DEFAULTS[key];
    try {
      return JSON.parse(raw) as SettingsShape[K];
    } catch {
      return DEFAULTS[key];
    }
  }

  /**
   * Reads and removes a setting that no longer belongs in the library (issue 17: earlier versions
   * kept the sync token here). `secure_delete` overwrites the row; the checkpoint empties the WAL.
   */
  takeLegacy(key: 'collab.token'): string | null {
    const raw = prepared(this.db, 'SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
    if (raw === undefined) return null;
    prepared(this.db, 'DELETE FROM settings WHERE key = ?').run(key);
    this.db.pragma('wal_checkpoint(TRUNCATE)');
    try {
      const value = JSON.parse(raw) as unknown;
      return typeof value === 'string' ? value : null;
    } catch {
      return null;
    }
  }

  set(entry: SettingsEntry): { key: keyof SettingsShape } {
    prepared(this.db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
      .run(entry.key, JSON.stringify(entry.value));
    return { key: entry.key };
  }
}
