import path from 'node:path';
import { intOption, UsageError, type Command } from '../command';
import { stderrLogger } from '../context';

/** `--readonly-token A --readonly-token B,C` and QW_SYNC_READONLY_TOKEN="A,B": one list. */
function readOnlyTokens(option: unknown, env: string | undefined): string[] {
  const given = Array.isArray(option) ? (option as string[]) : [];
  const raw = given.length ? given : env ? [env] : [];
  return raw.flatMap((v) => v.split(',')).map((t) => t.trim()).filter(Boolean);
}

export const serveCommand: Command = {
  name: 'serve',
  summary:
    'Sync-Server für Teams starten (Hocuspocus, eigener SQLite-Speicher). Schreib-Token: QW_SYNC_TOKEN oder --token; ' +
    'Lese-Token (nur lesen, Änderungen werden abgewiesen): QW_SYNC_READONLY_TOKEN oder --readonly-token, mehrere mit Komma',
  usage:
    'serve [--host 127.0.0.1] [--port 1234] [--store DATEI] [--token TOKEN] [--readonly-token TOKEN[,TOKEN…]] ' +
    '[--max-connections N] [--max-connections-per-address N] [--auth-timeout SEKUNDEN]',
  options: {
    host: { type: 'string' },
    port: { type: 'string' },
    store: { type: 'string' },
    token: { type: 'string' },
    'readonly-token': { type: 'string', multiple: true },
    'max-connections': { type: 'string' },
    'max-connections-per-address': { type: 'string' },
    'auth-timeout': { type: 'string' },
  },
  async run(ctx, { values, positionals }) {
    if (positionals.length > 0) throw new UsageError(`serve nimmt keine Argumente, nur Optionen (gefunden: „${positionals[0]}“).`);
    const token = (values.token as string | undefined) ?? process.env.QW_SYNC_TOKEN ?? '';
    if (!token) throw new UsageError('Kein Zugangstoken: QW_SYNC_TOKEN setzen oder --token angeben. Ohne Token startet der Server nicht.');
    const readOnly = readOnlyTokens(values['readonly-token'], process.env.QW_SYNC_READONLY_TOKEN);
    if (readOnly.includes(token)) throw new UsageError('Ein Lese-Token darf nicht gleich dem Schreib-Token sein.');
    const host = (values.host as string | undefined) ?? '127.0.0.1';
    const port = intOption(values.port, 'port', 0, 65535) ?? 1234;
    // The server keeps its own file, beside the library unless --store says otherwise.
    const storePath = path.resolve((values.store as string | undefined) ?? path.join(path.dirname(ctx.dbPath), 'sync-server.sqlite'));
    // Loaded on demand: the server stack is not needed by any other command.
    const { startSyncServer } = await import('../../services/collab/SyncServer');
    const authTimeout = intOption(values['auth-timeout'], 'auth-timeout', 1, 10);
    const server = await startSyncServer({
      host,
      port,
      storePath,
      token,
      readOnlyTokens: readOnly,
      logger: stderrLogger,
      connections: {
        ...(authTimeout ? { authTimeoutMs: authTimeout * 1000 } : {}),
        maxConnections: intOption(values['max-connections'], 'max-connections', 1, 100_000) ?? undefined,
        maxConnectionsPerAddress: intOption(values['max-connections-per-address'], 'max-connections-per-address', 1, 100_000) ?? undefined,
      },
    });
    const ro = readOnly.length ? `, ${readOnly.length} Lese-Token` : '';
    ctx.io.out(`Sync-Server läuft: ${server.url} (Speicher: ${storePath}${ro})\n`);
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    // Issue 13 §4: whatever failed before, the process ends within 5 s of SIGTERM/SIGINT.
    const deadline = setTimeout(() => {
      ctx.io.err('Sync-Server: Beenden dauerte zu lange, Prozess wird beendet.\n');
      process.exit(1);
    }, 4500);
    deadline.unref();
    await server.close();
    ctx.io.err('Sync-Server beendet.\n');
    return 0;
  },
};
