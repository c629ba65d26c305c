import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../../../electron/cli/main';
import { libraryFiles, marker, openServices, scanFiles } from '../deletion/deletionKit';
import { tempDir } from '../../support/testLibrary';

async function cli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

let dir: string | null = null;
afterEach(() => {
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  dir = null;
});

describe('quartierswissen trash', () => {
  it('lists, restores and empties the trash; emptying leaves no word in the file or the index', { timeout: 60_000 }, async () => {
    dir = tempDir('qw-cli-papierkorb-');
    const db = path.join(dir, 'bibliothek.sqlite');
    const gone = marker();
    const s = openServices(db);
    const a = s.documents.create({ kind: 'press_release', title: 'Geht', bodyText: `Intern: ${gone}.` });
    const b = s.documents.create({ kind: 'note', title: 'Kommt zurück', bodyText: 'Offen.' });
    await s.search.whenIdle();
    await s.search.merge();
    s.trash.moveToTrash([a.id, b.id]);
    await s.search.whenPurged();
    s.close();

    const list = await cli(['--db', db, 'trash', 'list', '--json']);
    expect(list.code).toBe(0);
    expect((JSON.parse(list.out) as { id: string }[]).map((i) => i.id).sort()).toEqual([a.id, b.id].sort());
    expect((await cli(['--db', db, 'trash', 'restore', '00000000-0000-4000-8000-000000000000'])).code).toBe(3);
    expect((await cli(['--db', db, 'trash'])).code).toBe(2);
    const restored = await cli(['--db', db, 'trash', 'restore', b.id, '--json']);
    expect(JSON.parse(restored.out)).toEqual({ restored: [{ id: b.id, title: 'Kommt zurück', kind: 'note' }] });
    expect([...scanFiles(libraryFiles(db), [gone]).keys()], 'negative control').toEqual([gone]);
    const emptied = await cli(['--db', db, 'trash', 'empty', '--json']);
    expect(emptied.code).toBe(0);
    expect(JSON.parse(emptied.out)).toEqual({ deleted: [a.id] });
    expect(Object.fromEntries(scanFiles(libraryFiles(db), [gone]))).toEqual({});
    const shown = JSON.parse((await cli(['--db', db, 'list', '--json'])).out) as { id: string }[];
    expect(shown.map((d) => d.id)).toEqual([b.id]);
  });
});
