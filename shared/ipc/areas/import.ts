import { z } from 'zod';
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

/** Channels and events of the import area (issue: import of press material). */
export const importChannels = {
  'import.files': { input: importFilesInputSchema, output: out<ImportReport>() },
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
