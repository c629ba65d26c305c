/**
 * OCR of scanned pages (issue 18 §6): tesseract.js in its own worker thread with the German data
 * of `@tesseract.js-data/deu`, read from node_modules — nothing is downloaded at run time and
 * nothing is cached to disk. One engine can read many pages (and many files); `terminate()` ends
 * its worker. The result comes back as lines and blocks in page coordinates, so the same artifact
 * and paragraph rules apply as for text pages.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type * as TesseractModule from 'tesseract.js';
import { AppError } from '../../../../../shared/errors';
import type { Token } from './geometry';
import type { Block, Line } from './layout';

const require = createRequire(import.meta.url);

/** What one page's OCR gives: its blocks (page units, y downwards) and the mean word confidence. */
export interface OcrPage {
  blocks: Block[];
  confidence: number;
}

export interface OcrEngine {
  /** Recognises one page image (PNG bytes) rendered at `scale` pixels per PDF unit. */
  recognize(png: Uint8Array, scale: number, onProgress?: (fraction: number) => void): Promise<OcrPage>;
  terminate(): Promise<void>;
}

interface TessBBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}
interface TessWord {
  text: string;
  bbox: TessBBox;
  confidence: number;
}
interface TessLine {
  bbox: TessBBox;
  baseline?: TessBBox;
  words: TessWord[];
  rowAttributes?: { rowHeight?: number; descenders?: number; ascenders?: number };
}
interface TessBlock {
  paragraphs: { lines: TessLine[] }[];
}

/** Folder of the German data shipped with the app (LSTM „best_int“ model, gzip). */
export function germanDataPath(): string {
  return path.join(path.dirname(require.resolve('@tesseract.js-data/deu/package.json')), '4.0.0_best_int');
}

/**
 * True when tesseract.js, the German data and the canvas pdfjs renders pages with
 * (`@napi-rs/canvas`, pdfjs-dist's optional dependency) can be loaded from node_modules.
 */
export function ocrAvailable(): boolean {
  try {
    require.resolve('tesseract.js');
    require.resolve('@tesseract.js-data/deu/package.json');
    require.resolve('@napi-rs/canvas');
    return true;
  } catch {
    return false;
  }
}

/** Starts a tesseract.js worker for German. */
export async function createOcrEngine(): Promise<OcrEngine> {
  if (!ocrAvailable()) throw new AppError('NOT_AVAILABLE', 'Die Texterkennung (tesseract.js mit deutschen Sprachdaten, @napi-rs/canvas) ist nicht installiert.', { reason: 'OCR_MISSING' });
  // A CommonJS module: Node names its exports, a bundler may only give `default`.
  const mod = (await import('tesseract.js')) as unknown as typeof TesseractModule & { default?: typeof TesseractModule };
  const { createWorker, OEM } = typeof mod.createWorker === 'function' ? mod : mod.default!;
  let progress: ((fraction: number) => void) | undefined;
  const worker = await createWorker('deu', OEM.LSTM_ONLY, {
    langPath: germanDataPath(),
    gzip: true,
    // SECURITY/offline: no cache written next to the app, no download (langPath is a local folder).
    cacheMethod: 'none',
    logger: (m: { status: string; progress: number }) => {
      if (m.status === 'recognizing text') progress?.(m.progress);
    },
    errorHandler: () => {},
  });
  return {
    async recognize(png, scale, onProgress) {
      progress = onProgress;
      try {
        const r = await worker.recognize(Buffer.from(png), {}, { text: false, blocks: true });
        const blocks = ((r.data.blocks ?? []) as unknown as TessBlock[]).map((b) => toBlock(b, scale)).filter((b): b is Block => b !== null);
        return { blocks, confidence: r.data.confidence / 100 };
      } finally {
        progress = undefined;
      }
    },
    async terminate() {
      await worker.terminate();
    },
  };
}

function toBlock(b: TessBlock, scale: number): Block | null {
  const lines: Line[] = [];
  for (const p of b.paragraphs)
    for (const l of p.lines) {
      const words = l.words.filter((w) => w.text.trim() !== '');
      if (words.length === 0) continue;
      const base = (l.baseline ? Math.max(l.baseline.y0, l.baseline.y1) : l.bbox.y1) / scale;
      const size = Math.max(4, ((l.rowAttributes?.rowHeight ?? l.bbox.y1 - l.bbox.y0) / scale) * 0.75);
      const tokens: Token[] = words.map((w, i) => ({
        text: w.text,
        x0: w.bbox.x0 / scale,
        x1: w.bbox.x1 / scale,
        base,
        top: w.bbox.y0 / scale,
        bottom: w.bbox.y1 / scale,
        size,
        font: 'ocr',
        item: -1,
        spaceBefore: i > 0,
      }));
      lines.push({
        text: words.map((w) => w.text).join(' '),
        x0: l.bbox.x0 / scale,
        x1: l.bbox.x1 / scale,
        top: l.bbox.y0 / scale,
        bottom: l.bbox.y1 / scale,
        base,
        size,
        tokens,
      });
    }
  if (lines.length === 0) return null;
  return {
    lines,
    x0: Math.min(...lines.map((l) => l.x0)),
    x1: Math.max(...lines.map((l) => l.x1)),
    top: Math.min(...lines.map((l) => l.top)),
    bottom: Math.max(...lines.map((l) => l.bottom)),
  };
}
