import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { build } from 'esbuild';
import { createServices, type Services } from '../../../electron/services/createServices';
import { MemoryEventSink, silentLogger, systemClock } from '../../../electron/services/ports';
import { mulberry32 } from '../seededRandom';
import { REPO_ROOT } from '../testLibrary';
import type { ChildArgs } from './autosaveChild';

/**
 * Bundles the child once (esbuild, better-sqlite3 left external and resolved to this checkout),
 * so every spawn is a plain `node child.mjs` that starts in ~0.1 s instead of tsx compiling anew.
 */
export async function bundleChild(outDir: string): Promise<string> {
  const outfile = path.join(outDir, 'autosaveChild.mjs');
  const resolveHere = createRequire(path.join(REPO_ROOT, 'package.json'));
  await build({
    entryPoints: [path.join(REPO_ROOT, 'tests', 'support', 'crash', 'autosaveChild.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    outfile,
    logLevel: 'error',
    plugins: [
      {
        name: 'native-external',
        setup(b) {
          // The native addon cannot be bundled; an absolute path works from any temp folder.
          b.onResolve({ filter: /^better-sqlite3$/ }, () => ({ path: resolveHere.resolve('better-sqlite3'), external: true }));
        },
      },
    ],
  });
  return outfile;
}

export type KillMode = 'start' | 'ack' | 'timed';

export interface CycleResult {
  mode: KillMode;
  ready: { synchronous: number; journalMode: string } | null;
  /** Tokens whose save was acknowledged before the kill. */
  acked: { y: string[]; d: string[] };
  stderr: string;
  exitedByItself: boolean;
}

/** Spawns one child and kills it with SIGKILL at a moment chosen by `mode`. */
export function runCycle(
  childFile: string,
  args: ChildArgs,
  mode: KillMode,
  rnd: () => number,
): Promise<CycleResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [childFile, JSON.stringify(args)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const result: CycleResult = { mode, ready: null, acked: { y: [], d: [] }, stderr: '', exitedByItself: true };
    let buffer = '';
    let killed = false;
    const kill = () => {
      if (killed) return;
      killed = true;
      result.exitedByItself = false;
      child.kill('SIGKILL');
    };
    const ackTarget = 1 + Math.floor(rnd() * 30);
    const delayMs = Math.floor(rnd() * 60);
    let acks = 0;
    const guard = setTimeout(kill, 15_000); // a child that hangs is killed too (and reported below)
    if (mode === 'start') setTimeout(kill, Math.floor(rnd() * 120));
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        // Only lines read before the kill count as acknowledged.
        if (killed) continue;
        const m = /^ack ([yd]) (\d+)$/.exec(line);
        if (m) {
          result.acked[m[1] as 'y' | 'd'].push(`[${m[1]}${args.cycle}.${m[2]}]`);
          if (mode === 'ack' && ++acks >= ackTarget) kill();
        } else if (line.startsWith('ready ')) {
          const [, sync, journal] = line.split(' ');
          result.ready = { synchronous: Number(sync), journalMode: journal ?? '' };
          if (mode === 'timed') setTimeout(kill, delayMs);
        }
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (c: string) => (result.stderr += c));
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(guard);
      resolve(result);
    });
  });
}

export function crashPorts(dir: string) {
  return {
    paths: { resourcesDir: path.join(REPO_ROOT, 'resources'), backupsDir: path.join(dir, 'Sicherungen') },
    events: new MemoryEventSink(),
    clock: systemClock,
    logger: silentLogger,
  };
}

/** Opens the library as the app does after a crash: the real composition root and openDatabase. */
export function reopen(dir: string, dbPath: string): Services {
  return createServices(crashPorts(dir), { dbPath, appVersion: '0.0.0-test' });
}

export interface Verification {
  integrity: string;
  /** Set when opening had to replace a damaged library by a backup: a crash must never cause that. */
  recovery: string | null;
  missing: string[];
}

/** Every acknowledged token of the draft (as loaded by CollabService) and of the document. */
export function verify(s: Services, draftId: string, docId: string, acked: { y: Iterable<string>; d: Iterable<string> }): Verification {
  const notice = s.backup.currentNotice();
  const recovery = notice ? `${notice.kind}: ${notice.message}` : null;
  const integrity = (s.db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check).join('; ');
  const tokens = (text: string) => new Set(text.match(/\[[yd]\d+\.\d+\]/g) ?? []);
  const inDraft = tokens(s.collab.drafts.plainText(draftId));
  const inDoc = tokens(s.documents.get(docId).bodyText);
  const missing = [...[...acked.y].filter((t) => !inDraft.has(t)), ...[...acked.d].filter((t) => !inDoc.has(t))];
  return { integrity, recovery, missing };
}

export function walBytes(dbPath: string): number {
  try {
    return fs.statSync(`${dbPath}-wal`).size;
  } catch {
    return 0;
  }
}

export interface LaneOptions {
  dir: string;
  childFile: string;
  kills: number;
  seed: number;
  /** A fresh draft (and document) every this many cycles, so a child loads a realistic draft. */
  rotateEvery?: number;
}

export interface LaneReport {
  kills: number;
  byMode: Record<KillMode, number>;
  ackedSaves: number;
  maxWalBytes: number;
  drafts: number;
  failures: string[];
}

/**
 * One lane: the same library file through `kills` kill/reopen cycles. After every kill it checks
 * the -wal file left behind, integrity, and that every acknowledged token is there.
 */
export async function runLane(o: LaneOptions): Promise<LaneReport> {
  const rnd = mulberry32(o.seed);
  const dbPath = path.join(o.dir, 'bibliothek.sqlite');
  const report: LaneReport = { kills: 0, byMode: { start: 0, ack: 0, timed: 0 }, ackedSaves: 0, maxWalBytes: 0, drafts: 0, failures: [] };
  const all: { draft: string; doc: string; y: Set<string>; d: Set<string> }[] = [];
  const fresh = (s: Services) => {
    const draft = s.collab.drafts.createDraft({ title: `Absturztest ${all.length + 1}`, kind: 'note', template: 'empty' }).id;
    const doc = s.documents.create({ kind: 'press_release', title: `Pressemitteilung ${all.length + 1}`, bodyText: 'Anfang.' }).id;
    all.push({ draft, doc, y: new Set(), d: new Set() });
    report.drafts++;
  };
  let s = reopen(o.dir, dbPath);
  fresh(s);
  s.close();
  const rotate = o.rotateEvery ?? 40;
  for (let cycle = 1; cycle <= o.kills; cycle++) {
    const cur = all[all.length - 1]!;
    const r = rnd();
    const mode: KillMode = r < 0.15 ? 'start' : r < 0.55 ? 'ack' : 'timed';
    const res = await runCycle(o.childFile, { db: dbPath, draft: cur.draft, doc: cur.doc, cycle, seed: Math.floor(rnd() * 2 ** 31) }, mode, rnd);
    if (res.exitedByItself) {
      report.failures.push(`Zyklus ${cycle}: Kind endete von selbst: ${res.stderr.slice(0, 2000)}`);
      break;
    }
    report.kills++;
    report.byMode[mode]++;
    if (res.ready && (res.ready.synchronous !== 2 || res.ready.journalMode !== 'wal')) {
      report.failures.push(`Zyklus ${cycle}: Kind speicherte mit synchronous=${res.ready.synchronous}, journal_mode=${res.ready.journalMode}`);
    }
    for (const t of res.acked.y) cur.y.add(t);
    for (const t of res.acked.d) cur.d.add(t);
    report.ackedSaves += res.acked.y.length + res.acked.d.length;
    const wal = walBytes(dbPath);
    report.maxWalBytes = Math.max(report.maxWalBytes, wal);
    s = reopen(o.dir, dbPath);
    try {
      const v = verify(s, cur.draft, cur.doc, cur);
      if (v.recovery) report.failures.push(`Zyklus ${cycle} (${mode}): beim Öffnen wiederhergestellt (${v.recovery})`);
      if (v.integrity !== 'ok') report.failures.push(`Zyklus ${cycle} (${mode}): integrity_check = ${v.integrity}`);
      if (v.missing.length) report.failures.push(`Zyklus ${cycle} (${mode}): ${v.missing.length} bestätigte Änderungen fehlen: ${v.missing.slice(0, 5).join(' ')}`);
      if (cycle % rotate === 0 && cycle < o.kills) fresh(s);
    } finally {
      s.close();
    }
    if (report.failures.length) break;
  }
  // Last look at every draft of the lane, not only the current one.
  s = reopen(o.dir, dbPath);
  try {
    for (const a of all) {
      const v = verify(s, a.draft, a.doc, a);
      if (v.missing.length) report.failures.push(`Entwurf ${a.draft}: ${v.missing.length} bestätigte Änderungen fehlen am Ende`);
    }
  } finally {
    s.close();
  }
  return report;
}

/** The crash test's kill count: QW_CRASH_KILLS, else `fallback` (100 in `npm test`, 1,000 in the durability bench). */
export function crashKills(fallback: number): number {
  const n = Number(process.env.QW_CRASH_KILLS ?? fallback);
  if (!Number.isInteger(n) || n < 2) throw new Error(`QW_CRASH_KILLS muss eine ganze Zahl ≥ 2 sein, nicht „${process.env.QW_CRASH_KILLS}“`);
  return n;
}

export interface CrashRunReport {
  kills: number;
  ackedSaves: number;
  maxWalBytes: number;
  drafts: number;
  byMode: Record<KillMode, number>;
  failures: string[];
  seconds: number;
}

/**
 * The whole crash run, as the test (tests/integration/durability/crashSafety.test.ts) and the
 * durability bench both do it: `kills` SIGKILLs spread over `lanes` lanes, each with its own
 * library file under `root`, run side by side.
 */
export async function runCrashLanes(root: string, childFile: string, kills: number, lanes = 2): Promise<CrashRunReport> {
  const t0 = performance.now();
  const perLane = Array.from({ length: lanes }, (_, i) => Math.floor(kills / lanes) + (i < kills % lanes ? 1 : 0));
  const reports = await Promise.all(
    perLane.map((n, lane) => {
      const dir = path.join(root, `spur-${lane + 1}`);
      fs.mkdirSync(dir);
      return runLane({ dir, childFile, kills: n, seed: 7001 + lane });
    }),
  );
  const sum = (f: (r: LaneReport) => number) => reports.reduce((n, r) => n + f(r), 0);
  return {
    kills: sum((r) => r.kills),
    ackedSaves: sum((r) => r.ackedSaves),
    maxWalBytes: Math.max(...reports.map((r) => r.maxWalBytes)),
    drafts: sum((r) => r.drafts),
    byMode: { start: sum((r) => r.byMode.start), ack: sum((r) => r.byMode.ack), timed: sum((r) => r.byMode.timed) },
    failures: reports.flatMap((r) => r.failures),
    seconds: (performance.now() - t0) / 1000,
  };
}
