import { z } from 'zod';
import { idSchema } from '../../domain/document';
import {
  agendaItemPatchSchema,
  idOrderSchema,
  newAgendaItemSchema,
  newSessionSchema,
  sessionPatchSchema,
  type AgendaItem,
  type CommitteeSession,
  type SessionSummary,
} from '../../domain/session';
import { out } from '../out';

/** Where an export is written: an absolute path the main process got from a save dialog. */
const outputPathSchema = z.string().min(1).max(4096);

export const pdfOptionsSchema = z
  .object({
    landscape: z.boolean().optional(),
    /** Diagonal "ENTWURF"; by default on for drafts (session or documents), off for final ones. */
    watermark: z.boolean().optional(),
    /** PDF/A-1b for archiving (sRGB output intent, XMP identification); checked with PDFBox preflight. */
    pdfa: z.boolean().optional(),
  })
  .strict();

export interface PdfExportResult {
  outputPath: string;
  pages: number;
  bytes: number;
  /** Saved manifest of a dossier (session or several documents); regenerates the same dossier. */
  dossierId: string | null;
  /** Table of contents as printed: title and the page the heading landed on. */
  toc: { level: number; title: string; page: number }[];
}

export interface FileExportResult {
  outputPath: string;
  bytes: number;
}

export interface DossierSummary {
  id: string;
  sessionId: string | null;
  title: string;
  createdAt: string;
  documentCount: number;
}

/** Channels of the export area: committee sessions (agenda, attachments) and the exports. */
export const exportChannels = {
  'sessions.list': { input: z.object({}).strict(), output: out<SessionSummary[]>() },
  'sessions.get': { input: z.object({ id: idSchema }).strict(), output: out<CommitteeSession>() },
  'sessions.create': { input: newSessionSchema.strict(), output: out<CommitteeSession>() },
  'sessions.update': {
    input: z.object({ id: idSchema, patch: sessionPatchSchema.strict() }).strict(),
    output: out<CommitteeSession>(),
  },
  'sessions.delete': { input: z.object({ id: idSchema }).strict(), output: out<{ id: string }>() },
  'sessions.addItem': {
    input: z.object({ sessionId: idSchema, item: newAgendaItemSchema.strict() }).strict(),
    output: out<AgendaItem>(),
  },
  'sessions.updateItem': {
    input: z.object({ itemId: idSchema, patch: agendaItemPatchSchema.strict() }).strict(),
    output: out<AgendaItem>(),
  },
  'sessions.removeItem': { input: z.object({ itemId: idSchema }).strict(), output: out<{ id: string }>() },
  'sessions.reorderItems': {
    input: z.object({ sessionId: idSchema, itemIds: idOrderSchema }).strict(),
    output: out<CommitteeSession>(),
  },
  'sessions.attachDocument': {
    input: z
      .object({ itemId: idSchema, documentId: idSchema, position: z.number().int().min(0).max(10_000).optional() })
      .strict(),
    output: out<AgendaItem>(),
  },
  'sessions.detachDocument': {
    input: z.object({ itemId: idSchema, documentId: idSchema }).strict(),
    output: out<AgendaItem>(),
  },
  'sessions.reorderDocuments': {
    input: z.object({ itemId: idSchema, documentIds: idOrderSchema }).strict(),
    output: out<AgendaItem>(),
  },
  'export.pdf': {
    input: z
      .object({
        documentIds: z.array(idSchema).min(1).max(2000).optional(),
        sessionId: idSchema.optional(),
        title: z.string().trim().min(1).max(500).optional(),
        outputPath: outputPathSchema,
        options: pdfOptionsSchema.optional(),
      })
      .strict()
      .refine((v) => (v.documentIds ? 1 : 0) + (v.sessionId ? 1 : 0) === 1, {
        message: 'Entweder documentIds oder sessionId angeben',
      }),
    output: out<PdfExportResult>(),
  },
  'export.synopsis': {
    input: z
      .object({
        documentId: idSchema,
        /** Version ids ("Fassungen", table versions) of that document; `current` is the document as it is now. */
        from: idSchema,
        to: idSchema,
        outputPath: outputPathSchema,
      })
      .strict(),
    output: out<PdfExportResult>(),
  },
  'export.dossiers': {
    input: z.object({ sessionId: idSchema.optional() }).strict(),
    output: out<DossierSummary[]>(),
  },
  'export.regenerate': {
    input: z.object({ dossierId: idSchema, outputPath: outputPathSchema }).strict(),
    output: out<PdfExportResult>(),
  },
  'export.docx': { input: z.object({ id: idSchema, outputPath: outputPathSchema }).strict(), output: out<FileExportResult>() },
  'export.markdown': {
    input: z.object({ id: idSchema, outputPath: outputPathSchema }).strict(),
    output: out<FileExportResult>(),
  },
  'export.html': { input: z.object({ id: idSchema, outputPath: outputPathSchema }).strict(), output: out<FileExportResult>() },
} as const;

export interface ExportEvents {
  'sessions.changed': { ids: string[]; reason: 'created' | 'updated' | 'deleted' };
  /** Long exports report their stage as a code (`layout`, `pageNumbers`, `compare`, `metadata`, `done`; the renderer words it) and how far they are. */
  'export.progressed': { done: number; total: number; stage: string };
}
