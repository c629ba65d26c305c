/**
 * Search benchmark (issue "German full-text search"): QUALITY of known-item queries built from the
 * real corpus, for Quartierswissen, plain lunr (English default pipeline) and SQLite FTS5
 * (unicode61 remove_diacritics 2, bm25, terms OR-ed), side by side in one run; and SPEED/MEMORY
 * beside FTS5 at the 2,229 real speeches and at 30,000 press-release-sized documents assembled
 * from corpus paragraphs. Query sets are generated programmatically with a fixed seed, from
 * properties of the texts only (never from our own analyzer), so they are not tuned to it.
 *
 * While iterating, QW_BENCH_QUICK=quality runs only the quality part, QW_BENCH_QUICK=1 (or
 * "speeches") the quality part and the speed part at the 2,229 speeches, without the 30,000
 * documents. QW_BENCH_PRESS=n sets the number of press-release-sized documents (default 30,000).
 * The generated queries are written to <tmp>/qw-search-bench-queries.json for failure analysis.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import lunr from 'lunr';
import { randomUUID } from 'node:crypto';
import { createServices, type Services } from '../../electron/services/createServices';
import { MemoryEventSink, silentLogger, systemClock } from '../../electron/services/ports';
import { fold, isStopWord, tokenize } from '../../electron/services/search/germanAnalyzer';
import { percentile, type BenchModule, type BenchRow } from './benchKit';
import { mulberry32 } from '../support/seededRandom';

interface Speech {
  id: string;
  speaker: string;
  text: string;
}
interface BenchDoc {
  ext: string;
  title: string;
  speaker: string;
  body: string;
}

// ——— corpus statistics (independent of the analyzer under test: plain folded surface words) ———

interface Stats {
  words: Map<string, number>[]; // per doc: folded word → tf
  df: Map<string, number>;
  surface: Map<string, string>; // folded → a surface form seen in the corpus
  docsWith: (w: string) => number[];
}

function corpusStats(docs: BenchDoc[]): Stats {
  const words: Map<string, number>[] = [];
  const df = new Map<string, number>();
  const surface = new Map<string, string>();
  const postings = new Map<string, number[]>();
  docs.forEach((d, i) => {
    const m = new Map<string, number>();
    for (const t of tokenize(d.body)) {
      if (t.kind !== 'word' || !/^[\p{L}]+$/u.test(t.text) || t.text.length < 3) continue;
      const f = fold(t.text);
      if (isStopWord(f)) continue;
      m.set(f, (m.get(f) ?? 0) + 1);
      if (!surface.has(f)) surface.set(f, t.text);
    }
    words.push(m);
    for (const w of m.keys()) {
      df.set(w, (df.get(w) ?? 0) + 1);
      let p = postings.get(w);
      if (!p) postings.set(w, (p = []));
      p.push(i);
    }
  });
  return { words, df, surface, docsWith: (w) => postings.get(w) ?? [] };
}

interface KnownItem {
  kind: 'a' | 'b' | 'c' | 'd' | 'e' | 'f' | 'g';
  q: string;
  target: number;
}

const KIND_LABEL: Record<KnownItem['kind'], string> = {
  a: '(a) Kompositum-Teil',
  b: '(b) Umlaut als ae/oe/ue/ss',
  c: '(c) Tippfehler',
  d: '(d) Ranking (häufige Wörter)',
  e: '(e) Redner + Thema',
  f: '(f) (e) als Frage',
  g: '(g) Wortpaar ohne Anführungszeichen',
};

function translit(s: string): string {
  return s.replace(/ä/g, 'ae').replace(/ö/g, 'oe').replace(/ü/g, 'ue').replace(/Ä/g, 'Ae').replace(/Ö/g, 'Oe').replace(/Ü/g, 'Ue').replace(/ß/g, 'ss');
}

const NEIGHBOURS: Record<string, string> = {
  a: 'sq', b: 'vn', c: 'xv', d: 'sf', e: 'wr', f: 'dg', g: 'fh', h: 'gj', i: 'uo', j: 'hk', k: 'jl', l: 'kö', m: 'n', n: 'bm',
  o: 'ip', p: 'oü', q: 'wa', r: 'et', s: 'ad', t: 'rz', u: 'zi', v: 'cb', w: 'qe', x: 'yc', y: 'x', z: 'tu',
};

function typo(word: string, rnd: () => number): string {
  const i = 1 + Math.floor(rnd() * (word.length - 2)); // never the first letter
  switch (Math.floor(rnd() * 4)) {
    case 0: // swap adjacent
      return word.slice(0, i) + word[i + 1]! + word[i]! + word.slice(i + 2);
    case 1: // drop
      return word.slice(0, i) + word.slice(i + 1);
    case 2: // double
      return word.slice(0, i) + word[i]! + word.slice(i);
    default: {
      const n = NEIGHBOURS[word[i]!.toLowerCase()] ?? 'e';
      return word.slice(0, i) + n[Math.floor(rnd() * n.length)]! + word.slice(i + 1);
    }
  }
}

function buildQueries(docs: BenchDoc[], st: Stats, perKind: number, seed: number): KnownItem[] {
  const rnd = mulberry32(seed);
  const N = docs.length;
  const out: KnownItem[] = [];
  const pick = <T>(a: T[]) => a[Math.floor(rnd() * a.length)]!;
  const docWords = (i: number, lo: number, hi: number, minLen = 5) =>
    [...st.words[i]!.keys()].filter((w) => w.length >= minLen && (st.df.get(w) ?? 0) >= lo && (st.df.get(w) ?? 0) <= hi);
  const both = (a: string, b: string) => {
    const sb = new Set(st.docsWith(b));
    return st.docsWith(a).filter((d) => sb.has(d));
  };
  const cap = (w: string) => st.surface.get(w) ?? w;
  const attempts = perKind * 200;
  // (a) a part that the target contains only inside a compound; plus a context word.
  const frequent = [...st.df].filter(([w, n]) => n >= 30 && w.length >= 6).map(([w]) => w);
  const frequentSet = new Set(frequent);
  // A compound modifier: a corpus word, perhaps with a Fugen-element, or a verb stem ("Wohn-").
  const isWord = (w: string) => w.length >= 3 && (st.df.get(w) ?? 0) >= 2;
  const isModifier = (m: string) =>
    ['', 's', 'es', 'n', 'en', 'e', 'er', 'ns'].some((f) => {
      if (!m.endsWith(f)) return false;
      const base = m.slice(0, m.length - f.length);
      return isWord(base) || isWord(`${base}en`) || isWord(`${base}e`) || isWord(`${base}n`);
    });
  for (let k = 0, made = 0; k < attempts && made < perKind; k++) {
    const i = Math.floor(rnd() * N);
    const words = [...st.words[i]!.keys()];
    const compounds = words.filter((w) => w.length >= 13 && (st.df.get(w) ?? 0) <= 20);
    if (compounds.length === 0) continue;
    const c = pick(compounds);
    // The head: the longest frequent standalone word that ends the compound, where the rest is a
    // word too (a modifier, perhaps with a Fugen-element): "Bundes|verbandes", not "Verz|errungen"
    // or "betr|üblichen" (a suffix that merely spells a word is not a compound part).
    let head: string | null = null;
    for (let s = 4; s <= c.length - 6; s++) {
      if (frequentSet.has(c.slice(s)) && isModifier(c.slice(0, s))) {
        head = c.slice(s);
        break;
      }
    }
    if (!head) continue;
    // Only inside the compound in this document (no standalone or inflected use of the part).
    if (words.some((w) => w.startsWith(head!) && w.length - head!.length <= 2)) continue;
    const ctx = docWords(i, 5, 80).filter((w) => !w.includes(head!) && !head!.includes(w));
    if (ctx.length === 0) continue;
    const cw = pick(ctx);
    const withBoth = st.docsWith(cw).filter((d) => [...st.words[d]!.keys()].some((w) => w.includes(head!)));
    if (withBoth.length !== 1 || withBoth[0] !== i) continue;
    out.push({ kind: 'a', q: `${cap(head)} ${cap(cw)}`, target: i });
    made++;
  }
  // (b) a word with ä/ö/ü/ß typed as ae/oe/ue/ss, plus a context word; the pair is unique.
  for (let k = 0, made = 0; k < attempts && made < perKind; k++) {
    const i = Math.floor(rnd() * N);
    const um = [...st.words[i]!.keys()].filter((w) => /ae|oe|ue|ss/.test(w) && /[äöüß]/i.test(cap(w)) && w.length >= 6 && (st.df.get(w) ?? 0) <= 150);
    if (um.length === 0) continue;
    const u = pick(um);
    const ctx = docWords(i, 3, 150).filter((w) => w !== u);
    if (ctx.length === 0) continue;
    const cw = pick(ctx);
    const docsBoth = both(u, cw);
    if (docsBoth.length !== 1) continue;
    out.push({ kind: 'b', q: `${translit(cap(u))} ${translit(cap(cw))}`, target: i });
    made++;
  }
  // (c) two words that only the target has together, one with a realistic typo.
  for (let k = 0, made = 0; k < attempts && made < perKind; k++) {
    const i = Math.floor(rnd() * N);
    const ws = docWords(i, 2, 100, 5);
    if (ws.length < 2) continue;
    const x = pick(ws);
    const y = pick(ws);
    if (x === y || both(x, y).length !== 1) continue;
    const [longer, other] = x.length >= y.length ? [x, y] : [y, x];
    if (longer.length < 7) continue;
    const t = typo(cap(longer), rnd);
    if (st.df.has(fold(t))) continue; // the typo must not be a real word of the corpus
    out.push({ kind: 'c', q: rnd() < 0.5 ? `${t} ${cap(other)}` : `${cap(other)} ${t}`, target: i });
    made++;
  }
  // (d) one or two words several documents contain; the target uses them clearly most.
  for (let k = 0, made = 0; k < attempts && made < perKind; k++) {
    const i = Math.floor(rnd() * N);
    const ws = docWords(i, 10, 300, 6).filter((w) => st.words[i]!.get(w)! >= 3);
    if (ws.length === 0) continue;
    const two = rnd() < 0.6 && ws.length >= 2;
    const x = pick(ws);
    const y = two ? pick(ws) : null;
    if (y === x) continue;
    const cands = y ? both(x, y) : st.docsWith(x);
    if (cands.length < 3) continue;
    const weight = (d: number) => {
      const m = st.words[d]!;
      const len = [...m.values()].reduce((s, n) => s + n, 0);
      // Density of the words in the document (a topic signal that ignores document length).
      return ((m.get(x) ?? 0) * (y ? m.get(y) ?? 0 : 1)) / (y ? len * len : len);
    };
    const ranked = cands.map((d) => [d, weight(d)] as const).sort((p, q) => q[1] - p[1]);
    if (ranked[0]![0] !== i || ranked[0]![1] < 2 * ranked[1]![1]) continue;
    out.push({ kind: 'd', q: y ? `${cap(x)} ${cap(y)}` : cap(x), target: i });
    made++;
  }
  // (e) the speaker's surname and a topic word that this speaker used only in the target.
  for (let k = 0, made = 0; k < attempts && made < perKind; k++) {
    const i = Math.floor(rnd() * N);
    const speaker = docs[i]!.speaker;
    const surname = speaker.split(/\s+/).pop()!;
    const ws = docWords(i, 3, 60, 6);
    if (ws.length === 0) continue;
    const t = pick(ws);
    const withT = st.docsWith(t);
    const sameSpeaker = withT.filter((d) => docs[d]!.speaker === speaker);
    if (sameSpeaker.length !== 1 || withT.length - 1 < 2) continue;
    out.push({ kind: 'e', q: `${surname} ${cap(t)}`, target: i });
    // The same need asked as a person asks it (not part of "gesamt", which stays comparable).
    out.push({ kind: 'f', q: `Was hat ${surname} zu ${cap(t)} gesagt?`, target: i });
    made++;
  }
  // (g) two adjacent words of the target, typed without quotes: many documents have both words,
  // only the target has them side by side (a remembered wording). Not part of "gesamt".
  const seqCache = new Map<number, string[]>();
  const seq = (d: number) => {
    let v = seqCache.get(d);
    if (!v) {
      v = tokenize(`${docs[d]!.title}\n${docs[d]!.body}`).filter((t) => /\p{L}/u.test(t.text)).map((t) => fold(t.text));
      seqCache.set(d, v);
    }
    return v;
  };
  const adjacent = (d: number, x: string, y: string) => {
    const v = seq(d);
    for (let j = 0; j + 1 < v.length; j++) if (v[j] === x && v[j + 1] === y) return true;
    return false;
  };
  for (let k = 0, made = 0; k < attempts && made < perKind; k++) {
    const i = Math.floor(rnd() * N);
    const v = seq(i);
    if (v.length < 2) continue;
    const j = Math.floor(rnd() * (v.length - 1));
    const [x, y] = [v[j]!, v[j + 1]!];
    if (x.length < 5 || y.length < 5 || x === y || isStopWord(x) || isStopWord(y)) continue;
    const withBoth = both(x, y);
    if (withBoth.length < 8 || withBoth.length > 300) continue;
    if (withBoth.filter((d) => adjacent(d, x, y)).length !== 1) continue;
    out.push({ kind: 'g', q: `${cap(x)} ${cap(y)}`, target: i });
    made++;
  }
  return out;
}

// ——— systems ———

interface System {
  name: string;
  search(q: string, limit: number): Promise<string[]> | string[];
}

function ftsQuery(q: string): string {
  const terms = q
    .split(/\s+/)
    .map((t) => t.replace(/"/g, ''))
    .filter((t) => /[\p{L}\p{N}]/u.test(t));
  return terms.map((t) => `"${t}"`).join(' OR ');
}

function openFts(file: string): Database.Database {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  return db;
}

function buildFts(file: string, docs: BenchDoc[]): Database.Database {
  const db = openFts(file);
  db.exec("CREATE VIRTUAL TABLE fts USING fts5(ext UNINDEXED, title, people, body, tokenize = 'unicode61 remove_diacritics 2')");
  const ins = db.prepare('INSERT INTO fts (ext, title, people, body) VALUES (?, ?, ?, ?)');
  db.transaction(() => {
    for (const d of docs) ins.run(d.ext, d.title, d.speaker, d.body);
  })();
  return db;
}

function ftsSearch(db: Database.Database): (q: string, limit: number) => string[] {
  const stmt = db.prepare('SELECT ext FROM fts WHERE fts MATCH ? ORDER BY bm25(fts) LIMIT ?').pluck();
  return (q, limit) => {
    const m = ftsQuery(q);
    if (!m) return [];
    try {
      return stmt.all(m, limit) as string[];
    } catch {
      return [];
    }
  };
}

function plainLunr(docs: BenchDoc[]): System {
  const idx = lunr(function () {
    this.ref('ext');
    this.field('title');
    this.field('people');
    this.field('body');
    for (const d of docs) this.add({ ext: d.ext, title: d.title, people: d.speaker, body: d.body });
  });
  return {
    name: 'lunr (Standard)',
    search: (q, limit) => {
      try {
        return idx
          .query((query) => {
            for (const t of lunr.tokenizer(q)) query.term(t.toString(), {});
          })
          .slice(0, limit)
          .map((r) => r.ref);
      } catch {
        return [];
      }
    },
  };
}

function makeServices(dbPath: string, dir: string): Services {
  return createServices(
    { paths: { resourcesDir: dir, backupsDir: dir }, events: new MemoryEventSink(), clock: systemClock, logger: silentLogger },
    { dbPath },
  );
}

function insertDocs(s: Services, docs: BenchDoc[], kind: 'speech' | 'press_release'): void {
  const now = new Date().toISOString();
  const person = s.db.prepare('INSERT OR IGNORE INTO people (id, name, normalized_name, created_at) VALUES (?, ?, ?, ?)');
  const pid = s.db.prepare('SELECT id FROM people WHERE normalized_name = ?').pluck();
  const link = s.db.prepare("INSERT OR IGNORE INTO document_people (document_id, person_id, relation) VALUES (?, ?, 'speaker')");
  s.db.transaction(() => {
    for (const d of docs) {
      const doc = s.documents.create({ kind, title: d.title, externalId: d.ext, collection: 'bench', bodyText: d.body }, { silent: true });
      person.run(randomUUID(), d.speaker, d.speaker.toLowerCase(), now);
      link.run(doc.id, pid.get(d.speaker.toLowerCase()));
    }
  })();
}

function qwSystem(s: Services): System {
  return {
    name: 'Quartierswissen',
    search: async (q, limit) => (await s.search.query({ q, limit })).hits.map((h) => h.externalId ?? ''),
  };
}

// ——— measurements ———

async function quality(systems: System[], queries: KnownItem[], docs: BenchDoc[]): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const kinds = [...new Set(queries.map((q) => q.kind))].sort();
  for (const sys of systems) {
    const per = new Map<string, { rr: number[]; s1: number; s10: number }>();
    for (const k of [...kinds, 'all']) per.set(k, { rr: [], s1: 0, s10: 0 });
    for (const q of queries) {
      const got = await sys.search(q.q, 10);
      const rank = got.indexOf(docs[q.target]!.ext);
      for (const k of q.kind === 'f' || q.kind === 'g' ? [q.kind] : [q.kind, 'all']) {
        const p = per.get(k)!;
        p.rr.push(rank >= 0 ? 1 / (rank + 1) : 0);
        if (rank === 0) p.s1++;
        if (rank >= 0) p.s10++;
      }
    }
    for (const k of [...kinds, 'all']) {
      const p = per.get(k)!;
      const n = p.rr.length;
      const label = k === 'all' ? 'gesamt' : KIND_LABEL[k as KnownItem['kind']];
      const g = `Qualität ${label} (n=${n})`;
      rows.push({ group: g, metric: `${sys.name} MRR@10`, value: p.rr.reduce((a, b) => a + b, 0) / n, unit: '', target: sys.name === 'Quartierswissen' ? (k === 'all' ? '≥ 0.90' : '> beide') : undefined });
      rows.push({ group: g, metric: `${sys.name} success@1`, value: p.s1 / n, unit: '' });
      rows.push({ group: g, metric: `${sys.name} success@10`, value: p.s10 / n, unit: '' });
    }
  }
  return rows;
}

async function timeQueries(search: (q: string) => Promise<unknown> | unknown, qs: string[]): Promise<{ p50: number; p95: number }> {
  for (const q of qs.slice(0, 10)) await search(q); // warm-up
  const times: number[] = [];
  for (const q of qs) {
    const t0 = performance.now();
    await search(q);
    times.push(performance.now() - t0);
  }
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
}

async function speed(label: string, docs: BenchDoc[], kind: 'speech' | 'press_release', queries: string[], tmp: string, log: (m: string) => void, targets: { p95: string; ready: string; heap: string }): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const g = label;
  const dir = fs.mkdtempSync(path.join(tmp, 'speed-'));
  const dbPath = path.join(dir, 'bibliothek.sqlite');
  let s = makeServices(dbPath, dir);
  const t0 = performance.now();
  insertDocs(s, docs, kind);
  log(`${label}: ${docs.length} Dokumente eingefügt (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  // Build: the worker builds the base from the library; sample its memory meanwhile. Honest
  // figure: V8 heap + ArrayBuffers (the segments' postings are typed arrays outside the V8 heap).
  // A synchronous step (the final segment build) cannot answer a sample, so the engine also
  // records the largest heap + ArrayBuffers at its own checkpoints (peakBuildMb).
  const mem = (st: { heapUsedMb: number; arrayBuffersMb: number }) => st.heapUsedMb + st.arrayBuffersMb;
  let peakHeap = 0;
  let peakMem = 0;
  const tb = performance.now();
  s.search.start();
  const done = s.search.whenIdle();
  let finished = false;
  void done.then(() => (finished = true));
  while (!finished) {
    await Promise.race([done, new Promise((r) => setTimeout(r, 500))]);
    if (!finished) {
      const st = await s.search.stats();
      peakHeap = Math.max(peakHeap, st.heapUsedMb);
      peakMem = Math.max(peakMem, mem(st));
    }
  }
  const built = await done;
  const buildMs = performance.now() - tb;
  peakHeap = Math.max(peakHeap, built.heapUsedMb);
  peakMem = Math.max(peakMem, mem(built), built.peakBuildMb);
  rows.push({ group: g, metric: 'Quartierswissen Index-Aufbau', value: buildMs / 1000, unit: 's' });
  const ph = built.counters.lastMergePhasesMs;
  rows.push({ group: g, metric: 'Quartierswissen Aufbau: lesen + zerlegen / analysieren / Segment / speichern', value: ph.scan / 1000, unit: `s / ${(ph.analyse / 1000).toFixed(2)} / ${(ph.segment / 1000).toFixed(2)} / ${(ph.store / 1000).toFixed(2)} s` });
  rows.push({ group: g, metric: 'Quartierswissen erster durchsuchbarer Teil nach Aufbau-Beginn', value: built.counters.lastFirstChunkMs / 1000, unit: 's' });
  rows.push({ group: g, metric: 'Quartierswissen Heap Worker (Spitze beim Aufbau, nur V8-Heap)', value: peakHeap, unit: 'MB' });
  rows.push({ group: g, metric: 'Quartierswissen Speicher Worker (Spitze beim Aufbau, Heap + ArrayBuffers)', value: peakMem, unit: 'MB', target: targets.heap });
  rows.push({ group: g, metric: 'Quartierswissen Segmente serialisiert', value: built.serializedBytes / 1024 / 1024, unit: 'MB' });
  log(`${label}: Index gebaut in ${(buildMs / 1000).toFixed(1)} s`);
  s.close();
  // Ready after start-up: services + worker + segments from SQLite + first answer.
  const tr = performance.now();
  s = makeServices(dbPath, dir);
  await s.search.query({ q: queries[0]!, limit: 10 });
  const readyMs = performance.now() - tr;
  const loaded = await s.search.stats();
  rows.push({ group: g, metric: 'Quartierswissen bereit nach Start (inkl. Worker-Start)', value: readyMs / 1000, unit: 's', target: targets.ready });
  rows.push({ group: g, metric: 'Quartierswissen Segmente laden (im Worker)', value: loaded.counters.lastLoadMs / 1000, unit: 's' });
  rows.push({ group: g, metric: 'Quartierswissen Neuaufbau beim Start', value: loaded.counters.fullBuilds, unit: '×', target: '0' });
  const qt = await timeQueries((q) => s.search.query({ q, limit: 10 }), queries);
  rows.push({ group: g, metric: 'Quartierswissen Anfrage p50 (mit Snippets)', value: qt.p50, unit: 'ms' });
  rows.push({ group: g, metric: 'Quartierswissen Anfrage p95 (mit Snippets)', value: qt.p95, unit: 'ms', target: targets.p95 });
  // Edit → findable, as a person polls.
  const ids = s.documents.list({ limit: 5 }).items.map((d) => d.id);
  const e2f: number[] = [];
  for (const [n, id] of ids.entries()) {
    const word = `Zeppelinbrunnenfest${'abcde'[n]}`;
    const te = performance.now();
    s.documents.update(id, { bodyText: `${s.documents.get(id).bodyText}\n${word} im Quartier.` });
    for (;;) {
      const r = await s.search.query({ q: word, limit: 1 });
      if (r.hits[0]?.id === id) break;
      if (performance.now() - te > 10_000) break;
      await new Promise((res) => setTimeout(res, 5));
    }
    e2f.push(performance.now() - te);
  }
  rows.push({ group: g, metric: 'Quartierswissen Bearbeitung→auffindbar (max von 5)', value: Math.max(...e2f), unit: 'ms', target: '≤ 1000' });
  const after = await s.search.stats();
  rows.push({ group: g, metric: 'Quartierswissen Heap Worker (geladen, nach Anfragen, nur V8-Heap)', value: after.heapUsedMb, unit: 'MB' });
  rows.push({ group: g, metric: 'Quartierswissen Speicher Worker (geladen, nach Anfragen, Heap + ArrayBuffers)', value: mem(after), unit: 'MB', target: targets.heap });
  s.close();

  // FTS5 on the same documents.
  const ftsFile = path.join(dir, 'fts.sqlite');
  const tf = performance.now();
  let fdb = buildFts(ftsFile, docs);
  const ftsBuild = performance.now() - tf;
  fdb.pragma('wal_checkpoint(TRUNCATE)');
  fdb.close();
  rows.push({ group: g, metric: 'FTS5 Index-Aufbau', value: ftsBuild / 1000, unit: 's' });
  const tfr = performance.now();
  fdb = openFts(ftsFile);
  let fs5 = ftsSearch(fdb);
  fs5(queries[0]!, 10);
  rows.push({ group: g, metric: 'FTS5 bereit nach Start', value: (performance.now() - tfr) / 1000, unit: 's' });
  const ftsSize = (fdb.pragma('page_count', { simple: true }) as number) * (fdb.pragma('page_size', { simple: true }) as number);
  rows.push({ group: g, metric: 'FTS5 Dateigröße (Text + Index)', value: ftsSize / 1024 / 1024, unit: 'MB' });
  const fq = await timeQueries((q) => fs5(q, 10), queries);
  rows.push({ group: g, metric: 'FTS5 Anfrage p50 (ohne Snippets)', value: fq.p50, unit: 'ms' });
  rows.push({ group: g, metric: 'FTS5 Anfrage p95 (ohne Snippets)', value: fq.p95, unit: 'ms' });
  const te = performance.now();
  fdb.prepare("UPDATE fts SET body = body || ' Zeppelinbrunnenfestz' WHERE rowid = 1").run();
  fs5 = ftsSearch(fdb);
  const found = fs5('Zeppelinbrunnenfestz', 1).length;
  const ftsE2f = found ? performance.now() - te : NaN;
  rows.push({ group: g, metric: 'FTS5 Bearbeitung→auffindbar', value: ftsE2f, unit: 'ms' });
  fdb.close();
  // Side by side, measured in this run (the machine's load affects both alike).
  rows.push({ group: g, metric: 'Verhältnis Index-Aufbau Quartierswissen / FTS5', value: buildMs / ftsBuild, unit: '×', target: '≤ 3' });
  rows.push({ group: g, metric: 'Verhältnis Anfrage p95 Quartierswissen (mit Snippets) / FTS5 (ohne)', value: qt.p95 / fq.p95, unit: '×' });
  rows.push({ group: g, metric: 'Verhältnis Bearbeitung→auffindbar Quartierswissen / FTS5', value: Math.max(...e2f) / ftsE2f, unit: '×' });
  fs.rmSync(dir, { recursive: true, force: true });
  return rows;
}

function loadSpeeches(corpusDir: string): Speech[] {
  return zlib
    .gunzipSync(fs.readFileSync(path.join(corpusDir, 'speeches.jsonl.gz')))
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Speech);
}

/** 30,000 press-release-sized documents (~4,000 characters) from consecutive corpus paragraphs. */
function pressReleases(speeches: Speech[], n: number, seed: number): BenchDoc[] {
  const rnd = mulberry32(seed);
  const paras = speeches.map((s) => s.text.split('\n').filter((p) => p.length > 80));
  const out: BenchDoc[] = [];
  for (let i = 0; i < n; i++) {
    const si = Math.floor(rnd() * speeches.length);
    const ps = paras[si]!;
    let j = Math.floor(rnd() * ps.length);
    let body = '';
    while (body.length < 4000) {
      body += `${ps[j % ps.length]!}\n`;
      j++;
      if (j - ps.length > ps.length) break;
    }
    body = body.slice(0, 4400);
    out.push({ ext: `pm-${String(i).padStart(5, '0')}`, title: body.split(/\s+/).slice(0, 8).join(' '), speaker: speeches[si]!.speaker, body });
  }
  return out;
}

const bench: BenchModule = {
  title: 'Suche: Qualität (bekannte Dokumente) und Geschwindigkeit, neben lunr und SQLite FTS5',
  async run({ tmpDir, corpusDir, log }) {
    if (!corpusDir) {
      log('Korpus fehlt (../shared/corpus): Suche-Benchmark übersprungen.');
      return [];
    }
    const speeches = loadSpeeches(corpusDir);
    const docs: BenchDoc[] = speeches.map((s, i) => ({ ext: s.id, title: `Rede ${i + 1}`, speaker: s.speaker, body: s.text }));
    const st = corpusStats(docs);
    const queries = buildQueries(docs, st, 40, 20240611);
    log(`${queries.length} Anfragen erzeugt: ${[...new Set(queries.map((q) => q.kind))].map((k) => `${k}=${queries.filter((q) => q.kind === k).length}`).join(', ')}`);
    fs.writeFileSync(path.join(tmpDir, '..', 'qw-search-bench-queries.json'), JSON.stringify(queries.map((q) => ({ ...q, target: docs[q.target]!.ext })), null, 1));

    // QUALITY: the three systems on the 2,229 speeches.
    const dir = fs.mkdtempSync(path.join(tmpDir, 'quality-'));
    const s = makeServices(path.join(dir, 'bibliothek.sqlite'), dir);
    insertDocs(s, docs, 'speech');
    await s.search.whenIdle();
    const fdb = buildFts(path.join(dir, 'fts.sqlite'), docs);
    const fts = ftsSearch(fdb);
    log('lunr (Standard) wird aufgebaut …');
    const plain = plainLunr(docs);
    const rows = await quality([qwSystem(s), plain, { name: 'FTS5', search: fts }], queries, docs);
    s.close();
    fdb.close();

    // SPEED and MEMORY.
    const quick = process.env.QW_BENCH_QUICK;
    if (quick === 'quality') return rows;
    const timing = queries.filter((q) => q.kind !== 'f' && q.kind !== 'g').map((q) => q.q);
    rows.push(...(await speed('2.229 Reden', docs, 'speech', timing, tmpDir, log, { p95: '≤ 10', ready: '≤ 2', heap: '≤ 300' })));
    if (quick) return rows;
    const press = pressReleases(speeches, Number(process.env.QW_BENCH_PRESS ?? 30_000), 7);
    rows.push(...(await speed(`${press.length.toLocaleString('de-DE')} Pressemitteilungen`, press, 'press_release', timing, tmpDir, log, { p95: '≤ 50', ready: '≤ 5', heap: '≤ 1536' })));
    return rows;
  },
};

export default bench;
