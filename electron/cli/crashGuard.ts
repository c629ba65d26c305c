import { errorFields } from '../services/logFields';

/**
 * Issue 13 §1 for the command line (`serve` above all, which runs for days): an exception nobody
 * caught is written to stderr as one line and the process goes on — every store write is one
 * SQLite transaction, and nothing is acknowledged before it is stored, so the library and the
 * server's store are consistent whatever was interrupted.
 */
export function installCliCrashGuard(write: (line: string) => void = (l) => void process.stderr.write(l)): void {
  const report = (kind: string, err: unknown) => {
    try {
      write(`quartierswissen: nicht abgefangener Fehler (${kind}): ${JSON.stringify(errorFields(err))}\n`);
    } catch {
      // stderr closed: nothing more to do
    }
  };
  process.on('uncaughtException', (err) => report('uncaughtException', err));
  process.on('unhandledRejection', (reason) => report('unhandledRejection', reason));
}
