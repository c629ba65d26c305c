import { DOCUMENT_SORT_FIELDS, type DocumentSortField } from '../../../shared/domain/document';
import { UsageError, intOption, kindOption, type Command } from '../command';

export const listCommand: Command = {
  name: 'list',
  summary: 'Dokumente auflisten (neueste zuerst)',
  usage: 'list [--kind K] [--sort date|title|kind|updated] [--asc] [--limit N] [--json]',
  options: {
    kind: { type: 'string' },
    sort: { type: 'string' },
    asc: { type: 'boolean' },
    limit: { type: 'string' },
    json: { type: 'boolean' },
  },
  run(ctx, { values, positionals }) {
    if (positionals.length > 0) throw new UsageError(`list nimmt keine Argumente, nur Optionen (gefunden: „${positionals[0]}“).`);
    const kind = kindOption(values.kind);
    const sort = (values.sort as string | undefined) ?? 'date';
    if (!(DOCUMENT_SORT_FIELDS as readonly string[]).includes(sort)) {
      throw new UsageError(`Unbekannte Sortierung „${sort}“; erlaubt: ${DOCUMENT_SORT_FIELDS.join(', ')}.`);
    }
    const limit = intOption(values.limit, 'limit', 1, Number.MAX_SAFE_INTEGER) ?? Number.MAX_SAFE_INTEGER;
    const { documents } = ctx.open();
    const rows = [];
    for (let offset = 0; rows.length < limit; ) {
      const page = documents.list({
        kind: kind,
        sort: sort as DocumentSortField,
        order: values.asc ? 'asc' : 'desc',
        offset,
        limit: Math.min(1000, limit - rows.length),
      });
      rows.push(...page.items);
      offset += page.items.length;
      if (page.items.length === 0 || offset >= page.total) break;
    }
    if (values.json) {
      ctx.json(rows.map((d) => ({ id: d.id, externalId: d.externalId, title: d.title, kind: d.kind, date: d.date, status: d.status })));
    } else {
      for (const d of rows) ctx.io.out(`${d.id}\t${d.date ?? '—'}\t${d.kind}\t${d.title}\n`);
      ctx.io.err(`${rows.length} Dokument(e)\n`);
    }
    return 0;
  },
};
