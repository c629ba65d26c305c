import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestLibrary, REPO_ROOT, type TestLibrary } from '../../support/testLibrary';
import { norm, PDF_TOOLS_MISSING, pdfInfo, pdfText } from './pdfTools';

const BIN = path.join(REPO_ROOT, 'bin', 'quartierswissen.mjs');

function cli(args: string[], cwd?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, QW_DB: '' }, cwd, timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let lib: TestLibrary;
let docs: string[];
beforeAll(() => {
  lib = openTestLibrary();
  docs = [
    lib.services.documents.create({ kind: 'statement', title: 'Stellungnahme zum Platz', date: '2026-05-07', bodyText: 'Wir begrüßen die Planung für den Lindenhof-Platz.' }).id,
    lib.services.documents.create({ kind: 'press_release', title: 'Förderzusage', date: '2026-04-20', bodyText: 'Die Stadt erhält Fördermittel.' }).id,
  ];
  lib.services.close();
});
afterAll(() => fs.rmSync(lib.dir, { recursive: true, force: true }));

describe('quartierswissen session / export', () => {
  it('builds a session headless and exports Markdown', () => {
    const s = cli(['--db', lib.dbPath, 'session', 'create', '--title', 'Auswahlgremium', '--date', '2026-06-18', '--place', 'Rathaus', '--committee', 'Gremium', '--json']);
    expect(s.code, s.stderr).toBe(0);
    const session = JSON.parse(s.stdout) as { id: string };
    const item = cli(['--db', lib.dbPath, 'session', 'add-item', session.id, '--title', 'Platzgestaltung', '--json']);
    expect(item.code, item.stderr).toBe(0);
    const itemId = (JSON.parse(item.stdout) as { id: string }).id;
    for (const d of docs) expect(cli(['--db', lib.dbPath, 'session', 'attach', itemId, d]).code).toBe(0);
    const shown = JSON.parse(cli(['--db', lib.dbPath, 'session', 'show', session.id, '--json']).stdout);
    expect(shown.items[0].documents.map((d: { id: string }) => d.id)).toEqual(docs);
    expect(cli(['--db', lib.dbPath, 'session', 'create', '--date', '2026-06-18']).code).toBe(2);
    expect(cli(['--db', lib.dbPath, 'session', 'attach', itemId, 'fehlt']).code).toBe(3);

    const md = cli(['--db', lib.dbPath, 'export', 'md', docs[0]!, '-o', 'stellungnahme.md'], lib.dir);
    expect(md.code, md.stderr).toBe(0);
    expect(fs.readFileSync(path.join(lib.dir, 'stellungnahme.md'), 'utf8')).toContain('# Stellungnahme zum Platz');
    expect(cli(['--db', lib.dbPath, 'export', 'odt', docs[0]!, '-o', 'x.odt']).code).toBe(2);
  });

  it.skipIf(PDF_TOOLS_MISSING !== null)('exports a session dossier and a dossier of several documents as PDF', () => {
    const sessionId = (JSON.parse(cli(['--db', lib.dbPath, 'session', 'list', '--json']).stdout) as { id: string }[])[0]!.id;
    const file = path.join(lib.dir, 'sitzung.pdf');
    const r = cli(['--db', lib.dbPath, 'session', 'export', sessionId, '-o', file, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as { pages: number; dossierId: string };
    expect(Number(pdfInfo(file).Pages)).toBe(result.pages);
    expect(norm(pdfText(file, 1))).toContain('Auswahlgremium');

    const several = path.join(lib.dir, 'mappe.pdf');
    const m = cli(['--db', lib.dbPath, 'export', 'pdf', ...docs, '-o', several, '--title', 'Mappe Lindenhof', '--no-watermark']);
    expect(m.code, m.stderr).toBe(0);
    expect(m.stdout.trim()).toBe(several);
    expect(pdfInfo(several).Title).toBe('Mappe Lindenhof');

    const again = path.join(lib.dir, 'wieder.pdf');
    expect(cli(['--db', lib.dbPath, 'export', 'dossier', result.dossierId, '-o', again]).code).toBe(0);
    expect(pdfText(again)).toBe(pdfText(file));
  });
});
