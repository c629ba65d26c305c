import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { disposableLibraries } from '../../support/disposableLibraries';
import { REPO_ROOT } from '../../support/testLibrary';

/**
 * Title, publisher and kind as a person would state them (issue 18 §3), measured on two sets of
 * small documents in different layouts: `blind` was written and frozen before any rule was tuned
 * and is only measured; `dev` is what the rules were tuned on.
 */
const SETS = path.join(REPO_ROOT, 'tests', 'fixtures', 'metadata');
const lib = disposableLibraries();

interface Expected {
  title: string;
  publisher: string | null;
  kind: string;
}

const norm = (s: string | null | undefined) => (s ?? '').normalize('NFC').replace(/\s+/gu, ' ').trim().toLowerCase();

async function measure(set: string) {
  const dir = path.join(SETS, set);
  const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Record<string, Expected>;
  const l = lib();
  const names = Object.keys(expected);
  const r = await l.services.importer.importPaths(names.map((n) => path.join(dir, n)));
  expect(r.failed).toEqual([]);
  const score = { title: 0, publisher: 0, kind: 0, all: 0 };
  const misses: string[] = [];
  for (const name of names) {
    const id = l.services.db.prepare('SELECT id FROM documents WHERE source = ?').pluck().get(name) as string;
    const doc = l.services.documents.get(id);
    const e = expected[name]!;
    const ok = { title: norm(doc.title) === norm(e.title), publisher: norm(doc.publisher) === norm(e.publisher), kind: doc.kind === e.kind };
    for (const k of ['title', 'publisher', 'kind'] as const) if (ok[k]) score[k]++;
    if (ok.title && ok.publisher && ok.kind) score.all++;
    else misses.push(`${name}: ${JSON.stringify({ title: doc.title, publisher: doc.publisher, kind: doc.kind })}`);
  }
  const n = names.length;
  const figures = { title: score.title / n, publisher: score.publisher / n, kind: score.kind / n, all: score.all / n };
  console.log(`metadata ${set} (${n}): title ${figures.title.toFixed(2)} publisher ${figures.publisher.toFixed(2)} kind ${figures.kind.toFixed(2)} all three ${figures.all.toFixed(2)}\n  ${misses.join('\n  ')}`);
  return figures;
}

describe('metadata rules: title, publisher, kind', () => {
  // Frozen in 033152c before any rule was written; measured with the old rules 0.80 / 0.80 / 0.50
  // (all three 0.50), once after tuning on `dev` 1.00 / 0.95 / 0.95 (all three 0.90) — the blind
  // figure. Later a bug was fixed that the measurement had shown (a protocol's publisher taken from
  // the press-release analysis, which only press kinds use by design): 1.00 / 1.00 / 0.95 since, a
  // figure no longer blind. The floors keep the blind figure; the set is not tuned on.
  it('blind set (frozen before tuning; measured once, floors only)', async () => {
    const f = await measure('blind');
    expect(f.title).toBeGreaterThanOrEqual(0.95);
    expect(f.publisher).toBeGreaterThanOrEqual(0.9);
    expect(f.kind).toBeGreaterThanOrEqual(0.9);
  });
});

describe('metadata rules: development set (tuned on)', () => {
  it('dev set', async () => {
    const f = await measure('dev');
    expect(f.all).toBe(1);
  });
});
