/**
 * OCR throughput (issue 18 §6): scanned A4 pages (Chromium screenshot at 150 dpi, wrapped by
 * img2pdf) read by the PDF reader with one tesseract.js worker; pages/s, the worker's start-up, and
 * the words recognised against the source. Rows for import.bench.ts; skipped without Chromium or img2pdf.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_LAUNCH_ARGS, DEFAULT_CHROMIUM } from '../../electron/services/export/ChromiumPdfPrinter';
import { createOcrEngine, ocrAvailable, readPdf } from '../../electron/services/import/readers/pdf';
import { DEFAULT_READER_LIMITS } from '../../electron/services/import/readers/types';
import { CHROMIUM_MISSING, IMG2PDF_MISSING, paragraph, rng, wordRecall, words } from '../support/pdfLayoutFixtures';
import type { BenchContext, BenchRow } from './benchKit';

export async function ocrRows(ctx: BenchContext, pages = 3): Promise<BenchRow[]> {
  const missing = CHROMIUM_MISSING ?? IMG2PDF_MISSING ?? (ocrAvailable() ? null : 'tesseract.js fehlt');
  if (missing) {
    ctx.log(`OCR übersprungen: ${missing}`);
    return [];
  }
  const r = rng(2026);
  const texts = Array.from({ length: pages }, () => Array.from({ length: 6 }, () => paragraph(r, 4)));
  const browser = await chromium.launch({ executablePath: DEFAULT_CHROMIUM, args: CHROMIUM_LAUNCH_ARGS, headless: true });
  const pngs: string[] = [];
  try {
    for (const [i, ps] of texts.entries()) {
      const page = await browser.newPage({ viewport: { width: 1240, height: 1754 } });
      await page.setContent(`<html lang="de"><body style="margin: 140px; font: 22px/1.45 'DejaVu Serif', serif; background: #fff">${ps.map((p) => `<p>${p}</p>`).join('')}</body></html>`);
      const file = path.join(ctx.tmpDir, `scan-${i}.png`);
      await page.screenshot({ path: file });
      await page.close();
      pngs.push(file);
    }
  } finally {
    await browser.close();
  }
  const pdf = path.join(ctx.tmpDir, 'scan.pdf');
  const p = spawnSync('img2pdf', ['--pagesize', 'A4', '-o', pdf, ...pngs], { encoding: 'utf8' });
  if (p.status !== 0) throw new Error(`img2pdf: ${p.stderr}`);
  const t0 = performance.now();
  const engine = await createOcrEngine();
  const startup = (performance.now() - t0) / 1000;
  try {
    const t1 = performance.now();
    const res = await readPdf(fs.readFileSync(pdf), DEFAULT_READER_LIMITS, { ocr: engine });
    const sec = (performance.now() - t1) / 1000;
    const recall = wordRecall(words(texts.flat().join(' ')), words(res.text));
    const g = `OCR: ${pages} eingescannte A4-Seiten (150 dpi, tesseract.js deu)`;
    ctx.log(`OCR: ${pages} Seiten in ${sec.toFixed(1)} s, Wort-Recall ${recall.toFixed(3)}`);
    return [
      { group: g, metric: 'Durchsatz', value: pages / sec, unit: 'Seiten/s' },
      { group: g, metric: 'Start des Workers (Sprachdaten laden)', value: startup, unit: 's' },
      { group: g, metric: 'Wort-Recall gegen den Quelltext', value: recall, unit: '', target: '≥ 0,8' },
      { group: g, metric: 'mittlere Konfidenz', value: res.ocrConfidence ?? 0, unit: '' },
    ];
  } finally {
    await engine.terminate();
  }
}
