import { UsageError, type Command } from '../command';

const USAGE = 'trash list [--json] | trash restore ID… [--json] | trash empty [--json]';

/** The trash of the app (issue 15) from the command line; `delete` stays the immediate deletion. */
export const trashCommand: Command = {
  name: 'trash',
  summary: 'Papierkorb: anzeigen, Dokumente wiederherstellen, endgültig leeren (auch aus dem Suchindex)',
  usage: USAGE,
  options: { json: { type: 'boolean' } },
  async run(ctx, { values, positionals }) {
    const [sub, ...args] = positionals;
    const json = Boolean(values.json);
    switch (sub) {
      case 'list': {
        if (args.length) throw new UsageError('trash list erwartet keine Argumente.');
        const { items } = ctx.open().trash.list();
        if (json) ctx.json(items);
        else for (const i of items) ctx.io.out(`${i.id}\t${i.trashedAt.slice(0, 10)}\tbis ${i.expiresAt.slice(0, 10)}\t${i.kind}\t${i.title}\n`);
        return 0;
      }
      case 'restore': {
        if (args.length === 0) throw new UsageError('trash restore erwartet mindestens eine Dokument-ID.');
        const s = ctx.open();
        // An ID not in the trash (NOT_FOUND, exit 3) restores nothing.
        const { ids } = s.trash.restore(args);
        const restored = ids.map((id) => {
          const d = s.documents.get(id);
          return { id, title: d.title, kind: d.kind };
        });
        if (json) ctx.json({ restored });
        else for (const d of restored) ctx.io.out(`Wiederhergestellt: ${d.title}  [${d.kind}]  ${d.id}\n`);
        return 0;
      }
      case 'empty': {
        if (args.length) throw new UsageError('trash empty erwartet keine Argumente.');
        const s = ctx.open();
        const { deleted } = s.trash.empty();
        // Gone from the stored search index and the -wal too before the command returns (issue 7).
        await s.search.whenPurged();
        if (json) ctx.json({ deleted });
        else ctx.io.out(`Papierkorb geleert: ${deleted.length} Dokument(e) endgültig gelöscht.\n`);
        return 0;
      }
      default:
        throw new UsageError(`trash erwartet list, restore oder empty: quartierswissen ${USAGE}`);
    }
  },
};
