import fs from 'node:fs';
import { it } from 'vitest';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { pageTokens, type PdfTextItem } from '../../../electron/services/import/readers/pdf/geometry';
import { layoutPage } from '../../../electron/services/import/readers/pdf/layout';
it('gutter', async () => {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(fs.readFileSync(process.env.F!)), verbosity: 0 }).promise;
  const page = await doc.getPage(Number(process.env.P ?? 1));
  const v = page.getViewport({ scale: 1 });
  const tc = await page.getTextContent();
  const t = pageTokens(tc.items as PdfTextItem[], v.transform, v.width, v.height);
  const minX = Math.min(...t.upright.map((x) => x.x0));
  const cover = new Array(Math.ceil(v.width)).fill(0);
  for (const x of t.upright) for (let i = Math.floor(x.x0); i <= Math.ceil(x.x1); i++) cover[i] += x.bottom - x.top;
  console.log('minX', minX, cover.map((c, i) => `${i}:${Math.round(c)}`).slice(270, 320).join(' '));
  const blocks = layoutPage(t.upright);
  for (const b of blocks) console.log(`[${b.x0.toFixed(0)}-${b.x1.toFixed(0)} ${b.top.toFixed(0)}-${b.bottom.toFixed(0)}] ${b.lines.length} lines: ${b.lines[0]!.text.slice(0, 60)}`);
});
