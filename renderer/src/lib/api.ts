import type { ErrorCode } from '../../../shared/errors';
import type {
  Channel,
  ChannelInput,
  ChannelOutput,
  EventName,
  EventPayloads,
  Result,
} from '../../../shared/ipc/contract';

/**
 * The renderer's one door to the main process (ARCHITECTURE §3). Components never touch
 * `window.kb`: they call `call('documents.get', { id })`, fully typed from the IPC contract.
 */

/** An error returned by main (or raised on the way); the UI branches on `code`, never on text. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
  }
}

function bridge(): Window['kb'] {
  // The bridge may be missing when the bundle is opened outside the app (e.g. a plain browser).
  if (typeof window === 'undefined' || !window.kb) {
    throw new ApiError('INTERNAL', 'Die Verbindung zum Hauptprozess fehlt (window.kb ist nicht vorhanden).');
  }
  return window.kb;
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const ok = (value as { ok?: unknown }).ok;
  if (ok === true) return 'data' in value;
  if (ok === false) {
    const error = (value as { error?: unknown }).error;
    return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
  }
  return false;
}

/** Invokes a channel and unwraps the result envelope; throws `ApiError` on `{ ok: false }`. */
export async function call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  let result: unknown;
  try {
    result = await bridge().invoke(channel, input);
  } catch (err) {
    if (err instanceof ApiError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    throw new ApiError('INTERNAL', `Der Aufruf „${channel}“ ist fehlgeschlagen: ${message}`);
  }
  if (!isResult(result)) {
    throw new ApiError('INTERNAL', `Der Aufruf „${channel}“ lieferte eine unerwartete Antwort.`);
  }
  if (result.ok) return result.data as ChannelOutput<C>;
  throw new ApiError(result.error.code, result.error.message, result.error.details);
}

/** Subscribes to an event pushed from main; returns the function that unsubscribes. */
export function onEvent<E extends EventName>(name: E, callback: (payload: EventPayloads[E]) => void): () => void {
  if (typeof window === 'undefined' || !window.kb) return () => {};
  return window.kb.on(name, (payload) => callback(payload as EventPayloads[E]));
}

/** Normalises anything caught in a UI handler to an `ApiError`. */
export function toApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const message = err instanceof Error ? err.message : String(err);
  return new ApiError('INTERNAL', message);
}
