import { z } from 'zod';
import { AppError, ValidationError, type ErrorInfo } from '../../../shared/errors';
import { contract, isChannel, type Result } from '../../../shared/ipc/contract';
import type { Logger } from '../ports';
import { errorFields } from '../logFields';
import type { HandlerTable } from './handlers';

/** zod issue path → "patch.title" / "kinds[2]". */
function pathOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, seg) => {
    if (typeof seg === 'number') return `${acc}[${seg}]`;
    return acc ? `${acc}.${String(seg)}` : String(seg);
  }, '');
}

/**
 * SQLite errors a person can meet without a bug (issue 7, fuzzed inputs): another connection (the
 * search worker, a backup) holds the library, the disk is full, the file is damaged. They arrive
 * typed and in German instead of as "Interner Fehler: database is locked".
 */
function sqliteErrorInfo(err: Error & { code?: unknown }): ErrorInfo | null {
  const code = typeof err.code === 'string' ? err.code : '';
  if (!code.startsWith('SQLITE_')) return null;
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return { code: 'CONFLICT', message: 'Die Bibliothek ist gerade durch einen anderen Vorgang belegt; bitte gleich noch einmal versuchen.', details: { sqlite: code } };
  }
  if (code === 'SQLITE_FULL') return { code: 'IO', message: 'Der Speicherplatz reicht nicht aus; die Änderung wurde nicht gespeichert.', details: { sqlite: code } };
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return { code: 'DB_CORRUPT', message: 'Die Bibliothek ist beschädigt; bitte eine Sicherung wiederherstellen.', details: { sqlite: code } };
  }
  if (code.startsWith('SQLITE_IOERR') || code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN')) {
    return { code: 'IO', message: 'Die Bibliothek konnte nicht gelesen oder geschrieben werden.', details: { sqlite: code } };
  }
  return null;
}

export function toErrorInfo(err: unknown): ErrorInfo {
  if (err instanceof AppError) return err.toInfo();
  if (err instanceof z.ZodError) {
    return new ValidationError(err.issues.map((i) => ({ path: pathOf(i.path), message: i.message }))).toInfo();
  }
  if (err instanceof Error) {
    const sqlite = sqliteErrorInfo(err);
    if (sqlite) return sqlite;
  }
  const message = err instanceof Error ? err.message : safeString(err);
  return { code: 'INTERNAL', message: `Interner Fehler: ${message}` };
}

/** String(x) throws for objects without a prototype and overflows for deeply nested arrays. */
function safeString(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** A channel name for a message: only ever a short string, whatever the page sent. */
function channelLabel(channel: unknown): string {
  return typeof channel === 'string' ? channel.slice(0, 100) : `(${channel === null ? 'null' : Array.isArray(channel) ? 'Liste' : typeof channel})`;
}

/** Input so deeply nested that checking it would overflow the stack (found by fuzzing, issue 7). */
const TOO_DEEP: ErrorInfo = { code: 'VALIDATION', message: 'Ungültige Eingabe – zu tief verschachtelt.' };

/**
 * The one door into the services: checks the channel, parses the input with the contract's zod
 * schema, calls the handler, and returns a result value. Electron's IPC wrapper and the
 * browser-test host both use it, so the renderer sees the same behaviour in both.
 */
export class Dispatcher {
  constructor(
    private readonly handlers: HandlerTable,
    private readonly logger: Logger,
  ) {}

  async dispatch(channel: unknown, rawInput: unknown): Promise<Result<unknown>> {
    if (!isChannel(channel)) {
      return {
        ok: false,
        error: { code: 'UNKNOWN_CHANNEL', message: `Unbekannter Kanal „${channelLabel(channel)}“.` },
      };
    }
    let parsed;
    try {
      parsed = contract[channel].input.safeParse(rawInput ?? {});
    } catch (err) {
      // safeParse reports only zod issues; a stack overflow on deep input is thrown.
      if (err instanceof RangeError) return { ok: false, error: TOO_DEEP };
      return { ok: false, error: toErrorInfo(err) };
    }
    if (!parsed.success) return { ok: false, error: toErrorInfo(parsed.error) };
    try {
      const handler = this.handlers[channel] as (input: unknown) => unknown;
      const data = await handler(parsed.data);
      return { ok: true, data };
    } catch (err) {
      const info = toErrorInfo(err);
      // SECURITY: log the channel and what kind of error, never its message: an unexpected
      // error's text can quote the input it failed on (issue 7: logs never contain document text).
      if (info.code === 'INTERNAL') this.logger.error('IPC-Handler fehlgeschlagen', { channel, ...errorFields(err) });
      return { ok: false, error: info };
    }
  }
}
