import fs from 'node:fs';
import { AppError } from '../../../shared/errors';
import { UsageError, type Command } from '../command';

export const exportChangesCommand: Command = {
  name: 'export-changes',
  summary: 'Änderungen eines Entwurfs als Datei ausgeben (für Kolleg:innen ohne Server)',
  usage: 'export-changes ID DATEI',
  options: {},
  run(ctx, { positionals }) {
    if (positionals.length !== 2) throw new UsageError('export-changes erwartet eine Entwurfs-ID und einen Dateinamen.');
    const result = ctx.open().collab.changes.export(positionals[0]!);
    fs.writeFileSync(positionals[1]!, result.text);
    ctx.io.err(`${result.bytes} Bytes geschrieben: ${positionals[1]}\n`);
    return 0;
  },
};

export const importChangesCommand: Command = {
  name: 'import-changes',
  summary: 'Änderungsdatei einspielen (doppelt oder in beliebiger Reihenfolge unschädlich)',
  usage: 'import-changes DATEI [--json]',
  options: { json: { type: 'boolean' } },
  run(ctx, { values, positionals }) {
    if (positionals.length !== 1) throw new UsageError('import-changes erwartet genau eine Datei.');
    let text: string;
    try {
      text = fs.readFileSync(positionals[0]!, 'utf8');
    } catch (err) {
      throw new AppError('IO', `„${positionals[0]}“ kann nicht gelesen werden: ${(err as Error).message}`);
    }
    const result = ctx.open().collab.changes.import(text);
    if (values.json) ctx.json(result);
    else ctx.io.out(`${result.documentId}\t${result.created ? 'neu angelegt' : result.changed ? 'zusammengeführt' : 'keine neuen Änderungen'}\t${result.title}\n`);
    return 0;
  },
};
