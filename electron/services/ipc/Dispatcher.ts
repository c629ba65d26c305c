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

export function toErrorInfo(err: unknown): ErrorInfo {
  if (err instanceof AppError) return err.toInfo();
  if (err instanceof z.ZodError) {
    return new ValidationError(err.issues.map((i) => ({ path: pathOf(i.path), message: i.message }))).toInfo();
  }
  const message = err instanceof Error ? err.message : String(err);
  return { code: 'INTERNAL', message: `Interner Fehler: ${message}` };
}

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
        error: { code: 'UNKNOWN_CHANNEL', message: `Unbekannter Kanal „${String(channel).slice(0, 100)}“.` },
      };
    }
    const parsed = contract[channel].input.safeParse(rawInput ?? {});
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
