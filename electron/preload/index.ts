import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

/**
 * The bridge `window.kb`: forwards `area.verb` invocations and `area.pastTense` events. It holds no
 * logic and imports only channel-name rules; main validates sender and input (ARCHITECTURE §3).
 */
const EVENT_CHANNEL = 'kb:event';
const NAME = /^[a-z]+\.[a-zA-Z]+$/;

// SECURITY: the renderer gets two functions, never ipcRenderer itself or a Node API.
contextBridge.exposeInMainWorld('kb', {
  invoke(channel: string, input: unknown) {
    if (typeof channel !== 'string' || !NAME.test(channel)) {
      return Promise.resolve({ ok: false, error: { code: 'UNKNOWN_CHANNEL', message: `Unbekannter Kanal „${String(channel)}“.` } });
    }
    return ipcRenderer.invoke(channel, input);
  },
  on(event: string, listener: (payload: unknown) => void) {
    // A name that can never be an event gets nothing (and keeps no listener alive).
    if (typeof event !== 'string' || !NAME.test(event) || typeof listener !== 'function') return () => {};
    const wrapped = (_e: IpcRendererEvent, name: string, payload: unknown) => {
      if (name === event) listener(payload);
    };
    ipcRenderer.on(EVENT_CHANNEL, wrapped);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, wrapped);
    };
  },
});
