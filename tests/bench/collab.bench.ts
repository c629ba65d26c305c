/**
 * Collaboration figures (issue: drafting together, offline too):
 *  - keystroke-to-screen latency in the editor with a 300-page draft (Chromium, real services);
 *  - time for an edit to reach a second client over loopback (real Hocuspocus server);
 *  - memory of the sync server (`quartierswissen serve`, its own process) with 50 clients
 *    editing 20 drafts;
 *  - size of a draft's stored history after 10,000 edits, before and after compaction;
 *  - load table (issue 13): 10 / 50 / 100 raw providers on one draft against `serve` — convergence,
 *    lost edits, p50/p95 edit-to-visible, server RSS;
 *  - 5,000 drafts (issue 13 §2): first sync of a library, the next one, a second library adopting
 *    all of them — time and peak RSS of the app process and of `serve`.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import { createServices } from '../../electron/services/createServices';
import { SyncClient } from '../../electron/services/collab/SyncClient';
import { startSyncServer } from '../../electron/services/collab/SyncServer';
import { syncOnce } from '../../electron/services/collab/SyncService';
import { MemoryEventSink, silentLogger, systemClock } from '../../electron/services/ports';
import { DRAFT_FRAGMENT } from '../../shared/editor/draftExtensions';
import { startHost } from '../browser/host/startHost';
import { peakRssMb, percentile, REPO_ROOT, type BenchModule, type BenchRow } from './benchKit';

const TOKEN = 'bench-token';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function library(dir: string, name: string, compactAfter = 500) {
  fs.mkdirSync(path.join(dir, name), { recursive: true });
  return createServices(
    { paths: { resourcesDir: path.join(REPO_ROOT, 'resources'), backupsDir: path.join(dir, name, 'b') }, events: new MemoryEventSink(), clock: systemClock, logger: silentLogger },
    { dbPath: path.join(dir, name, 'bibliothek.sqlite'), collab: { compactAfter, textDebounceMs: 300 } },
  );
}

function bigDraft(pages: number) {
  // ≈ 3,000 characters per page: six paragraphs of ~500 characters.
  const para = (i: number) => `Absatz ${i}: Die Quartiersentwicklung stärkt Nachbarschaft, Teilhabe und Bildung im Stadtteil. `.repeat(5).trim();
  return { type: 'doc', content: Array.from({ length: pages * 6 }, (_, i) => ({ type: 'paragraph', content: [{ type: 'text', text: para(i) }] })) };
}

function typeInto(doc: Y.Doc, text: string, origin: unknown, block = 0): void {
  doc.transact(() => {
    const p = doc.getXmlFragment(DRAFT_FRAGMENT).get(block) as Y.XmlElement;
    let t = p.get(0) as Y.XmlText | undefined;
    if (!t) {
      t = new Y.XmlText();
      p.insert(0, [t]);
    }
    t.insert(t.length, text);
  }, origin);
}

async function keystrokeLatency(rows: BenchRow[], log: (m: string) => void): Promise<void> {
  const content = bigDraft(300);
  const host = await startHost({
    seed: (s) => void s.documents.create({ kind: 'leitbild', title: 'Großes Leitbild', content }),
  });
  try {
    const page = host.page;
    await host.open();
    await page.getByRole('navigation').getByRole('button', { name: 'Leitbilder', exact: true }).click();
    const t0 = performance.now();
    await page.getByRole('listbox').getByRole('option').first().click();
    await page.getByRole('button', { name: 'Bearbeiten', exact: true }).click();
    const text = page.getByRole('textbox', { name: 'Text des Entwurfs' });
    await text.locator('p').nth(1799).waitFor({ state: 'attached', timeout: 120_000 });
    rows.push({ group: 'Editor, 300 Seiten', metric: 'Öffnen bis bearbeitbar', value: performance.now() - t0, unit: 'ms' });
    await text.locator('p').first().click();
    await page.keyboard.press('End');
    // In the page: keydown time stamp → first DOM mutation that shows the character.
    await page.evaluate(() => {
      const w = window as unknown as { __lat: number[]; __down: number };
      w.__lat = [];
      const el = document.querySelector('[aria-label="Text des Entwurfs"]')!;
      window.addEventListener('keydown', (e) => (w.__down = e.timeStamp), true);
      new MutationObserver(() => {
        if (w.__down) {
          w.__lat.push(performance.now() - w.__down);
          w.__down = 0;
        }
      }).observe(el, { subtree: true, characterData: true, childList: true });
    });
    const sample = 'Nachbarschaft braucht Orte der Begegnung ';
    for (let round = 0; round < 3; round++) {
      for (const ch of sample) {
        await page.keyboard.press(ch === ' ' ? 'Space' : ch);
        await sleep(15);
      }
    }
    const lat = await page.evaluate(() => (window as unknown as { __lat: number[] }).__lat);
    log(`${lat.length} Tastenanschläge gemessen`);
    rows.push({ group: 'Editor, 300 Seiten', metric: 'Tastendruck bis Zeichen im DOM (p50)', value: percentile(lat, 50), unit: 'ms' });
    rows.push({ group: 'Editor, 300 Seiten', metric: 'Tastendruck bis Zeichen im DOM (p95)', value: percentile(lat, 95), unit: 'ms' });
  } finally {
    await host.close();
  }
}

async function editLatency(dir: string, rows: BenchRow[]): Promise<void> {
  const server = await startSyncServer({ host: '127.0.0.1', port: 0, storePath: path.join(dir, 'srv-lat.sqlite'), token: TOKEN, logger: silentLogger });
  const a = library(dir, 'lat-a');
  const b = library(dir, 'lat-b');
  const id = a.collab.drafts.createDraft({ title: 'Latenz', kind: 'note', template: 'empty' }).id;
  typeInto(a.collab.drafts.get(id).doc, 'Start', { source: 'editor', clientId: 'x' });
  const ca = new SyncClient({ url: server.url, token: TOKEN, collab: a.collab.drafts, documents: a.documents, logger: silentLogger });
  const cb = new SyncClient({ url: server.url, token: TOKEN, collab: b.collab.drafts, documents: b.documents, logger: silentLogger });
  try {
    await ca.whenSynced(10_000);
    await cb.whenSynced(10_000);
    const docB = b.collab.drafts.get(id).doc;
    const docA = a.collab.drafts.get(id).doc;
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      const marker = ` m${i}`;
      const arrived = new Promise<void>((resolve) => {
        const on = () => {
          if (docB.getXmlFragment(DRAFT_FRAGMENT).toString().includes(`${marker}<`)) {
            docB.off('update', on);
            resolve();
          }
        };
        docB.on('update', on);
      });
      const t0 = performance.now();
      typeInto(docA, marker, { source: 'editor', clientId: 'x' });
      await arrived;
      times.push(performance.now() - t0);
    }
    rows.push({ group: 'Zwei Clients, Loopback', metric: 'Änderung bis beim zweiten Client (p50)', value: percentile(times, 50), unit: 'ms' });
    rows.push({ group: 'Zwei Clients, Loopback', metric: 'Änderung bis beim zweiten Client (p95)', value: percentile(times, 95), unit: 'ms' });
  } finally {
    ca.stop();
    cb.stop();
    a.close();
    b.close();
    await server.close();
  }
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? NaN);
  return kb / 1024;
}

/** `quartierswissen serve` as its own process (so its RSS is its own); resolves with its URL. */
async function serveChild(dir: string, store: string, args: string[] = []) {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'quartierswissen.mjs'), 'serve', '--port', '0', '--store', path.join(dir, store), ...args], {
    env: { ...process.env, QW_SYNC_TOKEN: TOKEN },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', () => {});
  for (let i = 0; i < 600 && !/ws:\/\/\S+/.test(out); i++) await sleep(50);
  const url = /ws:\/\/\S+/.exec(out)?.[0];
  if (!url) throw new Error('serve startet nicht');
  let peak = 0;
  const sampler = setInterval(() => {
    try {
      peak = Math.max(peak, rssMb(child.pid!));
    } catch {
      // exited
    }
  }, 50);
  return {
    url,
    pid: child.pid!,
    peak: () => peak,
    async stop() {
      clearInterval(sampler);
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

/** 10 / 50 / 100 providers on one draft, each typing 20 words; one observer measures arrival. */
async function loadTable(dir: string, rows: BenchRow[], log: (m: string) => void): Promise<void> {
  for (const n of [10, 50, 100]) {
    const srv = await serveChild(dir, `last-${n}.sqlite`);
    const idle = rssMb(srv.pid);
    const clients = Array.from({ length: n }, () => {
      const doc = new Y.Doc();
      const socket = new HocuspocusProviderWebsocket({ url: srv.url, WebSocketPolyfill: globalThis.WebSocket, minDelay: 100, maxDelay: 1000 });
      const provider = new HocuspocusProvider({ name: 'draft:last', document: doc, websocketProvider: socket, token: TOKEN });
      provider.attach();
      return { doc, socket, provider };
    });
    try {
      for (let i = 0; i < 600 && !clients.every((c) => c.provider.isSynced); i++) await sleep(50);
      const observer = clients[0]!;
      const sent = new Map<string, number>();
      const seenAt = new Map<string, number>();
      observer.doc.on('update', () => {
        const text = observer.doc.getText('t').toString();
        for (const [w] of sent) if (!seenAt.has(w) && text.includes(` ${w} `)) seenAt.set(w, performance.now());
      });
      for (let round = 0; round < 20; round++) {
        for (const [i, c] of clients.entries()) {
          if (i === 0) continue;
          const w = `c${i}r${round}`;
          sent.set(w, performance.now());
          c.doc.getText('t').insert(0, ` ${w} `);
        }
        await sleep(100);
      }
      const all = [...sent.keys()];
      const complete = (d: Y.Doc) => all.every((w) => d.getText('t').toString().includes(` ${w} `));
      for (let i = 0; i < 1200 && !clients.every((c) => complete(c.doc) && c.provider.unsyncedChanges === 0); i++) await sleep(50);
      const texts = new Set(clients.map((c) => c.doc.getText('t').toString()));
      const lost = all.filter((w) => !clients.every((c) => c.doc.getText('t').toString().includes(` ${w} `))).length;
      const lat = [...seenAt].map(([w, t]) => t - sent.get(w)!);
      const group = `Last: ${n} Clients auf einem Entwurf (serve)`;
      rows.push({ group, metric: 'konvergiert (alle gleich)', value: texts.size === 1 ? 1 : 0, unit: 'ja=1' });
      rows.push({ group, metric: 'verlorene Änderungen', value: lost, unit: `von ${all.length}` });
      rows.push({ group, metric: 'Änderung bis sichtbar (p50)', value: percentile(lat, 50), unit: 'ms' });
      rows.push({ group, metric: 'Änderung bis sichtbar (p95)', value: percentile(lat, 95), unit: 'ms' });
      rows.push({ group, metric: 'Server-RSS (Spitze / leer)', value: srv.peak(), unit: `MB (leer ${idle.toFixed(0)})` });
      log(`${n} Clients: ${lost} verloren, p95 ${percentile(lat, 95).toFixed(0)} ms`);
    } finally {
      for (const c of clients) {
        c.provider.destroy();
        c.socket.destroy();
      }
      await srv.stop();
    }
  }
}

/** Issue 13 §2: a library of 5,000 drafts (on the ordinary disk) syncs, again, and is adopted. */
async function manyDrafts(dir: string, rows: BenchRow[], log: (m: string) => void, count = 5000): Promise<void> {
  const srv = await serveChild(dir, 'viele.sqlite');
  const a = library(dir, 'viele-a');
  const b = library(dir, 'viele-b');
  const group = `${count.toLocaleString('de-DE')} Entwürfe`;
  try {
    const t0 = performance.now();
    // Setup in one transaction (the figures below are about syncing, not about creating).
    const ids = a.db.transaction(() =>
      Array.from({ length: count }, (_, i) => {
        const id = a.collab.drafts.createDraft({ title: `Entwurf ${i}`, kind: 'note', template: 'empty' }).id;
        typeInto(a.collab.drafts.get(id).doc, `wort${i}`, { source: 'editor', clientId: 'x' });
        return id;
      }),
    )();
    // Titles and search text of the new drafts now, not during the timed sync.
    a.collab.drafts.flushAll();
    log(`${count} Entwürfe angelegt in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const run = async (lib: typeof a) => {
      const t = performance.now();
      const { peakMb, value } = await peakRssMb(() => syncOnce(lib.collab.drafts, lib.documents, silentLogger, { url: srv.url, token: TOKEN, timeoutMs: 900_000 }));
      return { s: (performance.now() - t) / 1000, peakMb, value };
    };
    const first = await run(a);
    rows.push({ group, metric: 'erster Abgleich (leerer Server)', value: first.s, unit: 's' });
    rows.push({ group, metric: 'App-Prozess: RSS-Spitze dabei', value: first.peakMb, unit: 'MB' });
    for (let i = 0; i < count; i += 100) typeInto(a.collab.drafts.get(ids[i]!).doc, ' neu', { source: 'editor', clientId: 'x' });
    const again = await run(a);
    rows.push({ group, metric: `nächster Abgleich (${count / 100} geändert)`, value: again.s, unit: 's' });
    const adopt = await run(b);
    rows.push({ group, metric: 'zweite Bibliothek übernimmt alle', value: adopt.s, unit: 's' });
    rows.push({ group, metric: 'App-Prozess: RSS-Spitze dabei', value: adopt.peakMb, unit: 'MB' });
    rows.push({ group, metric: 'Sync-Server: RSS-Spitze', value: srv.peak(), unit: 'MB' });
    const missing = ids.filter((id, i) => b.collab.drafts.plainText(id) !== (i % 100 === 0 ? `wort${i} neu` : `wort${i}`)).length;
    rows.push({ group, metric: 'abweichende Entwürfe in der zweiten Bibliothek', value: missing, unit: `von ${count}` });
    log(`${count} Entwürfe: erster Abgleich ${first.s.toFixed(1)} s, nächster ${again.s.toFixed(1)} s, Übernahme ${adopt.s.toFixed(1)} s, ${adopt.value.created} neu`);
  } finally {
    a.close();
    b.close();
    await srv.stop();
  }
}

async function serverMemory(dir: string, rows: BenchRow[], log: (m: string) => void): Promise<void> {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'bin', 'quartierswissen.mjs'), 'serve', '--port', '0', '--store', path.join(dir, 'srv-mem.sqlite')], {
    env: { ...process.env, QW_SYNC_TOKEN: TOKEN },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  for (let i = 0; i < 600 && !/ws:\/\/\S+/.test(out); i++) await sleep(50);
  const url = /ws:\/\/\S+/.exec(out)?.[0];
  if (!url) throw new Error('serve startet nicht');
  const pid = child.pid!;
  await sleep(500);
  const idle = rssMb(pid);
  const clients: { socket: HocuspocusProviderWebsocket; providers: HocuspocusProvider[] }[] = [];
  try {
    for (let c = 0; c < 50; c++) {
      const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: globalThis.WebSocket });
      const providers: HocuspocusProvider[] = [];
      for (let d = 0; d < 20; d++) {
        const doc = new Y.Doc();
        const p = new HocuspocusProvider({ name: `draft:bench-${d}`, document: doc, websocketProvider: socket, token: TOKEN });
        p.attach();
        p.setAwarenessField('user', { name: `Client ${c}`, color: '#336699' });
        providers.push(p);
      }
      clients.push({ socket, providers });
    }
    const synced = () => clients.every((c) => c.providers.every((p) => p.isSynced));
    for (let i = 0; i < 600 && !synced(); i++) await sleep(50);
    let peak = rssMb(pid);
    // Everybody types: 10 rounds, each client one edit in each of 2 random drafts.
    for (let round = 0; round < 10; round++) {
      for (const [ci, c] of clients.entries()) {
        for (let k = 0; k < 2; k++) {
          const p = c.providers[(ci + round * 3 + k * 7) % 20]!;
          const frag = p.document.getXmlFragment(DRAFT_FRAGMENT);
          p.document.transact(() => {
            const para = new Y.XmlElement('paragraph');
            para.insert(0, [new Y.XmlText(`Client ${ci} Runde ${round}: Nachbarschaft und Teilhabe.`)]);
            frag.insert(frag.length, [para]);
          });
        }
      }
      await sleep(200);
      peak = Math.max(peak, rssMb(pid));
    }
    for (let i = 0; i < 100 && !clients.every((c) => c.providers.every((p) => p.unsyncedChanges === 0)); i++) await sleep(50);
    peak = Math.max(peak, rssMb(pid));
    log(`Server-RSS: leer ${idle.toFixed(0)} MB, Spitze ${peak.toFixed(0)} MB`);
    rows.push({ group: 'Sync-Server (eigener Prozess)', metric: 'RSS ohne Clients', value: idle, unit: 'MB' });
    rows.push({ group: 'Sync-Server (eigener Prozess)', metric: 'RSS, 50 Clients × 20 Entwürfe, alle tippen (Spitze)', value: peak, unit: 'MB' });
    rows.push({ group: 'Sync-Server (eigener Prozess)', metric: 'davon je Client', value: (peak - idle) / 50, unit: 'MB' });
  } finally {
    for (const c of clients) {
      for (const p of c.providers) p.destroy();
      c.socket.destroy();
    }
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}

async function historySize(dir: string, rows: BenchRow[]): Promise<void> {
  const s = library(dir, 'hist', Number.MAX_SAFE_INTEGER);
  try {
    const drafts = s.collab.drafts;
    const id = drafts.createDraft({ title: 'Geschichte', kind: 'note', template: 'empty' }).id;
    const doc = drafts.get(id).doc;
    const words = 'Das Quartier lebt von Begegnung Nachbarschaft und Teilhabe '.split('');
    // 10,000 edits as typed: mostly characters, every 10th a backspace (a correction).
    for (let i = 0; i < 10_000; i++) {
      doc.transact(() => {
        const frag = doc.getXmlFragment(DRAFT_FRAGMENT);
        const p = frag.get(0) as Y.XmlElement;
        let t = p.get(0) as Y.XmlText | undefined;
        if (!t) {
          t = new Y.XmlText();
          p.insert(0, [t]);
        }
        if (i % 10 === 9 && t.length > 0) t.delete(t.length - 1, 1);
        else t.insert(t.length, words[i % words.length]!);
      }, { source: 'editor', clientId: 'x' });
    }
    const before = { rows: drafts.log.count(id), bytes: drafts.log.bytes(id) };
    const t0 = performance.now();
    drafts.compact(id);
    const ms = performance.now() - t0;
    rows.push({ group: '10.000 Änderungen', metric: 'gespeicherte Zeilen vor Verdichtung', value: before.rows, unit: 'Zeilen' });
    rows.push({ group: '10.000 Änderungen', metric: 'Größe vor Verdichtung', value: before.bytes / 1024, unit: 'KB' });
    rows.push({ group: '10.000 Änderungen', metric: 'Größe nach Verdichtung', value: drafts.log.bytes(id) / 1024, unit: 'KB' });
    rows.push({ group: '10.000 Änderungen', metric: 'Textlänge', value: drafts.plainText(id).length, unit: 'Zeichen' });
    rows.push({ group: '10.000 Änderungen', metric: 'Verdichten (Transaktion)', value: ms, unit: 'ms' });
  } finally {
    s.close();
  }
}

const bench: BenchModule = {
  title: 'Zusammenarbeit: 5.000 Entwürfe, Lasttabelle, Tipp-Latenz, Sync-Latenz, Server-Speicher, Größe der Geschichte',
  async run(ctx) {
    const rows: BenchRow[] = [];
    // QW_BENCH_COLLAB=drafts: only the 5,000 drafts (and QW_BENCH_DRAFTS=N for another count);
    // QW_BENCH_COLLAB=load: only the load table.
    if (process.env.QW_BENCH_COLLAB === 'drafts') {
      await manyDrafts(ctx.tmpDir, rows, ctx.log, Number(process.env.QW_BENCH_DRAFTS ?? 5000));
      return rows;
    }
    if (process.env.QW_BENCH_COLLAB === 'load') {
      await loadTable(ctx.tmpDir, rows, ctx.log);
      return rows;
    }
    await manyDrafts(ctx.tmpDir, rows, ctx.log);
    await loadTable(ctx.tmpDir, rows, ctx.log);
    await historySize(ctx.tmpDir, rows);
    await editLatency(ctx.tmpDir, rows);
    await serverMemory(ctx.tmpDir, rows, ctx.log);
    await keystrokeLatency(rows, ctx.log);
    return rows;
  },
};
export default bench;
