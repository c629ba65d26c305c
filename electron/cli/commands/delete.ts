import { UsageError, type Command } from '../command';

export const deleteCommand: Command = {
  name: 'delete',
  summary: 'Dokumente endgültig löschen, mit allem, was daraus abgeleitet ist (auch aus dem Suchindex)',
  usage: 'delete ID… [--json]',
  options: { json: { type: 'boolean' } },
  async run(ctx, { values, positionals }) {
    if (positionals.length === 0) throw new UsageError('delete erwartet mindestens eine Dokument-ID: quartierswissen delete ID… [--json]');
    const s = ctx.open();
    // An unknown ID (NOT_FOUND, exit 3) stops the command before anything is deleted.
    const docs = [...new Set(positionals)].map((id) => s.documents.get(id));
    for (const d of docs) s.documents.delete(d.id);
    // The words leave the stored search index too before the command returns (issue 7 §7).
    await s.search.whenPurged();
    const deleted = docs.map((d) => ({ id: d.id, title: d.title, kind: d.kind }));
    if (values.json) ctx.json({ deleted });
    else for (const d of deleted) ctx.io.out(`Gelöscht: ${d.title}  [${d.kind}]  ${d.id}\n`);
    return 0;
  },
};
