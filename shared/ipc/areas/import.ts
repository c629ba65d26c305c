import { z } from 'zod';
import { documentKindSchema } from '../../domain/document';
import {
  importFilesInputSchema,
  quoteListQuerySchema,
  quotePatchSchema,
  type ImportProgress,
  type ImportReport,
  type OrganisationView,
  type PersonView,
  type QuoteView,
} from '../../domain/import';
import { out } from '../out';

/**
 * Dropped files travel as base64. These are outer bounds against abuse; the service refuses
 * more than 200 files, 50 MB per file or 200 MB per call with a clear TOO_LARGE message.
 */
export const importDataInputSchema = z
  .object({
    files: z
      .array(z.object({ name: z.string().min(1).max(1000), dataBase64: z.string().max(100 * 1024 * 1024) }).strict())
      .min(1)
      .max(1000),
    kind: documentKindSchema.optional(),
  })
  .strict();

/** Channels and events of the import area (issue: import of press material). */
export const importChannels = {
  'import.files': { input: importFilesInputSchema, output: out<ImportReport>() },
  /** Asks the user for files or a folder (the open dialog of main), then imports; null if nothing was chosen. */
  'import.choose': {
    input: z.object({ mode: z.enum(['files', 'folder']), kind: documentKindSchema.optional() }).strict(),
    output: out<ImportReport | null>(),
  },
  /** Files dropped onto the window, as bytes (drag and drop). */
  'import.data': { input: importDataInputSchema, output: out<ImportReport>() },
  'import.cancel': { input: z.object({}).strict(), output: out<{ cancelled: number }>() },
  'quotes.list': { input: quoteListQuerySchema, output: out<QuoteView[]>() },
  'quotes.update': { input: quotePatchSchema, output: out<QuoteView>() },
  'people.list': {
    input: z.object({ query: z.string().trim().max(200).optional() }).strict(),
    output: out<PersonView[]>(),
  },
  'organisations.list': {
    input: z.object({ query: z.string().trim().max(200).optional() }).strict(),
    output: out<OrganisationView[]>(),
  },
} as const;

export interface ImportEvents {
  'import.progressed': ImportProgress;
  'import.finished': ImportReport;
}
