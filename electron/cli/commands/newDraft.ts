import { UsageError, type Command } from '../command';

export const newDraftCommand: Command = {
  name: 'new-draft',
  summary: 'Neuen Entwurf anlegen (gemeinsam bearbeitbar); gibt die ID aus',
  usage: 'new-draft --title TITEL [--leitbild] [--json]',
  options: { title: { type: 'string' }, leitbild: { type: 'boolean' }, json: { type: 'boolean' } },
  run(ctx, { values, positionals }) {
    if (positionals.length > 0) throw new UsageError(`new-draft nimmt keine Argumente, nur Optionen (gefunden: „${positionals[0]}“).`);
    const title = String(values.title ?? '').trim();
    if (!title) throw new UsageError('new-draft braucht einen Titel: quartierswissen new-draft --title "Leitbild Nordstadt"');
    const leitbild = Boolean(values.leitbild);
    const doc = ctx.open().collab.drafts.createDraft({ title, kind: leitbild ? 'leitbild' : 'note', template: leitbild ? 'leitbild' : 'empty' });
    if (values.json) ctx.json({ id: doc.id, title: doc.title, kind: doc.kind });
    else ctx.io.out(`${doc.id}\n`);
    return 0;
  },
};
