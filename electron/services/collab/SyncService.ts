import type { CollabSettings, SyncStatus } from '../../../shared/ipc/areas/collab';
import { AppError } from '../../../shared/errors';
import type { DocumentStore } from '../documents/DocumentStore';
import type { EventBus } from '../EventBus';
import type { Logger, SecretStore } from '../ports';
import { errorFields } from '../logFields';
import type { SettingsStore } from '../settings/SettingsStore';
import type { CollabService } from './CollabService';
import { SyncClient } from './SyncClient';

/** Checks a server address: ws:// or wss:// only, nothing else reaches the network. */
export function parseServerUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new AppError('VALIDATION', `„${raw}“ ist keine gültige Serveradresse (Beispiel: ws://127.0.0.1:1234).`);
  }
  // SECURITY: only websocket schemes; credentials never travel in the URL (the token does that).
  if ((url.protocol !== 'ws:' && url.protocol !== 'wss:') || url.username || url.password) {
    throw new AppError('VALIDATION', `Die Serveradresse muss mit ws:// oder wss:// beginnen (gefunden: „${raw}“).`);
  }
  return url.toString().replace(/\/$/, '');
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/**
 * What a user must confirm before the app talks to `next` (issue 17): plain ws:// to another
 * machine sends drafts and the token readable on the network; after wss:// it is a downgrade.
 * Loopback (a server on this machine) needs no confirmation.
 */
export function connectionRisk(previous: string, next: string): 'downgrade' | 'plaintext' | null {
  if (!next) return null;
  const url = new URL(next);
  if (url.protocol !== 'ws:' || LOOPBACK.test(url.hostname)) return null;
  return previous.startsWith('wss:') ? 'downgrade' : 'plaintext';
}

/**
 * The app's background sync: reads the server settings, runs one SyncClient for the whole
 * library, restarts it when the settings change, and reports `sync.statusChanged`.
 */
export class SyncService {
  private client: SyncClient | null = null;
  private statusTimer: NodeJS.Timeout | null = null;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    private readonly collab: CollabService,
    private readonly documents: DocumentStore,
    private readonly settings: SettingsStore,
    private readonly secrets: SecretStore,
    private readonly events: EventBus,
    private readonly logger: Logger,
    private readonly options: { minDelay?: number; maxDelay?: number } = {},
  ) {
    // Earlier versions kept the token in the library (and so in every backup): move it out once.
    const legacy = settings.takeLegacy('collab.token');
    if (legacy) secrets.set('collab.token', legacy);
    this.unsubscribe.push(collab.onPendingChanged(() => this.statusSoon()));
    this.unsubscribe.push(
      events.on('documents.changed', ({ ids, reason }) => {
        if (!this.client) return;
        for (const id of ids) {
          if (reason === 'deleted') this.client.forget(id);
          else if (reason === 'created' && this.collab.draftIds().includes(id)) this.collab.get(id, { seed: false });
        }
      }),
    );
  }

  settingsView(): CollabSettings {
    return {
      serverUrl: this.settings.get('collab.serverUrl'),
      hasToken: this.secrets.get('collab.token').length > 0,
      userName: this.settings.get('collab.userName'),
      userColor: this.settings.get('collab.userColor'),
    };
  }

  saveSettings(input: { serverUrl: string; token?: string; userName: string; userColor: string; confirmInsecure?: boolean }): CollabSettings {
    const serverUrl = input.serverUrl ? parseServerUrl(input.serverUrl) : '';
    const previous = this.settings.get('collab.serverUrl');
    const moved = serverUrl !== previous;
    // SECURITY: the stored token never follows a new address (issue 17): a compromised window could
    // otherwise send it to a server of its choice. A new address needs the token typed again.
    if (moved && serverUrl && input.token === undefined && this.secrets.get('collab.token')) {
      throw new AppError('TOKEN_REQUIRED', 'Für eine neue Serveradresse muss das Zugangstoken erneut eingegeben werden.', { serverUrl });
    }
    const risk = moved ? connectionRisk(previous, serverUrl) : null;
    if (risk && !input.confirmInsecure) {
      throw new AppError(
        'INSECURE_CONNECTION',
        risk === 'downgrade'
          ? `„${serverUrl}“ ist unverschlüsselt, bisher war die Verbindung verschlüsselt (wss://). Bitte ausdrücklich bestätigen.`
          : `„${serverUrl}“ ist eine unverschlüsselte Verbindung zu einem anderen Rechner. Bitte ausdrücklich bestätigen.`,
        { risk, serverUrl },
      );
    }
    // SECURITY: the token stays in main, outside the library; the renderer only learns whether one is set.
    if (input.token !== undefined) this.secrets.set('collab.token', input.token);
    else if (moved) this.secrets.set('collab.token', '');
    this.settings.set({ key: 'collab.serverUrl', value: serverUrl });
    this.settings.set({ key: 'collab.userName', value: input.userName });
    this.settings.set({ key: 'collab.userColor', value: input.userColor });
    this.restart();
    return this.settingsView();
  }

  /** Starts background sync if a server and token are configured. */
  start(): void {
    const url = this.settings.get('collab.serverUrl');
    const token = this.secrets.get('collab.token');
    if (!url || !token || this.client) {
      this.statusSoon();
      return;
    }
    try {
      this.client = new SyncClient({
        url,
        token,
        collab: this.collab,
        documents: this.documents,
        logger: this.logger,
        minDelay: this.options.minDelay,
        maxDelay: this.options.maxDelay,
        onStatus: () => this.statusSoon(),
      });
    } catch (err) {
      this.logger.error('Synchronisierung konnte nicht starten', errorFields(err));
    }
    this.statusSoon();
  }

  restart(): void {
    this.client?.stop();
    this.client = null;
    this.start();
  }

  status(): SyncStatus {
    const url = this.settings.get('collab.serverUrl');
    return {
      configured: Boolean(url && this.secrets.get('collab.token')),
      serverUrl: url || null,
      connection: this.client?.connection ?? 'off',
      pending: this.collab.pendingAll(),
      documents: this.client?.documentCount ?? 0,
      lastError: this.client?.lastError ?? null,
    };
  }

  whenSynced(timeoutMs: number): Promise<void> {
    if (!this.client) return Promise.reject(new AppError('VALIDATION', 'Kein Sync-Server eingerichtet.'));
    return this.client.whenSynced(timeoutMs);
  }

  /** Status events are coalesced: typing fast does not flood the window. */
  private statusSoon(): void {
    if (this.statusTimer) return;
    this.statusTimer = setTimeout(() => {
      this.statusTimer = null;
      this.events.emit('sync.statusChanged', this.status());
    }, 100);
  }

  stop(): void {
    for (const u of this.unsubscribe) u();
    if (this.statusTimer) clearTimeout(this.statusTimer);
    this.statusTimer = null;
    this.client?.stop();
    this.client = null;
  }
}

/**
 * One-shot sync (CLI `sync`): every draft of the library with the server, then disconnect.
 * Returns how many drafts were synced and how many came new from the server.
 */
export async function syncOnce(
  collab: CollabService,
  documents: DocumentStore,
  logger: Logger,
  options: { url: string; token: string; timeoutMs?: number },
): Promise<{ drafts: number; created: number }> {
  const url = parseServerUrl(options.url);
  const before = new Set(collab.draftIds());
  const client = new SyncClient({ url, token: options.token, collab, documents, logger, minDelay: 200, maxDelay: 2000 });
  try {
    await client.whenSynced(options.timeoutMs ?? 30_000);
  } finally {
    client.stop();
    collab.flushAll();
  }
  const after = collab.draftIds();
  return { drafts: after.length, created: after.filter((id) => !before.has(id)).length };
}
