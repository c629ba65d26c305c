import type Database from 'better-sqlite3';
import { prepared } from '../db/prepared';

/** Small typed key/value settings, stored as JSON in the library. */
export interface SettingsShape {
  language: 'de' | 'en';
  firstRunDone: boolean;
  /** Collaboration (shared/ipc/areas/collab.ts): sync server, its token, who is typing. */
  'collab.serverUrl': string;
  'collab.token': string;
  'collab.userName': string;
  'collab.userColor': string;
}
export type SettingsEntry = { [K in keyof SettingsShape]: { key: K; value: SettingsShape[K] } }[keyof SettingsShape];
const DEFAULTS: SettingsShape = {
  language: 'de',
  firstRunDone: false,
  'collab.serverUrl': '',
  'collab.token': '',
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

  set(entry: SettingsEntry): { key: keyof SettingsShape } {
    prepared(this.db, 'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value')
      .run(entry.key, JSON.stringify(entry.value));
    return { key: entry.key };
  }
}
