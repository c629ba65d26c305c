import type { Command } from '../command';
import { appendCommand } from './append';
import { backupCommand } from './backup';
import { restoreCommand } from './restore';
import { exportChangesCommand, importChangesCommand } from './changes';
import { newDraftCommand } from './newDraft';
import { serveCommand } from './serve';
import { syncCommand } from './sync';
import { textCommand } from './text';
import { checkCommand } from './check';
import { deleteCommand } from './delete';
import { exportCommand } from './export';
import { importCommand } from './import';
import { listCommand } from './list';
import { quotesCommand } from './quotes';
import { searchCommand } from './search';
import { sessionCommand } from './session';
import { showCommand } from './show';
import { trashCommand } from './trash';

/** Every subcommand of `quartierswissen`; `--help` lists them in this order. */
export const COMMANDS: Command[] = [listCommand, showCommand, checkCommand, searchCommand, exportCommand, sessionCommand, importCommand, deleteCommand, trashCommand, quotesCommand, newDraftCommand, appendCommand, textCommand, syncCommand, serveCommand, exportChangesCommand, importChangesCommand, backupCommand, restoreCommand];
