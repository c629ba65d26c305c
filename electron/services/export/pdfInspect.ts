import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';

/**
 * Reads back what Chromium printed, in plain JavaScript (pdf.js, legacy build for Node): the page
 * count and on which page each named destination (a heading the contents link to) landed.
 */
export interface PdfLayout {
  pages: number;
  /** Destination name → 1-based page number. */
  destinations: Map<string, number>;
  /** Destination name → where exactly: page object and the point at the top left of the element. */
  targets: Map<string, PdfTarget>;
  /** The PDF outline (bookmarks), flattened in document order. */
  outline: { title: string; depth: number; page: number | null }[];
}

type PdfJs = typeof PdfJsModule;
let pdfjsModule: Promise<PdfJs> | null = null;
const pdfjs = () => (pdfjsModule ??= import('pdfjs-dist/legacy/build/pdf.mjs'));

export interface PdfTarget {
  page: number;
  ref: { num: number; gen: number };
  x: number;
  y: number;
}

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
    const targets = new Map<string, PdfTarget>();
    for (const name of destinationNames) {
      const dest = await doc.getDestination(name);
      const ref = dest?.[0] as { num: number; gen: number } | undefined;
      if (ref && typeof ref === 'object') {
        const page = (await doc.getPageIndex(ref)) + 1;
        destinations.set(name, page);
        const x = typeof dest![2] === 'number' ? dest![2] : 0;
        const y = typeof dest![3] === 'number' ? dest![3] : 0;
        targets.set(name, { page, ref: { num: ref.num, gen: ref.gen }, x, y });
      }
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
    return { pages: doc.numPages, destinations, targets, outline };
  } finally {
    await task.destroy();
  }
}
