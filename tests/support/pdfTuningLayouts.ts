/** The layouts the PDF reading rules are tuned on (issue 18 §1–2); the blind set is in pdfLayoutBlind.test.ts. */
import type { Layout } from './pdfLayoutFixtures';

export const TUNING_CHROMIUM: Layout[] = [
  {
    name: 'chromium-1col', producer: 'chromium', columns: 1, seed: 11, paragraphs: 10, sentencesPerParagraph: 5, justify: true,
    headline: 'Quartiersrat legt Jahresbericht vor', header: 'Stadt Musterhausen – Amt für Quartiere', footer: 'seite-von',
  },
  {
    name: 'chromium-2col', producer: 'chromium', columns: 2, seed: 12, paragraphs: 14, sentencesPerParagraph: 5, justify: true,
    headline: 'Neue Wege für das Quartier am Fluss', header: 'Stadt Musterhausen – Amt für Quartiere', footer: 'seite-von',
    watermark: { text: 'ENTWURF', angle: -45 },
  },
  {
    name: 'chromium-3col', producer: 'chromium', columns: 3, seed: 13, paragraphs: 16, sentencesPerParagraph: 4, justify: true, fontPt: 10,
    headline: 'Dossier: Wohnen im Quartier', header: 'Dossier|Stand 12.03.2026', footer: 'number',
  },
];
export const TUNING_OFFICE: Layout[] = [
  {
    name: 'office-2col', producer: 'soffice', columns: 2, seed: 21, paragraphs: 12, sentencesPerParagraph: 5, justify: true,
    headline: 'Haushalt 2026: Schwerpunkte im Stadtteil', header: 'Stadtverordnetenversammlung', footer: 'seite-von',
  },
  {
    name: 'office-3col', producer: 'soffice', columns: 3, seed: 22, paragraphs: 14, sentencesPerParagraph: 4, justify: false, fontPt: 9,
    headline: 'Mitteilungen aus dem Ortsbeirat', footer: 'number',
  },
];

