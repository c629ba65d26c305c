/**
 * Our own draft dossier, exported with its diagonal „ENTWURF“ watermark, running header and page
 * numbers, imported again (issue 18: „KenntENTWURFnisse“). Real export (Chromium print) and the
 * real importer on a real SQLite file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumPdfPrinter } from '../../../electron/services/export/ChromiumPdfPrinter';
import { readPdf } from '../../../electron/services/import/readers/pdf';
import { DEFAULT_READER_LIMITS } from '../../../electron/services/import/readers/types';
import type { RichNode } from '../../../shared/domain/document';
import { openTestLibrary, type TestLibrary } from '../../support/testLibrary';
import { CHROMIUM_MISSING, paragraph, POPPLER_MISSING, referenceText, rng, wordRecall, words } from '../../support/pdfLayoutFixtures';

const r = rng(1818);
const PARAS = Array.from({ length: 14 }, (_, i) => `${i % 3 === 0 ? 'Kenntnisse der Nachbarschaft: ' : ''}${paragraph(r, 5)}`);
const p = (text: string): RichNode => ({ type: 'paragraph', content: [{ type: 'text', text }] });
const skip = CHROMIUM_MISSING ?? POPPLER_MISSING;

describe.skipIf(skip)(`Re-Import eines eigenen Entwurfs-PDFs${skip ? ` (übersprungen: ${skip})` : ''}`, () => {
  let lib: TestLibrary;
  let printer: ChromiumPdfPrinter;
  let file = '';
  beforeAll(async () => {
    lib = openTestLibrary();
    printer = new ChromiumPdfPrinter();
    lib.services.ports.pdf = printer;
    const id = lib.services.documents.create({
      kind: 'leitbild',
      title: 'Leitbild Nordstadt: Kenntnisse und Ziele',
      date: '2026-03-12',
      status: 'draft',
      content: { type: 'doc', content: PARAS.map(p) },
    }).id;
    file = path.join(lib.dir, 'entwurf.pdf');
    await lib.services.exports.pdf({ documentIds: [id], outputPath: file });
  }, 120_000);
  afterAll(async () => {
    await printer?.close();
    lib?.dispose();
  });

  it('reads the text without the watermark in any word and without page furniture', async () => {
    const res = await readPdf(fs.readFileSync(file), DEFAULT_READER_LIMITS);
    expect(res.pages).toBeGreaterThan(1);
    expect(res.artifacts.rotatedItems).toBeGreaterThan(0);
    expect(res.text).not.toMatch(/ENTWURF/u);
    expect(res.text).not.toMatch(/\p{L}ENTWURF|ENTWURF\p{L}/u);
    const flat = (s: string) => words(s).join(' ');
    const body = flat(res.text);
    const whole = PARAS.filter((q) => body.includes(flat(q))).length / PARAS.length;
    expect(whole).toBeGreaterThanOrEqual(0.9);
    const paras = res.text.split(/\n\n/u);
    expect(paras.filter((q) => /^(Seite\s+)?\d+(\s+(von|\/)\s+\d+)?$/u.test(q.trim()))).toEqual([]);
    // Nothing lost against poppler (its stamp letters aside).
    expect(wordRecall(words(referenceText(file, ['ENTWURF'])), words(res.text), new Set(PARAS.flatMap((q) => words(q))))).toBeGreaterThanOrEqual(0.97);
  });

  it('imports it as one document whose body has no stamp', async () => {
    const report = await lib.services.importer.importPaths([file]);
    expect(report.failed).toEqual([]);
    expect(report.imported).toHaveLength(1);
    const body = lib.services.db.prepare('SELECT body_text FROM documents WHERE id = ?').pluck().get(report.imported[0]!.id) as string;
    expect(body).not.toMatch(/ENTWURF/u);
    expect(body).toContain('Kenntnisse der Nachbarschaft');
  });
});
