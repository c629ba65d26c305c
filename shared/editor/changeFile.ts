import { z } from 'zod';
import { documentKindSchema } from '../domain/document';
import { BASE64_PATTERN } from './base64';

/**
 * A change file (issue: "without any server"): one draft's Yjs update with a small JSON envelope
 * naming the document. Applying it is exactly what the server would do — Yjs merges are
 * idempotent and order-independent, so a file applied twice or out of order changes nothing more.
 */
export const CHANGE_FILE_FORMAT = 'quartierswissen-aenderungen';
export const CHANGE_FILE_VERSION = 1;
/** Suggested file extension (JSON inside). */
export const CHANGE_FILE_EXTENSION = '.qwaenderungen';

export const changeFileSchema = z
  .object({
    format: z.literal(CHANGE_FILE_FORMAT),
    version: z.literal(CHANGE_FILE_VERSION),
    documentId: z.string().min(1).max(128),
    title: z.string().max(1000),
    kind: documentKindSchema,
    createdAt: z.string().max(64),
    createdBy: z.string().max(200).nullable(),
    /** Base64 of `Y.encodeStateAsUpdate(doc)`: everything the sender had, merged. */
    update: z.string().max(400_000_000).regex(BASE64_PATTERN),
  })
  .strict();
export type ChangeFile = z.infer<typeof changeFileSchema>;
