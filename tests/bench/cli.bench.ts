/**
 * Issue 14, item 1 (a CLI that starts at once): `quartierswissen --version`, `list --json` and
 * `search` as whole child processes, the way a user or a script calls them: wall time and peak
 * RSS (GNU time's "maximum resident set size"), and for `search` the time to its first result
 * line. The library holds the 2,229 shared speeches (or 300 generated documents without the
 * corpus) with a built index. Runs the bundled CLI (bin/quartierswissen.mjs → out/cli), built
 * fresh first. QW_BENCH_CLI_RUNS sets the runs per command (default 7; the median is reported).
 */
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createServices } from '../../electron/services/createServices';
import { MemoryEventSink, silentLogger, systemClock } from '../../electron/services/ports';
import { percentile, REPO_ROOT, type BenchModule, type BenchRow } from './benchKit';

const RUNS = Number(process.env.QW_BENCH_CLI_RUNS ?? 7);
const BIN = path.join(REPO_ROOT, 'bin', 'quartierswissen.mjs');
const GNU_TIME = '/usr/bin/time';

interface Run {
  wallMs: number;
  firstLineMs: number;
  peakRssMb: number;
  code: number | null;
}

/** One child process; wall time from spawn to exit, time to the first stdout line, peak RSS via GNU time. */
function runOnce(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  const withTime = fs.existsSync(GNU_TIME);
  const cmd = withTime ? GNU_TIME : process.execPath;
  const argv = withTime ? ['-f', 'QW_PEAK_KB=%M', process.execPath, BIN, ...args] : [BIN, ...args];
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    let firstLineMs = NaN;
    let stderr = '';
    const child = spawn(cmd, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (c: Buffer) => {
      if (Number.isNaN(firstLineMs) && c.includes(10)) firstLineMs = performance.now() - t0;
    });
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallMs = performance.now() - t0;
      const kb = /QW_PEAK_KB=(\d+)/.exec(stderr);
      if (code !== 0) reject(new Error(`quartierswissen ${args.join(' ')}: Code ${code}: ${stderr.slice(0, 500)}`));
      else resolve({ wallMs, firstLineMs, peakRssMb: kb ? Number(kb[1]) / 1024 : NaN, code });
    });
  });
}

function seedLibrary(dbPath: string, dir: string, corpusDir: string | null): number {
  const s = createServices({ paths: { resourcesDir: dir, backupsDir: dir }, events: new MemoryEventSink(), clock: systemClock, logger: silentLogger }, { dbPath });
  let n = 0;
  s.db.transaction(() => {
    if (corpusDir) {
      const lines = zlib.gunzipSync(fs.readFileSync(path.join(corpusDir, 'speeches.jsonl.gz'))).toString('utf8').split('\n').filter(Boolean);
      for (const l of lines) {
        const r = JSON.parse(l) as { id: string; title: string | null; speaker: string; text: string };
        s.documents.create({ kind: 'speech', title: r.title ?? `Rede von ${r.speaker}`, externalId: r.id, bodyText: r.text }, { silent: true });
        n++;
      }
    } else {
      for (; n < 300; n++) {
        s.documents.create({ kind: 'note', title: `Notiz ${n}`, bodyText: `Quartiersentwicklung im Stadtteil ${n}: Nachbarschaft, Wohnen und Beteiligung.` }, { silent: true });
      }
    }
  })();
  s.close();
  return n;
}

const bench: BenchModule = {
  title: 'Kommandozeile: Start und erste Antwort als ganzer Prozess (gebündelte CLI)',
  async run(ctx) {
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'bin', 'build-cli.mjs')], { stdio: 'ignore' });
    const dbPath = path.join(ctx.tmpDir, 'bibliothek.sqlite');
    const docs = seedLibrary(dbPath, ctx.tmpDir, ctx.corpusDir);
    const env = { ...process.env, QW_DB: dbPath };
    ctx.log(`${docs} Dokumente; Suchindex wird über die CLI aufgebaut …`);
    await runOnce(['search', 'Quartier', '--limit', '1'], env); // builds and stores the index once
    const g = `${docs} Dokumente, Index gebaut`;
    const rows: BenchRow[] = [];
    const commands: { label: string; args: string[]; wall?: string; rss?: string; first?: string }[] = [
      { label: '--version', args: ['--version'], wall: '≤ 150', rss: '≤ 80' },
      { label: 'list --json', args: ['list', '--json', '--limit', '20'] },
      { label: 'search', args: ['search', 'Zukunft Europa', '--limit', '10'], first: '≤ 600' },
    ];
    for (const c of commands) {
      const runs: Run[] = [];
      for (let i = 0; i < RUNS; i++) runs.push(await runOnce(c.args, env));
      const med = (f: (r: Run) => number) => percentile(runs.map(f), 50);
      rows.push({ group: g, metric: `${c.label}: Wanduhrzeit (Median von ${RUNS})`, value: med((r) => r.wallMs), unit: 'ms', target: c.wall });
      rows.push({ group: g, metric: `${c.label}: Spitze RSS (Median)`, value: med((r) => r.peakRssMb), unit: 'MB', target: c.rss });
      if (c.first) rows.push({ group: g, metric: `${c.label}: bis zur ersten Ergebniszeile (Median)`, value: med((r) => r.firstLineMs), unit: 'ms', target: c.first });
    }
    return rows;
  },
};
export default bench;
