import type { KbBridge } from '../../shared/ipc/contract';

/**
 * The bridge to the main process: the preload exposes it in Electron, the browser-test host binds
 * it in Chromium. Only `lib/api.ts` reads it; components call `call()` and `onEvent()`.
 */
declare global {
  interface Window {
    kb: KbBridge;
  }
}

export {};
