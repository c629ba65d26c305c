import type { ImportProgress } from '../../../shared/domain/import';
/**
 * OCR of scanned pages (issue 18 §6, §8): a German page rendered by Chromium to PNG and wrapped by
 * img2pdf as a scan; a PDF that mixes a text page and that scan (pdfunite). tesseract.js runs in its
 * worker thread with the German data from node_modules (nothing downloaded).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_LAUNCH_ARGS, DEFAULT_CHROMIUM } from '../../../electron/services/export/ChromiumPdfPrinter';
import { createOcrEngine, ocrAvailable, readPdf, type OcrEngine, type PdfProgress } from '../../../electron/services/import/readers/pdf';
import { createServices } from '../../../electron/services/createServices';
import { MemoryEventSink, silentLogger, systemClock } from '../../../electron/services/ports';
import { DEFAULT_READER_LIMITS } from '../../../electron/services/import/readers/types';
import { openTestLibrary } from '../../support/testLibrary';
import { CHROMIUM_MISSING, IMG2PDF_MISSING, paragraph, rng, wordRecall, words } from '../../support/pdfLayoutFixtures';

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const skip =
  CHROMIUM_MISSING ??
  IMG2PDF_MISSING ??
  (has('pdfunite') ? null : 'pdfunite fehlt (Debian-Paket poppler-utils)') ??
  (ocrAvailable() ? null : 'tesseract.js oder @tesseract.js-data/deu fehlt (npm install)');

const r = rng(4711);
const HEADLINE = 'Bekanntmachung der Gemeinde über die Sanierung';
const SCANNED = [paragraph(r, 2), paragraph(r, 2)];
const TYPED = paragraph(r, 4);

let dir = '';
let engine: OcrEngine;
const file = (n: string) => path.join(dir, n);

describe.skipIf(skip)(`PDF OCR${skip ? ` (übersprungen: ${skip})` : ''}`, () => {
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qw-pdf-ocr-'));
    const browser = await chromium.launch({ executablePath: DEFAULT_CHROMIUM, args: CHROMIUM_LAUNCH_ARGS, headless: true });
    try {
      // A5 at 150 dpi: a small scan keeps the test fast.
      const page = await browser.newPage({ viewport: { width: 874, height: 1240 } });
      const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
      await page.setContent(
        `<html lang="de"><body style="margin: 70px; font: 24px/1.4 'DejaVu Serif', serif; background: #fff; color: #111">` +
          `<h1 style="font-size: 34px">${esc(HEADLINE)}</h1>${SCANNED.map((p) => `<p>${esc(p)}</p>`).join('')}</body></html>`,
      );
      await page.screenshot({ path: file('scan.png') });
      await page.close();
      const text = await browser.newPage();
      await text.setContent(`<html lang="de"><body><h1>Vorbemerkung</h1><p>${esc(TYPED)}</p></body></html>`);
      fs.writeFileSync(file('text.pdf'), await text.pdf({ format: 'A5' }));
    } finally {
      await browser.close();
    }
    const run = (cmd: string, args: string[]) => {
      const p = spawnSync(cmd, args, { encoding: 'utf8' });
      if (p.status !== 0) throw new Error(`${cmd}: ${p.stderr}`);
    };
    run('img2pdf', ['--pagesize', 'A5', '-o', file('scan.pdf'), file('scan.png')]);
    run('pdfunite', [file('text.pdf'), file('scan.pdf'), file('mixed.pdf')]);
    engine = await createOcrEngine();
  }, 120_000);
  afterAll(async () => {
    await engine?.terminate();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads a scanned German page by OCR and says so', async () => {
    const progress: PdfProgress[] = [];
    const res = await readPdf(fs.readFileSync(file('scan.pdf')), DEFAULT_READER_LIMITS, { ocr: engine, onProgress: (p) => progress.push(p) });
    expect(res.textSource).toBe('ocr');
    expect(res.ocrPages).toEqual([1]);
    expect(res.ocrConfidence).toBeGreaterThan(0.6);
    expect(res.notes?.join(' ')).toMatch(/OCR/);
    const recall = wordRecall(words([HEADLINE, ...SCANNED].join(' ')), words(res.text));
    console.log(`OCR recall ${recall.toFixed(3)}`);
    expect(recall).toBeGreaterThanOrEqual(0.8);
    expect(res.headline?.toLowerCase()).toContain('bekanntmachung');
    expect(progress.some((p) => p.phase === 'ocr' && p.page === 1)).toBe(true);
  });

  it('runs OCR only on the page without text in a mixed PDF', async () => {
    const pages: number[] = [];
    const res = await readPdf(fs.readFileSync(file('mixed.pdf')), DEFAULT_READER_LIMITS, { ocr: engine, onProgress: (p) => p.phase === 'ocr' && pages.push(p.page) });
    expect(res.textSource).toBe('mixed');
    expect(res.ocrPages).toEqual([2]);
    expect(new Set(pages)).toEqual(new Set([2]));
    // The text page is read from its text, exactly.
    expect(res.text.replace(/\s+/g, ' ')).toContain(TYPED);
    expect(wordRecall(words(SCANNED.join(' ')), words(res.text))).toBeGreaterThanOrEqual(0.8);
  });

  it('refuses an image-only PDF with OCR off, naming the file and what to do', async () => {
    const err = await readPdf(fs.readFileSync(file('scan.pdf')), DEFAULT_READER_LIMITS, { fileName: 'scan.pdf' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'INVALID_FILE', details: { reason: 'PDF_IMAGE_ONLY', file: 'scan.pdf' } });
    expect((err as Error).message).toMatch(/„scan\.pdf“.*Texterkennung \(OCR\) einschalten/su);
    // A mixed PDF with OCR off keeps its text page and names the skipped one.
    const mixed = await readPdf(fs.readFileSync(file('mixed.pdf')), DEFAULT_READER_LIMITS);
    expect(mixed.imagePagesSkipped).toEqual([2]);
    expect(mixed.textSource).toBe('text');
    expect(mixed.notes?.join(' ')).toMatch(/Seite 2/);
  });

  it('imports a scan through the real importer (OCR on by default) and refuses it with OCR off', async () => {
    const lib = openTestLibrary();
    try {
      const report = await lib.services.importer.importPaths([file('scan.pdf')]);
      expect(report.failed).toEqual([]);
      // Progress names the page being recognised, so a long scan does not look stuck.
      const ocrPages = lib.events.events
        .filter((e) => e.event === 'import.progressed')
        .map((e) => (e.payload as ImportProgress).ocr)
        .filter((o): o is { page: number; pages: number } => !!o);
      expect(ocrPages.length).toBeGreaterThan(0);
      expect(ocrPages.every((o) => o.page >= 1 && o.page <= o.pages)).toBe(true);
      const body = lib.services.db.prepare('SELECT body_text FROM documents WHERE id = ?').pluck().get(report.imported[0]!.id) as string;
      expect(wordRecall(words(SCANNED.join(' ')), words(body))).toBeGreaterThanOrEqual(0.8);
      // The document says its text came from OCR (shown on the document page).
      expect(lib.services.documents.get(report.imported[0]!.id).textSource).toBe('ocr');
    } finally {
      lib.dispose();
    }
    const off = createServices(
      { paths: { resourcesDir: dir, backupsDir: dir }, events: new MemoryEventSink(), clock: systemClock, logger: silentLogger },
      { dbPath: file('ohne-ocr.sqlite'), importer: { ocr: false } },
    );
    try {
      const refused = await off.importer.importPaths([file('scan.pdf')]);
      expect(refused.imported).toEqual([]);
      expect(refused.failed).toMatchObject([{ code: 'INVALID_FILE' }]);
      expect(refused.failed[0]!.message).toMatch(/„scan\.pdf“.*Texterkennung/su);
    } finally {
      off.close();
    }
  });

  it('cancels a running OCR (its own worker is ended)', async () => {
    const ac = new AbortController();
    const err = await readPdf(fs.readFileSync(file('scan.pdf')), DEFAULT_READER_LIMITS, {
      ocr: true,
      signal: ac.signal,
      onProgress: (p) => {
        if (p.phase === 'ocr') ac.abort();
      },
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'CANCELLED' });
  });
});
