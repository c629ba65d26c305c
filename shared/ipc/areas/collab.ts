import { z } from 'zod';
import { idSchema, type DocumentKind } from '../../domain/document';
import { BASE64_PATTERN } from '../../editor/base64';
import type { DiffSegment } from '../../editor/wordDiff';
import { out } from '../out';

/**
 * Channels and events of collaboration (issue: experts draft guidelines together, offline too).
 * Binary Yjs updates travel as base64 text: the browser-test host passes JSON, Electron's
 * structured clone would keep bytes, and base64 is safe in both (ARCHITECTURE §3).
 */

/** Base64 of a Yjs (or awareness) update; 64 MB of text is far above a 300-page draft. */
const base64Schema = z.string().max(64 * 1024 * 1024).regex(BASE64_PATTERN, 'Base64 erwartet');
/** Identifies one editor instance (a window's open draft) so it can ignore its own echoes. */
const clientIdSchema = z.string().min(1).max(64);
const versionNameSchema = z.string().trim().min(1, 'Name der Fassung fehlt').max(200);
/** `#rrggbb` — the caret colour of the person typing. */
const colorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Farbe als #rrggbb erwartet');

export interface DraftState {
  id: string;
  kind: DocumentKind;
  title: string;
  /** Base64 of `Y.encodeStateAsUpdate` of main's doc. */
  state: string;
}

export interface VersionSummary {
  id: string;
  documentId: string;
  name: string;
  createdAt: string;
  createdBy: string | null;
  /** Length of the Fassung's plain text, for the list. */
  characters: number;
}

export interface SynopseSide {
  /** Version id, or `current` for the draft as it is now. */
  ref: string;
  name: string;
  createdAt: string | null;
}

/** A side-by-side comparison ("Synopse"): word-level segments, removed left, added right. */
export interface Synopse {
  before: SynopseSide;
  after: SynopseSide;
  segments: DiffSegment[];
  removedWords: number;
  addedWords: number;
}

export type SyncConnection = 'off' | 'connecting' | 'connected' | 'offline' | 'denied';

export interface SyncStatus {
  /** A server address and token are set. */
  configured: boolean;
  serverUrl: string | null;
  connection: SyncConnection;
  /** Local changes the server has not confirmed, per draft (only drafts with changes listed). */
  pending: Record<string, number>;
  /** Drafts kept in sync in the background. */
  documents: number;
  lastError: string | null;
}

export interface CollabSettings {
  serverUrl: string;
  hasToken: boolean;
  userName: string;
  userColor: string;
}

export interface SourceHit {
  id: string;
  kind: DocumentKind;
  title: string;
  date: string | null;
  /** Speaker (a quote) or the publisher (a whole document; its source where no publisher is known). */
  speaker: string;
  /** A quote of the statement register: its id, wording, and the speaker's role and organisation. */
  quoteId?: string;
  quote?: string;
  role?: string | null;
  organisation?: string | null;
}

export interface ChangeFileExport {
  fileName: string;
  /** The change file's text (JSON envelope, see shared/editor/changeFile.ts). */
  text: string;
  bytes: number;
}

export interface ChangeFileImport {
  documentId: string;
  title: string;
  /** The draft was not in this library and has been created from the file. */
  created: boolean;
  /** The file brought anything new; false when it had been applied before. */
  changed: boolean;
}

const versionRefSchema = z.union([idSchema, z.literal('current')]);

export const collabChannels = {
  'collab.open': { input: z.object({ id: idSchema, clientId: clientIdSchema }).strict(), output: out<DraftState>() },
  'collab.update': {
    input: z.object({ id: idSchema, clientId: clientIdSchema, update: base64Schema }).strict(),
    output: out<{ pending: number }>(),
  },
  'collab.awareness': {
    input: z.object({ id: idSchema, clientId: clientIdSchema, update: base64Schema }).strict(),
    output: out<{ ok: true }>(),
  },
  'collab.close': {
    input: z
      .object({ id: idSchema, clientId: clientIdSchema, awarenessClientId: z.number().int().min(0).max(2 ** 53).optional() })
      .strict(),
    output: out<{ ok: true }>(),
  },
  'collab.createDraft': {
    input: z
      .object({
        title: z.string().trim().min(1).max(1000),
        kind: z.enum(['leitbild', 'note']).default('note'),
        template: z.enum(['empty', 'leitbild']).default('empty'),
      })
      .strict(),
    output: out<{ id: string }>(),
  },
  'collab.findSources': {
    input: z.object({ q: z.string().max(500), limit: z.number().int().min(1).max(50).default(20) }).strict(),
    output: out<SourceHit[]>(),
  },
  'collab.exportChanges': { input: z.object({ id: idSchema }).strict(), output: out<ChangeFileExport>() },
  'collab.importChanges': {
    input: z.object({ text: z.string().min(1).max(512 * 1024 * 1024) }).strict(),
    output: out<ChangeFileImport>(),
  },
  'collab.settings': { input: z.object({}).strict(), output: out<CollabSettings>() },
  'collab.saveSettings': {
    input: z
      .object({
        serverUrl: z.string().trim().max(2000),
        /** Omitted: keep the stored token; empty string: remove it. */
        token: z.string().max(4096).optional(),
        userName: z.string().trim().max(200),
        userColor: colorSchema,
        /** The user confirmed an unencrypted connection (answer to INSECURE_CONNECTION). */
        confirmInsecure: z.boolean().optional(),
      })
      .strict(),
    output: out<CollabSettings>(),
  },
  'versions.list': { input: z.object({ id: idSchema }).strict(), output: out<VersionSummary[]>() },
  'versions.create': { input: z.object({ id: idSchema, name: versionNameSchema }).strict(), output: out<VersionSummary>() },
  'versions.restore': {
    input: z.object({ id: idSchema, versionId: idSchema }).strict(),
    output: out<{ id: string; versionId: string }>(),
  },
  'versions.compare': {
    input: z.object({ id: idSchema, before: versionRefSchema, after: versionRefSchema }).strict(),
    output: out<Synopse>(),
  },
  'sync.status': { input: z.object({}).strict(), output: out<SyncStatus>() },
} as const;

export interface CollabEvents {
  /** A change to a draft from anywhere but `clientId` (another window, the server, a file). */
  'collab.updated': { id: string; update: string; clientId: string | null };
  'collab.awarenessChanged': { id: string; update: string; clientId: string | null };
  'sync.statusChanged': SyncStatus;
}
