import { z } from 'zod';
import type { ErrorCode } from '../errors';
import { documentKindSchema, idSchema, type DocumentKind } from './document';

/** Formats the importer reads (issue: import of press material). */
export const IMPORT_EXTENSIONS = ['.txt', '.text', '.md', '.markdown', '.html', '.htm', '.xhtml', '.docx', '.pdf', '.eml', '.jsonl', '.ndjson', '.jsonl.gz', '.ndjson.gz'] as const;

export interface ImportedItem {
  id: string;
  /** The `id` of a JSONL record, else null. */
  externalId: string | null;
  title: string;
  kind: DocumentKind;
}

export interface DuplicateItem extends ImportedItem {
  path: string;
}

export interface FailedItem {
  path: string;
  code: ErrorCode;
  message: string;
  /** Line of a JSONL file the failure belongs to. */
  line?: number;
}

export interface ImportReport {
  runId: string;
  imported: ImportedItem[];
  duplicates: DuplicateItem[];
  failed: FailedItem[];
  cancelled: boolean;
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
