import type { DocumentKind } from '../../../shared/domain/document';

/**
 * One thing to import, whatever it came from (issue 18 §9): a file read by its format's reader,
 * one line of a JSONL archive, or an e-mail's attachment. Readers yield records; one pipeline
 * (normalise → classify kind → analyse → dedup → store, see RecordPipeline) handles them all.
 */
export interface ImportRecord {
  /** The file on disk it came from (named in the report). */
  path: string;
  /** `documents.source`: the file's name, a JSONL record's collection, „mail.eml › anhang.pdf“. */
  source: string;
  /** How the report names it when it fails: the file name, „archiv.jsonl, Zeile 3“ … */
  label: string;
  /** Line of a JSONL file. */
  line?: number;
  /** SHA-256 of the bytes it was read from: the file, the record's line, the attachment. */
  importKey: string;
  original: { name: string; mediaType: string; bytes: Buffer };
  text: string;
  html: string | null;
  textSource: 'text' | 'ocr' | 'mixed';
  /** What the container suggests; the text's own head wins over these where it has one. */
  hints: {
    headline?: string | null;
    infoTitle?: string | null;
    /** HTML <title>, e-mail subject. */
    containerTitle?: string | null;
    date?: string | null;
    publisher?: string | null;
    sourceUrl?: string | null;
    fileStem?: string | null;
  };
  /** What a structured record states outright (JSONL fields): these win over any analysis. */
  given: {
    title?: string | null;
    date?: string | null;
    speaker?: string | null;
    place?: string | null;
    kind?: DocumentKind | null;
    externalId?: string | null;
    collection?: string | null;
    category?: string | null;
  };
  /** For an attachment: the import key of the e-mail it came with, and its name there. */
  parent?: { importKey: string; attachmentName: string };
}
