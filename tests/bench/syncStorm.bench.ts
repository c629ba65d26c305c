/**
 * Reconnect storm of the sync server (issue 7, promise 6): 200 providers (each its own websocket)
 * on 20 drafts over 127.0.0.1; every socket dropped at once, then the server stopped and started
 * again on the same port and store. Clients and server share this process, so the RSS peak covers
 * both (200 websockets plus the server).
 */
import { reconnectStorm } from '../integration/collab/collabKit';
import { peakRssMb, type BenchModule, type BenchRow } from './benchKit';

const bench: BenchModule = {
  title: 'Sync-Server: Wiederverbindungssturm',
  async run(ctx) {
    const rows: BenchRow[] = [];
    const group = '200 Clients, 20 Entwürfe';
    const { peakMb, value: r } = await peakRssMb(() => reconnectStorm(ctx.tmpDir, { clients: 200, documents: 20, timeoutMs: 120_000 }));
    if (r.missing.length) throw new Error(`${r.missing.length} Wörter fehlen nach dem Sturm (z. B. ${r.missing[0]!.word} in ${r.missing[0]!.where})`);
    ctx.log(`Sturm: ${JSON.stringify({ ...r, missing: 0 })}`);
    rows.push(
      { group, metric: 'alle wieder synchron nach Abbruch aller Sockets', value: Math.round(r.dropReconnectMs), unit: 'ms' },
      { group, metric: 'alle wieder synchron nach Neustart (gleicher Port)', value: Math.round(r.restartReconnectMs), unit: 'ms' },
      { group, metric: 'Nachrichten an die Clients (gesamt)', value: r.messages, unit: 'Nachrichten' },
      { group, metric: 'Spitzen-RSS (Server + 200 Clients, ein Prozess)', value: Math.round(peakMb), unit: 'MB' },
      { group, metric: 'Verbindungen / Dokumente nach dem Sturm', value: r.settled.connections, unit: `/ ${r.settled.documents}` },
      { group, metric: 'Verbindungen nach Abmeldung aller', value: r.after.connections, unit: 'Verbindungen' },
    );
    return rows;
  },
};
export default bench;
