import { UsageError, type Command } from '../command';

export const showCommand: Command = {
  name: 'show',
  summary: 'Ein Dokument mit Metadaten und Text anzeigen',
  usage: 'show ID [--json]',
  options: { json: { type: 'boolean' } },
  run(ctx, { values, positionals }) {
    if (positionals.length !== 1) throw new UsageError('show erwartet genau eine Dokument-ID: quartierswissen show ID [--json]');
    const d = ctx.open().documents.get(positionals[0]!);
    if (values.json) {
      ctx.json({
        id: d.id,
        externalId: d.externalId,
        kind: d.kind,
        title: d.title,
        date: d.date,
        status: d.status,
        source: d.source,
        sourceUrl: d.sourceUrl,
        place: d.place,
        publisher: d.publisher,
        language: d.language,
        collection: d.collection,
        tags: d.tags,
        people: d.people.map((p) => p.name),
        createdAt: d.createdAt,
        updatedAt: d.updatedAt,
        text: d.bodyText,
      });
      return 0;
    }
    const meta: [string, string | null][] = [
      ['Art', d.kind],
      ['Datum', d.date],
      ['Status', d.status],
      ['Quelle', d.source],
      ['Herausgeber', d.publisher],
      ['Schlagworte', d.tags.join(', ') || null],
    ];
    ctx.io.out(`${d.title}\n${'='.repeat(Math.min(d.title.length, 80))}\n`);
    for (const [k, v] of meta) if (v) ctx.io.out(`${k}: ${v}\n`);
    ctx.io.out(`\n${d.bodyText}\n`);
    return 0;
  },
};
