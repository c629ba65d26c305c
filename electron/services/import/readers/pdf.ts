import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';
import { AppError } from '../../../../shared/errors';
import { removeArtifacts, type PageLayout } from './pdf/artifacts';
import { pageTokens, type PdfTextItem } from './pdf/geometry';
import { headings, headline, realInfoTitle, type PdfHeading } from './pdf/headings';
import { layoutPage } from './pdf/layout';
import { createOcrEngine, type OcrEngine } from './pdf/ocr';
import { toParagraphs } from './pdf/paragraphs';
import type { ReadResult, ReaderLimits } from './types';

export { createOcrEngine, ocrAvailable, type OcrEngine } from './pdf/ocr';

type PdfJs = typeof PdfJsModule;
type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
type PdfPage = Awaited<ReturnType<PdfDocument['getPage']>>;
let pdfjs: Promise<PdfJs> | null = null;
const loadPdfJs = () => (pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs'));

/**
 * Why a PDF could not be read, in `error.details.reason` (the code stays INVALID_FILE or
 * CANCELLED, so existing callers keep working; the UI can branch on the reason).
 */
export type PdfErrorReason = 'PDF_NOT_PDF' | 'PDF_TRUNCATED' | 'PDF_ENCRYPTED' | 'PDF_DAMAGED' | 'PDF_IMAGE_ONLY' | 'PDF_NO_TEXT';

export interface PdfProgress {
  phase: 'text' | 'ocr';
  /** 1-based page being read, of `pages`; `fraction` of that page's OCR (0–1). */
  page: number;
  pages: number;
  fraction?: number;
}

export interface PdfReadOptions {
  /**
   * OCR for pages without text: false (default) leaves them out (an all-image PDF is refused with
   * PDF_IMAGE_ONLY); true starts a tesseract.js worker for this file; an engine is used as given
   * (the caller terminates it) — one engine for a whole import run.
   */
  ocr?: boolean | OcrEngine;
  onProgress?: (p: PdfProgress) => void;
  signal?: AbortSignal;
  /** Named in error messages. */
  fileName?: string;
}

export interface PdfReadResult extends ReadResult {
  /** The Info dictionary's title when it is a real title (not a file name or placeholder). */
  infoTitle: string | null;
  /** The largest heading on the first page, from font sizes. */
  headline: string | null;
  /** Paragraphs above the headline on its page (a letterhead: the publisher), at most five. */
  aboveHeadline: string[];
  headings: PdfHeading[];
  pages: number;
  /** 1-based pages whose text came from OCR; empty when none. */
  ocrPages: number[];
  /** Pages that are images without text and were not read (OCR off). */
  imagePagesSkipped: number[];
  textSource: 'text' | 'ocr' | 'mixed';
  /** Mean OCR word confidence (0–1), null without OCR. */
  ocrConfidence: number | null;
  /** What was left out as page furniture. */
  artifacts: { repeatedLines: number; pageNumbers: number; rotatedItems: number };
}

/** Upright letters and digits below which a page counts as having no text. */
const MIN_PAGE_CHARS = 12;
/**
 * OCR resolution: 200 dpi (as good as 250 on 10-pt text in our measurement, a third faster), at most
 * this many pixels on the longer side.
 */
const OCR_SCALE = 200 / 72;
const OCR_MAX_SIDE = 4000;

const named = (o: PdfReadOptions) => (o.fileName ? `„${o.fileName}“: ` : '');

function fail(reason: PdfErrorReason, message: string, o: PdfReadOptions, extra: Record<string, unknown> = {}): AppError {
  return new AppError('INVALID_FILE', `${named(o)}${message}`, { reason, ...(o.fileName ? { file: o.fileName } : {}), ...extra });
}

function checkCancelled(o: PdfReadOptions): void {
  if (o.signal?.aborted) throw new AppError('CANCELLED', `${named(o)}Lesen abgebrochen.`);
}

/** Step 1: the bytes are a complete PDF (header and end marker). */
function checkEnvelope(bytes: Uint8Array, o: PdfReadOptions): void {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (!head.includes('%PDF-')) throw fail('PDF_NOT_PDF', 'Die Datei ist kein PDF (Kopfzeile „%PDF-“ fehlt). Bitte prüfen, ob die Datei richtig benannt ist.', o);
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 2048))).toString('latin1');
  if (!tail.includes('%%EOF')) throw fail('PDF_TRUNCATED', 'Das PDF ist unvollständig (abgeschnitten): die Endmarke „%%EOF“ fehlt. Bitte die Datei neu herunterladen oder neu exportieren.', o);
}

/** Step 2: pdfjs opens it, with fonts, XFA and every network feature off. */
async function open(lib: PdfJs, bytes: Uint8Array, o: PdfReadOptions) {
  // SECURITY: no font loading, no eval, no fetching of anything referenced by the file.
  const task = lib.getDocument({
    data: new Uint8Array(bytes), // pdfjs takes ownership of the buffer
    enableXfa: false, // pdfjs 6 compiles no code from PDFs (isEvalSupported is gone); XFA forms stay off
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    isOffscreenCanvasSupported: false,
    disableAutoFetch: true,
    disableStream: true,
    stopAtErrors: true,
    verbosity: 0,
  });
  try {
    return { task, doc: await task.promise };
  } catch (err) {
    const e = err as Error;
    await task.destroy().catch(() => {});
    if (e.name === 'PasswordException') {
      throw fail('PDF_ENCRYPTED', 'Das PDF ist verschlüsselt (kennwortgeschützt) und kann nicht gelesen werden. Bitte eine Fassung ohne Kennwort exportieren (z. B. „Drucken als PDF“) und diese importieren.', o, { encrypted: true });
    }
    throw fail('PDF_DAMAGED', `Das PDF ist beschädigt (${e.message}). Bitte die Datei im Ursprungsprogramm neu als PDF speichern.`, o);
  }
}

interface ReadPage {
  layout: PageLayout;
  chars: number;
  rotated: number;
}

/** Step 3: one page's text → blocks in reading order. */
async function readPage(page: PdfPage): Promise<ReadPage> {
  const view = page.getViewport({ scale: 1 });
  const content = await page.getTextContent();
  const tokens = pageTokens(content.items as PdfTextItem[], view.transform, view.width, view.height);
  const chars = tokens.upright.reduce((n, t) => n + [...t.text.matchAll(/[\p{L}\p{N}]/gu)].length, 0);
  return { layout: { width: tokens.width, height: tokens.height, blocks: layoutPage(tokens.upright) }, chars, rotated: tokens.rotated.length };
}

/** Does the page paint an image (a scan), as opposed to being blank? */
async function paintsImage(lib: PdfJs, page: PdfPage): Promise<boolean> {
  const ops = await page.getOperatorList();
  const image = new Set<number>([lib.OPS.paintImageXObject, lib.OPS.paintInlineImageXObject, lib.OPS.paintImageMaskXObject, lib.OPS.paintImageXObjectRepeat, lib.OPS.paintInlineImageXObjectGroup]);
  return ops.fnArray.some((f) => image.has(f));
}

/** Step 4: the page rendered to PNG and read by OCR; its blocks in page units. */
async function ocrPage(doc: PdfDocument, page: PdfPage, engine: OcrEngine, onFraction: (f: number) => void): Promise<{ layout: PageLayout; confidence: number }> {
  const base = page.getViewport({ scale: 1 });
  const scale = Math.min(OCR_SCALE, OCR_MAX_SIDE / Math.max(base.width, base.height));
  const view = page.getViewport({ scale });
  const factory = doc.canvasFactory as { create(w: number, h: number): { canvas: { toBuffer(type: string): Uint8Array }; context: unknown }; destroy?(c: unknown): void };
  const cc = factory.create(Math.ceil(view.width), Math.ceil(view.height));
  await page.render({ canvasContext: cc.context as CanvasRenderingContext2D, canvas: null, viewport: view, background: '#ffffff' }).promise;
  const png = cc.canvas.toBuffer('image/png');
  factory.destroy?.(cc);
  const r = await engine.recognize(png, scale, onFraction);
  return { layout: { width: base.width, height: base.height, blocks: r.blocks }, confidence: r.confidence };
}

/** Ends the wait (and, through `stop`, the work) when the import is cancelled. */
async function cancellable<T>(work: Promise<T>, o: PdfReadOptions, stop: () => unknown): Promise<T> {
  const signal = o.signal;
  if (!signal) return work;
  let onAbort = () => {};
  const aborted = new Promise<never>((_, reject) => {
    onAbort = () => {
      void stop();
      reject(new AppError('CANCELLED', `${named(o)}Texterkennung abgebrochen.`));
    };
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  work.catch(() => {}); // a worker ended by cancel rejects its job: that is the cancel, not an error
  try {
    return await Promise.race([work, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}

async function infoTitleOf(doc: PdfDocument): Promise<string | null> {
  try {
    const meta = await doc.getMetadata();
    const info = meta.info as { Title?: unknown } | undefined;
    const dc = meta.metadata?.get('dc:title');
    return realInfoTitle(typeof info?.Title === 'string' ? info.Title : null) ?? realInfoTitle(typeof dc === 'string' ? dc : null);
  } catch {
    return null; // metadata is optional
  }
}

/**
 * PDF text through pdfjs-dist: per page a layout analysis (columns, headline, boxes, footnotes in
 * reading order; rotated text set aside), then running headers, footers and page numbers removed
 * and paragraphs joined across column and page breaks (issue 18 §1–2). Pages without text are
 * read by OCR when `options.ocr` allows (§6). A file without `%%EOF` near its end is truncated and
 * refused (pdfjs would silently reconstruct a part); encrypted files are refused (§8).
 */
export async function readPdf(bytes: Uint8Array, limits: ReaderLimits, options: PdfReadOptions = {}): Promise<PdfReadResult> {
  checkEnvelope(bytes, options);
  const lib = await loadPdfJs();
  const { task, doc } = await open(lib, bytes, options);
  let ownEngine: OcrEngine | null = null;
  try {
    if (doc.numPages > limits.maxPdfPages) throw new AppError('TOO_LARGE', `${named(options)}Das PDF hat ${doc.numPages} Seiten (höchstens ${limits.maxPdfPages}).`);
    const pages: PageLayout[] = [];
    const imagePages: number[] = [];
    let rotated = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      checkCancelled(options);
      options.onProgress?.({ phase: 'text', page: n, pages: doc.numPages });
      const page = await doc.getPage(n);
      const r = await readPage(page);
      rotated += r.rotated;
      if (r.chars < MIN_PAGE_CHARS && (await paintsImage(lib, page))) imagePages.push(n);
      pages.push(r.layout);
      page.cleanup();
    }
    const ocrPages: number[] = [];
    const confidences: number[] = [];
    if (imagePages.length > 0 && options.ocr) {
      const engine = typeof options.ocr === 'object' ? options.ocr : (ownEngine = await createOcrEngine());
      for (const n of imagePages) {
        checkCancelled(options);
        options.onProgress?.({ phase: 'ocr', page: n, pages: doc.numPages, fraction: 0 });
        const page = await doc.getPage(n);
        const r = await cancellable(
          ocrPage(doc, page, engine, (fraction) => options.onProgress?.({ phase: 'ocr', page: n, pages: doc.numPages, fraction })),
          options,
          () => ownEngine?.terminate(),
        );
        page.cleanup();
        // The few characters of a scan's own text layer (a stamped page number) are read again by OCR.
        pages[n - 1] = r.layout;
        ocrPages.push(n);
        confidences.push(r.confidence);
      }
    }
    const skipped = options.ocr ? [] : imagePages;
    const cleaned = removeArtifacts(pages);
    const paras = toParagraphs(cleaned.pages);
    const text = paras.map((p) => p.text).join('\n\n');
    if (text.replace(/\s/gu, '').length === 0) {
      if (skipped.length > 0) {
        throw fail('PDF_IMAGE_ONLY', 'Das PDF enthält nur Bilder (eingescannte Seiten) und keinen Text. Bitte die Texterkennung (OCR) einschalten und erneut importieren.', options, { imagePages: skipped });
      }
      throw fail('PDF_NO_TEXT', 'Das PDF enthält keinen lesbaren Text (leere Seiten oder nur Grafik). Bitte das Original als PDF mit Textebene, DOCX oder Text exportieren und erneut importieren.', options);
    }
    const infoTitle = await infoTitleOf(doc);
    const head = headline(paras, (p) => pages[p - 1]?.height ?? 842);
    const at = head === null ? -1 : paras.findIndex((p) => p.text === head);
    const aboveHeadline = at > 0 ? paras.slice(0, at).filter((p) => p.page === paras[at]!.page).slice(-5).map((p) => p.text) : [];
    const notes: string[] = [];
    if (ocrPages.length > 0) notes.push(`Texterkennung (OCR) auf Seite ${ocrPages.join(', ')}`);
    if (skipped.length > 0) notes.push(`Seite ${skipped.join(', ')} ist ein Bild ohne Text und wurde ohne Texterkennung übersprungen`);
    return {
      text,
      html: null,
      titleHint: infoTitle ?? head,
      mediaType: 'application/pdf',
      notes,
      infoTitle,
      headline: head,
      aboveHeadline,
      headings: headings(paras),
      pages: doc.numPages,
      ocrPages,
      imagePagesSkipped: skipped,
      textSource: ocrPages.length === 0 ? 'text' : ocrPages.length === doc.numPages ? 'ocr' : 'mixed',
      ocrConfidence: confidences.length > 0 ? confidences.reduce((a, b) => a + b, 0) / confidences.length : null,
      artifacts: { repeatedLines: cleaned.removed.repeated, pageNumbers: cleaned.removed.pageNumbers, rotatedItems: rotated },
    };
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw fail('PDF_DAMAGED', `Das PDF ist beschädigt (${(err as Error).message}). Bitte die Datei im Ursprungsprogramm neu als PDF speichern.`, options);
  } finally {
    await ownEngine?.terminate().catch(() => {});
    await task.destroy();
  }
}
