/**
 * Issue 14, item 3 (search answers during a build): right after the shared speeches are imported,
 * the first build of the index publishes them chunk by chunk; a search issued after the first
 * chunk, while the build is still running, already finds documents. Checked by counters and by
 * the build's own progress, never by timing: the query runs in the build's pause after it
 * published a chunk (the build yields to queries between steps).
 */
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { IndexStatus } from '../../../shared/ipc/areas/search';
import { SearchEngine } from '../../../electron/services/search/SearchEngine';
import { disposableLibraries } from '../../support/disposableLibraries';
import { CORPUS_DIR, HAS_CORPUS } from '../../support/testLibrary';

const lib = disposableLibraries();
let engine: SearchEngine | null = null;
afterEach(() => {
  engine?.close();
  engine = null;
});

describe.skipIf(!HAS_CORPUS)('search during the first build (shared speeches)', () => {
  it('finds documents of the chunks published so far before the build has finished, then all of them', { timeout: 180_000 }, async () => {
    const l = lib();
    const imported = await l.services.importer.importPaths([path.join(CORPUS_DIR, 'speeches.jsonl.gz')]);
    expect(imported.imported).toHaveLength(2229);

    let firstChunk!: (s: IndexStatus) => void;
    const published = new Promise<IndexStatus>((resolve) => (firstChunk = resolve));
    const e = new SearchEngine(l.services.db, {
      chunkDocs: 250,
      onStatus: (s) => {
        if (s.building) firstChunk(s);
      },
    });
    engine = e;
    const built = e.ready();
    const status = await published;
    // The build is in its pause after publishing: not finished, part of the library findable.
    expect(e.stats().counters.merges).toBe(0);
    expect(e.stats().counters.interimSegments).toBe(1);
    expect(status.building!.total).toBe(2229);
    expect(status.building!.done).toBeGreaterThanOrEqual(250);
    expect(status.building!.done).toBeLessThan(2229);
    expect(status.docCount).toBeGreaterThanOrEqual(250);

    const during = e.query({ q: 'Zukunft Europa', limit: 10 });
    expect(during.hits.length).toBeGreaterThan(0);
    expect(during.total).toBeLessThanOrEqual(status.docCount);
    expect(during.building).toEqual(status.building);
    expect(e.stats().counters.merges).toBe(0);

    await built;
    const after = e.query({ q: 'Zukunft Europa', limit: 10 });
    expect(e.stats().counters.merges).toBe(1);
    expect(after.building).toBeUndefined();
    expect(e.status().building).toBeUndefined();
    expect(e.status().docCount).toBe(2229);
    expect(after.total).toBeGreaterThan(during.total);
    // The chunks are gone with the build: base only.
    expect(e.status().segments).toBe(1);
  });
});
