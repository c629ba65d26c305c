import type { Command } from '../command';

/**
 * Every subcommand of `quartierswissen`, by name, in the order `--help` lists them. Each is loaded
 * only when it runs (`load`): a command's module pulls in the services it needs (SQLite, the
 * search, PDF export …), and `quartierswissen --version` or `list` should not pay for the others.
 * A new command: add its file here with a loader (the name must equal the command's `name`).
 */
export interface CommandEntry {
  name: string;
  load(): Promise<Command>;
}

export const COMMANDS: CommandEntry[] = [
  { name: 'list', load: async () => (await import('./list')).listCommand },
  { name: 'show', load: async () => (await import('./show')).showCommand },
  { name: 'check', load: async () => (await import('./check')).checkCommand },
  { name: 'search', load: async () => (await import('./search')).searchCommand },
  { name: 'export', load: async () => (await import('./export')).exportCommand },
  { name: 'session', load: async () => (await import('./session')).sessionCommand },
  { name: 'import', load: async () => (await import('./import')).importCommand },
  { name: 'delete', load: async () => (await import('./delete')).deleteCommand },
  { name: 'trash', load: async () => (await import('./trash')).trashCommand },
  { name: 'quotes', load: async () => (await import('./quotes')).quotesCommand },
  { name: 'new-draft', load: async () => (await import('./newDraft')).newDraftCommand },
  { name: 'append', load: async () => (await import('./append')).appendCommand },
  { name: 'text', load: async () => (await import('./text')).textCommand },
  { name: 'sync', load: async () => (await import('./sync')).syncCommand },
  { name: 'serve', load: async () => (await import('./serve')).serveCommand },
  { name: 'export-changes', load: async () => (await import('./changes')).exportChangesCommand },
  { name: 'import-changes', load: async () => (await import('./changes')).importChangesCommand },
  { name: 'backup', load: async () => (await import('./backup')).backupCommand },
  { name: 'restore', load: async () => (await import('./restore')).restoreCommand },
];

/** The command called `name`, loaded; null for an unknown name. */
export async function loadCommand(name: string): Promise<Command | null> {
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) return null;
  const cmd = await entry.load();
  if (cmd.name !== name) throw new Error(`Befehlsliste: „${name}“ lädt den Befehl „${cmd.name}“`);
  return cmd;
}
