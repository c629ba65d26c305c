import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumPdfPrinter } from '../../../electron/services/export/ChromiumPdfPrinter';
import type { RichNode } from '../../../shared/domain/document';
import type { PdfExportResult } from '../../../shared/ipc/areas/export';
import { openTestLibrary, type TestLibrary } from '../../support/testLibrary';
import { norm, PDF_TOOLS_MISSING, pdfFonts, pdfInfo, pdfText, qpdfCheck, readWithPdfJs } from './pdfTools';

const p = (text: string): RichNode => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const h = (level: number, text: string): RichNode => ({ type: 'heading', attrs: { level }, content: [{ type: 'text', text }] });
const filler = (topic: string, n: number) =>
  Array.from({ length: n }, (_, i) =>
    p(
      `${topic}, Absatz ${i + 1}: Die Quartiersentwicklung im Lindenhof verbindet Beteiligung, Nachbarschaftshilfe und ` +
        'eine verlässliche Förderung der Gemeinwesenarbeit. Bewohnerinnen und Bewohner, Träger und Verwaltung verabreden ' +
        'gemeinsam, welche Maßnahmen Vorrang haben, wie Räume geöffnet und wie Ergebnisse überprüft werden.',
    ),
  );

describe.skipIf(PDF_TOOLS_MISSING !== null)(`PDF-Export (übersprungen, wenn: ${PDF_TOOLS_MISSING ?? '—'})`, () => {
  let lib: TestLibrary;
  let printer: ChromiumPdfPrinter;
  let out: string;
  let sessionId: string;
  let ids: { leitbild: string; statement: string; press: string; evil: string };
  let dossier: PdfExportResult;
  let dossierFile: string;

  beforeAll(async () => {
    lib = openTestLibrary();
    printer = new ChromiumPdfPrinter();
    lib.services.ports.pdf = printer;
    out = path.join(lib.dir, 'out');
    fs.mkdirSync(out);
    const { documents, sessions, db } = lib.services;
    ids = {
      leitbild: documents.create({
        kind: 'leitbild',
        title: 'Leitbild Südstadt: Grundsätze für das Zusammenleben',
        date: '2026-03-12',
        publisher: 'Quartiersbeirat Südstadt',
        status: 'draft',
        content: {
          type: 'doc',
          content: [
            h(1, 'Präambel'),
            ...filler('Präambel', 4),
            h(1, 'Leitziele für Straßen und Plätze'),
            ...filler('Leitziele', 9),
            h(2, 'Grünflächen und Höfe'),
            ...filler('Höfe', 6),
            h(1, 'Überprüfung und Fortschreibung'),
            ...filler('Überprüfung', 5),
          ],
        },
      }).id,
      statement: documents.create({
        kind: 'statement',
        title: 'Stellungnahme des Seniorenbeirats zur Barrierefreiheit',
        date: '2026-05-07',
        source: 'Seniorenbeirat der Stadt Kellbach',
        bodyText: 'Der Seniorenbeirat begrüßt die Planung.\n\nWir bitten um Bänke mit Armlehnen und um „kontrastreiche Bodenindikatoren“ an allen Übergängen.',
      }).id,
      press: documents.create({
        kind: 'press_release',
        title: 'Förderzusage für den Umbau des Lindenhof-Platzes',
        date: '2026-04-20',
        publisher: 'Stadt Kellbach',
        bodyText: 'Die Stadt erhält 1,8 Millionen Euro aus dem Programm Sozialer Zusammenhalt.\n\nDer Umbau beginnt im Herbst.',
      }).id,
      evil: documents.create({
        kind: 'note',
        title: 'Notiz mit <b>Markup</b> & Link',
        status: 'final',
        content: {
          type: 'doc',
          content: [
            {
              type: 'paragraph',
              content: [
                { type: 'text', text: 'Klick ' },
                { type: 'text', text: 'hier', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] },
                { type: 'text', text: ' und <script>alert(2)</script> und ' },
                { type: 'text', text: 'Stadtportal', marks: [{ type: 'link', attrs: { href: 'https://kellbach.example/portal' } }] },
              ],
            },
          ],
        },
      }).id,
    };
    // A statement as the import stores it: who said what, in which role.
    db.prepare("INSERT INTO people (id, name, normalized_name, created_at) VALUES ('p1', 'Erika Müßig', 'erika mussig', '2026-01-01')").run();
    db.prepare(
      `INSERT INTO quotes (id, document_id, person_id, role, text, position, said_on, created_at)
       VALUES ('q1', ?, 'p1', 'Vorsitzende des Seniorenbeirats', 'Wir wollen einen Platz, auf dem sich alle Generationen wohlfühlen.', 0, '2026-05-06', '2026-05-07')`,
    ).run(ids.statement);

    const s = sessions.create({ title: 'Sitzung des Auswahlgremiums Quartiersfonds', committee: 'Auswahlgremium', date: '2026-06-18', place: 'Stadtteilbüro Südstadt' });
    sessionId = s.id;
    const t1 = sessions.addItem(sessionId, { title: 'Leitbild Südstadt', description: 'Beratung des Entwurfs.' });
    const t2 = sessions.addItem(sessionId, { title: 'Umgestaltung des Lindenhof-Platzes' });
    sessions.attachDocument(t1.id, ids.leitbild);
    sessions.attachDocument(t2.id, ids.statement);
    sessions.attachDocument(t2.id, ids.press, 0);
    dossierFile = path.join(out, 'dossier.pdf');
    dossier = await lib.services.exports.pdf({ sessionId, outputPath: dossierFile });
  });

  afterAll(async () => {
    await printer?.close();
    lib?.dispose();
  });

  it('writes a valid, tagged PDF with metadata and embedded fonts only', async () => {
    const info = pdfInfo(dossierFile);
    expect(Number(info.Pages)).toBe(dossier.pages);
    expect(dossier.pages).toBeGreaterThanOrEqual(7);
    expect(info.Title).toBe('Sitzung des Auswahlgremiums Quartiersfonds');
    expect(info.Author).toBe('Auswahlgremium');
    expect(info.Tagged).toBe('yes');
    expect(info['Page size']).toContain('(A4)');
    const view = await readWithPdfJs(dossierFile);
    expect(view.info.Language).toBe('de');
    const fonts = pdfFonts(dossierFile);
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) {
      expect(f.emb, f.name).toBe('yes');
      expect(f.name).toMatch(/SourceSerif4/);
    }
    const check = qpdfCheck(dossierFile);
    if (check) expect(check.ok, check.output).toBe(true);
  });

  it('prints cover, agenda, contents and every heading in order', () => {
    const cover = norm(pdfText(dossierFile, 1));
    for (const s of ['SITZUNGSUNTERLAGEN', 'Sitzung des Auswahlgremiums Quartiersfonds', '18. Juni 2026', 'Stadtteilbüro Südstadt', 'ENTWURF']) {
      expect(cover).toContain(s);
    }
    const agenda = norm(pdfText(dossierFile, 2));
    for (const s of ['Tagesordnung', 'TOP 1', 'Beratung des Entwurfs.', 'LEITBILD Leitbild Südstadt: Grundsätze', 'TOP 2', 'PRESSEMITTEILUNG Förderzusage']) {
      expect(agenda).toContain(s);
    }
    // Attachments in their order: the press release was put before the statement.
    expect(agenda.indexOf('Förderzusage')).toBeLessThan(agenda.indexOf('Stellungnahme des Seniorenbeirats'));
    const all = norm(pdfText(dossierFile));
    const sequence = [
      'TOP 1 Leitbild Südstadt',
      'Leitbild Südstadt: Grundsätze für das Zusammenleben',
      'Präambel',
      'Leitziele für Straßen und Plätze',
      'Grünflächen und Höfe',
      'Überprüfung und Fortschreibung',
      'TOP 2 Umgestaltung des Lindenhof-Platzes',
      'Förderzusage für den Umbau des Lindenhof-Platzes',
      'Stellungnahme des Seniorenbeirats zur Barrierefreiheit',
    ];
    // After the contents page, the headings follow in document order.
    const tocEnd = all.indexOf('Überprüfung und Fortschreibung') + 1;
    let at = tocEnd;
    for (const s of sequence.slice(1)) {
      const next = all.indexOf(s, at);
      expect(next, s).toBeGreaterThanOrEqual(at);
      at = next + s.length;
    }
  });

  it('puts the right page numbers into the table of contents', () => {
    expect(dossier.toc.map((e) => e.title)).toEqual([
      'TOP 1 Leitbild Südstadt',
      'Leitbild Südstadt: Grundsätze für das Zusammenleben',
      'Präambel',
      'Leitziele für Straßen und Plätze',
      'Überprüfung und Fortschreibung',
      'TOP 2 Umgestaltung des Lindenhof-Platzes',
      'Förderzusage für den Umbau des Lindenhof-Platzes',
      'Stellungnahme des Seniorenbeirats zur Barrierefreiheit',
    ]);
    const tocPage = 3;
    const tocLines = pdfText(dossierFile, tocPage, true)
      .split('\n')
      .map((l) => norm(l));
    for (const entry of dossier.toc) {
      const heading = entry.title.replace(/^TOP \d+ /, '');
      // The heading really is on the page the contents name …
      expect(norm(pdfText(dossierFile, entry.page)), `${entry.title} auf Seite ${entry.page}`).toContain(heading);
      // … and not on the page before (except when two headings share a page with the previous entry).
      // The printed contents line ends with that page number.
      const line = tocLines.find((l) => l.includes(heading));
      expect(line, `Inhaltszeile für ${heading}`).toBeDefined();
      expect(line!.endsWith(` ${entry.page}`), `${line} endet mit ${entry.page}`).toBe(true);
    }
    const pages = dossier.toc.map((e) => e.page);
    expect([...pages].sort((a, b) => a - b)).toEqual(pages);
    // The Leitbild is long enough to run over several pages: its last section is not on its first page.
    expect(pages[4]).toBeGreaterThan(pages[1]!);
  });

  it('has "Seite x von y" on every page but the cover, the session title as header, and bookmarks for every heading', async () => {
    expect(norm(pdfText(dossierFile, 3))).toContain(`Seite 3 von ${dossier.pages}`);
    expect(norm(pdfText(dossierFile, dossier.pages))).toContain(`Seite ${dossier.pages} von ${dossier.pages}`);
    expect(norm(pdfText(dossierFile, 1))).not.toContain('Seite 1 von');
    expect(norm(pdfText(dossierFile, 5))).toContain('SITZUNG DES AUSWAHLGREMIUMS QUARTIERSFONDS');
    const view = await readWithPdfJs(dossierFile);
    const titles = view.outline.map((o) => norm(o.title));
    for (const t of ['Tagesordnung', 'Inhalt', 'Präambel', 'Grünflächen und Höfe', 'Stellungnahme des Seniorenbeirats zur Barrierefreiheit']) {
      expect(titles.some((x) => x.includes(t)), t).toBe(true);
    }
    // Bookmarks point to the same pages as the contents.
    for (const entry of dossier.toc) {
      const mark = view.outline.find((o) => norm(o.title).endsWith(entry.title.replace(/^TOP \d+ /, '')));
      expect(mark?.page, entry.title).toBe(entry.page);
    }
  });

  it('keeps umlauts, typographic quotes and quotes with their source', async () => {
    // Without the watermark, whose rotated letters pdftotext mixes into the lines.
    const file = path.join(out, 'ohne-wasserzeichen.pdf');
    await lib.services.exports.pdf({ sessionId, outputPath: file, options: { watermark: false } });
    const all = norm(pdfText(file));
    expect(all).not.toContain('ENTWURF Sitzungs');
    expect(all).toContain('„kontrastreiche Bodenindikatoren“');
    expect(all).toContain('„Wir wollen einen Platz, auf dem sich alle Generationen wohlfühlen.“');
    expect(all).toContain('Erika Müßig, Vorsitzende des Seniorenbeirats; am 6. Mai 2026; Quelle: Seniorenbeirat der Stadt Kellbach');
  });

  it('hyphenates German text at line ends', () => {
    // In layout mode pdftotext keeps the lines: a word broken by one of the inserted soft hyphens ends its line with "-".
    const lines = pdfText(dossierFile, undefined, true)
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    const broken = lines.filter((l, i) => /[a-zäöüß]\u00AD?-$/.test(l) && /^[a-zäöüß]/.test(lines[i + 1] ?? ''));
    expect(broken.length).toBeGreaterThanOrEqual(3);
  });

  it('prints the watermark on every page of a draft and on no page of a final dossier', async () => {
    const draft = await readWithPdfJs(dossierFile);
    draft.items.forEach((items, i) => expect(items.some((it) => it.str === 'ENTWURF'), `Seite ${i + 1}`).toBe(true));
    lib.services.sessions.update(sessionId, { status: 'final' });
    const finalFile = path.join(out, 'endfassung.pdf');
    const final = await lib.services.exports.pdf({ sessionId, outputPath: finalFile });
    const view = await readWithPdfJs(finalFile);
    expect(view.pages).toBe(final.pages);
    view.items.forEach((items, i) => expect(items.some((it) => it.str.includes('ENTWURF')), `Seite ${i + 1}`).toBe(false));
    expect(norm(pdfText(finalFile, 1))).toContain('ENDFASSUNG');
    lib.services.sessions.update(sessionId, { status: 'draft' });
  });

  it('regenerates the same dossier from its saved manifest after the library changed', async () => {
    expect(dossier.dossierId).toBeTruthy();
    lib.services.documents.update(ids.statement, { title: 'Ganz neuer Titel', bodyText: 'Anderer Text.' });
    lib.services.sessions.removeItem(lib.services.sessions.get(sessionId).items[0]!.id);
    const again = path.join(out, 'wieder.pdf');
    const r = await lib.services.exports.regenerate(dossier.dossierId!, again);
    expect(r.pages).toBe(dossier.pages);
    expect(r.toc).toEqual(dossier.toc);
    for (let page = 1; page <= dossier.pages; page++) expect(pdfText(again, page)).toBe(pdfText(dossierFile, page));
    expect(pdfInfo(again).CreationDate).toBe(pdfInfo(dossierFile).CreationDate);
    expect(lib.services.exports.dossiers(sessionId).map((d) => d.id)).toContain(dossier.dossierId);
  });

  it('prints a single document without cover, and several documents as a dossier', async () => {
    const one = path.join(out, 'leitbild.pdf');
    const r = await lib.services.exports.pdf({ documentIds: [ids.leitbild], outputPath: one });
    expect(r.dossierId).toBeNull();
    const first = norm(pdfText(one, 1));
    expect(first.startsWith('LEITBILD Leitbild Südstadt: Grundsätze für das Zusammenleben')).toBe(true);
    expect(first).toContain(`Seite 1 von ${r.pages}`);
    const view = await readWithPdfJs(one);
    expect(view.outline.map((o) => o.title)).toEqual([
      'Leitbild Südstadt: Grundsätze für das Zusammenleben',
      'Präambel',
      'Leitziele für Straßen und Plätze',
      'Grünflächen und Höfe',
      'Überprüfung und Fortschreibung',
    ]);
    expect(view.outline.map((o) => o.depth)).toEqual([0, 1, 1, 2, 1]);

    const several = path.join(out, 'mappe.pdf');
    const m = await lib.services.exports.pdf({ documentIds: [ids.press, ids.evil], title: 'Pressemappe Lindenhof', outputPath: several });
    expect(m.dossierId).toBeTruthy();
    expect(pdfInfo(several).Title).toBe('Pressemappe Lindenhof');
    expect(m.toc.map((e) => [e.title, e.page])).toEqual([
      ['Förderzusage für den Umbau des Lindenhof-Platzes', 3],
      ['Notiz mit <b>Markup</b> & Link', 4],
    ]);
    const text = norm(pdfText(several, 4));
    // SECURITY: markup from content is text; a javascript: link keeps its text and loses the link.
    expect(text).toContain('<script>alert(2)</script>');
    expect(text).toContain('Stadtportal (kellbach.example/portal)');
    const links = (await readWithPdfJs(several)).links;
    expect(links).toContain('https://kellbach.example/portal');
    expect(links.some((l) => l.startsWith('javascript'))).toBe(false);
  });

  it('announces progress and rejects bad targets', async () => {
    const progressed = lib.events.events.filter((e) => e.event === 'export.progressed');
    expect(progressed.length).toBeGreaterThan(0);
    expect(progressed.at(-1)!.payload).toMatchObject({ stage: 'done' });
    await expect(lib.services.exports.pdf({ documentIds: [ids.press], outputPath: 'relativ.pdf' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(lib.services.exports.pdf({ documentIds: [ids.press], outputPath: path.join(out, 'x.txt') })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(lib.services.exports.pdf({ documentIds: [ids.press], outputPath: path.join(out, 'fehlt', 'x.pdf') })).rejects.toMatchObject({ code: 'IO' });
    await expect(lib.services.exports.pdf({ documentIds: ['gibt-es-nicht'], outputPath: path.join(out, 'y.pdf') })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('prints a Synopse with removed words on the left and added words on the right', async () => {
    const { db } = lib.services;
    const v = (id: string, name: string, content: RichNode) =>
      db
        .prepare('INSERT INTO versions (id, document_id, name, content_json, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(id, ids.leitbild, name, JSON.stringify(content), '2026-03-01T10:00:00Z');
    v('v1', 'Fassung März', { type: 'doc', content: [h(1, 'Präambel'), p('Der Lindenhof ist ein lebendiges Quartier mit vielen Familien.'), p('Dieser Absatz entfällt später ganz.')] });
    v('v2', 'Fassung Mai', { type: 'doc', content: [h(1, 'Präambel'), p('Der Lindenhof ist ein vielfältiges Quartier mit vielen Familien und Älteren.'), p('Ein ganz neuer Abschnitt über Teilhabe.')] });
    const file = path.join(out, 'synopse.pdf');
    const r = await lib.services.exports.synopsis({ documentId: ids.leitbild, from: 'v1', to: 'v2', outputPath: file });
    expect(pdfInfo(file)['Page size']).toMatch(/841.* x 59[45]/);
    const text = norm(pdfText(file));
    expect(text).toContain('1 geändert · 1 entfallen · 1 neu · 1 unverändert');
    // Header and footer, in faces the body does not use (fonts are loaded before printing).
    expect(text).toMatch(/Stand: \d{1,2}\. \p{L}+ \d{4}/u);
    expect(text).toContain('Seite 1 von 1');
    const view = await readWithPdfJs(file);
    const items = view.items.flat();
    const mid = view.pageWidth / 2;
    // Text of each column: soft hyphens split words into several items, so join them.
    const left = items.filter((it) => it.x < mid).map((it) => it.str).join('');
    const right = items.filter((it) => it.x >= mid).map((it) => it.str).join('');
    expect(left).toContain('lebendiges');
    expect(right).not.toContain('lebendiges');
    expect(right).toContain('vielfältiges');
    expect(left).not.toContain('vielfältiges');
    expect(left).toContain('entfällt');
    expect(right).toContain('Teilhabe');
    expect(left).not.toContain('Teilhabe');
    expect(r.pages).toBe(view.pages);
    await expect(lib.services.exports.synopsis({ documentId: ids.press, from: 'v1', to: 'current', outputPath: file })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
