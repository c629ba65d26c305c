import { expect } from 'vitest';
import { AppError } from '../../shared/errors';

/** Runs `fn` and expects it to throw an AppError with `code`; returns the error for more checks. */
export function expectAppError(fn: () => unknown, code: string): AppError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe(code);
    return err as AppError;
  }
  throw new Error(`erwartet: Fehler ${code}`);
}
