import { MIGRATIONS, SCHEMA_VERSION } from '../../services/db/migrations';
import type { Command } from '../command';

export const checkCommand: Command = {
  name: 'check',
  summary: 'Bibliothek prüfen: Integrität, Fremdschlüssel, Schema-Version',
  usage: 'check [--json]',
  options: { json: { type: 'boolean' } },
  run(ctx, { values }) {
    const s = ctx.open();
    const integrity = s.db.pragma('integrity_check') as { integrity_check: string }[];
    const integrityOk = integrity.length === 1 && integrity[0]!.integrity_check === 'ok';
    const fkViolations = (s.db.pragma('foreign_key_check') as unknown[]).length;
    const report = {
      ok: integrityOk && fkViolations === 0 && s.schemaVersion === SCHEMA_VERSION,
      file: s.dbPath,
      schemaVersion: s.schemaVersion,
      supportedVersion: SCHEMA_VERSION,
      migrations: MIGRATIONS.length,
      integrity: integrityOk ? 'ok' : integrity.map((r) => r.integrity_check),
      foreignKeyViolations: fkViolations,
      documents: s.documents.countByKind().total,
    };
    if (values.json) ctx.json(report);
    else {
      ctx.io.out(`Bibliothek:       ${report.file}\n`);
      ctx.io.out(`Schema-Version:   ${report.schemaVersion} (unterstützt: ${report.supportedVersion})\n`);
      ctx.io.out(`Integrität:       ${integrityOk ? 'ok' : (report.integrity as string[]).join('; ')}\n`);
      ctx.io.out(`Fremdschlüssel:   ${fkViolations === 0 ? 'ok' : `${fkViolations} Verletzung(en)`}\n`);
      ctx.io.out(`Dokumente:        ${report.documents}\n`);
      ctx.io.out(report.ok ? 'Ergebnis: in Ordnung\n' : 'Ergebnis: PROBLEME GEFUNDEN\n');
    }
    return report.ok ? 0 : 1;
  },
};
