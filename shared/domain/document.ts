import { z } from 'zod';
import { isSafeLinkHref } from '../editor/safeLink';

export const DOCUMENT_KINDS = ['leitbild', 'press_release', 'speech', 'statement', 'protocol', 'note'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const documentKindSchema = z.enum(DOCUMENT_KINDS);

export const DOCUMENT_STATUSES = ['draft', 'final', 'archived'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];
export const documentStatusSchema = z.enum(DOCUMENT_STATUSES);

/** Calendar date as ISO `YYYY-MM-DD`; documents often have none (speeches of the corpus). */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'Datum im Format JJJJ-MM-TT erwartet');

/** A tiptap/ProseMirror JSON node. Kept structural here; the editor schema validates marks and nodes. */
export interface RichNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: RichNode[];
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  text?: string;
}
export const richNodeSchema: z.ZodType<RichNode> = z.lazy(() =>
  z.object({
    type: z.string().min(1).max(64),
    attrs: z.record(z.string(), z.unknown()).optional(),
    content: z.array(richNodeSchema).max(100_000).optional(),
    marks: z
      .array(z.object({ type: z.string().min(1).max(64), attrs: z.record(z.string(), z.unknown()).optional() }))
      .max(32)
      .optional(),
    text: z.string().optional(),
  }),
);

export const idSchema = z.string().min(1).max(128);
const titleSchema = z.string().trim().min(1, 'Titel darf nicht leer sein').max(1000);

export const newDocumentSchema = z.object({
  kind: documentKindSchema,
  title: titleSchema,
  date: isoDateSchema.nullable().optional(),
  source: z.string().max(2000).nullable().optional(),
  // SECURITY: only a web or mail address is ever stored as a document's source link.
  sourceUrl: z
    .string()
    .max(4000)
    .refine((v) => v === '' || isSafeLinkHref(v), 'Nur http(s)- oder mailto-Adressen sind als Fundstelle erlaubt')
    .nullable()
    .optional(),
  place: z.string().max(500).nullable().optional(),
  publisher: z.string().max(1000).nullable().optional(),
  language: z.string().min(2).max(16).optional(),
  status: documentStatusSchema.optional(),
  externalId: z.string().max(500).nullable().optional(),
  collection: z.string().max(500).nullable().optional(),
  content: richNodeSchema.nullable().optional(),
  bodyText: z.string().max(50_000_000).optional(),
  bodyHtml: z.string().max(50_000_000).nullable().optional(),
  tags: z.array(z.string().trim().min(1).max(200)).max(200).optional(),
});
export type NewDocument = z.infer<typeof newDocumentSchema>;

export const documentPatchSchema = newDocumentSchema.omit({ kind: true }).partial().extend({
  kind: documentKindSchema.optional(),
});
export type DocumentPatch = z.infer<typeof documentPatchSchema>;

export interface DocumentSummary {
  id: string;
  kind: DocumentKind;
  title: string;
  date: string | null;
  status: DocumentStatus;
  source: string | null;
  externalId: string | null;
  updatedAt: string;
}

export interface LibraryDocument extends DocumentSummary {
  sourceUrl: string | null;
  place: string | null;
  publisher: string | null;
  language: string;
  collection: string | null;
  content: RichNode | null;
  bodyText: string;
  bodyHtml: string | null;
  originalSha256: string | null;
  tags: string[];
  people: { id: string; name: string }[];
  createdAt: string;
  /** Pinned to the top of the library (issue 15); absent where a document is built elsewhere. */
  pinned?: boolean;
  /** When it was moved to the trash, or null (issue 15). */
  trashedAt?: string | null;
}

export const DOCUMENT_SORT_FIELDS = ['date', 'title', 'kind', 'updated'] as const;
export type DocumentSortField = (typeof DOCUMENT_SORT_FIELDS)[number];

export const documentListQuerySchema = z.object({
  kind: documentKindSchema.optional(),
  kinds: z.array(documentKindSchema).max(DOCUMENT_KINDS.length).optional(),
  status: documentStatusSchema.optional(),
  tag: z.string().max(200).optional(),
  dateFrom: isoDateSchema.optional(),
  dateTo: isoDateSchema.optional(),
  sort: z.enum(DOCUMENT_SORT_FIELDS).default('date'),
  order: z.enum(['asc', 'desc']).default('desc'),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(100),
});
export type DocumentListQuery = z.input<typeof documentListQuerySchema>;
export type DocumentListQueryParsed = z.output<typeof documentListQuerySchema>;

export interface DocumentPage {
  items: DocumentSummary[];
  total: number;
  offset: number;
}
