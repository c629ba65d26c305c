import type { EventName, EventPayloads } from '../../shared/ipc/contract';

/**
 * What services need from their host (ARCHITECTURE §2). Electron main, the CLI, the browser-test
 * host and the tests each implement these; services never import `electron`.
 */
export interface AppPaths {
  /** Folder with the shipped resources (sample library, fonts, print CSS). */
  resourcesDir: string;
  /** Folder for backups taken before migrations and by the user. */
  backupsDir: string;
}

export interface EventSink {
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void;
}

export interface Clock {
  now(): Date;
}

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** HTML in, PDF bytes out: Electron's printToPDF in the app, headless Chromium in CLI and tests. */
export interface PdfPrinter {
  print(html: string, options: { landscape?: boolean; pageSize?: 'A4' }): Promise<Uint8Array>;
}

/**
 * Asks the user for files or a folder (Electron's open dialog; a scripted answer in the browser
 * tests). Dialogs stay in glue (ARCHITECTURE §2): services get paths back, never a window.
 */
export interface Dialogs {
  /** Chosen files; empty when the user cancels. */
  chooseFiles(): Promise<string[]>;
  /** The chosen folder; null when the user cancels. */
  chooseFolder(): Promise<string | null>;
  /**
   * Where to save an export (Electron's save dialog; a scripted answer in the browser tests); null
   * when the user cancels. Optional: a host without it makes `export.save` answer NOT_AVAILABLE.
   */
  chooseSavePath?(suggestedName: string, filters: { name: string; extensions: string[] }[]): Promise<string | null>;
}

/**
 * The desktop shell: opens a file with its default program or shows it in the file manager
 * (Electron's `shell`; a recorder in the browser tests). Services pass only paths they wrote.
 */
export interface Shell {
  openPath(path: string): Promise<void>;
  showItemInFolder(path: string): void;
}

/**
 * The host's life cycle: a restore chosen in the window needs the library closed, so the host
 * restarts (Electron: relaunch; browser-test host: new services and a reload) shortly after the
 * current call has answered. Absent in the CLI, which restores offline (`restore FILE`).
 */
export interface Lifecycle {
  restart(): void;
}

/** What a secret is called; the only one so far is the sync server's token. */
export type SecretName = 'collab.token';

/**
 * Secrets kept out of the library and therefore out of every backup (issue 17): Electron keeps
 * them encrypted with `safeStorage`; the CLI and the tests in a file of mode 0600 beside the library.
 */
export interface SecretStore {
  /** The secret, or '' when none is stored. */
  get(name: SecretName): string;
  /** Stores the secret ('' removes it); throws when it could not be stored. */
  set(name: SecretName, value: string): void;
}

export interface Ports {
  paths: AppPaths;
  events: EventSink;
  clock: Clock;
  logger: Logger;
  pdf?: PdfPrinter;
  /** Absent in the CLI: `import.choose` then answers NOT_AVAILABLE. */
  dialogs?: Dialogs;
  /** Absent in the CLI: `export.reveal` then answers NOT_AVAILABLE. */
  shell?: Shell;
  /** Absent in the CLI: `backup.restore` then answers NOT_AVAILABLE. */
  lifecycle?: Lifecycle;
  /** Absent: a file of mode 0600 beside the library (`FileSecretStore`). */
  secrets?: SecretStore;
}

export const systemClock: Clock = { now: () => new Date() };

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

/** Collects events in memory; the CLI and tests use it where nobody listens live. */
export class MemoryEventSink implements EventSink {
  readonly events: { event: EventName; payload: unknown }[] = [];
  private listeners = new Set<(event: EventName, payload: unknown) => void>();
  emit<E extends EventName>(event: E, payload: EventPayloads[E]): void {
    this.events.push({ event, payload });
    for (const l of this.listeners) l(event, payload);
  }
  subscribe(listener: (event: EventName, payload: unknown) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
