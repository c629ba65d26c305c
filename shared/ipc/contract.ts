import type { z } from 'zod';
import type { ErrorInfo } from '../errors';
import { backupChannels, type BackupEvents } from './areas/backup';
import { collabChannels, type CollabEvents } from './areas/collab';
import { coreChannels, type CoreEvents } from './areas/core';
import { exportChannels, type ExportEvents } from './areas/export';
import { exportUiChannels } from './areas/exportUi';
import { importChannels, type ImportEvents } from './areas/import';
import { searchChannels, type SearchEvents } from './areas/search';
import { organizeChannels, type OrganizeEvents } from './areas/organize';

export type { AppInfo, LibraryStats } from './areas/core';

/**
 * The IPC contract, written once (ARCHITECTURE §3): every channel `area.verb` maps to the zod
 * schema of its input and the type of its output. Each area keeps its channels in
 * `shared/ipc/areas/`; main registers a handler per entry (a missing one is a compile error), the
 * preload forwards channel names, the renderer calls them typed.
 */
export const contract = { ...coreChannels, ...importChannels, ...searchChannels, ...exportChannels, ...exportUiChannels, ...collabChannels, ...backupChannels, ...organizeChannels } as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ChannelParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> = z.output<Contract[C]['output']>;

export const CHANNELS = Object.keys(contract) as Channel[];

/**
 * Channels whose input names a file-system path (read or written). They serve the CLI and tests,
 * which call the dispatcher directly; a window never gets them. SECURITY: a compromised renderer
 * must not read arbitrary files into the library or write exports over arbitrary files. Windows
 * import through `import.choose`/`import.data` and export through `export.save` (paths from the
 * dialogs of main only). `tests/unit/security/electronChecklist.test.ts` checks that no other
 * window channel's input has a path-like field.
 */
export const HOST_ONLY_CHANNELS: ReadonlySet<Channel> = new Set<Channel>([
  'import.files',
  'export.pdf',
  'export.synopsis',
  'export.regenerate',
  'export.docx',
  'export.markdown',
  'export.html',
]);

/** Channels a window (the renderer) may invoke: every channel except the host-only ones. */
export const WINDOW_CHANNELS = CHANNELS.filter((c) => !HOST_ONLY_CHANNELS.has(c));

export function isWindowChannel(name: unknown): name is Channel {
  return isChannel(name) && !HOST_ONLY_CHANNELS.has(name);
}

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}

/** What every invocation returns: errors travel as values. */
export type Result<T> = { ok: true; data: T } | { ok: false; error: ErrorInfo };

/** Events pushed from main to the renderer: `area.pastTense`. */
export type EventPayloads = CoreEvents & ImportEvents & SearchEvents & ExportEvents & CollabEvents & BackupEvents & OrganizeEvents;
export type EventName = keyof EventPayloads;

/** The bridge the preload exposes as `window.kb` (and the browser-test host binds the same way). */
export interface KbBridge {
  invoke(channel: string, input: unknown): Promise<Result<unknown>>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}
