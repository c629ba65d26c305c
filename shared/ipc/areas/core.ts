import { z } from 'zod';
import {
  documentListQuerySchema,
  documentPatchSchema,
  idSchema,
  newDocumentSchema,
  type DocumentKind,
  type DocumentPage,
  type LibraryDocument,
} from '../../domain/document';
import { out } from '../out';

export interface AppInfo {
  version: string;
  dbPath: string;
  schemaVersion: number;
  documentCount: number;
}

export interface LibraryStats {
  total: number;
  byKind: Record<DocumentKind, number>;
}


/** Channels of the foundation: app, documents, library, settings. */
export const coreChannels = {
  'app.info': { input: z.object({}).strict(), output: out<AppInfo>() },
  'documents.list': { input: documentListQuerySchema.strict(), output: out<DocumentPage>() },
  'documents.get': { input: z.object({ id: idSchema }).strict(), output: out<LibraryDocument>() },
  // SECURITY: a window never stores HTML; imported HTML comes only from the sanitising importers.
  'documents.create': { input: newDocumentSchema.omit({ bodyHtml: true }).strict(), output: out<LibraryDocument>() },
  'documents.update': {
    input: z.object({ id: idSchema, patch: documentPatchSchema.omit({ bodyHtml: true }).strict() }).strict(),
    output: out<LibraryDocument>(),
  },
  'documents.delete': { input: z.object({ id: idSchema }).strict(), output: out<{ id: string }>() },
  'library.stats': { input: z.object({}).strict(), output: out<LibraryStats>() },
  'library.loadSample': { input: z.object({}).strict(), output: out<{ created: number; ids: string[] }>() },
  'settings.get': {
    input: z.object({ key: z.enum(['language', 'firstRunDone']) }).strict(),
    output: out<unknown>(),
  },
  'settings.set': {
    input: z
      .discriminatedUnion('key', [
        z.object({ key: z.literal('language'), value: z.enum(['de', 'en']) }).strict(),
        z.object({ key: z.literal('firstRunDone'), value: z.boolean() }).strict(),
      ]),
    output: out<{ key: string }>(),
  },
} as const;

/** Commands of the application menu that the window carries out (import asks, search opens). */
export const APP_COMMANDS = ['import.files', 'import.folder', 'search.open', 'export.open', 'help.shortcuts'] as const;
export type AppCommand = (typeof APP_COMMANDS)[number];

export interface CoreEvents {
  'documents.changed': { ids: string[]; reason: 'created' | 'updated' | 'deleted' | 'imported' | 'sample' | 'trashed' | 'restored' };
  /** A menu item or shortcut of main asks the window to do something. */
  'app.commandInvoked': { command: AppCommand };
}
