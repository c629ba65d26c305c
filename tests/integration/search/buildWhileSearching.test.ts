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
  it('finds documents of the chunks published so far before the build has finished', { timeout: 180_000 }, async () => {
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

    // The rest of the build is not needed here (the next test sees a build through): stop it.
    e.close();
    await built;
  });
});

describe('the chunks of a build give way to its base', () => {
  it('publishes growing chunks while building, then searches the base alone', async () => {
    const l = lib();
    const words = ['Nachbarschaft', 'Quartiersfonds', 'Stadtteilbüro', 'Mietertreff', 'Spielplatz', 'Sprachcafé'];
    l.services.db.transaction(() => {
      for (let i = 0; i < 700; i++) {
        l.services.documents.create(
          { kind: 'note', title: `Notiz ${i}`, bodyText: `${words[i % words.length]} im Quartier ${i}: Treffen am Dienstag, Bericht Nummer ${i}.` },
          { silent: true },
        );
      }
    })();
    const seen: { done: number; total: number; docCount: number; segments: number }[] = [];
    const e = new SearchEngine(l.services.db, {
      chunkDocs: 100,
      batchSize: 50,
      onStatus: (s) => {
        if (s.building) seen.push({ ...s.building, docCount: s.docCount, segments: s.segments });
      },
    });
    engine = e;
    await e.ready();
    // Chunks of 100, 200, 400 documents (each twice the last), the last one the rest.
    expect(seen.map((s) => s.docCount)).toEqual([100, 300, 700]);
    expect(seen.map((s) => s.segments)).toEqual([1, 2, 3]);
    expect(seen.every((s) => s.total === 700 && s.done >= s.docCount)).toBe(true);
    expect(e.stats().counters.interimSegments).toBe(3);
    expect(e.status()).toMatchObject({ segments: 1, docCount: 700 });
    expect(e.status().building).toBeUndefined();
    const r = e.query({ q: 'Quartiersfonds', limit: 5 });
    expect(r.total).toBe(117);
    expect(r.building).toBeUndefined();
  });
});
