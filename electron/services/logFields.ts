/**
 * What a log line may say about an error (issue 7: logs never contain document text). An error's
 * message is free text that can quote what it failed on: `JSON.parse` shows the start of its
 * input, an AppError names a document's title, a reader error may cite a line of the file. So a
 * log gets the error's class, its code and where it was thrown; the message only for errors
 * whose messages are known to hold no content: SQLite's (constraint and table names) and the
 * operating system's (a path of the user's own files, which logs may name).
 */
export function errorFields(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { error: typeof err };
  const fields: Record<string, unknown> = { error: err.name };
  const { code, errno } = err as { code?: unknown; errno?: unknown };
  if (typeof code === 'string' || typeof code === 'number') fields.code = code;
  // SECURITY: only messages that cannot carry document text (see above).
  if (err.name === 'SqliteError' || typeof errno === 'number') fields.message = err.message;
  // The first stack frame: a file, line and column of our code, never data.
  const at = err.stack
    ?.split('\n')
    .slice(1)
    .map((l) => l.trim())
    .find((l) => l.startsWith('at '));
  if (at) fields.at = at.slice(0, 300);
  return fields;
}
