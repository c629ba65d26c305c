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
/**
 * Bounds of a rich-text document from outside (a window, a file, a colleague): far above any real
 * Leitbild (a 200-page draft has some 20,000 nodes and a nesting depth under 15), far below what
 * would stall the main process or overflow a recursive walk (issue 17: 1M nodes blocked it for
 * 6.4 s; 6,000 nested marks overflowed the stack).
 */
export const RICH_LIMITS = { nodes: 200_000, depth: 64, textChars: 20_000_000 } as const;

/**
 * Why `value` is too large or too deep for a rich-text document, or null. Iterative, with an
 * explicit stack: it never recurses on untrusted depth and stops at the first bound it crosses.
 */
export function richShapeProblem(value: unknown): string | null {
  const stack: { node: unknown; depth: number }[] = [{ node: value, depth: 1 }];
  let nodes = 0;
  let chars = 0;
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (typeof node !== 'object' || node === null) continue;
    if (++nodes > RICH_LIMITS.nodes) return `Der Text hat mehr als ${RICH_LIMITS.nodes.toLocaleString('de-DE')} Knoten.`;
    if (depth > RICH_LIMITS.depth) return `Der Text ist tiefer als ${RICH_LIMITS.depth} Ebenen verschachtelt.`;
    const { text, content } = node as { text?: unknown; content?: unknown };
    if (typeof text === 'string' && (chars += text.length) > RICH_LIMITS.textChars) {
      return `Der Text ist länger als ${RICH_LIMITS.textChars.toLocaleString('de-DE')} Zeichen.`;
    }
    if (Array.isArray(content)) for (const child of content) stack.push({ node: child, depth: depth + 1 });
  }
  return null;
}

const richNodeShape: z.ZodType<RichNode> = z.lazy(() =>
  z.object({
    type: z.string().min(1).max(64),
    attrs: z.record(z.string(), z.unknown()).optional(),
    content: z.array(richNodeShape).max(100_000).optional(),
    marks: z
      .array(z.object({ type: z.string().min(1).max(64), attrs: z.record(z.string(), z.unknown()).optional() }))
      .max(32)
      .optional(),
    text: z.string().optional(),
  }),
);

/** A rich-text document as it may arrive from outside: bounded first (cheaply), then checked node by node. */
export const richNodeSchema: z.ZodType<RichNode> = z
  .unknown()
  .transform((value, ctx) => {
    const problem = richShapeProblem(value);
    if (problem) {
      ctx.addIssue({ code: 'custom', message: problem });
      return z.NEVER;
    }
    return value;
  })
  .pipe(richNodeShape) as unknown as z.ZodType<RichNode>;

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
  /**
   * Where an imported document's text came from (issue 18 §6): as the file stated it, by text
   * recognition (OCR) of scanned pages, or both; null for documents written here.
   */
  textSource?: 'text' | 'ocr' | 'mixed' | null;
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
