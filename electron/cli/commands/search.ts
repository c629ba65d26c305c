import readline from 'node:readline';
import type { SearchHit } from '../../../shared/ipc/areas/search';
import { markSnippet } from '../../services/search/snippets';
import { UsageError, intOption, kindOption, type Command } from '../command';
import { searchHintText } from '../searchHintText';

function jsonHits(hits: SearchHit[]) {
  return hits.map((h) => ({
    id: h.id,
    externalId: h.externalId,
    title: h.title,
    kind: h.kind,
    score: h.score,
    snippet: markSnippet(h),
  }));
}

export const searchCommand: Command = {
  name: 'search',
  summary: 'Volltextsuche (deutsch: Wortstämme, Umlaute, Komposita, Tippfehler); --stdin: eine Anfrage pro Zeile',
  usage: 'search QUERY [--limit N] [--kind K] [--json] | search --stdin --json [--limit N]',
  options: {
    limit: { type: 'string' },
    kind: { type: 'string' },
    json: { type: 'boolean' },
    stdin: { type: 'boolean' },
  },
  async run(ctx, { values, positionals }) {
    const limit = intOption(values.limit, 'limit', 1, 200) ?? 10;
    const kind = kindOption(values.kind);
    const filters = kind ? { kinds: [kind] } : undefined;
    if (values.stdin && positionals.length > 0) throw new UsageError('search --stdin liest die Anfragen von der Standardeingabe, nicht aus Argumenten.');
    if (!values.stdin && positionals.length === 0) throw new UsageError('search erwartet eine Suchanfrage: quartierswissen search QUERY [--json]');
    const s = ctx.open();
    // Bring the index up to date (load, build missing documents, persist) before answering.
    await s.search.whenIdle();
    if (values.stdin) {
      const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
      for await (const line of rl) {
        const r = await s.search.query({ q: line, limit, filters });
        if (values.json) ctx.io.out(`${JSON.stringify(jsonHits(r.hits))}\n`);
        else ctx.io.out(`${r.hits.map((h) => `${h.id}\t${h.score}\t${h.title}`).join('\n')}\n\n`);
      }
      return 0;
    }
    const r = await s.search.query({ q: positionals.join(' '), limit, filters });
    const hint = searchHintText(r.hints);
    if (values.json) {
      ctx.json(jsonHits(r.hits));
      if (hint) ctx.io.err(`Hinweis: ${hint}\n`);
      return 0;
    }
    if (hint) ctx.io.err(`Hinweis: ${hint}\n`);
    for (const h of r.hits) {
      ctx.io.out(`${h.title}  [${h.kind}${h.date ? `, ${h.date}` : ''}]  ${h.id}\n  ${markSnippet(h)}\n\n`);
    }
    ctx.io.err(`${r.hits.length} von ${r.total} Treffer(n), ${r.tookMs} ms\n`);
    return 0;
  },
};
