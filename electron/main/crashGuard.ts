import { dialog } from 'electron';
import { errorFields } from '../services/logFields';
import type { Logger } from '../services/ports';

/**
 * Issue 13 §1: an exception nobody caught (a library callback, a provider's message handler) is
 * logged, shown to the user once a minute at most, and the app keeps running. The library stays
 * consistent without help: every write is one SQLite transaction, and a draft change that could
 * not be written is queued in CollabService and retried — nothing is acknowledged before it is
 * stored, so there is no half-done state to repair here.
 */
export function installCrashGuard(logger: Logger): void {
  let lastShown = 0;
  const report = (kind: string, err: unknown) => {
    try {
      logger.error(`Nicht abgefangener Fehler (${kind})`, errorFields(err));
    } catch {
      // the log itself failed: nothing more to do here
    }
    const now = Date.now();
    if (now - lastShown < 60_000) return;
    lastShown = now;
    void dialog
      .showMessageBox({
        type: 'warning',
        title: 'Quartierswissen – interner Fehler',
        message: 'Ein interner Fehler ist aufgetreten. Die Bibliothek ist unverändert; gespeicherte Änderungen bleiben erhalten.',
        detail: err instanceof Error ? err.message : String(err),
      })
      .catch(() => undefined);
  };
  process.on('uncaughtException', (err) => report('uncaughtException', err));
  process.on('unhandledRejection', (reason) => report('unhandledRejection', reason));
}
