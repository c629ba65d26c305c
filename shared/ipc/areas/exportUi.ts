import { z } from 'zod';
import { idSchema } from '../../domain/document';
import { out } from '../out';
import { pdfOptionsSchema } from './export';

/**
 * Export as the window asks for it (issue 6 §6): main asks the user where to save (save dialog in
 * glue), runs the export service, and later opens or reveals only files it wrote itself. The
 * renderer never names a path to write; the `export.*` channels with `outputPath` are for the CLI.
 */
export const EXPORT_FORMATS = ['pdf', 'docx', 'markdown', 'html'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const exportTargetSchema = z.discriminatedUnion('kind', [
  /** One document in any format. */
  z.object({ kind: z.literal('document'), documentId: idSchema }).strict(),
  /** Several documents as one PDF dossier. */
  z.object({ kind: z.literal('documents'), documentIds: z.array(idSchema).min(1).max(2000), title: z.string().trim().min(1).max(500).optional() }).strict(),
  /** The dossier of a committee session (Sitzungsmappe) as PDF. */
  z.object({ kind: z.literal('session'), sessionId: idSchema }).strict(),
  /** The Synopse of two Fassungen of a document as PDF. */
  z.object({ kind: z.literal('synopsis'), documentId: idSchema, from: idSchema, to: idSchema }).strict(),
]);
export type ExportTarget = z.infer<typeof exportTargetSchema>;

export const exportSaveSchema = z
  .object({
    target: exportTargetSchema,
    format: z.enum(EXPORT_FORMATS),
    options: pdfOptionsSchema.optional(),
  })
  .strict()
  .refine((v) => v.target.kind === 'document' || v.format === 'pdf', {
    message: 'Dossiers, Sitzungen und Synopsen gibt es nur als PDF',
    path: ['format'],
  });

export type ExportSaveResult =
  | { cancelled: true }
  | {
      cancelled: false;
      /** Where the file was written (chosen by the user in the save dialog). */
      path: string;
      fileName: string;
      bytes: number;
      /** Pages of a PDF; null for DOCX, Markdown and HTML. */
      pages: number | null;
    };

export const exportRevealSchema = z
  .object({
    /** A file this app session exported; anything else is refused. */
    path: z.string().min(1).max(4096),
    action: z.enum(['open', 'folder']),
  })
  .strict();

export const exportUiChannels = {
  'export.save': { input: exportSaveSchema, output: out<ExportSaveResult>() },
  'export.reveal': { input: exportRevealSchema, output: out<{ path: string }>() },
} as const;
