/**
 * Error codes travel across IPC as values (Electron keeps only the message of a thrown error).
 * The UI branches on `code`, never on the message text (ARCHITECTURE §10.5).
 */
export const ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'UNKNOWN_CHANNEL',
  'FORBIDDEN_SENDER',
  'DB_NOT_SQLITE',
  'DB_TOO_NEW',
  'DB_FOREIGN',
  'DB_CORRUPT',
  'IO',
  'CANCELLED',
  'UNSUPPORTED_FORMAT',
  'INVALID_FILE',
  'TOO_LARGE',
  /** A host facility is missing (e.g. no file dialog in the CLI or a test without one). */
  'NOT_AVAILABLE',
  /** A new sync server address needs its token typed again (the stored one never follows it). */
  'TOKEN_REQUIRED',
  /** An unencrypted connection (ws:// to another machine, or wss:// → ws://) needs a confirmation. */
  'INSECURE_CONNECTION',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorInfo {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
  toInfo(): ErrorInfo {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export class NotFoundError extends AppError {
  constructor(what: string, id: string) {
    super('NOT_FOUND', `${what} „${id}“ wurde nicht gefunden.`, { id });
  }
}

export interface ValidationIssue {
  path: string;
  message: string;
}

export class ValidationError extends AppError {
  readonly issues: ValidationIssue[];
  constructor(issues: ValidationIssue[]) {
    const first = issues[0];
    const summary = first ? `${first.path || '(Eingabe)'}: ${first.message}` : 'ungültige Eingabe';
    super('VALIDATION', `Ungültige Eingabe – ${summary}`, { issues });
    this.issues = issues;
  }
}

export function isErrorInfo(value: unknown): value is ErrorInfo {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorInfo).code === 'string' &&
    typeof (value as ErrorInfo).message === 'string'
  );
}
