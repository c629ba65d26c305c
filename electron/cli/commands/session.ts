import { isoDateSchema } from '../../../shared/domain/document';
import { SESSION_STATUSES, type SessionStatus } from '../../../shared/domain/session';
import { UsageError, type Command } from '../command';
import { outputOf, reportPdf, watermarkOf, withPrinter } from './export';

const USAGE =
  'session list|show ID|create --title T [--date D] [--place P] [--committee C] | add-item ID --title T [--description D] | ' +
  'attach TOP_ID DOK_ID | export ID -o DATEI [--landscape] [--watermark|--no-watermark] [--pdfa] [--json]';

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export const sessionCommand: Command = {
  name: 'session',
  summary: 'Sitzungen: anlegen, Tagesordnung, Unterlagen zuordnen, Sitzungsdossier als PDF',
  usage: USAGE,
  options: {
    title: { type: 'string' },
    date: { type: 'string' },
    place: { type: 'string' },
    committee: { type: 'string' },
    status: { type: 'string' },
    description: { type: 'string' },
    output: { type: 'string', short: 'o' },
    landscape: { type: 'boolean' },
    watermark: { type: 'boolean' },
    'no-watermark': { type: 'boolean' },
    pdfa: { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run(ctx, { values, positionals }) {
    const [sub, ...args] = positionals;
    const json = Boolean(values.json);
    const need = (n: number, what: string) => {
      if (args.length !== n) throw new UsageError(`session ${sub} erwartet ${what}.`);
    };
    switch (sub) {
      case 'list': {
        need(0, 'keine Argumente');
        const rows = ctx.open().sessions.list();
        if (json) ctx.json(rows);
        else for (const r of rows) ctx.io.out(`${r.id}\t${r.date ?? '—'}\t${r.status}\t${r.itemCount} TOP\t${r.title}\n`);
        return 0;
      }
      case 'show': {
        need(1, 'eine Sitzungs-ID');
        const s = ctx.open().sessions.get(args[0]!);
        if (json) ctx.json(s);
        else {
          ctx.io.out(`${s.title}\n${[s.committee, s.date, s.place, s.status].filter(Boolean).join(' · ')}\n`);
          for (const item of s.items) {
            ctx.io.out(`TOP ${item.position + 1}\t${item.id}\t${item.title}\n`);
            for (const d of item.documents) ctx.io.out(`\t- ${d.id}\t${d.title}\n`);
          }
        }
        return 0;
      }
      case 'create': {
        need(0, 'keine Argumente, nur Optionen (--title T …)');
        const title = str(values.title);
        if (!title) throw new UsageError('session create erwartet --title T.');
        const date = str(values.date);
        if (date !== undefined && !isoDateSchema.safeParse(date).success) throw new UsageError(`--date erwartet JJJJ-MM-TT, nicht „${date}“.`);
        const status = str(values.status);
        if (status !== undefined && !(SESSION_STATUSES as readonly string[]).includes(status)) {
          throw new UsageError(`--status erwartet ${SESSION_STATUSES.join(' oder ')}.`);
        }
        const s = ctx.open().sessions.create({
          title,
          date: date ?? null,
          place: str(values.place) ?? null,
          committee: str(values.committee) ?? null,
          status: status as SessionStatus | undefined,
        });
        if (json) ctx.json(s);
        else ctx.io.out(`${s.id}\n`);
        return 0;
      }
      case 'add-item': {
        need(1, 'eine Sitzungs-ID');
        const title = str(values.title);
        if (!title) throw new UsageError('session add-item erwartet --title T.');
        const item = ctx.open().sessions.addItem(args[0]!, { title, description: str(values.description) ?? null });
        if (json) ctx.json(item);
        else ctx.io.out(`${item.id}\n`);
        return 0;
      }
      case 'attach': {
        need(2, 'TOP_ID und DOK_ID');
        const item = ctx.open().sessions.attachDocument(args[0]!, args[1]!);
        if (json) ctx.json(item);
        else ctx.io.err(`TOP ${item.position + 1}: ${item.documents.length} Unterlage(n)\n`);
        return 0;
      }
      case 'export': {
        need(1, 'eine Sitzungs-ID');
        const output = outputOf(values);
        const r = await withPrinter(ctx, () =>
          ctx.open().exports.pdf({
            sessionId: args[0]!,
            outputPath: output,
            options: { landscape: Boolean(values.landscape), watermark: watermarkOf(values), pdfa: Boolean(values.pdfa) },
          }),
        );
        reportPdf(ctx, r, json);
        return 0;
      }
      default:
        throw new UsageError(`Unbekannter Unterbefehl „${sub ?? ''}“ – Aufruf: quartierswissen ${USAGE}`);
    }
  },
};
