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
  mediaType: string;
  /** Notes for the report, e.g. "Windows-1252 erkannt". */
  notes?: string[];
}

export interface ReaderLimits {
  /** Largest total uncompressed size of a DOCX (bytes). */
  maxUnzippedBytes: number;
  /** Largest compression ratio of one DOCX entry. */
  maxCompressionRatio: number;
  /** Largest number of PDF pages read. */
  maxPdfPages: number;
}

export const DEFAULT_READER_LIMITS: ReaderLimits = {
  maxUnzippedBytes: 200 * 1024 * 1024,
  maxCompressionRatio: 100,
  maxPdfPages: 2000,
};
