import fs from 'node:fs';
import { it } from 'vitest';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { pageTokens, type PdfTextItem } from '../../../electron/services/import/readers/pdf/geometry';
import { layoutPage } from '../../../electron/services/import/readers/pdf/layout';
it('art', async () => {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(fs.readFileSync(process.env.F!)), verbosity: 0 }).promise;
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const v = page.getViewport({ scale: 1 });
    const tc = await page.getTextContent();
    const t = pageTokens(tc.items as PdfTextItem[], v.transform, v.width, v.height);
    const blocks = layoutPage(t.upright);
    for (const b of blocks) for (const l of b.lines) if (l.bottom < v.height * 0.14 || l.top > v.height * 0.86) console.log(n, l.base.toFixed(1), l.top.toFixed(1), l.bottom.toFixed(1), JSON.stringify(l.text));
  }
});
