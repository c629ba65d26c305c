import { restoreFromFile } from '../../services/backup/openLibrary';
import { systemClock } from '../../services/ports';
import { UsageError, type Command } from '../command';
import { stderrLogger } from '../context';

export const restoreCommand: Command = {
  name: 'restore',
  summary: 'Bibliothek aus einer Sicherung wiederherstellen (der bisherige Stand wird als Sicherung aufbewahrt)',
  usage: 'restore DATEI [--json]',
  options: { json: { type: 'boolean' } },
  run(ctx, { values, positionals }) {
    if (positionals.length !== 1) throw new UsageError('restore erwartet genau eine Sicherungsdatei – Aufruf: quartierswissen restore DATEI [--json]');
    // The library must be closed for this: the command never opens it (ctx.open() is not called).
    const r = restoreFromFile(ctx.dbPath, positionals[0]!, { backupsDir: ctx.ports.paths.backupsDir, clock: systemClock, logger: stderrLogger });
    if (values.json) ctx.json({ file: ctx.dbPath, ...r });
    else {
      ctx.io.out(`${ctx.dbPath}\n`);
      ctx.io.err(
        `Wiederhergestellt: ${r.documentCount} Dokument(e), Schema-Version ${r.schemaVersion}.` +
          `${r.movedTo ? ` Der bisherige Stand liegt in „${r.movedTo}“.` : ''}\n`,
      );
    }
    return 0;
  },
};
