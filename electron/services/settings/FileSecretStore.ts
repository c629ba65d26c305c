import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import type { SecretName, SecretStore } from '../ports';

/** How a secret is written to and read from the file (Electron: `safeStorage`; else as it is). */
export interface SecretCodec {
  encode(plain: string): string;
  decode(stored: string): string;
}

const PLAIN: SecretCodec = { encode: (s) => s, decode: (s) => s };

/** Where the secrets of the library `dbPath` live when the host gives no store of its own. */
export function secretFileFor(dbPath: string): string {
  return `${dbPath}.zugang`;
}

/**
 * Secrets in a small JSON file of mode 0600, never in the library (issue 17): a backup or a copy
 * of the library carries no token. Written to a temporary file, synced and renamed, so a crash
 * leaves the old or the new file, never half of one.
 */
export class FileSecretStore implements SecretStore {
  constructor(
    readonly file: string,
    private readonly codec: SecretCodec = PLAIN,
  ) {}

  get(name: SecretName): string {
    const stored = this.read()[name];
    if (!stored) return '';
    try {
      return this.codec.decode(stored);
    } catch {
      // A secret that can no longer be decrypted (other user, new keyring) is as good as none.
      return '';
    }
  }

  set(name: SecretName, value: string): void {
    const all = this.read();
    if (value) all[name] = this.codec.encode(value);
    else delete all[name];
    const tmp = `${this.file}.${process.pid}.tmp`;
    try {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      // SECURITY: readable by the owner only, from the first byte on.
      const fd = fs.openSync(tmp, 'w', 0o600);
      try {
        fs.writeSync(fd, JSON.stringify(all));
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      fs.chmodSync(tmp, 0o600);
      fs.renameSync(tmp, this.file);
    } catch (err) {
      fs.rmSync(tmp, { force: true });
      throw new AppError('IO', `Das Zugangstoken konnte nicht gespeichert werden (${this.file}): ${(err as Error).message}`, { file: this.file });
    }
  }

  private read(): Partial<Record<SecretName, string>> {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch {
      return {};
    }
    try {
      const parsed = JSON.parse(text) as unknown;
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Partial<Record<SecretName, string>>) : {};
    } catch {
      return {};
    }
  }
}
