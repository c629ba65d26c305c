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

describe('quartierswissen delete', () => {
  it('deletes all named documents or none, and leaves none of their words in the file or the index', { timeout: 60_000 }, async () => {
    dir = tempDir('qw-cli-loeschen-');
    const db = path.join(dir, 'bibliothek.sqlite');
    const gone = marker();
    const kept = marker();
    let s = openServices(db);
    const a = s.documents.create({ kind: 'press_release', title: 'Vertrauliche Mitteilung', bodyText: `Intern: ${gone} im Quartier.` });
    const b = s.documents.create({ kind: 'note', title: 'Notiz bleibt', bodyText: `Offen: ${kept} im Quartier.` });
    const draft = s.collab.drafts.createDraft({ title: 'Entwurf geht', kind: 'note', template: 'empty' }).id;
    s.collab.drafts.appendParagraph(draft, `Entwurf mit ${gone}.`);
    s.collab.drafts.flushText(draft);
    await s.search.whenIdle();
    await s.search.merge();
    s.close();
    expect([...scanFiles(libraryFiles(db), [gone]).keys()], 'negative control').toEqual([gone]);

    // An unknown ID: exit 3, one line on stderr, nothing deleted.
    const missing = await cli(['--db', db, 'delete', a.id, '00000000-0000-4000-8000-000000000000']);
    expect(missing.code).toBe(3);
    expect(missing.err.trim().split('\n')).toHaveLength(1);
    expect(missing.out).toBe('');
    const usage = await cli(['--db', db, 'delete']);
    expect(usage.code).toBe(2);

    const r = await cli(['--db', db, 'delete', a.id, draft, '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual({
      deleted: [
        { id: a.id, title: 'Vertrauliche Mitteilung', kind: 'press_release' },
        { id: draft, title: 'Entwurf geht', kind: 'note' },
      ],
    });
    expect(Object.fromEntries(scanFiles(libraryFiles(db), [gone]))).toEqual({});
    expect((await cli(['--db', db, 'show', a.id])).code).toBe(3);

    s = openServices(db);
    try {
      expect(s.documents.get(b.id).title).toBe('Notiz bleibt');
      expect((await s.search.query({ q: kept })).hits.map((h) => h.id)).toEqual([b.id]);
      expect((await s.search.query({ q: gone })).total).toBe(0);
      expect((await s.search.whenIdle()).counters.fullBuilds).toBe(0);
    } finally {
      s.close();
    }
  });
});
