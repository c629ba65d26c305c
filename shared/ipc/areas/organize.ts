import { z } from 'zod';
import type { DocumentKind, DocumentStatus } from '../../domain/document';
import { idSchema } from '../../domain/document';
import { out } from '../out';

/**
 * Channels of issue 15's library organisation: the trash, pinned and recently opened documents,
 * backlinks, and the tag view.
 */

export interface TrashItem {
  id: string;
  kind: DocumentKind;
  title: string;
  date: string | null;
  status: DocumentStatus;
  trashedAt: string;
  expiresAt: string;
}

export interface TrashList {
  items: TrashItem[];
  total: number;
  retentionDays: number;
}

export interface ShelfItem {
  id: string;
  kind: DocumentKind;
  title: string;
  date: string | null;
  status: DocumentStatus;
  at: string;
}

export interface Backlink {
  id: string;
  kind: DocumentKind;
  title: string;
  updatedAt: string;
  citations: number;
}

export interface TagCount {
  name: string;
  count: number;
}

const idsSchema = z.object({ ids: z.array(idSchema).min(1).max(1000) }).strict();
const tagNameSchema = z.string().trim().min(1, 'Schlagwort darf nicht leer sein').max(200);

export const organizeChannels = {
  'trash.move': { input: idsSchema, output: out<{ ids: string[] }>() },
  'trash.restore': { input: idsSchema, output: out<{ ids: string[] }>() },
  'trash.list': { input: z.object({}).strict(), output: out<TrashList>() },
  'trash.purge': { input: idsSchema, output: out<{ deleted: string[] }>() },
  'trash.empty': { input: z.object({}).strict(), output: out<{ deleted: string[] }>() },
  'shelf.list': { input: z.object({}).strict(), output: out<{ pinned: ShelfItem[]; recent: ShelfItem[] }>() },
  'shelf.pin': { input: z.object({ id: idSchema, pinned: z.boolean() }).strict(), output: out<{ id: string; pinned: boolean }>() },
  'shelf.opened': { input: z.object({ id: idSchema }).strict(), output: out<{ id: string }>() },
  'documents.backlinks': { input: z.object({ id: idSchema }).strict(), output: out<Backlink[]>() },
  'tags.list': { input: z.object({}).strict(), output: out<TagCount[]>() },
  'tags.rename': {
    input: z.object({ from: z.string().min(1).max(200), to: tagNameSchema }).strict(),
    output: out<{ name: string; merged: boolean; documents: number }>(),
  },
  'tags.merge': {
    input: z.object({ names: z.array(z.string().min(1).max(200)).min(1).max(200), into: tagNameSchema }).strict(),
    output: out<{ name: string; documents: number }>(),
  },
} as const;

export interface OrganizeEvents {
  /** Pins or the recently opened list changed. */
  'shelf.changed': { ids: string[] };
}
