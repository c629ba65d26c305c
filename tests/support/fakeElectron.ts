import { EventEmitter } from 'node:events';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from './testLibrary';

/**
 * A small recording stand-in for the part of the `electron` module that electron/main and
 * electron/preload use — for the Electron security checklist (issue 7, promise 5).
 *
 * Why a fake: the checklist must run on every machine, and no Electron binary can be downloaded
 * here (nor on CI), so `electron` cannot be loaded. The tests therefore load the REAL main and
 * preload modules with `vi.mock('electron', () => fakeElectron.module)` and drive the handlers those
 * modules register (navigation guards, window-open handler, permission handlers, IPC handlers,
 * the app:// protocol). The fake only records and replays; it decides nothing, so every verdict
 * in the tests comes from our code. tests/electron/smoke.spec.ts checks the same points against
 * the real binary wherever one exists.
 */

type Listener = (...args: never[]) => unknown;
type AnyFn = (...args: never[]) => unknown;

/** An Electron-style event whose `preventDefault` is remembered. */
export class FakeEvent {
  defaultPrevented = false;
  constructor(readonly url?: string) {}
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export class FakeFrame {
  constructor(public url: string) {}
}

export class FakeSession {
  permissionRequestHandler: AnyFn | null = null;
  permissionCheckHandler: AnyFn | null = null;
  devicePermissionHandler: AnyFn | null = null;
  spellCheckerLanguages: string[] = [];
  readonly webRequest = {
    headersReceived: null as AnyFn | null,
    beforeRequest: null as AnyFn | null,
    beforeRequestFilter: null as unknown,
    onHeadersReceived: (...args: unknown[]) => {
      this.webRequest.headersReceived = args[args.length - 1] as AnyFn;
    },
    onBeforeRequest: (...args: unknown[]) => {
      this.webRequest.beforeRequestFilter = args.length > 1 ? args[0] : null;
      this.webRequest.beforeRequest = args[args.length - 1] as AnyFn;
    },
  };
  /** Handlers of `session.protocol.handle(scheme, …)`, by scheme (per session, as in Electron). */
  readonly protocolHandlers = new Map<string, (request: Request) => Response | Promise<Response>>();
  readonly protocol = {
    handle: (scheme: string, handler: (request: Request) => Response | Promise<Response>) => {
      this.protocolHandlers.set(scheme, handler);
    },
  };
  constructor(readonly partition: string) {}
  setPermissionRequestHandler(h: AnyFn | null): void {
    this.permissionRequestHandler = h;
  }
  setPermissionCheckHandler(h: AnyFn | null): void {
    this.permissionCheckHandler = h;
  }
  setDevicePermissionHandler(h: AnyFn | null): void {
    this.devicePermissionHandler = h;
  }
  setSpellCheckerLanguages(langs: string[]): void {
    this.spellCheckerLanguages = langs;
  }
}

export class FakeWebContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly mainFrame: FakeFrame;
  readonly sent: unknown[][] = [];
  printOptions: unknown = null;
  constructor(readonly session: FakeSession, url = 'about:blank') {
    super();
    this.mainFrame = new FakeFrame(url);
  }
  setWindowOpenHandler(h: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = h;
  }
  send(...args: unknown[]): void {
    this.sent.push(args);
  }
  /** Fires `name` like Electron does (event first) and tells whether a listener prevented it. */
  fire(name: string, url?: string): FakeEvent {
    const event = new FakeEvent(url);
    this.emit(name, event, url);
    return event;
  }
  async printToPDF(options: unknown): Promise<Buffer> {
    this.printOptions = options;
    // No print engine here: the PDF itself is tested with headless Chromium elsewhere.
    return Buffer.from('%PDF-1.7\n%fake\n');
  }
}

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents: FakeWebContents;
  destroyed = false;
  loadedUrl: string | null = null;
  /** What was already in place when the window was made (the composition root's order). */
  readonly atCreation = {
    sessionHardened: state.defaultSession.permissionRequestHandler !== null && state.defaultSession.webRequest.headersReceived !== null,
    ipcChannels: state.ipcHandlers.size,
    protocolSchemes: [...state.protocolHandlers.keys()],
  };
  constructor(readonly options: { webPreferences?: Record<string, unknown> } & Record<string, unknown> = {}) {
    super();
    const partition = options.webPreferences?.partition;
    const ses = typeof partition === 'string' ? state.fromPartition(partition) : state.defaultSession;
    this.webContents = new FakeWebContents(ses);
    state.windows.push(this);
    // Like Electron: every new webContents is announced on the app before anyone else sees it.
    app.emit('web-contents-created', new FakeEvent(), this.webContents);
  }
  static getAllWindows(): FakeBrowserWindow[] {
    return state.windows.filter((w) => !w.destroyed);
  }
  static getFocusedWindow(): FakeBrowserWindow | null {
    return null;
  }
  async loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.webContents.mainFrame.url = url;
    // Lets a test look at the window while the page is "loaded" (e.g. drive its request filter).
    await state.onLoadUrl?.(this, url);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
  }
  maximize(): void {}
  isMaximized(): boolean {
    return false;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  focus(): void {}
  show(): void {}
  getNormalBounds() {
    return { x: 0, y: 0, width: 1200, height: 800 };
  }
}

/** Everything the fake recorded; `reset()` starts a fresh "process". */
export const state = {
  windows: [] as FakeBrowserWindow[],
  defaultSession: new FakeSession(''),
  partitions: new Map<string, FakeSession>(),
  ipcHandlers: new Map<string, AnyFn>(),
  /** Every ipcMain call other than `handle` (on, once, handleOnce, …), which the app must not use. */
  ipcOtherCalls: [] as { method: string; channel: string }[],
  openedExternally: [] as string[],
  privilegedSchemes: [] as unknown[],
  protocolHandlers: new Map<string, AnyFn>(),
  exposedInMainWorld: new Map<string, unknown>(),
  rendererInvocations: [] as { channel: string; input: unknown }[],
  rendererListeners: [] as { channel: string; listener: Listener }[],
  fromPartition(name: string): FakeSession {
    let ses = this.partitions.get(name);
    if (!ses) {
      ses = new FakeSession(name);
      this.partitions.set(name, ses);
    }
    return ses;
  },
  userData: path.join(os.tmpdir(), 'qw-fake-electron'),
  onLoadUrl: null as ((win: FakeBrowserWindow, url: string) => void | Promise<void>) | null,
  /** A fresh "process", except partition sessions: Electron keeps those for the process' life. */
  reset(): void {
    this.windows.length = 0;
    this.defaultSession = new FakeSession('');
    this.ipcHandlers.clear();
    this.ipcOtherCalls.length = 0;
    this.openedExternally.length = 0;
    this.privilegedSchemes.length = 0;
    this.protocolHandlers.clear();
    this.exposedInMainWorld.clear();
    this.rendererInvocations.length = 0;
    this.rendererListeners.length = 0;
  },
};

const ipcMain = {
  handle(channel: string, handler: AnyFn): void {
    // Like Electron: a second handler for one channel is an error, not a silent override.
    if (state.ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    state.ipcHandlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    state.ipcHandlers.delete(channel);
  },
  ...Object.fromEntries(
    ['on', 'once', 'handleOnce', 'addListener', 'prependListener', 'prependOnceListener'].map((method) => [
      method,
      (channel: string) => void state.ipcOtherCalls.push({ method, channel }),
    ]),
  ),
};

const app = new (class extends EventEmitter {
  isPackaged = false;
  name = 'Quartierswissen';
  getPath(name: string): string {
    return name === 'temp' ? os.tmpdir() : path.join(state.userData, name);
  }
  getAppPath(): string {
    return REPO_ROOT;
  }
  getVersion(): string {
    return '0.0.0-fake';
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  requestSingleInstanceLock(): boolean {
    return true;
  }
  quit(): void {}
  exit(): void {}
  relaunch(): void {}
})();

/** What `vi.mock('electron', …)` hands to the modules under test. */
export const electronModule = {
  app,
  BrowserWindow: FakeBrowserWindow,
  ipcMain,
  session: {
    get defaultSession() {
      return state.defaultSession;
    },
    fromPartition: (name: string) => state.fromPartition(name),
  },
  shell: {
    async openExternal(url: string): Promise<void> {
      state.openedExternally.push(url);
    },
    async openPath(): Promise<string> {
      return '';
    },
    showItemInFolder(): void {},
  },
  protocol: {
    registerSchemesAsPrivileged(schemes: unknown[]): void {
      state.privilegedSchemes.push(...schemes);
    },
    handle(scheme: string, handler: AnyFn): void {
      state.protocolHandlers.set(scheme, handler);
    },
  },
  screen: {
    getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
  },
  dialog: {
    showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
    showSaveDialog: async () => ({ canceled: true }),
    showMessageBox: async () => ({ response: 0 }),
    showErrorBox: () => {},
  },
  Menu: {
    buildFromTemplate: (template: unknown[]) => ({ template }),
    setApplicationMenu: () => {},
  },
  /** Recognisably "encrypted" (reversed, prefixed), so a test can tell stored text from the secret. */
  safeStorage: {
    isEncryptionAvailable: () => true,
    encryptString: (plain: string) => Buffer.from(`fake-enc:${[...plain].reverse().join('')}`),
    decryptString: (data: Buffer) => [...data.toString().replace(/^fake-enc:/, '')].reverse().join(''),
  },
  contextBridge: {
    exposeInMainWorld(key: string, api: unknown): void {
      state.exposedInMainWorld.set(key, api);
    },
  },
  ipcRenderer: {
    invoke(channel: string, input: unknown): Promise<unknown> {
      state.rendererInvocations.push({ channel, input });
      return Promise.resolve({ ok: true, data: null });
    },
    on(channel: string, listener: Listener): void {
      state.rendererListeners.push({ channel, listener });
    },
    removeListener(channel: string, listener: Listener): void {
      const i = state.rendererListeners.findIndex((l) => l.channel === channel && l.listener === listener);
      if (i >= 0) state.rendererListeners.splice(i, 1);
    },
  },
};

/** An IpcMainInvokeEvent from `url`; `subframe` makes the sender a frame other than the main one. */
export function invokeEvent(url: string | null, opts: { subframe?: boolean } = {}) {
  const contents = new FakeWebContents(state.defaultSession, url ?? 'about:blank');
  const senderFrame = url === null ? null : opts.subframe ? new FakeFrame(url) : contents.mainFrame;
  return { sender: contents, senderFrame, frameId: 1, processId: 1 };
}
