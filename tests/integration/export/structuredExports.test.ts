/**
 * Issue 11: an imported DOCX and an imported HTML file with headings, ordered and unordered lists,
 * a table, links and a footnote keep all of it in every export — PDF (text layer and structure
 * tree), DOCX (word/document.xml), Markdown (a CommonMark parser's tokens) and HTML (the DOM).
 * The DOCX is made at test time by LibreOffice from HTML written here; the real import readers
 * (mammoth, DOMPurify) store `body_html`, and the exports read it as stored.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import JSZip from 'jszip';
import MarkdownIt from 'markdown-it';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumPdfPrinter } from '../../../electron/services/export/ChromiumPdfPrinter';
import { openTestLibrary, type TestLibrary } from '../../support/testLibrary';
import { norm, PDF_TOOLS_MISSING, pdfText } from './pdfTools';

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const SOFFICE_MISSING = has('soffice') ? null : 'LibreOffice (soffice, Debian libreoffice-writer-nogui) fehlt';

/** The press release, once as LibreOffice's HTML footnote markup (→ DOCX) and once as pandoc's (→ HTML import). */
function pressRelease(footnote: 'libreoffice' | 'pandoc'): string {
  const ref =
    footnote === 'libreoffice'
      ? '<a class="sdfootnoteanc" name="sdfootnote1anc" href="#sdfootnote1sym"><sup>1</sup></a>'
      : '<a href="#fn1" class="footnote-ref" id="fnref1" role="doc-noteref"><sup>1</sup></a>';
  const note =
    footnote === 'libreoffice'
      ? '<div id="sdfootnote1"><p class="sdfootnote"><a class="sdfootnotesym" name="sdfootnote1sym" href="#sdfootnote1anc">1</a>Bescheid des Landes vom 5. März 2026.</p></div>'
      : '<section id="footnotes" class="footnotes" role="doc-endnotes"><hr><ol><li id="fn1"><p>Bescheid des Landes vom 5. März 2026.<a href="#fnref1" class="footnote-back" role="doc-backlink">↩︎</a></p></li></ol></section>';
  return `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Förderzusage für den Lindenhof</title></head><body><main>
<h1>Förderzusage für den Lindenhof</h1>
<p>Kellbach, 12. März 2026. Das Zukunftsbündnis Lindenhof erhält Fördermittel${ref} aus dem Programm <a href="https://example.org/programm_(2026)">Sozialer Zusammenhalt</a>.</p>
<h2>Maßnahmen im Quartier</h2>
<ol><li>Lindenhof-Platz umbauen</li><li>Spielplatz am Bach erneuern</li></ol>
<h2>Beteiligte Einrichtungen</h2>
<ul><li>Quartiersbeirat Südstadt</li><li>Stadtteilbüro am Markt</li></ul>
<h3>Kosten nach Posten</h3>
<table><thead><tr><th>Posten</th><th>Betrag</th></tr></thead><tbody><tr><td>Platzumbau</td><td>1,2 Mio. Euro</td></tr><tr><td>Spielplatz</td><td>0,6 Mio. Euro</td></tr></tbody></table>
<p>Mehr unter <a href="https://kellbach.example/lindenhof">kellbach.example/lindenhof</a>.</p>
${note}
</main></body></html>`;
}

const run = (cmd: string, args: string[]) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
};

/** Structure types of the PDF's structure tree in document order (`pdfinfo -struct`). */
function structTypes(file: string): string[] {
  return run('pdfinfo', ['-struct', file])
    .split('\n')
    .map((l) => /^\s*([A-Za-z][A-Za-z0-9]*)/.exec(l)?.[1])
    .filter((s): s is string => !!s && s !== 'Object');
}

function headingLevelsWithoutGaps(levels: number[]): boolean {
  return levels.every((l, i) => i === 0 || l <= levels[i - 1]! + 1);
}

describe.skipIf(PDF_TOOLS_MISSING !== null || SOFFICE_MISSING !== null)(
  `Exporte behalten die importierte Struktur (übersprungen, wenn: ${PDF_TOOLS_MISSING ?? SOFFICE_MISSING ?? '—'})`,
  () => {
    let lib: TestLibrary;
    let printer: ChromiumPdfPrinter;
    let out: string;
    const ids: Record<'docx' | 'html', string> = { docx: '', html: '' };

    beforeAll(async () => {
      lib = openTestLibrary();
      printer = new ChromiumPdfPrinter();
      lib.services.ports.pdf = printer;
      out = path.join(lib.dir, 'out');
      const src = path.join(lib.dir, 'quellen');
      fs.mkdirSync(out);
      fs.mkdirSync(src);
      const lo = path.join(lib.dir, 'lo-html');
      fs.mkdirSync(lo);
      fs.writeFileSync(path.join(lo, 'foerderzusage.html'), pressRelease('libreoffice'));
      // A real Word file: LibreOffice Writer imports the HTML (footnote markup included) and writes DOCX.
      run('soffice', ['--headless', `-env:UserInstallation=file://${path.join(lib.dir, 'lo-profile')}`, '--infilter=HTML (StarWriter)', '--convert-to', 'docx:MS Word 2007 XML', '--outdir', src, path.join(lo, 'foerderzusage.html')]);
      fs.writeFileSync(path.join(src, 'pressemitteilung.html'), pressRelease('pandoc'));
      const report = await lib.services.importer.importPaths([path.join(src, 'foerderzusage.docx'), path.join(src, 'pressemitteilung.html')]);
      expect(report.imported).toHaveLength(2);
      for (const r of report.imported) {
        const d = lib.services.documents.get(r.id);
        ids[d.source === 'foerderzusage.docx' ? 'docx' : 'html'] = r.id;
        expect(d.bodyHtml, d.source ?? '').toBeTruthy();
      }
      expect(ids.docx && ids.html && ids.docx !== ids.html).toBeTruthy();
    }, 120_000);

    afterAll(async () => {
      await printer?.close();
      lib?.dispose();
    });

    for (const which of ['docx', 'html'] as const) {
      describe(`Import aus ${which.toUpperCase()}`, () => {
        it('PDF: text layer and structure tree hold the table, both lists, the H2 headings, links and the footnote', async () => {
          const file = path.join(out, `${which}.pdf`);
          await lib.services.exports.pdf({ documentIds: [ids[which]], outputPath: file });
          const text = norm(pdfText(file));
          for (const s of ['Lindenhof-Platz umbauen', 'Stadtteilbüro am Markt', 'Platzumbau', '1,2 Mio. Euro', 'Sozialer Zusammenhalt', 'Bescheid des Landes vom 5. März 2026.']) {
            expect(text).toContain(s);
          }
          // The footnote is a footnote, not a stray "[1]" or back arrow.
          expect(text).not.toMatch(/\[1\]|↑|↩/);
          const types = structTypes(file);
          for (const t of ['Table', 'TR', 'TH', 'TD', 'L', 'LI', 'H1', 'H2', 'H3', 'Link']) expect(types, t).toContain(t);
          expect(types.filter((t) => t === 'L').length).toBeGreaterThanOrEqual(3); // ordered, unordered, footnotes
          const levels = types.filter((t) => /^H[1-6]$/.test(t)).map((t) => Number(t.slice(1)));
          expect(levels[0]).toBe(1);
          expect(headingLevelsWithoutGaps(levels), levels.join(',')).toBe(true);
        });

        it('DOCX: word/document.xml has a table, numbered paragraphs, Heading styles without gaps and a Word footnote', async () => {
          const file = path.join(out, `${which}.docx`);
          await lib.services.exports.docx(ids[which], file);
          const zip = await JSZip.loadAsync(fs.readFileSync(file));
          const xml = await zip.file('word/document.xml')!.async('string');
          expect(xml).toContain('<w:tbl>');
          expect((xml.match(/<w:numPr>/g) ?? []).length).toBeGreaterThanOrEqual(4);
          const styles = [...xml.matchAll(/<w:pStyle w:val="Heading(\d)"\/>/g)].map((m) => Number(m[1]));
          expect(styles).toEqual([1, 2, 2, 3]);
          expect(xml).toMatch(/<w:footnoteReference w:id="1"\/>/);
          expect(await zip.file('word/footnotes.xml')!.async('string')).toContain('Bescheid des Landes vom 5. März 2026.');
          expect(xml).toContain('Platzumbau');
          const rels = await zip.file('word/_rels/document.xml.rels')!.async('string');
          expect(rels).toContain('https://example.org/programm_(2026)');
        });

        it('Markdown: a CommonMark parser (markdown-it) finds headings, both lists, the table, the links and the footnote', () => {
          const file = path.join(out, `${which}.md`);
          lib.services.exports.markdown(ids[which], file);
          const md = fs.readFileSync(file, 'utf8');
          const tokens = new MarkdownIt('commonmark').enable('table').parse(md, {});
          const types = tokens.map((t) => t.type);
          expect(types).toContain('ordered_list_open');
          expect(types).toContain('bullet_list_open');
          expect(types).toContain('table_open');
          expect(tokens.filter((t) => t.type === 'heading_open').map((t) => t.tag)).toEqual(['h1', 'h2', 'h2', 'h3']);
          const inline = tokens.filter((t) => t.type === 'inline').flatMap((t) => t.children ?? []);
          const hrefs = inline.filter((t) => t.type === 'link_open').map((t) => t.attrGet('href'));
          expect(hrefs).toContain('https://example.org/programm_(2026)');
          expect(hrefs).toContain('https://kellbach.example/lindenhof');
          const texts = inline.filter((t) => t.type === 'text').map((t) => t.content).join('\n');
          // "12. März 2026" at a paragraph start stays text, without a visible backslash.
          expect(texts).toContain('Kellbach, 12. März 2026.');
          expect(md).toMatch(/Fördermittel\[\^1\]/);
          expect(md).toContain('[^1]: Bescheid des Landes vom 5. März 2026.');
        });

        it('HTML: the DOM has h1 and h2/h3 without gaps, ol, ul, a table with header cells, links and a linked footnote', () => {
          const file = path.join(out, `${which}.html`);
          lib.services.exports.html(ids[which], file);
          const { document } = new JSDOM(fs.readFileSync(file, 'utf8')).window;
          const levels = Array.from(document.querySelectorAll('h1,h2,h3,h4,h5,h6'), (h) => Number(h.tagName[1]));
          expect(levels).toEqual([1, 2, 2, 3]);
          expect(document.querySelectorAll('h1')).toHaveLength(1);
          expect(Array.from(document.querySelectorAll('article > ol > li'), (li) => li.textContent)).toEqual(['Lindenhof-Platz umbauen', 'Spielplatz am Bach erneuern']);
          expect(document.querySelectorAll('article > ul > li')).toHaveLength(2);
          expect(Array.from(document.querySelectorAll('table th'), (th) => th.textContent)).toEqual(['Posten', 'Betrag']);
          expect(document.querySelectorAll('table tbody tr')).toHaveLength(2);
          expect(Array.from(document.querySelectorAll('a[href^="https:"]'), (a) => a.getAttribute('href'))).toContain('https://example.org/programm_(2026)');
          const ref = document.querySelector('sup.fn-ref a')!;
          const note = document.querySelector(ref.getAttribute('href')!)!;
          expect(note.textContent).toContain('Bescheid des Landes vom 5. März 2026.');
        });
      });
    }
  },
);
