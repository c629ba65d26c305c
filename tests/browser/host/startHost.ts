import { chromium, type Browser, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createServices, type Services } from '../../../electron/services/createServices';
import { Dispatcher } from '../../../electron/services/ipc/Dispatcher';
import { createHandlers } from '../../../electron/services/ipc/handlers';
import { CHROMIUM_LAUNCH_ARGS, ChromiumPdfPrinter, DEFAULT_CHROMIUM } from '../../../electron/services/export/ChromiumPdfPrinter';
import { MemoryEventSink, silentLogger, systemClock, type Dialogs, type Shell } from '../../../electron/services/ports';
import { ImportWorkerClient } from '../../../electron/services/import/ImportWorkerClient';
import { serveStatic, type StaticServer } from './staticServer';
import { CONTENT_SECURITY_POLICY } from '../../../electron/main/security/policy';
import { isChannel, isWindowChannel } from '../../../shared/ipc/contract';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
export const RENDERER_DIR = path.join(REPO_ROOT, 'out', 'renderer');
export const SCREENSHOTS_DIR = path.join(REPO_ROOT, 'docs', 'screenshots');

export interface HostOptions {
  /** Fills the library before the page opens (runs against the real services). */
  seed?: (services: Services) => void;
  /** `prefers-color-scheme` of the page; light unless a test looks at the dark theme. */
  colorScheme?: 'light' | 'dark';
  /**
   * Serve the renderer with the app's Content-Security-Policy, as Electron does (default). The
   * hostile-content spec turns it off to prove the sanitiser holds on its own.
   */
  csp?: boolean;
}

/**
 * The open dialog of the test host: the test sets what "the user" picks next, the real import
 * path runs with it (`import.choose` → Dialogs port → Importer).
 */
export class ScriptedDialogs implements Dialogs {
  /** Files the next `chooseFiles()` returns (then reset to "cancelled"). */
  nextFiles: string[] = [];
  /** Folder the next `chooseFolder()` returns (then reset to "cancelled"). */
  nextFolder: string | null = null;
  /** How often a dialog was opened. */
  opened = 0;
  async chooseFiles(): Promise<string[]> {
    this.opened++;
    const files = this.nextFiles;
    this.nextFiles = [];
    return files;
  }
  async chooseFolder(): Promise<string | null> {
    this.opened++;
    const folder = this.nextFolder;
    this.nextFolder = null;
    return folder;
  }
  /** Path the next `chooseSavePath()` returns (then reset to "cancelled"). */
  nextSavePath: string | null = null;
  /** What each save dialog was asked for (suggested name, filters). */
  readonly saveRequests: { suggestedName: string; filters: { name: string; extensions: string[] }[] }[] = [];
  async chooseSavePath(suggestedName: string, filters: { name: string; extensions: string[] }[]): Promise<string | null> {
    this.opened++;
    this.saveRequests.push({ suggestedName, filters });
    const chosen = this.nextSavePath;
    this.nextSavePath = null;
    return chosen;
  }
}

/** The desktop shell of the test host: records what would have been opened or shown. */
export class RecordingShell implements Shell {
  readonly calls: { action: 'open' | 'folder'; path: string }[] = [];
  async openPath(filePath: string): Promise<void> {
    this.calls.push({ action: 'open', path: filePath });
  }
  showItemInFolder(filePath: string): void {
    this.calls.push({ action: 'folder', path: filePath });
  }
}

export interface Host {
  page: Page;
  services: Services;
  events: MemoryEventSink;
  dialogs: ScriptedDialogs;
  shell: RecordingShell;
  /** Temporary folder of this host (library, exports); removed on close. */
  dir: string;
  /** Loopback address of the served renderer build. */
  url: string;
  /**
   * Whether service events reach the page. Turning it off simulates a change the renderer has
   * not heard of yet (e.g. a document deleted by another window a moment ago).
   */
  forwardEvents: boolean;
  /** Opens (or re-opens) the app in the page. */
  open(): Promise<void>;
  /**
   * Restarts the app as Electron's relaunch does: closes the services, runs `whileClosed` (e.g.
   * damage the library file), opens new services on the same file and reloads the page. The
   * `Lifecycle` port calls it for a restore chosen in the window.
   */
  restart(whileClosed?: () => void): Promise<void>;
  /** Finished restarts so far. */
  restarts: number;
  close(): Promise<void>;
}

/**
 * Runs the built renderer in real Chromium against the real services (ARCHITECTURE §3, §9):
 * a temporary SQLite library, the same Dispatcher as Electron's IPC wrapper, and `window.kb`
 * bound through Playwright. Only the transport is swapped.
 */
export async function startHost(options: HostOptions = {}): Promise<Host> {
  if (!fs.existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new Error(`Renderer nicht gebaut: ${RENDERER_DIR}/index.html fehlt (npx electron-vite build).`);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qw-browser-'));
  const events = new MemoryEventSink();
  const dialogs = new ScriptedDialogs();
  const shell = new RecordingShell();
  // The real print engine (headless Chromium), as in the CLI: exports really print.
  const pdf = new ChromiumPdfPrinter(DEFAULT_CHROMIUM);
  // Set once the host exists; the Lifecycle port restarts through it (after the call answered).
  let restartHost = async (): Promise<void> => {};
  const makeServices = () => createServices(
    {
      paths: { resourcesDir: path.join(REPO_ROOT, 'resources'), backupsDir: path.join(dir, 'Sicherungen') },
      events,
      clock: systemClock,
      logger: silentLogger,
      dialogs,
      shell,
      pdf,
      lifecycle: { restart: () => void setTimeout(() => void restartHost(), 50) },
    },
    // As in the app: imports in their worker thread.
    { dbPath: path.join(dir, 'bibliothek.sqlite'), appVersion: '0.1.0-test', importInWorker: true },
  );
  let services = makeServices();
  // The import worker loads its code through tsx here (bundled in the app): start it now, beside
  // Chromium, so the first import of a test does not wait for the compiler.
  const warmUp = (s: Services) => (s.importer instanceof ImportWorkerClient ? s.importer.warmUp() : Promise.resolve());
  const warming = warmUp(services);
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  try {
    options.seed?.(services);
    let dispatcher = new Dispatcher(createHandlers(services), silentLogger);
    server = await serveStatic(RENDERER_DIR, options.csp === false ? {} : { contentSecurityPolicy: CONTENT_SECURITY_POLICY });
    browser = await chromium.launch({
      executablePath: DEFAULT_CHROMIUM,
      args: CHROMIUM_LAUNCH_ARGS,
    });
    const context = await browser.newContext({
      locale: 'de-DE',
      viewport: { width: 1280, height: 800 },
      colorScheme: options.colorScheme ?? 'light',
      reducedMotion: 'reduce',
    });
    const page = await context.newPage();
    await warming;

    // The transport: every invocation goes through the real dispatcher (validation included).
    // Like electron/main/ipc.ts, the window gets no channel that takes file-system paths.
    await page.exposeBinding('__kbInvoke', (_source, channel: unknown, input: unknown) =>
      isChannel(channel) && !isWindowChannel(channel)
        ? { ok: false, error: { code: 'FORBIDDEN_SENDER', message: `Der Kanal „${channel}“ steht dem Fenster nicht zur Verfügung.` } }
        : dispatcher.dispatch(channel, input),
    );
    // Under tsx (benchmarks) functions are compiled with esbuild's keepNames, which calls a
    // `__name` helper that does not exist in the page: give the page a harmless one.
    await page.addInitScript({ content: 'globalThis.__name ??= (fn) => fn;' });
    // Every CSP violation of the page, for tests that assert there is none.
    await page.addInitScript(() => {
      const seen: string[] = [];
      Object.defineProperty(window, '__cspViolations', { value: seen, writable: false, configurable: false });
      document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
    });
    // Defines `window.kb` before any page script runs, as the preload does in Electron.
    await page.addInitScript(() => {
      type Listener = (payload: unknown) => void;
      const w = window as unknown as {
        __kbInvoke: (channel: string, input: unknown) => Promise<unknown>;
        __kbEmit?: (event: string, payload: unknown) => void;
        kb?: unknown;
      };
      const listeners = new Map<string, Set<Listener>>();
      const kb = Object.freeze({
        invoke: (channel: string, input: unknown) => w.__kbInvoke(channel, input),
        on(event: string, listener: Listener) {
          const set = listeners.get(event) ?? new Set<Listener>();
          set.add(listener);
          listeners.set(event, set);
          return () => {
            set.delete(listener);
          };
        },
      });
      Object.defineProperty(window, 'kb', { value: kb, writable: false, configurable: false });
      Object.defineProperty(window, '__kbEmit', {
        value: (event: string, payload: unknown) => {
          for (const listener of listeners.get(event) ?? []) {
            try {
              listener(payload);
            } catch (err) {
              console.error(err);
            }
          }
        },
        writable: false,
        configurable: false,
      });
    });

    const host: Host = {
      page,
      services,
      events,
      dialogs,
      shell,
      dir,
      url: server.url,
      forwardEvents: true,
      async open() {
        await page.goto(server!.url);
      },
      restarts: 0,
      async restart(whileClosed) {
        services.close();
        whileClosed?.();
        services = makeServices();
        await warmUp(services);
        host.services = services;
        dispatcher = new Dispatcher(createHandlers(services), silentLogger);
        if (page.url().startsWith(server!.url)) await page.reload();
        host.restarts++;
      },
      async close() {
        unsubscribe();
        await browser?.close();
        await server?.close();
        await pdf.close();
        services.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
    restartHost = () => host.restart();
    // Host-side event forwarding: main pushes events, the page's registry hands them out.
    const unsubscribe = events.subscribe((event, payload) => {
      if (!host.forwardEvents) return;
      page
        .evaluate(
          ([name, data]) => {
            (window as unknown as { __kbEmit?: (e: string, p: unknown) => void }).__kbEmit?.(name, data);
          },
          [event, payload] as const,
        )
        .catch(() => {
          // The page may be navigating or closed; a lost event is then harmless.
        });
    });
    return host;
  } catch (err) {
    await browser?.close();
    await server?.close();
    await pdf.close();
    services.close();
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}

/** Saves a screenshot for the README into docs/screenshots/. */
export async function saveScreenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(SCREENSHOTS_DIR, { recursive: true });
  // No hover effects from the last click in the picture.
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(SCREENSHOTS_DIR, name), animations: 'disabled' });
}
