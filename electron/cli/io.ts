import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../services/ports';

/**
 * What every CLI call needs before it knows its command: the checkout root, the version and the
 * output streams. Kept apart from context.ts (which brings in all services) so that `--version`,
 * `--help` and usage errors load nothing else.
 *
 * The root is two folders up both from the sources (electron/cli/) and from the built CLI
 * (out/cli/, where bin/build-cli.mjs puts every chunk beside the entry for this reason).
 */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function packageVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** CLI logger: warnings and errors to stderr, never document text (callers pass metadata only). */
export const stderrLogger: Logger = {
  info() {},
  warn(message, fields) {
    process.stderr.write(`Warnung: ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}\n`);
  },
  error(message, fields) {
    process.stderr.write(`Fehler: ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}\n`);
  },
};

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

export const processIO: CliIO = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};
