import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../../electron/cli/main';
import { openDatabase } from '../../../electron/services/db/openDatabase';
import { disposableLibraries } from '../../support/disposableLibraries';
import { CORPUS_DIR, HAS_CORPUS, REPO_ROOT, tempDir } from '../../support/testLibrary';

const dirs: string[] = [];
const lib = disposableLibraries();
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe.skipIf(!HAS_CORPUS)('corpus: ../shared/corpus/speeches.jsonl.gz', () => {
  it('imports all 2,229 speeches streamed from gzip, with speakers as people, then recognises them as duplicates', async () => {
    const l = lib();
    const file = path.join(CORPUS_DIR, 'speeches.jsonl.gz');
    const r = await l.services.importer.importPaths([file]);
    expect(r.failed).toEqual([]);
    expect(r.imported).toHaveLength(2229);
    expect(new Set(r.imported.map((d) => d.kind))).toEqual(new Set(['speech']));
    expect(r.imported[0]!.externalId).toBe('bundesregierung-0001');
    const people = l.services.people.listPeople();
    expect(people).toHaveLength(37);
    expect(people.find((p) => p.name === 'Angela Merkel')?.documentCount).toBe(843);
    const doc = l.services.documents.get(r.imported[0]!.id);
    expect(doc.collection).toBe('Bundesregierung');
    expect(doc.bodyText).not.toMatch(/[\u00AD\u200B\u00A0]/u);
    const events = l.events.events.filter((e) => e.event === 'documents.changed');
    expect(events.length).toBeLessThanOrEqual(Math.ceil(2229 / 250) + 5);
    const again = await l.services.importer.importPaths([file]);
    expect(again.duplicates).toHaveLength(2229);
    // One original per record (its own line), so deleting one speech deletes its words with it.
    expect(l.services.db.prepare('SELECT count(*) FROM originals').pluck().get()).toBe(2229);
    const ownLine = 'SELECT count(*) FROM documents d JOIN originals o ON o.sha256 = d.original_sha256 WHERE d.import_sha256 = d.original_sha256';
    expect(l.services.db.prepare(ownLine).pluck().get()).toBe(2229);
  });
});

describe('CLI: import and quotes', () => {
  it('import --json prints imported/duplicates/failed; quotes --speaker --json lists statements', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const db = path.join(dir, 'lib.sqlite');
    const press = path.join(REPO_ROOT, 'tests', 'fixtures', 'press');
    const files = ['01-quartiersfonds-nordstadt.txt', '07-tafel-wesertor.txt'].map((f) => path.join(press, f));
    const rec = path.join(dir, 'r.jsonl');
    fs.writeFileSync(rec, `${JSON.stringify({ id: 'x-1', text: 'Ein Datensatz mit genug Text für ein Dokument.', speaker: 'Eva Roth' })}\n`);
    const first = await cli(['--db', db, 'import', ...files, rec, path.join(dir, 'fehlt.txt'), '--json']);
    expect(first.code).toBe(1); // one file failed
    const report = JSON.parse(first.out) as Record<string, Record<string, unknown>[]>;
    expect(Object.keys(report)).toEqual(['imported', 'duplicates', 'failed']);
    expect(report.imported!.map((d) => Object.keys(d))).toEqual([
      ['id', 'externalId', 'title', 'kind'],
      ['id', 'externalId', 'title', 'kind'],
      ['id', 'externalId', 'title', 'kind'],
    ]);
    expect(report.imported!.map((d) => d.externalId)).toEqual([null, null, 'x-1']);
    expect(report.failed).toEqual([{ path: path.join(dir, 'fehlt.txt'), code: 'IO', message: 'Datei oder Ordner nicht gefunden.' }]);
    expect(first.err).toBe(''); // --json: no progress on stderr

    const second = await cli(['--db', db, 'import', files[0]!, '--json']);
    expect(second.code).toBe(0);
    const dup = JSON.parse(second.out) as Record<string, Record<string, unknown>[]>;
    expect(dup.imported).toEqual([]);
    expect(dup.duplicates).toEqual([{ ...report.imported![0], path: files[0] }]);

    const quotes = await cli(['--db', db, 'quotes', '--speaker', 'Albers', '--json']);
    expect(quotes.code).toBe(0);
    const list = JSON.parse(quotes.out) as Record<string, unknown>[];
    expect(list).toHaveLength(4);
    expect(Object.keys(list[0]!)).toEqual(['speaker', 'role', 'organisation', 'text', 'documentId']);
    expect(new Set(list.map((q) => q.speaker))).toEqual(new Set(['Miriam Albers']));

    const human = await cli(['--db', db, 'import', path.join(press, '02-gemeinwesenarbeit-ausbau.txt')]);
    expect(human.code).toBe(0);
    expect(human.err).toMatch(/1 importiert, 0 Duplikat\(e\), 0 Fehler/u);
    expect(human.err).toMatch(/1\/1 Dateien/u); // progress line
    expect((await cli(['--db', db, 'import', '--kind', 'unsinn', files[0]!])).code).toBe(2);
  });
});

describe('migration 0002 on a v1 library', () => {
  it('upgrades the shipped v1 fixture and adds the import columns', () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = path.join(dir, 'v1.sqlite');
    fs.copyFileSync(path.join(REPO_ROOT, 'tests', 'fixtures', 'library-v1.sqlite'), file);
    const { db, migrated } = openDatabase(file);
    expect(migrated).toContain(2);
    const cols = (db.pragma('table_info(documents)') as { name: string }[]).map((c) => c.name);
    expect(cols).toContain('import_sha256');
    expect((db.pragma('table_info(quotes)') as { name: string }[]).map((c) => c.name)).toContain('source_key');
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'quote_corrections'").get()).toBeDefined();
    db.close();
  });
});
