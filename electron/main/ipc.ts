import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { CHANNELS, HOST_ONLY_CHANNELS, type Channel, type Result } from '../../shared/ipc/contract';
import type { Dispatcher } from '../services/ipc/Dispatcher';
import { isAppUrl } from './security/policy';

/**
 * The one registration wrapper (ARCHITECTURE §3): every channel of the contract is registered
 * here and nowhere else. It checks the sender, then hands the raw input to the dispatcher, which
 * validates it with zod and returns a result value.
 */
export function registerIpc(dispatcher: Dispatcher, devServerUrl?: string): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, input: unknown) => guarded(event, channel, () => dispatcher.dispatch(channel, input), devServerUrl));
  }
}

async function guarded(
  event: IpcMainInvokeEvent,
  channel: Channel,
  call: () => Promise<Result<unknown>>,
  devServerUrl?: string,
): Promise<Result<unknown>> {
  const frame = event.senderFrame;
  // SECURITY: only the main frame of the app's own page may call into main; subframes and other
  // origins (a navigation that slipped through, an injected iframe) get nothing.
  if (!frame || frame !== event.sender.mainFrame || !isAppUrl(frame.url, devServerUrl)) {
    return { ok: false, error: { code: 'FORBIDDEN_SENDER', message: 'Aufruf von einer nicht vertrauenswürdigen Seite abgelehnt.' } };
  }
  // SECURITY: channels that take file-system paths are for the CLI only (HOST_ONLY_CHANNELS).
  if (HOST_ONLY_CHANNELS.has(channel)) {
    return {
      ok: false,
      error: { code: 'FORBIDDEN_SENDER', message: `Der Kanal „${channel}“ nimmt Dateipfade und steht dem Fenster nicht zur Verfügung.` },
    };
  }
  return call();
}
