/**
 * PDF reading order and artifacts (issue 18 §1–2) on layouts made here by Chromium's print and by
 * LibreOffice, against poppler's pdftotext: word recall ≥ 0.99, word order ≥ 0.9, no page-number
 * paragraphs, no running header or footer, no stamp in a word, paragraphs whole across breaks.
 * This is the tuning set; pdfLayoutBlind.test.ts holds the blind one.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPdf } from '../../../electron/services/import/readers/pdf';
import { DEFAULT_READER_LIMITS } from '../../../electron/services/import/readers/types';
import { buildFixtures, CHROMIUM_MISSING, measure, POPPLER_MISSING, SOFFICE_MISSING, type Fixture, type Layout } from '../../support/pdfLayoutFixtures';
import { TUNING_CHROMIUM, TUNING_OFFICE } from '../../support/pdfTuningLayouts';

const HAS_QPDF = spawnSync('sh', ['-c', 'command -v qpdf']).status === 0;

function suite(title: string, layouts: Layout[], skip: string | null) {
  let dir = '';
  let fixtures: Fixture[] = [];
  describe.skipIf(skip)(`${title}${skip ? ` (übersprungen: ${skip})` : ''}`, () => {
    beforeAll(async () => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qw-pdf-layout-'));
      fixtures = await buildFixtures(layouts, dir);
    }, 120_000);
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

    for (const [i, l] of layouts.entries()) {
      it(`${l.name}: ${l.columns} Spalte(n) in Lesereihenfolge, ohne Kopf-/Fußzeilen`, async () => {
        const fx = fixtures[i]!;
        const r = await readPdf(fs.readFileSync(fx.file), DEFAULT_READER_LIMITS);
        const m = measure(fx, r.text);
        if (process.env.QW_PDF_DEBUG) console.log(l.name, m, '\n', r.text.slice(0, 3000));
        expect(m.recall).toBeGreaterThanOrEqual(0.99);
        expect(m.order).toBeGreaterThanOrEqual(0.9);
        expect(m.pageNumberParagraphs).toBe(0);
        expect(m.artifactParagraphs).toBe(0);
        expect(m.stampInWord).toBe(false);
        expect(m.intact).toBeGreaterThanOrEqual(0.9);
        if (l.headline) expect(r.headline).toBe(l.headline);
        // LibreOffice writes the document title into the Info dictionary; Chromium leaves it empty here.
        if (l.producer === 'soffice') expect(r.infoTitle).toBe(l.headline);
        expect(r.titleHint).toBe(l.headline);
      });
    }

    it.skipIf(!HAS_QPDF)('reads a page turned by /Rotate like the upright one (needs Debian package qpdf)', async () => {
      const fx = fixtures.find((f) => f.layout.columns === 2)!;
      const turned = path.join(dir, 'gedreht.pdf');
      execFileSync('qpdf', ['--rotate=+90', fx.file, turned]);
      const upright = await readPdf(fs.readFileSync(fx.file), DEFAULT_READER_LIMITS);
      const r = await readPdf(fs.readFileSync(turned), DEFAULT_READER_LIMITS);
      expect(r.text).toBe(upright.text);
      expect(r.artifacts.rotatedItems).toBe(upright.artifacts.rotatedItems);
    });
  });
}

suite('PDF layout (Chromium)', TUNING_CHROMIUM, CHROMIUM_MISSING ?? POPPLER_MISSING);
suite('PDF layout (LibreOffice)', TUNING_OFFICE, SOFFICE_MISSING ?? POPPLER_MISSING);
