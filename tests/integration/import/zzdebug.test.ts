import fs from 'node:fs';
import { it } from 'vitest';
import { readPdf } from '../../../electron/services/import/readers/pdf';
import { DEFAULT_READER_LIMITS } from '../../../electron/services/import/readers/types';
import { buildFixtures, measure, referenceText, repairSplits, words, type Layout } from '../../support/pdfLayoutFixtures';
import { TUNING_CHROMIUM, TUNING_OFFICE } from '../../support/pdfTuningLayouts';
it('debug', async () => {
  const name = process.env.L!;
  const layouts: Layout[] = [...TUNING_CHROMIUM, ...TUNING_OFFICE];
  const l = layouts.find((x) => x.name === name)!;
  fs.mkdirSync('/tmp/pdf18/fx', { recursive: true });
  const file = `/tmp/pdf18/fx/${name}.pdf`;
  const [fx] = await buildFixtures([l], '/tmp/pdf18/fx');
  const r = await readPdf(fs.readFileSync(fx!.file), DEFAULT_READER_LIMITS);
  const m = measure(fx!, r.text);
  const ref = repairSplits(words(referenceText(fx!.file, fx!.artifacts)), fx!.paragraphs);
  const got = words(r.text);
  const have = new Map<string, number>(); for (const w of got) have.set(w, (have.get(w) ?? 0) + 1);
  const miss: string[] = []; for (const w of ref) { const n = have.get(w) ?? 0; if (n > 0) have.set(w, n - 1); else miss.push(w); }
  const extra = [...have].filter(([, n]) => n > 0).map(([w, n]) => `${w}×${n}`);
  fs.writeFileSync('/tmp/pdf18/out.txt', r.text);
  fs.writeFileSync('/tmp/pdf18/ref.txt', referenceText(fx!.file, fx!.artifacts));
  console.log(JSON.stringify(m), r.headline, r.artifacts, '\nMISS', miss.slice(0, 40).join(' '), '\nEXTRA', extra.slice(0, 40).join(' '));
}, 60000);
