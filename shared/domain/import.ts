import { z } from 'zod';
import type { ErrorCode } from '../errors';
import { documentKindSchema, idSchema, type DocumentKind } from './document';

/** Formats the importer reads (issue: import of press material). */
export const IMPORT_EXTENSIONS = ['.txt', '.text', '.md', '.markdown', '.html', '.htm', '.xhtml', '.docx', '.odt', '.doc', '.rtf', '.pdf', '.eml', '.jsonl', '.ndjson', '.jsonl.gz', '.ndjson.gz'] as const;

export interface ImportedItem {
  id: string;
  /** The `id` of a JSONL record, else null. */
  externalId: string | null;
  title: string;
  kind: DocumentKind;
}

export interface DuplicateItem extends ImportedItem {
  path: string;
  /**
   * Why it is a duplicate (issue 18 §7): the same bytes were imported before (`same-content`),
   * or a record with the same `id` in the same collection and the same text is in the library
   * (`same-id`). Missing in reports of older versions: read as `same-content`.
   */
  reason?: 'same-content' | 'same-id';
  /** Line of a JSONL file. */
  line?: number;
}

/** A JSONL record whose `id` was in the library with another text: the document now has the new text. */
export interface UpdatedItem extends ImportedItem {
  path: string;
  line?: number;
}

/** What became of one attachment of an e-mail (issue 18 §5). */
export interface AttachmentItem {
  /** The e-mail file. */
  path: string;
  /** The attachment's file name as the e-mail names it. */
  name: string;
  status: 'imported' | 'duplicate' | 'unsupported' | 'failed';
  /** The attachment's document (imported or the one it duplicates). */
  documentId?: string;
  /** The e-mail's document it is linked to. */
  parentId?: string;
  code?: ErrorCode;
  /** For `unsupported` and `failed`: why, with what to do. */
  message?: string;
}

/**
 * Why a file could not be read, as a code the window turns into its own words (issue 18 §8);
 * the message says the same in German, naming the file and what to do.
 */
export const IMPORT_FAILURE_REASONS = [
  'unsupported-format',
  'empty-file',
  'no-text',
  'image-only',
  'encrypted',
  'damaged',
  'truncated',
  'too-large',
  'not-this-format',
  'io',
  'invalid-record',
] as const;
export type ImportFailureReason = (typeof IMPORT_FAILURE_REASONS)[number];

export interface FailedItem {
  path: string;
  code: ErrorCode;
  message: string;
  /** Line of a JSONL file the failure belongs to. */
  line?: number;
  reason?: ImportFailureReason;
}

export interface ImportReport {
  runId: string;
  imported: ImportedItem[];
  duplicates: DuplicateItem[];
  failed: FailedItem[];
  cancelled: boolean;
  /** JSONL records that replaced the text of a document with the same `id` (issue 18 §7). */
  updated?: UpdatedItem[];
  /** E-mail attachments: imported as documents of their own, or why not (issue 18 §5). */
  attachments?: AttachmentItem[];
  /** Files found (folders expanded). */
  files: number;
  seconds: number;
}

export interface ImportProgress {
  runId: string;
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  currentFile: string | null;
  imported: number;
  duplicates: number;
  failed: number;
  /** Documents per second so far. */
  rate: number;
  /** Estimated seconds left, from bytes read; null until it can be estimated. */
  etaSeconds: number | null;
  /** While scanned pages of the current PDF are recognised (OCR, issue 18 §6): page n of pages. */
  ocr?: { page: number; pages: number } | null;
}

export const importFilesInputSchema = z
  .object({
    // SECURITY: paths come from the open dialog of the main process or the command line; the
    // importer only reads them (never writes or executes), and refuses what it cannot parse.
    paths: z.array(z.string().min(1).max(4096)).min(1).max(100_000),
    kind: documentKindSchema.optional(),
  })
  .strict();

export interface QuoteView {
  id: string;
  documentId: string;
  documentTitle: string;
  speaker: string | null;
  personId: string | null;
  role: string | null;
  organisation: string | null;
  organisationId: string | null;
  text: string;
  position: number;
  saidOn: string | null;
  corrected: boolean;
}

export const quoteListQuerySchema = z
  .object({
    speaker: z.string().trim().min(1).max(200).optional(),
    personId: idSchema.optional(),
    organisationId: idSchema.optional(),
    documentId: idSchema.optional(),
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(5000).default(500),
  })
  .strict();
export type QuoteListQuery = z.input<typeof quoteListQuerySchema>;

export const quotePatchSchema = z
  .object({
    id: idSchema,
    speaker: z.string().trim().min(1).max(300).optional(),
    role: z.string().trim().max(300).nullable().optional(),
    organisation: z.string().trim().max(500).nullable().optional(),
    text: z.string().trim().min(1).max(100_000).optional(),
  })
  .strict();
export type QuotePatch = z.infer<typeof quotePatchSchema>;

export interface PersonView {
  id: string;
  name: string;
  honorific: string | null;
  roles: { title: string; organisation: string | null }[];
  quoteCount: number;
  documentCount: number;
}

export interface OrganisationView {
  id: string;
  name: string;
  quoteCount: number;
  documentCount: number;
  peopleCount: number;
}
