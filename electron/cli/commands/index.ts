import type { Command } from '../command';
import { checkCommand } from './check';
import { exportCommand } from './export';
import { importCommand } from './import';
import { listCommand } from './list';
import { quotesCommand } from './quotes';
import { searchCommand } from './search';
import { sessionCommand } from './session';
import { showCommand } from './show';

/** Every subcommand of `quartierswissen`; `--help` lists them in this order. */
export const COMMANDS: Command[] = [listCommand, showCommand, checkCommand, searchCommand, exportCommand, sessionCommand, importCommand, quotesCommand];
