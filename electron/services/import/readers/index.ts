import type { ImportFormat } from '../detectFormat';
import { readDoc } from './doc';
import { readDocx } from './docx';
import { readEml } from './eml';
import { readHtml } from './html';
import { readMarkdown } from './markdown';
import { readOdt } from './odt';
import { readPdf, type PdfErrorReason, type PdfProgress } from './pdf';
import { readRtf } from './rtf';
import { readTxt } from './txt';
import type { ReaderLimits, ReadResult } from './types';
import { AppError } from '../../../../shared/errors';
import type { ImportFailureReason } from '../../../../shared/domain/import';

/** The PDF reader's own failure reasons in the import report's words (issue 18 §8). */
const PDF_REASONS: Record<PdfErrorReason, ImportFailureReason> = {
  PDF_NOT_PDF: 'not-this-format',
  PDF_TRUNCATED: 'truncated',
  PDF_ENCRYPTED: 'encrypted',
  PDF_DAMAGED: 'damaged',
  PDF_IMAGE_ONLY: 'image-only',
  PDF_NO_TEXT: 'no-text',
};

function withImportReason(err: unknown): unknown {
  const details = err instanceof AppError ? (err.details as { reason?: string } | undefined) : undefined;
  const mapped = details?.reason ? PDF_REASONS[details.reason as PdfErrorReason] : undefined;
  if (!(err instanceof AppError) || !mapped) return err;
  return new AppError(err.code, err.message, { ...details, reason: mapped, pdfReason: details!.reason });
}

export type FileFormat = Exclude<ImportFormat, 'jsonl'>;

/** What a reader may need besides the bytes: the file's name (for messages), cancel, OCR. */
export interface ReadContext {
  fileName: string;
  signal: AbortSignal;
  /** OCR for PDF pages without text (tesseract.js); off refuses an image-only PDF (PDF_IMAGE_ONLY). */
  ocr: boolean;
  /** Text recognition reached page `page` of `pages` (scanned PDF pages only). */
  onOcrPage?: (page: number, pages: number) => void;
}

/** One reader per format (a new format is one module and one line here). */
export const FILE_READERS: Record<FileFormat, (bytes: Buffer, limits: ReaderLimits, context: ReadContext) => ReadResult | Promise<ReadResult>> = {
  txt: (b) => readTxt(b),
  md: (b) => readMarkdown(b),
  html: (b) => readHtml(b),
  docx: (b, l) => readDocx(b, l),
  odt: (b, l) => readOdt(b, l),
  doc: (b) => readDoc(b),
  rtf: (b) => readRtf(b),
  pdf: async (b, l, c) => {
    const onProgress = c.onOcrPage ? (p: PdfProgress) => p.phase === 'ocr' && c.onOcrPage!(p.page, p.pages) : undefined;
    const r = await readPdf(b, l, { fileName: c.fileName, signal: c.signal, ocr: c.ocr, onProgress }).catch((err: unknown) => {
      throw withImportReason(err);
    });
    // The PDF's Info title is metadata, not the headline: a real one is recognised later
    // (documentHead.isRealInfoTitle). Readers that already say `infoTitle` keep theirs.
    return r.infoTitle !== undefined ? r : { ...r, infoTitle: r.titleHint ?? null, titleHint: null };
  },
  eml: (b) => readEml(b),
};

/** Extensions the importer reads, for messages. */
export const SUPPORTED_LIST = '.txt, .md, .html, .docx, .odt, .doc, .rtf, .pdf, .eml, .jsonl, .jsonl.gz';
