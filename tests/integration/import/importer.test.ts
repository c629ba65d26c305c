import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { ImportProgress, ImportReport } from '../../../shared/domain/import';
import { createHandlers } from '../../../electron/services/ipc/handlers';
import { Dispatcher } from '../../../electron/services/ipc/Dispatcher';
import { silentLogger } from '../../../electron/services/ports';
import { writeDocx, writePdf, writeZip } from '../../support/importFixtures';
import { disposableLibraries } from '../../support/disposableLibraries';
import { REPO_ROOT, type TestLibrary } from '../../support/testLibrary';

const PRESS = path.join(REPO_ROOT, 'tests', 'fixtures', 'press');
/** The annotated press releases (their number grows with the evaluation sets). */
const PRESS_TXT = fs.readdirSync(PRESS).filter((f) => f.endsWith('.txt')).length;
const lib = disposableLibraries();

function write(dir: string, name: string, data: string | Buffer): string {
  const p = path.join(dir, name);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, data);
  return p;
}

const count = (l: TestLibrary, table: string) => l.services.db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('Importer: files, folders, duplicates', () => {
  it('imports a folder recursively, keeps originals content-addressed, and recognises a second import as duplicate', async () => {
    const l = lib();
    const src = path.join(l.dir, 'quelle');
    fs.cpSync(PRESS, path.join(src, 'presse'), { recursive: true });
    fs.rmSync(path.join(src, 'presse', 'annotations.json'));
    write(src, 'unter/ordner/notiz.md', '# Eine Notiz\n\nNur ein kurzer Text ohne Zitate.');
    write(src, '.versteckt.txt', 'wird übersprungen');
    const first = await l.services.importer.importPaths([src]);
    expect(first.failed).toEqual([]);
    expect(first.imported).toHaveLength(PRESS_TXT + 1);
    expect(first.duplicates).toHaveLength(0);
    expect(count(l, 'originals')).toBe(PRESS_TXT + 1);
    const note = first.imported.find((d) => d.title === 'Eine Notiz');
    expect(note?.kind).toBe('note');
    expect(first.imported.filter((d) => d.kind === 'press_release')).toHaveLength(PRESS_TXT);

    // Same content under another name, and the same folder again.
    fs.copyFileSync(path.join(src, 'presse', '01-quartiersfonds-nordstadt.txt'), path.join(l.dir, 'kopie.txt'));
    const second = await l.services.importer.importPaths([src, path.join(l.dir, 'kopie.txt')]);
    expect(second.imported).toHaveLength(0);
    expect(second.duplicates).toHaveLength(PRESS_TXT + 2);
    const dup = second.duplicates.find((d) => d.path.endsWith('kopie.txt'))!;
    expect(dup.title).toBe('Quartiersfonds Nordstadt fördert 14 Nachbarschaftsprojekte');
    expect(count(l, 'originals')).toBe(PRESS_TXT + 1);
    expect(count(l, 'documents')).toBe(PRESS_TXT + 1);
  });

  it('stores metadata, keywords, people (one person with and without title), roles, organisations and quotes', async () => {
    const l = lib();
    const r = await l.services.importer.importPaths([path.join(PRESS, '01-quartiersfonds-nordstadt.txt'), path.join(PRESS, '07-tafel-wesertor.txt')]);
    const doc = l.services.documents.get(r.imported[0]!.id);
    expect(doc).toMatchObject({ kind: 'press_release', date: '2026-11-24', place: 'Kassel', publisher: 'Magistrat der Stadt Kassel', source: '01-quartiersfonds-nordstadt.txt' });
    expect(doc.tags).toEqual(['Bürgerbeteiligung', 'Nachbarschaft', 'Nordstadt', 'Quartiersfonds']);
    expect(doc.originalSha256).toMatch(/^[0-9a-f]{64}$/u);
    expect(doc.people.map((p) => p.name).sort()).toEqual(['Jonas Petersen', 'Miriam Albers']);
    // „Dr. Miriam Albers“ (01) and „Miriam Albers“ (07) are one person.
    const albers = l.services.people.listPeople('albers');
    expect(albers).toHaveLength(1);
    expect(albers[0]).toMatchObject({ name: 'Miriam Albers', honorific: 'Dr.', quoteCount: 4, documentCount: 2 });
    expect(albers[0]!.roles).toContainEqual({ title: 'Sozialdezernentin', organisation: 'Magistrat der Stadt Kassel' });
    const quotes = l.services.quotes.list({ documentId: doc.id });
    expect(quotes.map((q) => q.speaker)).toEqual(['Miriam Albers', 'Miriam Albers', 'Jonas Petersen', 'Miriam Albers']);
    expect(quotes[2]).toMatchObject({ role: 'Sprecher', organisation: 'Quartiersbeirat Nordstadt', saidOn: '2026-11-24' });
    const orgs = l.services.people.listOrganisations();
    expect(orgs.map((o) => o.name)).toContain('Diakonisches Werk Kassel');
  });

  it('one batch = one transaction and one documents.changed event with reason imported', async () => {
    const l = lib();
    l.services.close();
    const { createServices } = await import('../../../electron/services/createServices');
    l.services = createServices(
      { paths: { resourcesDir: path.join(REPO_ROOT, 'resources'), backupsDir: l.dir }, events: l.events, clock: { now: () => new Date() }, logger: silentLogger },
      { dbPath: l.dbPath, importer: { batchSize: 5 } },
    );
    const files = fs.readdirSync(PRESS).filter((f) => f.endsWith('.txt')).map((f) => path.join(PRESS, f));
    await l.services.importer.importPaths(files);
    const changed = l.events.events.filter((e) => e.event === 'documents.changed').map((e) => e.payload as { ids: string[]; reason: string });
    const batches = Array.from({ length: Math.ceil(files.length / 5) }, (_, i) => Math.min(5, files.length - i * 5));
    expect(changed.map((c) => c.ids.length)).toEqual(batches);
    expect(new Set(changed.map((c) => c.reason))).toEqual(new Set(['imported']));
  });
});

describe('Importer: bad input – one failing file never stops the others', () => {
  it('reports each bad file with its code; the good ones are imported; nothing partial is left', async () => {
    const l = lib();
    const d = path.join(l.dir, 'mix');
    const good = write(d, 'gut.txt', fs.readFileSync(path.join(PRESS, '02-gemeinwesenarbeit-ausbau.txt')));
    const pdf = writePdf([[{ x: 72, y: 700, text: 'Ein vollständiges PDF.' }]]);
    write(d, 'abgeschnitten.pdf', pdf.subarray(0, pdf.length - 200));
    write(d, 'kein-word.docx', writeZip([{ name: 'hallo.txt', data: Buffer.from('hallo') }]));
    write(d, 'bombe.docx', writeZip([{ name: 'word/document.xml', data: Buffer.alloc(30 * 1024 * 1024) }]));
    const garbage = Buffer.alloc(2048);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 131 + 7) % 256;
    write(d, 'muell.txt', garbage);
    write(d, 'leer.txt', '');
    write(d, 'tabelle.xlsx', 'irgendwas');
    const big = path.join(d, 'riesig.txt');
    fs.closeSync(fs.openSync(big, 'w'));
    fs.truncateSync(big, 200 * 1024 * 1024); // sparse: 200 MB, nothing written to disk
    write(d, 'seite.html', '<html><body><main><h1>Titel der Seite</h1><p>„Das ist ein Satz mit Inhalt“, sagte Stadträtin Eva Roth.</p><img src="http://127.0.0.1:9/x.png" onerror="alert(1)"><script>alert(2)</script><a href="javascript:alert(3)">x</a></main></body></html>');
    const missing = path.join(d, 'gibt-es-nicht.pdf');

    const r = await l.services.importer.importPaths([d, missing]);
    const byName = Object.fromEntries(r.failed.map((f) => [path.basename(f.path), f.code]));
    expect(byName).toEqual({
      'abgeschnitten.pdf': 'INVALID_FILE',
      'kein-word.docx': 'INVALID_FILE',
      'bombe.docx': 'TOO_LARGE',
      'muell.txt': 'INVALID_FILE',
      'leer.txt': 'INVALID_FILE',
      'tabelle.xlsx': 'UNSUPPORTED_FORMAT',
      'riesig.txt': 'TOO_LARGE',
      'gibt-es-nicht.pdf': 'IO',
    });
    expect(r.imported.map((i) => i.title).sort()).toEqual(['Landesprogramm „Gemeinwesenarbeit“ wird ausgebaut', 'Titel der Seite']);
    expect(count(l, 'documents')).toBe(2);
    expect(count(l, 'originals')).toBe(2);
    const page = l.services.documents.get(r.imported.find((i) => i.title === 'Titel der Seite')!.id);
    for (const bad of ['<img', 'onerror', '<script', 'javascript:', '127.0.0.1']) expect(page.bodyHtml).not.toContain(bad);
    expect(l.services.quotes.list({ documentId: page.id })[0]).toMatchObject({ speaker: 'Eva Roth', role: 'Stadträtin' });
    expect(good).toBeTruthy();
  });

  it('a file that vanishes during the import fails alone with IO; the others are kept', async () => {
    const l = lib();
    const d = path.join(l.dir, 'weg');
    const names = ['a.txt', 'b.txt', 'c.txt'];
    names.forEach((n, i) => write(d, n, `Text Nummer ${i + 1} mit genug Inhalt für ein Dokument.`));
    const victim = path.join(d, 'c.txt');
    const off = l.services.events.on('import.progressed', (p: ImportProgress) => {
      if (p.currentFile?.endsWith('a.txt') && fs.existsSync(victim)) fs.unlinkSync(victim);
    });
    const r = await l.services.importer.importPaths([d]);
    off();
    expect(r.imported).toHaveLength(2);
    expect(r.failed).toEqual([{ path: victim, code: 'IO', reason: 'io', message: expect.stringContaining('nicht mehr vorhanden') }]);
    expect(count(l, 'documents')).toBe(2);
  });
});

describe('Importer: JSONL', () => {
  function jsonl(n: number, badLine?: number): string {
    const lines: string[] = [];
    for (let i = 1; i <= n; i++) {
      if (i === badLine) lines.push('{"id": "kaputt", "text": "ohne Ende');
      else lines.push(JSON.stringify({ id: `rec-${i}`, title: null, text: `Rede Nummer ${i} über das Quartier.\nMeine Damen und Herren, das Quartier ${i} ist lebendig.`, date: null, speaker: i % 2 ? 'Dr. Anna Beispiel' : 'Bernd Muster', place: null, source_url: null, collection: 'Testsammlung' }));
    }
    return `${lines.join('\n')}\n`;
  }

  it('invalid JSON on line 4,711: the error names the line; every valid record is imported (records are atomic)', async () => {
    const l = lib();
    const file = write(l.dir, 'reden.jsonl.gz', zlib.gzipSync(jsonl(5000, 4711)));
    const r = await l.services.importer.importPaths([file]);
    expect(r.failed).toHaveLength(1);
    expect(r.failed[0]).toMatchObject({ path: file, code: 'INVALID_FILE', line: 4711 });
    expect(r.failed[0]!.message).toMatch(/^Zeile 4711: ungültiges JSON/u);
    expect(r.imported).toHaveLength(4999);
    expect(count(l, 'documents')).toBe(4999);
    expect(l.services.db.prepare("SELECT count(*) FROM documents WHERE external_id = 'kaputt'").pluck().get()).toBe(0);
    const first = r.imported.find((d) => d.externalId === 'rec-1')!;
    expect(first).toMatchObject({ kind: 'speech', title: 'Dr. Anna Beispiel: Rede Nummer 1 über das Quartier' });
    // Speakers become people; „Dr. Anna Beispiel“ once, with title.
    expect(l.services.people.listPeople()).toMatchObject([
      { name: 'Anna Beispiel', honorific: 'Dr.', documentCount: 2499 }, // line 4711 (odd) was hers
      { name: 'Bernd Muster', documentCount: 2500 },
    ]);
    // Re-import: every record is a duplicate (per record, by content).
    const again = await l.services.importer.importPaths([file]);
    expect(again.imported).toHaveLength(0);
    expect(again.duplicates).toHaveLength(4999);
    expect(again.duplicates[0]).toMatchObject({ externalId: 'rec-1', path: file });
  });

  it('progress events carry count, current file, rate and time left; cancel stops and keeps what is written', async () => {
    const l = lib();
    const file = write(l.dir, 'viele.jsonl', jsonl(3000));
    const progress: ImportProgress[] = [];
    let cancelled = false;
    const off = l.services.events.on('import.progressed', (p: ImportProgress) => {
      progress.push(p);
      if (!cancelled && p.imported >= 500) {
        cancelled = true;
        expect(l.services.importer.cancel().cancelled).toBe(1);
      }
    });
    const report: ImportReport = await l.services.importer.importPaths([file]);
    off();
    expect(report.cancelled).toBe(true);
    expect(report.imported.length).toBeGreaterThanOrEqual(500);
    expect(report.imported.length).toBeLessThan(3000);
    expect(count(l, 'documents')).toBe(report.imported.length);
    const mid = progress.find((p) => p.imported > 0 && p.currentFile === file)!;
    expect(mid).toMatchObject({ filesTotal: 1, currentFile: file });
    expect(mid.bytesTotal).toBe(fs.statSync(file).size);
    expect(mid.rate).toBeGreaterThan(0);
    expect(l.events.events.some((e) => e.event === 'import.finished')).toBe(true);
  });
});

describe('Importer: formats end to end', () => {
  it('imports DOCX, PDF and EML files with their quotes', async () => {
    const l = lib();
    const text = fs.readFileSync(path.join(PRESS, '05-staedtebaufoerderung-2024.txt'), 'utf8').split(/\n\n/u);
    const d = path.join(l.dir, 'formate');
    write(d, 'mitteilung.docx', await writeDocx(text[1]!, [text[0]!, ...text.slice(2)]));
    const lines = text.flatMap((p, i) => p.match(/.{1,85}(\s|$)/gu)!.map((s, j) => ({ x: 60, y: 800 - (i * 6 + j) * 14 - i * 10, size: 10, text: s.trim() })));
    write(d, 'mitteilung.pdf', writePdf([lines]));
    write(
      d,
      'mitteilung.eml',
      `From: Pressestelle <presse@example.org>\r\nSubject: Städtebauförderung\r\nDate: Wed, 12 Jun 2024 09:00:00 +0200\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from(text.join('\n\n'), 'utf8').toString('base64')}\r\n`,
    );
    const r = await l.services.importer.importPaths([d]);
    expect(r.failed).toEqual([]);
    expect(r.imported).toHaveLength(3);
    for (const doc of r.imported) {
      const quotes = l.services.quotes.list({ documentId: doc.id });
      expect(quotes.map((q) => q.speaker), doc.title).toEqual(['Clara Neumann', 'Markus Lehmann', 'Markus Lehmann', 'Clara Neumann']);
      expect(l.services.documents.get(doc.id).date).toBe('2024-06-12');
    }
  });
});

describe('quotes.update: corrections', () => {
  it('a corrected speaker stays corrected while the document exists; deleting it deletes the correction (issue 7)', async () => {
    const l = lib();
    const file = path.join(PRESS, '08-sanierungsfahrplan-siedlung.txt');
    const r1 = await l.services.importer.importPaths([file]);
    const q = l.services.quotes.list({ documentId: r1.imported[0]!.id })[0]!;
    const fixed = l.services.quotes.update({ id: q.id, speaker: 'Dr. Derya Aksoy-Berg', role: 'Vorsitzende', organisation: 'Mieterbeirat Am Kavalleriesand' });
    expect(fixed).toMatchObject({ speaker: 'Derya Aksoy-Berg', role: 'Vorsitzende', organisation: 'Mieterbeirat Am Kavalleriesand', corrected: true });
    // While the document exists, a re-import is a duplicate and changes nothing.
    const dup = await l.services.importer.importPaths([file]);
    expect(dup.duplicates).toHaveLength(1);
    expect(l.services.quotes.get(q.id).speaker).toBe('Derya Aksoy-Berg');
    // Survives a restart.
    const s = l.reopen();
    expect(s.quotes.list({ speaker: 'aksoy-berg' })).toHaveLength(1);
    // Deletion means deletion (issue 7): the correction goes with the document, so importing the
    // same original again starts from the extracted quotes.
    s.documents.delete(r1.imported[0]!.id);
    expect(s.db.prepare('SELECT count(*) FROM quote_corrections').pluck().get()).toBe(0);
    const r2 = await s.importer.importPaths([file]);
    const again = s.quotes.list({ documentId: r2.imported[0]!.id });
    expect(again[0]!.corrected).toBe(false);
    expect(s.quotes.list({ speaker: 'aksoy-berg' })).toHaveLength(0);
  });
});

describe('IPC channels of the import area', () => {
  it('import.files, quotes.list, quotes.update, people.list, organisations.list through the dispatcher', async () => {
    const l = lib();
    const ipc = new Dispatcher(createHandlers(l.services), silentLogger);
    const report = await ipc.dispatch('import.files', { paths: [path.join(PRESS, '10-spielplatz-check.txt')], kind: 'statement' });
    expect(report.ok).toBe(true);
    const rep = (report as { data: ImportReport }).data;
    expect(rep.imported[0]!.kind).toBe('statement');
    const list = await ipc.dispatch('quotes.list', { documentId: rep.imported[0]!.id });
    expect((list as { data: unknown[] }).data).toHaveLength(3);
    const bad = await ipc.dispatch('quotes.update', { id: 'nope', speaker: 'X' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const invalid = await ipc.dispatch('import.files', { paths: [] });
    expect(invalid).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const people = await ipc.dispatch('people.list', {});
    expect((people as { data: { name: string }[] }).data.map((p) => p.name)).toEqual(['Julia von der Heide', 'Katrin Jung']);
    const orgs = await ipc.dispatch('organisations.list', { query: 'gießen' });
    expect((orgs as { data: { name: string }[] }).data.map((o) => o.name)).toEqual(['Stadt Gießen']);
    expect(await ipc.dispatch('import.cancel', {})).toEqual({ ok: true, data: { cancelled: 0 } });
  });
});
