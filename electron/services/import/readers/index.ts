import type { ImportFormat } from '../detectFormat';
import { readDoc } from './doc';
import { readDocx } from './docx';
import { readEml } from './eml';
import { readHtml } from './html';
import { readMarkdown } from './markdown';
import { readOdt } from './odt';
import { readPdf } from './pdf';
import { readRtf } from './rtf';
import { readTxt } from './txt';
import type { ReaderLimits, ReadResult } from './types';

export type FileFormat = Exclude<ImportFormat, 'jsonl'>;

/** What a reader may need besides the bytes: the file's name (for messages), cancel, OCR. */
export interface ReadContext {
  fileName: string;
  signal: AbortSignal;
  /** OCR for PDF pages without text (tesseract.js); off refuses an image-only PDF (PDF_IMAGE_ONLY). */
  ocr: boolean;
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
    const r = await readPdf(b, l, { fileName: c.fileName, signal: c.signal, ocr: c.ocr });
    // The PDF's Info title is metadata, not the headline: a real one is recognised later
    // (documentHead.isRealInfoTitle). Readers that already say `infoTitle` keep theirs.
    return r.infoTitle !== undefined ? r : { ...r, infoTitle: r.titleHint ?? null, titleHint: null };
  },
  eml: (b) => readEml(b),
};

/** Extensions the importer reads, for messages. */
export const SUPPORTED_LIST = '.txt, .md, .html, .docx, .odt, .doc, .rtf, .pdf, .eml, .jsonl, .jsonl.gz';
