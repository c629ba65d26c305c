import { parseArgs, type ParseArgsConfig } from 'node:util';
import { DOCUMENT_KINDS, type DocumentKind } from '../../shared/domain/document';
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

/** `--kind K`: one of the document kinds, or a usage error naming the allowed ones. */
export function kindOption(value: unknown): DocumentKind | undefined {
  if (value === undefined) return undefined;
  const kind = String(value);
  if (!(DOCUMENT_KINDS as readonly string[]).includes(kind)) {
    throw new UsageError(`Unbekannte Art „${kind}“; erlaubt: ${DOCUMENT_KINDS.join(', ')}.`);
  }
  return kind as DocumentKind;
}
