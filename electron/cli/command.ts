import { parseArgs, type ParseArgsConfig } from 'node:util';
import { AppError } from '../../shared/errors';
import type { CliContext } from './context';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface Command {
  name: string;
  /** One line for `--help`. */
  summary: string;
  /** e.g. `list [--kind K] [--json]` */
  usage: string;
  options: OptionSpec;
  run(ctx: CliContext, args: { values: Record<string, unknown>; positionals: string[] }): Promise<number> | number;
}

export class UsageError extends AppError {
  constructor(message: string) {
    super('VALIDATION', message);
  }
}

/** Parses a command's own arguments strictly; unknown flags are a usage error, not ignored. */
export function parseCommandArgs(cmd: Command, argv: string[]): { values: Record<string, unknown>; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args: argv, options: cmd.options, allowPositionals: true, strict: true });
    return { values: values as Record<string, unknown>, positionals };
  } catch (err) {
    throw new UsageError(`${(err as Error).message.split('\n')[0]} – Aufruf: quartierswissen ${cmd.usage}`);
  }
}

export function intOption(value: unknown, name: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new UsageError(`--${name} erwartet eine ganze Zahl von ${min} bis ${max}, nicht „${String(value)}“.`);
  }
  return n;
}
