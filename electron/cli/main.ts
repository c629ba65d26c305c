import { AppError } from '../../shared/errors';
import { resolveLibraryPath } from '../services/db/defaultPaths';
import { parseCommandArgs, UsageError } from './command';
import { COMMANDS, loadCommand } from './commands';
import type { CliContext } from './context';
import { packageVersion, processIO, type CliIO } from './io';
import { installCliCrashGuard } from './crashGuard';

async function helpText(): Promise<string> {
  const commands = await Promise.all(COMMANDS.map((c) => c.load()));
  return [
    'Quartierswissen – Wissensbasis für soziale Quartiersentwicklung',
    '',
    'Aufruf: quartierswissen [--db DATEI] BEFEHL [OPTIONEN]',
    '',
    'Befehle:',
    // Usage lines are long (several forms per command): the summary goes on its own line.
    ...commands.flatMap((c) => [`  ${c.usage.split(' | ').join('\n  ')}`, `      ${c.summary}`]),
    '',
    'Globale Optionen:',
    '  --db DATEI     Bibliotheksdatei (sonst QW_DB, sonst der Benutzerdatenordner der App)',
    '  --help, -h     diese Hilfe',
    '  --version, -v  Programmversion',
    '',
  ].join('\n');
}

/** Splits the global options (before the command) from the command and its own arguments. */
function splitGlobal(argv: string[]): { db?: string; help: boolean; version: boolean; rest: string[] } {
  const out: { db?: string; help: boolean; version: boolean; rest: string[] } = { help: false, version: false, rest: [] };
  let i = 0;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--db') {
      const v = argv[++i];
      if (!v) throw new UsageError('--db erwartet einen Dateipfad.');
      out.db = v;
    } else if (a.startsWith('--db=')) out.db = a.slice(5);
    else if (a === '--help' || a === '-h') out.help = true;
    else if (a === '--version' || a === '-v') out.version = true;
    else break;
  }
  out.rest = argv.slice(i);
  // `--db` is also accepted after the command, as users type it there.
  const j = out.rest.findIndex((a) => a === '--db' || a.startsWith('--db='));
  if (j > 0) {
    const a = out.rest[j]!;
    if (a === '--db') {
      const v = out.rest[j + 1];
      if (!v) throw new UsageError('--db erwartet einen Dateipfad.');
      out.db = v;
      out.rest.splice(j, 2);
    } else {
      out.db = a.slice(5);
      out.rest.splice(j, 1);
    }
  }
  return out;
}

/** Runs the CLI; returns the exit code. Errors: one clear line on stderr, non-zero code. */
export async function main(argv: string[], io: CliIO = processIO): Promise<number> {
  let ctx: CliContext | null = null;
  // The real process only (tests call main() in-process with their own io).
  if (io === processIO) installCliCrashGuard();
  try {
    const g = splitGlobal(argv);
    if (g.version) {
      io.out(`${packageVersion()}\n`);
      return 0;
    }
    const [name, ...rest] = g.rest;
    if (g.help || !name || name === 'help') {
      io.out(await helpText());
      return name || g.help ? 0 : 2;
    }
    const cmd = await loadCommand(name);
    if (!cmd) throw new UsageError(`Unbekannter Befehl „${name}“. „quartierswissen --help“ zeigt alle Befehle.`);
    if (rest.includes('--help') || rest.includes('-h')) {
      io.out(`Aufruf: quartierswissen ${cmd.usage}\n${cmd.summary}\n`);
      return 0;
    }
    const args = parseCommandArgs(cmd, rest);
    const { CliContext } = await import('./context');
    ctx = new CliContext(resolveLibraryPath(g.db), io);
    return await cmd.run(ctx, args);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    io.err(`quartierswissen: ${message.replace(/\s*\n\s*/g, ' ')}\n`);
    if (err instanceof UsageError) return 2;
    if (err instanceof AppError && err.code === 'NOT_FOUND') return 3;
    return 1;
  } finally {
    ctx?.close();
  }
}
