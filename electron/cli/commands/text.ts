import { isEditableKind } from '../../../shared/editor/draftExtensions';
import { UsageError, type Command } from '../command';

export const textCommand: Command = {
  name: 'text',
  summary: 'Reinen Text eines Entwurfs ausgeben (aus seinem Yjs-Dokument)',
  usage: 'text ID',
  options: {},
  run(ctx, { positionals }) {
    if (positionals.length !== 1) throw new UsageError('text erwartet genau eine Dokument-ID: quartierswissen text ID');
    const services = ctx.open();
    const id = positionals[0]!;
    const doc = services.documents.get(id);
    const text = isEditableKind(doc.kind) ? services.collab.drafts.plainText(id) : doc.bodyText;
    ctx.io.out(text ? `${text}\n` : '');
    return 0;
  },
};
