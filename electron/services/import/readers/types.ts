/** What a format reader returns for one file; the importer normalises and analyses it. */
export interface ReadResult {
  text: string;
  /** Sanitized HTML for formats with structure (HTML, DOCX); null for plain text. */
  html: string | null;
  /** Title/date/publisher the container states (HTML <title>, e-mail subject, PDF info). */
  titleHint?: string | null;
  dateHint?: string | null;
  publisherHint?: string | null;
  sourceUrl?: string | null;
  /**
   * The document's own headline from its structure (issue 18 §3): the first H1 of HTML, DOCX,
   * ODT or Markdown, the largest line of a PDF. It becomes the title; null when there is none.
   */
  headline?: string | null;
  /** A title from the file's metadata (PDF Info, DOCX/ODT core properties); used only when it is a real one. */
  infoTitle?: string | null;
  /** Where the text came from: the file's own text, OCR of scanned pages, or both (issue 18 §6). */
  textSource?: 'text' | 'ocr' | 'mixed';
  /** Files a container carries (e-mail attachments): each becomes a record of its own. */
  attachments?: Attachment[];
  mediaType: string;
  /** Notes for the report, e.g. "Windows-1252 erkannt". */
  notes?: string[];
}

export interface Attachment {
  name: string;
  mediaType: string;
  bytes: Buffer;
}

export interface ReaderLimits {
  /** Largest total uncompressed size of a DOCX (bytes). */
  maxUnzippedBytes: number;
  /** Largest compression ratio of one DOCX entry. */
  maxCompressionRatio: number;
  /** Largest number of PDF pages read. */
  maxPdfPages: number;
  /**
   * Largest unpacked main text of a DOCX (`word/document.xml`, bytes). Parsing takes about 25
   * times its size in memory (a 190 MB document.xml needed 4.45 GB, issue 17); a 500-page report
   * has some 15 MB.
   */
  maxDocumentXmlBytes: number;
}

export const DEFAULT_READER_LIMITS: ReaderLimits = {
  maxUnzippedBytes: 200 * 1024 * 1024,
  maxCompressionRatio: 100,
  maxPdfPages: 2000,
  maxDocumentXmlBytes: 32 * 1024 * 1024,
};
