import { UsageError, intOption, type Command } from '../command';

export const quotesCommand: Command = {
  name: 'quotes',
  summary: 'Aussagen (Zitate) mit Sprecher, Rolle und Organisation auflisten',
  usage: 'quotes [--speaker NAME] [--limit N] [--json]',
  options: { speaker: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' } },
  run(ctx, { values, positionals }) {
    if (positionals.length > 0) throw new UsageError(`quotes nimmt keine Argumente, nur Optionen (gefunden: „${positionals[0]}“).`);
    const limit = intOption(values.limit, 'limit', 1, 1_000_000) ?? 1_000_000;
    const { quotes } = ctx.open();
    const rows = [];
    for (let offset = 0; rows.length < limit; ) {
      const page = quotes.list({ speaker: values.speaker as string | undefined, offset, limit: Math.min(5000, limit - rows.length) });
      rows.push(...page);
      offset += page.length;
      if (page.length === 0) break;
    }
    if (values.json) {
      ctx.json(rows.map((q) => ({ speaker: q.speaker, role: q.role, organisation: q.organisation, text: q.text, documentId: q.documentId })));
    } else {
      for (const q of rows) {
        const who = [q.speaker ?? '(unbekannt)', q.role, q.organisation].filter(Boolean).join(', ');
        ctx.io.out(`${who}:\n  „${q.text.replace(/\n+/gu, ' ')}“\n  (${q.documentTitle}, ${q.documentId})\n\n`);
      }
      ctx.io.err(`${rows.length} Aussage(n)\n`);
    }
    return 0;
  },
};
