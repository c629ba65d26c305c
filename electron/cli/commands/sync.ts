import { syncOnce } from '../../services/collab/SyncService';
import { intOption, UsageError, type Command } from '../command';

export const syncCommand: Command = {
  name: 'sync',
  summary: 'Alle Entwürfe einmal mit einem Sync-Server abgleichen (Token: QW_SYNC_TOKEN oder --token)',
  usage: 'sync --server URL [--token TOKEN] [--timeout SEKUNDEN] [--json]',
  options: { server: { type: 'string' }, token: { type: 'string' }, timeout: { type: 'string' }, json: { type: 'boolean' } },
  async run(ctx, { values, positionals }) {
    if (positionals.length > 0) throw new UsageError(`sync nimmt keine Argumente, nur Optionen (gefunden: „${positionals[0]}“).`);
    const url = values.server as string | undefined;
    if (!url) throw new UsageError('sync braucht --server, z. B. quartierswissen sync --server ws://127.0.0.1:1234');
    const token = (values.token as string | undefined) ?? process.env.QW_SYNC_TOKEN ?? '';
    if (!token) throw new UsageError('Kein Zugangstoken: QW_SYNC_TOKEN setzen oder --token angeben.');
    const timeoutS = intOption(values.timeout, 'timeout', 1, 3600) ?? 60;
    const services = ctx.open();
    const result = await syncOnce(services.collab.drafts, services.documents, services.ports.logger, { url, token, timeoutMs: timeoutS * 1000 });
    if (values.json) ctx.json(result);
    else ctx.io.out(`${result.drafts} Entwürfe synchronisiert, ${result.created} neu vom Server.\n`);
    return 0;
  },
};
