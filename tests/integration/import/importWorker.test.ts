import fs from 'node:fs';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../electron/services/createServices';
import { MemoryEventSink, silentLogger, systemClock } from '../../../electron/services/ports';
import type { ImportProgress } from '../../../shared/domain/import';
import { changedTables, dbDigest } from '../../support/dbDigest';
import { REPO_ROOT, tempDir } from '../../support/testLibrary';

/**
 * Issue 17.1: imports run in a worker thread. The main thread (the window's IPC, in the app)
 * stays responsive during a large import, events reach it as before (search index, progress),
 * and a cancel ends the import within about a second. Real library file, real worker, real readers.
 */

const open: { services: Services; dir: string }[] = [];
afterEach(() => {
  while (open.length) {
    const { services, dir } = open.pop()!;
    services.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

function library(extra: { importWorkerHeapMb?: number } = {}): { services: Services; events: MemoryEventSink; dir: string } {
  const dir = tempDir('qw-import-worker-');
  const events = new MemoryEventSink();
  const services = createServices(
    { paths: { resourcesDir: path.join(REPO_ROOT, 'resources'), backupsDir: path.join(dir, 'Sicherungen') }, events, clock: systemClock, logger: silentLogger },
    { dbPath: path.join(dir, 'bibliothek.sqlite'), importInWorker: true, ...extra },
  );
  open.push({ services, dir });
  return { services, events, dir };
}

const PARAGRAPH =
  'Die Stadtteilkonferenz Nordweststadt berät über den Quartiersfonds. Jede Nachbarschaft soll mitreden können, auch ' +
  'die Initiativen am Marktplatz. Der Ortsbeirat unterstützt das Vorhaben ausdrücklich.\n\n';

/** JSON Lines of `n` press-release-like records of about `size` characters each. */
function jsonl(file: string, n: number, size: number, prefix = path.basename(file, '.jsonl')): string {
  const body = PARAGRAPH.repeat(Math.ceil(size / PARAGRAPH.length)).slice(0, size);
  const lines: string[] = [];
  for (let i = 0; i < n; i++) lines.push(JSON.stringify({ id: `${prefix}-${i}`, title: `Mitteilung ${prefix} ${i}`, text: `${prefix} ${i}. ${body}` }));
  fs.writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

describe('imports in a worker thread', () => {
  it('keep the main thread responsive through a 10 MB import, and its documents are stored and announced', async () => {
    const { services, events, dir } = library();
    const file = jsonl(path.join(dir, 'archiv.jsonl'), 1_000, 10_200);
    expect(fs.statSync(file).size).toBeGreaterThan(10_000_000);
    // What this machine does to an idle event loop (other test files, other processes) is the
    // baseline; the import may add at most 50 ms to it (issue 17: ≤ 50 ms during any import).
    const idle = monitorEventLoopDelay({ resolution: 5 });
    idle.enable();
    await new Promise((r) => setTimeout(r, 1_000));
    idle.disable();
    const baselineMs = idle.percentile(99) / 1e6;
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const report = await services.importer.importPaths([file]);
    delay.disable();
    expect(report.failed).toEqual([]);
    expect(report.imported).toHaveLength(1_000);
    expect(services.documents.countByKind().total).toBe(1_000);
    // The worker's events went through the main thread's bus: progress and saved documents.
    expect(events.events.some((e) => e.event === 'import.progressed')).toBe(true);
    expect(events.events.filter((e) => e.event === 'documents.changed').length).toBeGreaterThan(0);
    const maxMs = delay.max / 1e6;
    const p99Ms = delay.percentile(99) / 1e6;
    console.info(`Ereignisschleife während des Imports: p99 ${p99Ms.toFixed(1)} ms, max ${maxMs.toFixed(1)} ms (ohne Import p99 ${baselineMs.toFixed(1)} ms)`);
    expect(p99Ms).toBeLessThanOrEqual(baselineMs + 50);
    // The search index learns of them as before.
    services.search.start();
    await services.search.whenIdle();
    const hits = await services.search.query({ q: 'Quartiersfonds', limit: 5 });
    expect(hits.total).toBe(1_000);
  });

  it('stop within about a second after a cancel, keeping what was written', async () => {
    const { services, events, dir } = library();
    const file = jsonl(path.join(dir, 'gross.jsonl'), 8_000, 2_000);
    const run = services.importer.importPaths([file]);
    await new Promise<void>((resolve) => {
      const check = setInterval(() => {
        const seen = events.events.filter((e) => e.event === 'import.progressed').map((e) => e.payload as ImportProgress);
        if (seen.some((p) => p.imported > 0)) {
          clearInterval(check);
          resolve();
        }
      }, 10);
    });
    const cancelledAt = performance.now();
    expect(services.importer.cancel().cancelled).toBe(1);
    const outcome = await run.then(
      (report) => ({ report, error: null }),
      (error: unknown) => ({ report: null, error }),
    );
    const tookMs = performance.now() - cancelledAt;
    console.info(`Abbruch wirksam nach ${tookMs.toFixed(0)} ms`);
    expect(tookMs).toBeLessThan(1_500);
    const stored = services.documents.countByKind().total;
    expect(stored).toBeLessThan(8_000);
    if (outcome.report) {
      expect(outcome.report.cancelled).toBe(true);
      // What the report acknowledges is stored.
      expect(stored).toBeGreaterThanOrEqual(outcome.report.imported.length);
      for (const item of outcome.report.imported.slice(0, 50)) expect(services.documents.get(item.id).title).toBe(item.title);
    } else {
      expect(outcome.error).toMatchObject({ code: 'CANCELLED' });
    }
    // A new import runs afterwards (a new worker if the old one had to be stopped).
    const again = await services.importer.importPaths([jsonl(path.join(dir, 'klein.jsonl'), 3, 500)]);
    expect(again.imported.length + again.duplicates.length).toBe(3);
  });

  it('end a memory bomb with TOO_LARGE naming the file; the app lives on and the library is unchanged', async () => {
    // The mechanism at a smaller scale: a 256 MB heap and an HTML file that jsdom would need well
    // over a gigabyte for (the app's cap is IMPORT_WORKER_HEAP_MB for the same reason).
    const { services, dir } = library({ importWorkerHeapMb: 256 });
    const first = await services.importer.importPaths([jsonl(path.join(dir, 'vorher.jsonl'), 2, 400)]);
    expect(first.imported).toHaveLength(2);
    const before = dbDigest(services.db);
    const bomb = path.join(dir, 'bombe.html');
    fs.writeFileSync(bomb, `<!doctype html><title>Bombe</title><body>${'<p><b>Absatz</b> mit <i>Text</i></p>'.repeat(150_000)}</body>`);
    const outcome = await services.importer.importPaths([bomb]).then(
      () => null,
      (err: unknown) => err,
    );
    expect(outcome).toMatchObject({ code: 'TOO_LARGE', details: { file: bomb, limitMb: 256 } });
    expect(changedTables(before, dbDigest(services.db))).toEqual([]);
    // The next import gets a fresh worker.
    const after = await services.importer.importPaths([jsonl(path.join(dir, 'nachher.jsonl'), 1, 400)]);
    expect(after.imported.length + after.duplicates.length).toBe(1);
  });
});
