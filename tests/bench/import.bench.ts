/**
 * Import throughput and quote extraction quality (issue: import of press material).
 * - the full ../shared/corpus/speeches.jsonl.gz (documents/s, MB/s of the file and of the text);
 * - a folder of 500 PDFs and 500 DOCX generated here (PDFs by the hand-written writer in
 *   tests/support/importFixtures.ts with real text objects, DOCX by the `docx` package);
 * - peak RSS of each run;
 * - precision/recall of quote attribution on tests/fixtures/press (hand-annotated);
 * - a mixed folder of 2,000 files, 250 of each format the record pipeline reads (issue 18 §9):
 *   TXT, Markdown, HTML, DOCX, ODT, RTF, PDF and e-mails with an attachment (docs/s, peak RSS).
 * `QW_IMPORT_BENCH=mixed npm run bench import` runs only that row.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createServices } from '../../electron/services/createServices';
import { MemoryEventSink, silentLogger, systemClock } from '../../electron/services/ports';
import { layoutParagraphs, quotedPrintable, writeDocx, writePdf, writeZip } from '../support/importFixtures';
import { evaluatePress, PRESS_FIXTURES } from '../support/pressEval';
import { ocrRows } from './ocrBench';
import { peakRssMb, type BenchModule, type BenchRow } from './benchKit';

function open(dir: string, name: string) {
  return createServices(
    { paths: { resourcesDir: dir, backupsDir: dir }, events: new MemoryEventSink(), clock: systemClock, logger: silentLogger },
    { dbPath: path.join(dir, `${name}.sqlite`) },
  );
}

const bench: BenchModule = {
  title: 'Import: Durchsatz, Speicher, Zitat-Erkennung',
  async run(ctx) {
    const rows: BenchRow[] = [];
    const press = fs.readdirSync(PRESS_FIXTURES).filter((f) => f.endsWith('.txt')).map((f) => fs.readFileSync(path.join(PRESS_FIXTURES, f), 'utf8'));
    rows.push(...(await mixedFolder(ctx, press)));
    if (process.env.QW_IMPORT_BENCH === 'mixed') return rows;

    // 1. Corpus JSONL.
    if (ctx.corpusDir) {
      const file = path.join(ctx.corpusDir, 'speeches.jsonl.gz');
      const s = open(ctx.tmpDir, 'korpus');
      global.gc?.();
      const t0 = performance.now();
      const { peakMb, value: report } = await peakRssMb(() => s.importer.importPaths([file]));
      const sec = (performance.now() - t0) / 1000;
      const textMb = (s.db.prepare('SELECT sum(length(body_text)) FROM documents').pluck().get() as number) / 1e6;
      const fileMb = fs.statSync(file).size / 1e6;
      const g = 'speeches.jsonl.gz (2.229 Reden)';
      rows.push(
        { group: g, metric: 'Dokumente importiert', value: report.imported.length, unit: 'Dok.' },
        { group: g, metric: 'Dauer', value: sec, unit: 's' },
        { group: g, metric: 'Durchsatz', value: report.imported.length / sec, unit: 'Dok./s' },
        { group: g, metric: 'Durchsatz (gz-Datei)', value: fileMb / sec, unit: 'MB/s' },
        { group: g, metric: 'Durchsatz (Text, Mio. Zeichen)', value: textMb / sec, unit: 'M Zeichen/s' },
        { group: g, metric: 'Spitzen-RSS', value: peakMb, unit: 'MB' },
      );
      const t1 = performance.now();
      const again = await s.importer.importPaths([file]);
      rows.push({ group: g, metric: 'zweiter Import (alles Duplikate)', value: (performance.now() - t1) / 1000, unit: 's', target: `${again.duplicates.length} Duplikate` });
      s.close();
      ctx.log(`Korpus: ${report.imported.length} in ${sec.toFixed(1)} s`);
    } else ctx.log('Korpus fehlt: Zeile übersprungen');

    // 2. 500 PDF + 500 DOCX.
    const folder = path.join(ctx.tmpDir, 'dateien');
    fs.mkdirSync(folder);
    const tg = performance.now();
    let bytes = 0;
    for (let i = 0; i < 500; i++) {
      const paras = press[i % press.length]!.split(/\n\n/u);
      // Vary the content so every file is a distinct original.
      paras.push(`Laufende Nummer ${i} – Anhang für die Messung.`);
      const lines = layoutParagraphs(paras, { width: 90, size: 10, hyphenate: true, top: 800 });
      const pages = [];
      for (let p = 0; p < lines.length; p += 55) pages.push(lines.slice(p, p + 55).map((l, k) => ({ ...l, y: 800 - k * 13 })));
      const pdf = writePdf(pages);
      const docx = await writeDocx(`${paras[1] ?? 'Dokument'} (${i})`, paras);
      fs.writeFileSync(path.join(folder, `m-${String(i).padStart(3, '0')}.pdf`), pdf);
      fs.writeFileSync(path.join(folder, `m-${String(i).padStart(3, '0')}.docx`), docx);
      bytes += pdf.length + docx.length;
    }
    ctx.log(`1.000 Dateien erzeugt in ${((performance.now() - tg) / 1000).toFixed(1)} s`);
    const s2 = open(ctx.tmpDir, 'dateien');
    const t2 = performance.now();
    const { peakMb, value: r2 } = await peakRssMb(() => s2.importer.importPaths([folder]));
    const sec2 = (performance.now() - t2) / 1000;
    const quotes = s2.db.prepare('SELECT count(*) FROM quotes').pluck().get() as number;
    const g2 = 'Ordner: 500 PDF + 500 DOCX';
    rows.push(
      { group: g2, metric: 'Dokumente importiert', value: r2.imported.length, unit: 'Dok.', target: `${r2.failed.length} Fehler` },
      { group: g2, metric: 'Dauer', value: sec2, unit: 's' },
      { group: g2, metric: 'Durchsatz', value: r2.imported.length / sec2, unit: 'Dok./s' },
      { group: g2, metric: 'Durchsatz (Dateien)', value: bytes / 1e6 / sec2, unit: 'MB/s' },
      { group: g2, metric: 'Zitate gefunden', value: quotes, unit: 'Zitate' },
      { group: g2, metric: 'Spitzen-RSS', value: peakMb, unit: 'MB' },
    );
    s2.close();

    // 2b. 10,000 files in nested folders (issue: "10,000 files must be practical"): press-release
    // texts varied per file so none is a duplicate, spread over 100 folders.
    const many = path.join(ctx.tmpDir, 'zehntausend');
    for (let i = 0; i < 10_000; i++) {
      const sub = path.join(many, `jahrgang-${String(i % 100).padStart(3, '0')}`);
      if (i < 100) fs.mkdirSync(sub, { recursive: true });
      const text = press[i % press.length]!.replace(/\n\n/u, `\n\nAktenzeichen Q-${i}\n\n`);
      fs.writeFileSync(path.join(sub, `pm-${i}.txt`), text);
    }
    const s3 = open(ctx.tmpDir, 'zehntausend');
    const t3 = performance.now();
    let progressEvents = 0;
    const off = s3.events.on('import.progressed', () => void progressEvents++);
    const { peakMb: peak3, value: r3 } = await peakRssMb(() => s3.importer.importPaths([many]));
    off();
    const sec3 = (performance.now() - t3) / 1000;
    const g3 = 'Ordner: 10.000 Textdateien in 100 Unterordnern';
    rows.push(
      { group: g3, metric: 'Dokumente importiert', value: r3.imported.length, unit: 'Dok.', target: `${r3.failed.length} Fehler, ${r3.duplicates.length} Duplikate` },
      { group: g3, metric: 'Dauer', value: sec3, unit: 's' },
      { group: g3, metric: 'Durchsatz', value: r3.imported.length / sec3, unit: 'Dok./s' },
      { group: g3, metric: 'Fortschrittsereignisse', value: progressEvents, unit: '' },
      { group: g3, metric: 'Spitzen-RSS', value: peak3, unit: 'MB' },
    );
    s3.close();

    // 3. Quote extraction quality on the annotated press releases.
    for (const subset of ['all', 'development', 'heldOut'] as const) {
      const e = evaluatePress(subset);
      const g = `Zitate (${subset === 'all' ? 'alle' : subset === 'development' ? 'Entwicklung' : 'zurückgehalten'}: ${e.documents} PM, ${e.gold} Zitate)`;
      rows.push(
        { group: g, metric: 'Precision (Text + Sprecher)', value: e.precision, unit: '' },
        { group: g, metric: 'Recall (Text + Sprecher)', value: e.recall, unit: '' },
        { group: g, metric: 'Erkennung Precision (nur Text)', value: e.detectionPrecision, unit: '' },
        { group: g, metric: 'Erkennung Recall (nur Text)', value: e.detectionRecall, unit: '' },
        { group: g, metric: 'Rolle richtig', value: e.roleAccuracy, unit: '' },
        { group: g, metric: 'Organisation richtig', value: e.organisationAccuracy, unit: '' },
      );
      if (subset === 'all') {
        rows.push(
          { group: g, metric: 'Titel richtig', value: e.metadata.title, unit: '' },
          { group: g, metric: 'Datum richtig', value: e.metadata.date, unit: '' },
          { group: g, metric: 'Herausgeber richtig', value: e.metadata.publisher, unit: '' },
        );
        for (const err of e.errors) ctx.log(err);
      }
    }
    // 4. OCR of scanned pages (issue 18 §6).
    rows.push(...(await ocrRows(ctx)));
    return rows;
  },
};

const xml = (s: string) => s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');

/** A minimal ODT as ODF 1.2 requires it: the stored `mimetype` first, then content.xml. */
function writeOdt(title: string, paras: string[]): Buffer {
  const content =
    '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:text>' +
    `<text:h text:outline-level="1">${xml(title)}</text:h>${paras.map((p) => `<text:p>${xml(p)}</text:p>`).join('')}</office:text></office:body></office:document-content>`;
  return writeZip([
    { name: 'mimetype', data: Buffer.from('application/vnd.oasis.opendocument.text'), store: true },
    { name: 'content.xml', data: Buffer.from(content, 'utf8') },
  ]);
}

function writeRtf(paras: string[]): Buffer {
  const esc = (p: string) => [...p].map((c) => (c.charCodeAt(0) > 127 ? `\\u${c.charCodeAt(0)}?` : c === '\\' || c === '{' || c === '}' ? `\\${c}` : c)).join('');
  return Buffer.from(`{\\rtf1\\ansi\\ansicpg1252{\\fonttbl{\\f0 Arial;}}\\f0 ${paras.map((p) => `${esc(p)}\\par\n`).join('')}}`, 'latin1');
}

function writeMail(subject: string, body: string, attachment: string): Buffer {
  return Buffer.from(
    `From: Pressestelle <presse@example.org>\r\nSubject: ${subject.replace(/[^\x20-\x7e]/gu, '?')}\r\nDate: Tue, 3 Mar 2026 10:00:00 +0100\r\nMIME-Version: 1.0\r\n` +
      `Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${quotedPrintable(body)}\r\n` +
      `--b\r\nContent-Type: text/plain; charset=utf-8; name="anlage.txt"\r\nContent-Disposition: attachment; filename="anlage.txt"\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from(attachment, 'utf8').toString('base64')}\r\n--b--\r\n`,
    'latin1',
  );
}

/** 2,000 files, 250 per format, each a distinct press text: the one pipeline on every reader. */
async function mixedFolder(ctx: Parameters<BenchModule['run']>[0], press: string[]): Promise<BenchRow[]> {
  const dir = path.join(ctx.tmpDir, 'gemischt');
  fs.mkdirSync(dir);
  const t0 = performance.now();
  const formats = ['txt', 'md', 'html', 'docx', 'odt', 'rtf', 'pdf', 'eml'] as const;
  for (let i = 0; i < 250; i++) {
    for (const f of formats) {
      const paras = press[(i + formats.indexOf(f)) % press.length]!.split(/\n\n/u).concat(`Laufende Nummer ${i} im Format ${f}.`);
      const title = paras.find((p) => p.length > 20 && p.length < 150) ?? `Meldung ${i}`;
      const name = path.join(dir, `${f}-${String(i).padStart(3, '0')}.${f}`);
      let data: Buffer;
      if (f === 'txt') data = Buffer.from(paras.join('\n\n'));
      else if (f === 'md') data = Buffer.from(`# ${title}\n\n${paras.join('\n\n')}`);
      else if (f === 'html') data = Buffer.from(`<html><body><h1>${xml(title)}</h1>${paras.map((p) => `<p>${xml(p)}</p>`).join('')}</body></html>`);
      else if (f === 'docx') data = await writeDocx(title, paras);
      else if (f === 'odt') data = writeOdt(title, paras);
      else if (f === 'rtf') data = writeRtf(paras);
      else if (f === 'pdf') {
        const lines = layoutParagraphs(paras, { width: 90, size: 10, top: 800 });
        const pages = [];
        for (let p = 0; p < lines.length; p += 55) pages.push(lines.slice(p, p + 55).map((l, k) => ({ ...l, y: 800 - k * 13 })));
        data = writePdf(pages);
      } else data = writeMail(title, paras.join('\n\n'), `Anlage zu Nummer ${i}: ${paras[paras.length - 2] ?? ''}`);
      fs.writeFileSync(name, data);
    }
  }
  ctx.log(`2.000 gemischte Dateien erzeugt in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const s = open(ctx.tmpDir, 'gemischt');
  global.gc?.();
  const t1 = performance.now();
  const { peakMb, value: r } = await peakRssMb(() => s.importer.importPaths([dir]));
  const sec = (performance.now() - t1) / 1000;
  const kinds = s.db.prepare('SELECT kind, count(*) AS n FROM documents GROUP BY kind ORDER BY kind').all() as { kind: string; n: number }[];
  s.close();
  const g = 'Ordner: 2.000 gemischte Dateien (TXT, MD, HTML, DOCX, ODT, RTF, PDF, E-Mail mit Anhang; je 250)';
  ctx.log(`gemischt: ${r.imported.length} Dokumente in ${sec.toFixed(1)} s, ${r.failed.length} Fehler, Arten ${kinds.map((k) => `${k.kind} ${k.n}`).join(', ')}`);
  for (const f of r.failed.slice(0, 5)) ctx.log(`  Fehler: ${path.basename(f.path)} ${f.code} ${f.message}`);
  return [
    { group: g, metric: 'Dokumente importiert (mit Anhängen)', value: r.imported.length, unit: 'Dok.', target: `${r.failed.length} Fehler, ${r.attachments?.length ?? 0} Anhänge` },
    { group: g, metric: 'Dauer', value: sec, unit: 's' },
    { group: g, metric: 'Durchsatz', value: r.imported.length / sec, unit: 'Dok./s' },
    { group: g, metric: 'Spitzen-RSS', value: peakMb, unit: 'MB' },
  ];
}

export default bench;
