import type { accessiblePdf } from './pdfAccessibility';

/**
 * pdf-lib is loaded on the first PDF export, not when the services start: every CLI command
 * (and the app's start) would otherwise pay for parsing it (about 0.25 s of CPU).
 */
export async function loadAccessiblePdf(): Promise<typeof accessiblePdf> {
  return (await import('./pdfAccessibility')).accessiblePdf;
}
