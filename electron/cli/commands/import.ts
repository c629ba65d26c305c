import type { ImportProgress } from '../../../shared/domain/import';
import { UsageError, kindOption, type Command } from '../command';

function duration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '–';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

export const importCommand: Command = {
  name: 'import',
  summary: 'Dateien und Ordner importieren (txt, md, html, docx, odt, doc, rtf, pdf, eml, jsonl[.gz])',
  usage: 'import PFAD… [--kind K] [--json]',
  options: { kind: { type: 'string' }, json: { type: 'boolean' } },
  async run(ctx, { values, positionals }) {
    if (positionals.length === 0) throw new UsageError('import erwartet mindestens einen Pfad: quartierswissen import PFAD… [--kind K] [--json]');
    const kind = kindOption(values.kind);
    const s = ctx.open();
    const json = values.json === true;
    let shown = false;
    // Progress: one updating line on stderr (never with --json, whose stdout is for machines).
    const off = json
      ? () => {}
      : s.events.on('import.progressed', (p: ImportProgress) => {
          const file = p.currentFile ? p.currentFile.split(/[\\/]/u).pop() : '';
          const line = `${p.filesDone}/${p.filesTotal} Dateien · ${p.imported} importiert · ${p.rate.toFixed(1)} Dok./s · noch ${duration(p.etaSeconds)} · ${file ?? ''}`;
          ctx.io.err(`\r${line.slice(0, 150).padEnd(150)}`);
          shown = true;
        });
    const onSigint = () => s.importer.cancel();
    process.once('SIGINT', onSigint);
    let report;
    try {
      report = await s.importer.importPaths(positionals, { kind: kind });
    } finally {
      off();
      process.removeListener('SIGINT', onSigint);
      if (shown) ctx.io.err('\n');
    }
    if (json) {
      ctx.json({
        imported: report.imported.map((d) => ({ id: d.id, externalId: d.externalId, title: d.title, kind: d.kind })),
        duplicates: report.duplicates.map((d) => ({ id: d.id, externalId: d.externalId, title: d.title, kind: d.kind, path: d.path })),
        failed: report.failed.map((f) => ({ path: f.path, code: f.code, message: f.message })),
      });
    } else {
      for (const d of report.imported) ctx.io.out(`importiert\t${d.id}\t${d.kind}\t${d.title}\n`);
      for (const d of report.duplicates) ctx.io.out(`Duplikat\t${d.id}\t${d.path}\t${d.title}\n`);
      for (const d of report.updated ?? []) ctx.io.out(`aktualisiert\t${d.id}\t${d.path}${d.line ? `:${d.line}` : ''}\t${d.title}\n`);
      for (const a of report.attachments ?? []) ctx.io.out(`Anhang\t${a.status}\t${a.path} › ${a.name}\t${a.documentId ?? a.message ?? ''}\n`);
      for (const f of report.failed) ctx.io.out(`Fehler\t${f.code}\t${f.path}\t${f.message}\n`);
      ctx.io.err(
        `${report.imported.length} importiert, ${report.duplicates.length} Duplikat(e), ${report.failed.length} Fehler` +
          ` aus ${report.files} Datei(en) in ${report.seconds.toFixed(1)} s${report.cancelled ? ' – ABGEBROCHEN' : ''}\n`,
      );
    }
    if (report.cancelled) return 130;
    return report.failed.length > 0 ? 1 : 0;
  },
};
