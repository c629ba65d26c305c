import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DocumentKind } from '../../../shared/domain/document';
import type { ImportReport } from '../../../shared/domain/import';
import { DROP_LIMITS } from '../../../shared/domain/importLimits';
import { AppError } from '../../../shared/errors';
import type { Dialogs } from '../ports';
import type { ImportRunner } from './ImportWorkerClient';

export { DROP_LIMITS };

export interface DroppedFile {
  name: string;
  dataBase64: string;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/u;

/**
 * A file name that is safe to create in our own temp folder: no folders, no control or reserved
 * characters, not empty, not hidden (the importer skips dot files), extension kept for the format.
 */
export function sanitizeFileName(name: string): string {
  const base = name.split(/[/\\]/u).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  let clean = base.normalize('NFC').replace(/[\u0000-\u001f\u007f<>:"|?*]/gu, '_').replace(/^[.\s]+|[.\s]+$/gu, '');
  if (clean.length > 200) {
    const ext = path.extname(clean).slice(0, 20);
    clean = clean.slice(0, 200 - ext.length) + ext;
  }
  return clean || 'Datei';
}

/**
 * The import as the app's window uses it: files the user picks in a dialog (asked through the
 * `Dialogs` port, ARCHITECTURE §2) and files dropped onto the window (their bytes, written to a
 * private temp folder and imported like any other path).
 */
export class ImportService {
  constructor(
    private readonly importer: ImportRunner,
    private readonly dialogs: Dialogs | undefined,
    private readonly tempRoot: string = os.tmpdir(),
  ) {}

  /** Asks for files or a folder, then imports them; null when the user chose nothing. */
  async choose(input: { mode: 'files' | 'folder'; kind?: DocumentKind }): Promise<ImportReport | null> {
    if (!this.dialogs) {
      throw new AppError('NOT_AVAILABLE', 'Hier gibt es keinen Dialog zur Dateiauswahl; bitte die Pfade direkt angeben.');
    }
    const paths = input.mode === 'folder' ? [await this.dialogs.chooseFolder()].filter((p): p is string => !!p) : await this.dialogs.chooseFiles();
    if (paths.length === 0) return null;
    return this.importer.importPaths(paths, { kind: input.kind });
  }

  /** Imports dropped files from their bytes; the report names them by their original names. */
  async importData(input: { files: DroppedFile[]; kind?: DocumentKind }): Promise<ImportReport> {
    const { files } = input;
    if (files.length > DROP_LIMITS.maxFiles) {
      throw new AppError('TOO_LARGE', `Es wurden ${files.length} Dateien abgelegt; höchstens ${DROP_LIMITS.maxFiles} auf einmal. Für mehr bitte „Ordner importieren…“ verwenden.`, {
        files: files.length,
        maxFiles: DROP_LIMITS.maxFiles,
      });
    }
    let total = 0;
    const decoded = files.map((f) => {
      // Size from the base64 length first: refuse before decoding anything large.
      const approx = Math.floor((f.dataBase64.length * 3) / 4);
      if (approx > DROP_LIMITS.maxFileBytes + 2) {
        throw new AppError('TOO_LARGE', `„${f.name}“ ist ${Math.round(approx / 1e6)} MB groß; abgelegte Dateien dürfen höchstens ${DROP_LIMITS.maxFileBytes / 1024 / 1024} MB groß sein. Größere Dateien bitte über „Importieren…“ wählen.`, {
          name: f.name,
        });
      }
      total += approx;
      if (total > DROP_LIMITS.maxTotalBytes) {
        throw new AppError('TOO_LARGE', `Die abgelegten Dateien sind zusammen größer als ${DROP_LIMITS.maxTotalBytes / 1024 / 1024} MB. Bitte in kleineren Portionen ablegen oder „Importieren…“ verwenden.`);
      }
      if (!BASE64.test(f.dataBase64)) throw new AppError('VALIDATION', `Die Daten von „${f.name}“ sind nicht base64-kodiert.`, { name: f.name });
      return { name: f.name, bytes: Buffer.from(f.dataBase64, 'base64') };
    });
    if (decoded.length === 0) throw new AppError('VALIDATION', 'Es wurden keine Dateien abgelegt.');

    const dir = await fs.promises.mkdtemp(path.join(this.tempRoot, 'qw-ablage-'));
    try {
      // One sub-folder per file: equal names cannot collide, and each keeps its own name.
      const originalOf = new Map<string, string>();
      const paths: string[] = [];
      for (const [i, f] of decoded.entries()) {
        const sub = path.join(dir, String(i));
        await fs.promises.mkdir(sub);
        const file = path.join(sub, sanitizeFileName(f.name));
        await fs.promises.writeFile(file, f.bytes, { mode: 0o600 });
        originalOf.set(file, f.name);
        paths.push(file);
      }
      const report = await this.importer.importPaths(paths, { kind: input.kind });
      // An attachment's failure is named „mail.eml › anhang.pdf“: the e-mail's part is renamed.
      const rename = (p: string) => {
        const [file, ...inner] = p.split(' › ');
        return [originalOf.get(file!) ?? path.basename(file!), ...inner].join(' › ');
      };
      return {
        ...report,
        duplicates: report.duplicates.map((d) => ({ ...d, path: rename(d.path) })),
        failed: report.failed.map((f) => ({ ...f, path: rename(f.path) })),
        ...(report.updated ? { updated: report.updated.map((u) => ({ ...u, path: rename(u.path) })) } : {}),
        ...(report.attachments ? { attachments: report.attachments.map((a) => ({ ...a, path: rename(a.path) })) } : {}),
      };
    } finally {
      await fs.promises.rm(dir, { recursive: true, force: true });
    }
  }
}
