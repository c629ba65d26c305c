#!/usr/bin/env node
// Builds the `quartierswissen` CLI into out/cli/ with esbuild (it comes with vite): one ESM entry
// (quartierswissen.js), the search worker beside it (SearchService loads ./searchWorker.js), and
// one chunk per command, loaded only when that command runs. npm packages stay external (they
// are resolved from node_modules at run time; better-sqlite3 is native anyway).
//
// Every output file sits directly in out/cli/: the code finds the checkout root two folders up
// from its own file (electron/cli/io.ts), which holds for electron/cli/ and out/cli/ alike.
//
// `npm run build:cli`, `npm run build` and `npm install` (prepare) run it; bin/quartierswissen.mjs
// runs it too when the built CLI is missing or older than its sources.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const OUT_DIR = path.join(ROOT, 'out', 'cli');
export const ENTRY = path.join(OUT_DIR, 'quartierswissen.js');
/** Written last: its presence means a complete build (an interrupted one leaves none). */
export const STAMP = path.join(OUT_DIR, 'build.json');
/** Folders whose files go into the CLI (their newest file is compared with the stamp). */
export const SOURCE_DIRS = ['electron', 'shared'].map((d) => path.join(ROOT, d));

/** Newest modification time (ms) among the .ts/.json files under the source folders. */
export function newestSourceMtime() {
  let newest = 0;
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|json)$/.test(e.name)) newest = Math.max(newest, fs.statSync(p).mtimeMs);
    }
  };
  for (const d of SOURCE_DIRS) if (fs.existsSync(d)) walk(d);
  return newest;
}

/** True when out/cli holds a complete build at least as new as every source file. */
export function isFresh() {
  let stamp;
  try {
    stamp = JSON.parse(fs.readFileSync(STAMP, 'utf8'));
  } catch {
    return false;
  }
  return typeof stamp.sourceMtime === 'number' && stamp.sourceMtime >= newestSourceMtime() && fs.existsSync(ENTRY);
}

export async function buildCli() {
  const { build } = await import('esbuild');
  const sourceMtime = newestSourceMtime();
  // Built beside, then moved in: a CLI running meanwhile never sees half a build.
  const tmp = `${OUT_DIR}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  await build({
    absWorkingDir: ROOT,
    entryPoints: [
      { in: 'electron/cli/main.ts', out: 'quartierswissen' },
      { in: 'electron/services/search/searchWorker.ts', out: 'searchWorker' },
    ],
    outdir: tmp,
    bundle: true,
    splitting: true,
    chunkNames: '[name]-[hash]',
    format: 'esm',
    platform: 'node',
    target: 'node22',
    packages: 'external',
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'error',
  });
  fs.writeFileSync(path.join(tmp, path.basename(STAMP)), `${JSON.stringify({ builtAt: new Date().toISOString(), sourceMtime })}\n`);
  // Moved in file by file, the stamp last. Chunks of an earlier build stay a while: a CLI started
  // before this build may still load one (their names carry their content hash, so nothing clashes).
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const fresh = new Set(fs.readdirSync(tmp));
  for (const f of [...fresh].filter((f) => f !== path.basename(STAMP))) fs.renameSync(path.join(tmp, f), path.join(OUT_DIR, f));
  fs.renameSync(path.join(tmp, path.basename(STAMP)), STAMP);
  fs.rmSync(tmp, { recursive: true, force: true });
  const hour = Date.now() - 60 * 60 * 1000;
  for (const f of fs.readdirSync(OUT_DIR)) {
    const p = path.join(OUT_DIR, f);
    if (!fresh.has(f) && fs.statSync(p).mtimeMs < hour) fs.rmSync(p, { force: true });
  }
  return ENTRY;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const t0 = performance.now();
  try {
    await buildCli();
    console.log(`CLI gebaut: ${path.relative(process.cwd(), ENTRY)} (${Math.round(performance.now() - t0)} ms)`);
  } catch (err) {
    // `npm install` (prepare) must not fail over it: bin/quartierswissen.mjs builds on first use.
    if (!process.argv.includes('--if-possible')) throw err;
    console.warn(`CLI nicht gebaut (${err instanceof Error ? err.message.split('\n')[0] : String(err)}); bin/quartierswissen.mjs baut sie beim ersten Aufruf.`);
  }
}
