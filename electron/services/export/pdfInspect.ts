/**
 * Reads back what Chromium printed, in plain JavaScript (pdf.js, legacy build for Node): the page
 * count and on which page each named destination (a heading the contents link to) landed.
 */
export interface PdfLayout {
  pages: number;
  /** Destination name → 1-based page number. */
  destinations: Map<string, number>;
  /** The PDF outline (bookmarks), flattened in document order. */
  outline: { title: string; depth: number; page: number | null }[];
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjsModule: Promise<PdfJs> | null = null;
const pdfjs = () => (pdfjsModule ??= import('pdfjs-dist/legacy/build/pdf.mjs'));

export async function inspectPdf(bytes: Uint8Array, destinationNames: string[]): Promise<PdfLayout> {
  const lib = await pdfjs();
  // pdf.js may take ownership of the buffer it gets: hand it a copy.
  const task = lib.getDocument({
    data: bytes.slice(),
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: true,
    verbosity: 0,
  });
  const doc = await task.promise;
  try {
    const destinations = new Map<string, number>();
    for (const name of destinationNames) {
      const dest = await doc.getDestination(name);
      const ref = dest?.[0];
      if (ref && typeof ref === 'object') destinations.set(name, (await doc.getPageIndex(ref as { num: number; gen: number })) + 1);
    }
    const outline: PdfLayout['outline'] = [];
    type Item = { title: string; dest: string | unknown[] | null; items: Item[] };
    const walk = async (items: Item[], depth: number) => {
      for (const it of items) {
        const dest = typeof it.dest === 'string' ? await doc.getDestination(it.dest) : it.dest;
        const ref = Array.isArray(dest) ? dest[0] : null;
        const page = ref && typeof ref === 'object' ? (await doc.getPageIndex(ref as { num: number; gen: number })) + 1 : null;
        outline.push({ title: it.title, depth, page });
        await walk(it.items ?? [], depth + 1);
      }
    };
    await walk(((await doc.getOutline()) ?? []) as Item[], 0);
    return { pages: doc.numPages, destinations, outline };
  } finally {
    await task.destroy();
  }
}
