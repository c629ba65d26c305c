import type Database from 'better-sqlite3';
import type { DocumentStore } from '../documents/DocumentStore';
import type { EventBus } from '../EventBus';
import type { Ports, SecretStore } from '../ports';
import type { SettingsStore } from '../settings/SettingsStore';
import { ChangeFiles } from './ChangeFiles';
import { CollabService, type CollabOptions } from './CollabService';
import { SyncService } from './SyncService';
import { VersionStore } from './VersionStore';

export interface CollabServices {
  /** Main-owned Yjs drafts: load, persist, relay, text for search. */
  drafts: CollabService;
  /** Fassungen and the Synopse. */
  versions: VersionStore;
  /** Change files for colleagues without a server. */
  changes: ChangeFiles;
  /** Background sync with the configured server (started by the app, not by the CLI). */
  sync: SyncService;
  /** Flushes title/search text, stops sync, forgets live docs (every update is already stored). */
  close(): void;
}

export type CollabServiceOptions = CollabOptions & { sync?: { minDelay?: number; maxDelay?: number } };

export function createCollab(
  deps: { db: Database.Database; documents: DocumentStore; settings: SettingsStore; secrets: SecretStore; events: EventBus; ports: Ports },
  options: CollabServiceOptions = {},
): CollabServices {
  const { db, documents, settings, secrets, events, ports } = deps;
  const drafts = new CollabService(db, documents, events, ports.clock, ports.logger, options);
  const versions = new VersionStore(db, drafts, ports.clock);
  const changes = new ChangeFiles(drafts, documents, ports.clock, () => settings.get('collab.userName'));
  const sync = new SyncService(drafts, documents, settings, secrets, events, ports.logger, options.sync);
  return {
    drafts,
    versions,
    changes,
    sync,
    close() {
      sync.stop();
      drafts.closeAll();
    },
  };
}
