import path from 'node:path';
import { intOption, UsageError, type Command } from '../command';
import { stderrLogger } from '../context';

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Sync-Server für Teams starten (Hocuspocus, eigener SQLite-Speicher, Token: QW_SYNC_TOKEN)',
  usage: 'serve [--host 127.0.0.1] [--port 1234] [--store DATEI] [--token TOKEN]',
  options: { host: { type: 'string' }, port: { type: 'string' }, store: { type: 'string' }, token: { type: 'string' } },
  async run(ctx, { values, positionals }) {
    if (positionals.length > 0) throw new UsageError(`serve nimmt keine Argumente, nur Optionen (gefunden: „${positionals[0]}“).`);
    const token = (values.token as string | undefined) ?? process.env.QW_SYNC_TOKEN ?? '';
    if (!token) throw new UsageError('Kein Zugangstoken: QW_SYNC_TOKEN setzen oder --token angeben. Ohne Token startet der Server nicht.');
    const host = (values.host as string | undefined) ?? '127.0.0.1';
    const port = intOption(values.port, 'port', 0, 65535) ?? 1234;
    // The server keeps its own file, beside the library unless --store says otherwise.
    const storePath = path.resolve((values.store as string | undefined) ?? path.join(path.dirname(ctx.dbPath), 'sync-server.sqlite'));
    // Loaded on demand: the server stack is not needed by any other command.
    const { startSyncServer } = await import('../../services/collab/SyncServer');
    const server = await startSyncServer({ host, port, storePath, token, logger: stderrLogger });
    ctx.io.out(`Sync-Server läuft: ${server.url} (Speicher: ${storePath})\n`);
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await server.close();
    ctx.io.err('Sync-Server beendet.\n');
    return 0;
  },
};
