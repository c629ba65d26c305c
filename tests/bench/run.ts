/**
 * `npm run bench [-- NAME…]`: runs every `tests/bench/*.bench.ts` (or the named ones), prints one
 * table per module and writes `bench-results/<name>.json`. Not part of `npm test`: figures are
 * reported, not asserted.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { findCorpus, makeTmp, REPO_ROOT, type BenchModule, type BenchRow } from './benchKit';

function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Math.abs(v) >= 100) return v.toFixed(0);
  if (Math.abs(v) >= 10) return v.toFixed(1);
  return v.toFixed(3);
}

function printTable(title: string, rows: BenchRow[]): void {
  const cols = ['group', 'metric', 'value', 'unit', 'target'] as const;
  const cells = rows.map((r) => [r.group, r.metric, fmt(r.value), r.unit, r.target ?? '']);
  const widths = cols.map((c, i) => Math.max(c.length, ...cells.map((row) => row[i]!.length)));
  const line = (vals: string[]) => `| ${vals.map((v, i) => (i === 2 ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join(' | ')} |`;
  console.log(`\n## ${title}\n`);
  console.log(line([...cols]));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const c of cells) console.log(line(c));
}

const benchDir = path.join(REPO_ROOT, 'tests', 'bench');
const wanted = process.argv.slice(2);
const files = fs
  .readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();
if (files.length === 0) {
  console.error(`Keine Benchmarks gefunden${wanted.length ? ` für: ${wanted.join(', ')}` : ''}.`);
  process.exit(2);
}
const outDir = path.join(REPO_ROOT, 'bench-results');
fs.mkdirSync(outDir, { recursive: true });
const corpusDir = findCorpus();
console.log(`Node ${process.version}, ${process.platform}/${process.arch}; Korpus: ${corpusDir ?? 'nicht vorhanden'}`);
for (const file of files) {
  const name = file.replace(/\.bench\.ts$/, '');
  const mod = (await import(pathToFileURL(path.join(benchDir, file)).href)) as { default: BenchModule };
  const tmpDir = makeTmp(name);
  const t0 = performance.now();
  const rows = await mod.default.run({ tmpDir, corpusDir, log: (m) => console.error(`[${name}] ${m}`) });
  printTable(mod.default.title, rows);
  const result = { name, title: mod.default.title, date: new Date().toISOString(), node: process.version, seconds: (performance.now() - t0) / 1000, rows };
  fs.writeFileSync(path.join(outDir, `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
  fs.rmSync(tmpDir, { recursive: true, force: true });
}
console.log(`\nErgebnisse: ${path.relative(process.cwd(), outDir)}/`);
