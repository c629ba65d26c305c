import { UsageError, type Command } from '../command';

export const appendCommand: Command = {
  name: 'append',
  summary: 'Einen Absatz an einen Entwurf anhängen (als Yjs-Änderung, wie im Editor)',
  usage: 'append ID TEXT',
  options: {},
  run(ctx, { positionals }) {
    const [id, ...words] = positionals;
    if (!id || words.length === 0) throw new UsageError('append erwartet eine Entwurfs-ID und den Text: quartierswissen append ID "Neuer Absatz"');
    ctx.open().collab.drafts.appendParagraph(id, words.join(' '));
    return 0;
  },
};
