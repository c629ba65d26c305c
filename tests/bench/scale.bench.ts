/**
 * Issue 7, promise 8 (scale): a library of 100,000 documents generated from ../shared/corpus
 * (the 2,229 speeches whole, news articles, and speech paragraphs cut into press releases,
 * statements, protocols and notes of realistic size; the corpus has ~32 M characters, so texts
 * repeat) opens, lists, searches and is backed up (BackupService); figures with memory.
 *
 * The library is written by a child process (this file run with `--scale-create`), so the memory
 * figures of opening, listing, searching and backing up are those of a process that did only that.
 *
 * QW_SCALE_DOCS sets the number of documents (default 100,000). Skipped without the corpus.
 */
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import zlib from 'node:zlib';
import { createServices, type Services } from '../../electron/services/createServices';
import { openDatabase } from '../../electron/services/db/openDatabase';
import { MemoryEventSink, silentLogger, systemClock } from '../../electron/services/ports';
import type { DocumentKind } from '../../shared/domain/document';
import { mulberry32 } from '../support/seededRandom';
import { percentile, REPO_ROOT, timeMs, type BenchModule, type BenchRow } from './benchKit';

const N = Number(process.env.QW_SCALE_DOCS ?? 100_000);
const MB = 1024 * 1024;

interface GenDoc {
  kind: DocumentKind;
  title: string;
  date: string | null;
  body: string;
  speaker: string | null;
  source: string | null;
}

function readJsonl<T>(file: string): T[] {
  return zlib
    .gunzipSync(fs.readFileSync(file))
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as T);
}

/** Deterministic documents of the kinds a Quartierswissen library holds, from the real corpus. */
function* generate(corpusDir: string, n: number, seed: number): Generator<GenDoc> {
  const rnd = mulberry32(seed);
  const speeches = readJsonl<{ speaker: string; text: string }>(path.join(corpusDir, 'speeches.jsonl.gz'));
  const news = fs.existsSync(path.join(corpusDir, 'news.jsonl.gz'))
    ? readJsonl<{ title: string; text: string; category: string }>(path.join(corpusDir, 'news.jsonl.gz'))
    : [];
  const paras = speeches.map((s) => s.text.split('\n').filter((p) => p.length > 80));
  const date = () => (rnd() < 0.05 ? null : `${1995 + Math.floor(rnd() * 31)}-${String(1 + Math.floor(rnd() * 12)).padStart(2, '0')}-${String(1 + Math.floor(rnd() * 28)).padStart(2, '0')}`);
  const titleOf = (body: string, i: number) => `${body.split(/\s+/).slice(0, 7).join(' ').replace(/[,.;:]$/, '')} (${i})`;
  /** Consecutive paragraphs of one speech until `min` characters (at most `max`). */
  const chunk = (min: number, max: number) => {
    const si = Math.floor(rnd() * speeches.length);
    const ps = paras[si]!;
    let j = Math.floor(rnd() * ps.length);
    let body = '';
    for (let k = 0; body.length < min && k < ps.length; k++, j++) body += `${ps[j % ps.length]!}\n\n`;
    return { body: body.slice(0, max).trim(), speaker: speeches[si]!.speaker };
  };
  for (let i = 0; i < n; i++) {
    const r = rnd();
    if (i < n * 0.022 && i < speeches.length) {
      const s = speeches[i]!;
      yield { kind: 'speech', title: titleOf(s.text, i), date: date(), body: s.text, speaker: s.speaker, source: 'Bundesregierung' };
    } else if (r < 0.08 && news.length) {
      const a = news[Math.floor(rnd() * news.length)]!;
      yield { kind: 'press_release', title: `${a.title.slice(0, 90)} (${i})`, date: date(), body: a.text, speaker: null, source: `Der Standard, ${a.category}` };
    } else if (r < 0.5) {
      const c = chunk(1500, 4400);
      yield { kind: 'press_release', title: titleOf(c.body, i), date: date(), body: c.body, speaker: c.speaker, source: 'Pressestelle' };
    } else if (r < 0.8) {
      const c = chunk(200, 1500);
      yield { kind: 'statement', title: titleOf(c.body, i), date: date(), body: c.body, speaker: c.speaker, source: null };
    } else if (r < 0.9) {
      const c = chunk(4000, 9000);
      yield { kind: 'protocol', title: `Protokoll ${titleOf(c.body, i)}`, date: date(), body: c.body, speaker: null, source: 'Stadtteilbeirat' };
    } else {
      const c = chunk(300, 2500);
      yield { kind: 'note', title: titleOf(c.body, i), date: date(), body: c.body, speaker: null, source: null };
    }
  }
}

/** Seeded queries: one or two rarer words of a random document, some typed as a prefix. */
function queries(docs: string[], count: number, seed: number): string[] {
  const rnd = mulberry32(seed);
  const out: string[] = [];
  while (out.length < count) {
    const words = docs[Math.floor(rnd() * docs.length)]!.split(/[^\p{L}]+/u).filter((w) => w.length >= 7);
    if (words.length < 2) continue;
    const a = words[Math.floor(rnd() * words.length)]!;
    const b = words[Math.floor(rnd() * words.length)]!;
    const r = rnd();
    out.push(r < 0.4 ? a : r < 0.8 ? `${a} ${b}` : `${a} ${b.slice(0, 4)}`);
  }
  return out;
}

const rssMb = () => process.memoryUsage().rss / MB;

function services(dbPath: string, dir: string): Services {
  return createServices(
    {
      paths: { resourcesDir: path.join(REPO_ROOT, 'resources'), backupsDir: path.join(dir, 'Sicherungen') },
      events: new MemoryEventSink(),
      clock: systemClock,
      logger: silentLogger,
    },
    { dbPath, appVersion: '0.0.0-bench' },
  );
}

/** Peak process RSS while `fn` runs, sampled every 50 ms. */
async function withRssPeak<T>(fn: () => Promise<T>): Promise<{ value: T; peakMb: number }> {
  let peak = rssMb();
  const timer = setInterval(() => (peak = Math.max(peak, rssMb())), 50);
  try {
    const value = await fn();
    return { value, peakMb: Math.max(peak, rssMb()) };
  } finally {
    clearInterval(timer);
  }
}

/** Writes the library (run in a child process by `createInChild`). */
function createLibrary(dbPath: string, dir: string, corpusDir: string): { ms: number; chars: number } {
  const s = services(dbPath, dir);
  const t0 = performance.now();
  let chars = 0;
  const now = new Date().toISOString();
  const person = s.db.prepare('INSERT OR IGNORE INTO people (id, name, normalized_name, created_at) VALUES (?, ?, ?, ?)');
  const pid = s.db.prepare('SELECT id FROM people WHERE normalized_name = ?').pluck();
  const link = s.db.prepare("INSERT OR IGNORE INTO document_people (document_id, person_id, relation) VALUES (?, ?, 'speaker')");
  let batch: GenDoc[] = [];
  const flush = () =>
    s.db.transaction(() => {
      for (const d of batch) {
        const doc = s.documents.create({ kind: d.kind, title: d.title, date: d.date, source: d.source, bodyText: d.body, collection: 'skalierung' }, { silent: true });
        if (d.speaker) {
          person.run(randomUUID(), d.speaker, d.speaker.toLowerCase(), now);
          link.run(doc.id, pid.get(d.speaker.toLowerCase()));
        }
      }
    })();
  for (const d of generate(corpusDir, N, 100_000)) {
    batch.push(d);
    chars += d.body.length;
    if (batch.length === 5000) {
      flush();
      batch = [];
    }
  }
  flush();
  const ms = performance.now() - t0;
  s.close();
  return { ms, chars };
}

const SELF = fileURLToPath(import.meta.url);

function createInChild(dbPath: string, dir: string, corpusDir: string): Promise<{ ms: number; chars: number; maxRssMb: number }> {
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', tsx, SELF, '--scale-create', dbPath, dir, corpusDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (c: string) => (out += c));
    child.on('error', reject);
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (code !== 0 || !line) reject(new Error(`Anlegen fehlgeschlagen (Exit ${code}): ${out.slice(0, 500)}`));
      else resolve(JSON.parse(line) as { ms: number; chars: number; maxRssMb: number });
    });
  });
}

if (process.argv[2] === '--scale-create') {
  const [dbPath, dir, corpusDir] = process.argv.slice(3) as [string, string, string];
  const r = createLibrary(dbPath, dir, corpusDir);
  process.stdout.write(`${JSON.stringify({ ...r, maxRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
}

const bench: BenchModule = {
  title: `Skalierung: ${N.toLocaleString('de-DE')} Dokumente aus dem Korpus — öffnen, listen, suchen, sichern`,
  async run({ tmpDir, corpusDir, log }) {
    if (!corpusDir) {
      log('Korpus fehlt (../shared/corpus): Skalierungs-Benchmark übersprungen.');
      return [];
    }
    const g = `${N.toLocaleString('de-DE')} Dokumente`;
    const rows: BenchRow[] = [];
    const push = (metric: string, value: number, unit: string, target?: string) => rows.push({ group: g, metric, value, unit, target });
    const dir = fs.mkdtempSync(path.join(tmpDir, 'scale-'));
    const dbPath = path.join(dir, 'bibliothek.sqlite');

    // ——— create (in a child process) ———
    const made = await createInChild(dbPath, dir, corpusDir);
    log(`${N} Dokumente angelegt in ${(made.ms / 1000).toFixed(1)} s (${(made.chars / 1e6).toFixed(0)} Mio. Zeichen)`);
    push('anlegen (Transaktionen à 5.000, eigener Prozess)', made.ms / 1000, 's');
    push('Text gesamt', made.chars / 1e6, 'Mio. Zeichen');
    push('Dateigröße', fs.statSync(dbPath).size / MB, 'MB');
    push('Spitzen-RSS des anlegenden Prozesses (inkl. Korpus im Speicher)', made.maxRssMb, 'MB');
    push('RSS dieses Prozesses vor dem Öffnen', rssMb(), 'MB');

    const plain = await timeMs(() => openDatabase(dbPath, { check: 'none' }));
    plain.value.db.close();
    push('öffnen ohne Seitenprüfung (openDatabase, check: none)', plain.ms, 'ms');
    // ——— open, count, list ———
    const opened = await timeMs(() => services(dbPath, dir));
    let s = opened.value;
    push('öffnen wie die App (createServices, mit quick_check)', opened.ms, 'ms');
    const info = await timeMs(() => s.info());
    if (info.value.documentCount !== N) throw new Error(`documentCount ${info.value.documentCount}, erwartet ${N}`);
    push(`Info/Anzahl (${info.value.documentCount})`, info.ms, 'ms');
    for (const sort of ['date', 'title'] as const) {
      for (const [label, offset] of [['erste Seite', 0], ['Seite in der Mitte', N / 2]] as const) {
        const times: number[] = [];
        for (let r = 0; r < 20; r++) {
          const t = await timeMs(() => s.documents.list({ sort, order: 'desc', offset, limit: 100 }));
          if (t.value.items.length !== 100) throw new Error('Liste unvollständig');
          times.push(t.ms);
        }
        push(`${label} (100), sortiert nach ${sort}, p50`, percentile(times, 50), 'ms');
      }
    }
    push('RSS nach Öffnen und Listen', rssMb(), 'MB');
    const sample = s.db.prepare('SELECT body_text FROM documents WHERE rowid % 97 = 0').pluck().all() as string[];

    // ——— search: full build ———
    const mem = (st: { heapUsedMb: number; arrayBuffersMb: number }) => st.heapUsedMb + st.arrayBuffersMb;
    let peakWorker = 0;
    const built = await withRssPeak(() =>
      timeMs(async () => {
        s.search.start();
        const done = s.search.whenIdle();
        let finished = false;
        void done.then(() => (finished = true));
        while (!finished) {
          await Promise.race([done, new Promise((r) => setTimeout(r, 1000))]);
          if (!finished) peakWorker = Math.max(peakWorker, mem(await s.search.stats()));
        }
        return done;
      }),
    );
    const st = built.value.value;
    peakWorker = Math.max(peakWorker, mem(st), st.peakBuildMb);
    log(`Index gebaut in ${(built.value.ms / 1000).toFixed(1)} s, ${st.docCount} Dokumente`);
    push('Suchindex: vollständiger Aufbau', built.value.ms / 1000, 's');
    push('Suchindex: Dokumente im Index', st.docCount, '');
    push('Suchindex: Worker Spitze (Heap + ArrayBuffers)', peakWorker, 'MB');
    push('Suchindex: Spitzen-RSS Prozess beim Aufbau', built.peakMb, 'MB');
    push('Suchindex: Segmente serialisiert', st.serializedBytes / MB, 'MB');
    s.close();

    // ——— ready after restart, queries ———
    const qs = queries(sample, 200, 8);
    const ready = await timeMs(async () => {
      s = services(dbPath, dir);
      return s.search.query({ q: qs[0]!, limit: 10 });
    });
    push('Suche bereit nach Neustart (Dienste + Worker + Segmente + 1. Antwort)', ready.ms / 1000, 's');
    for (const q of qs.slice(0, 10)) await s.search.query({ q, limit: 10 });
    const times: number[] = [];
    let hits = 0;
    for (const q of qs) {
      const t = await timeMs(() => s.search.query({ q, limit: 20 }));
      times.push(t.ms);
      if (t.value.hits.length) hits++;
    }
    const loaded = await s.search.stats();
    push(`Anfrage p50 (${qs.length} Anfragen, mit Snippets)`, percentile(times, 50), 'ms');
    push('Anfrage p95', percentile(times, 95), 'ms');
    push('Anfragen mit Treffern', hits / qs.length, '');
    push('Neuaufbau beim Start', loaded.counters.fullBuilds, '×', '0');
    push('Worker nach Anfragen (Heap + ArrayBuffers)', mem(loaded), 'MB');
    push('RSS nach Anfragen', rssMb(), 'MB');

    // ——— backup (the app's BackupService: online backup API, verified before it gets its name) ———
    const target = path.join(dir, 'sicherung.sqlite');
    const b = await withRssPeak(() => timeMs(() => s.backup.create({ kind: 'manual', target })));
    push('Sicherung (BackupService, inkl. Prüfung)', b.value.ms / 1000, 's');
    push('Sicherung Spitzen-RSS', b.peakMb, 'MB');
    // Checked once more here, independently of the service's own verification.
    const vt0 = performance.now();
    const copy = new Database(target, { readonly: true });
    const integrity = copy.pragma('integrity_check', { simple: true });
    const count = copy.prepare('SELECT count(*) FROM documents').pluck().get() as number;
    copy.close();
    if (integrity !== 'ok' || count !== N || b.value.value.documentCount !== N) {
      throw new Error(`Sicherung ungültig: integrity_check=${String(integrity)}, ${count} Dokumente`);
    }
    push('Sicherung nachprüfen (integrity_check + Anzahl)', (performance.now() - vt0) / 1000, 's');
    push('Sicherung Größe (geprüft)', fs.statSync(target).size / MB, 'MB');
    s.close();
    rows.push({ group: 'Prozess', metric: 'Spitzen-RSS gesamt (maxRSS)', value: process.resourceUsage().maxRSS / 1024, unit: 'MB' });
    return rows;
  },
};
export default bench;
