import { UsageError, type Command } from '../command';
import { outputOf } from './export';

export const backupCommand: Command = {
  name: 'backup',
  summary: 'Sicherung der Bibliothek schreiben (im laufenden Betrieb, danach geprüft)',
  usage: 'backup -o DATEI [--json]',
  options: { output: { type: 'string', short: 'o' }, json: { type: 'boolean' } },
  async run(ctx, { values, positionals }) {
    if (positionals.length > 0) throw new UsageError('backup erwartet keine weiteren Angaben – Aufruf: quartierswissen backup -o DATEI [--json]');
    const target = outputOf(values);
    const b = await ctx.open().backup.create({ kind: 'manual', target });
    if (values.json) ctx.json({ ...b, file: target });
    else {
      ctx.io.out(`${target}\n`);
      ctx.io.err(`Sicherung geschrieben und geprüft: ${b.documentCount} Dokument(e), ${(b.bytes / 1024 / 1024).toFixed(1)} MB\n`);
    }
    return 0;
  },
};
