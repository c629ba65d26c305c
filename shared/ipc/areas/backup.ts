import { z } from 'zod';
import { out } from '../out';

/**
 * Backups and recovery (issue 7 §2): rotating automatic backups, "Sicherung jetzt", the list, and
 * "Wiederherstellen" (verified, then carried out by a restart, as the library must be closed).
 */
export const BACKUP_KINDS = ['auto', 'manual', 'beforeRestore', 'beforeMigration'] as const;
export type BackupKind = (typeof BACKUP_KINDS)[number];

export interface BackupInfo {
  /** File name inside the backups folder; the only handle the window gets (never a path). */
  name: string;
  kind: BackupKind;
  /** When the backed-up state was taken (ISO 8601, UTC). */
  createdAt: string;
  bytes: number;
  /** From the facts written after verification; null for copies taken before an upgrade. */
  documentCount: number | null;
  schemaVersion: number | null;
}

/** What happened to the library at start; the window shows it once, until dismissed. */
export interface RecoveryNotice {
  /** `recovered`: the library was damaged and a backup was restored; `restored`: the user asked for it. */
  kind: 'recovered' | 'restored';
  /** Where the previous library file was moved (never deleted). */
  movedTo: string;
  backup: BackupInfo;
  /** German sentence for logs and the CLI; the window builds its own text from the fields. */
  message: string;
}

export const backupNameSchema = z
  .string()
  .min(1)
  .max(255)
  // SECURITY: a bare file name from our own list, never a path chosen by the page.
  .regex(/^[^/\\]+$/, 'nur ein Dateiname aus der Liste der Sicherungen')
  .refine((n) => n !== '.' && n !== '..', 'nur ein Dateiname aus der Liste der Sicherungen');

export const backupChannels = {
  'backup.create': { input: z.object({}).strict(), output: out<BackupInfo>() },
  'backup.list': { input: z.object({}).strict(), output: out<BackupInfo[]>() },
  /** Verifies the backup and restarts the app, which restores it before opening the library. */
  'backup.restore': { input: z.object({ name: backupNameSchema }).strict(), output: out<{ backup: BackupInfo; restarting: true }>() },
  'backup.notice': { input: z.object({}).strict(), output: out<RecoveryNotice | null>() },
  'backup.dismissNotice': { input: z.object({}).strict(), output: out<null>() },
} as const;

export interface BackupEvents {
  /** Pages copied of a running backup (long for a large library). */
  'backup.progressed': { kind: BackupKind; done: number; total: number };
  'backup.created': { backup: BackupInfo };
}
