import type Database from 'better-sqlite3';
import type { AppInfo } from '../../shared/ipc/contract';
import type { OpenOptions } from './db/openDatabase';
import { BackupService, type BackupPolicy } from './backup/BackupService';
import { openLibrary } from './backup/openLibrary';
import { DocumentStore } from './documents/DocumentStore';
import { DocumentShelf } from './documents/DocumentShelf';
import { TagStore } from './documents/TagStore';
import { TrashService } from './documents/TrashService';
import { SampleLibrary } from './library/SampleLibrary';
import type { Ports } from './ports';
import { SettingsStore } from './settings/SettingsStore';
import { FileSecretStore, secretFileFor } from './settings/FileSecretStore';
import { EventBus } from './EventBus';
import { errorFields } from './logFields';
import { createCollab, type CollabServiceOptions, type CollabServices } from './collab/createCollab';
import { ExportService } from './export/ExportService';
import { ExportUiService } from './export/ExportUiService';
import { SessionStore } from './sessions/SessionStore';
import { SearchService, type SearchOptions } from './search/SearchService';
import { ImportWorkerClient, type ImportRunner } from './import/ImportWorkerClient';
import { Importer, type ImporterOptions } from './import/Importer';
import { ImportService } from './import/ImportService';
import { PeopleStore } from './people/PeopleStore';
import { QuoteStore } from './people/QuoteStore';

export interface Services {
  ports: Ports;
  /** Events to the host plus in-process subscribers (search, sync). */
  events: EventBus;
  db: Database.Database;
  dbPath: string;
  schemaVersion: number;
  appVersion: string;
  documents: DocumentStore;
  /** The trash: 30 days, restorable, emptied with the deletion of issue 7 (issue 15). */
  trash: TrashService;
  /** Pinned and recently opened documents, backlinks (issue 15). */
  shelf: DocumentShelf;
  /** The tag view: counts, rename, merge (issue 15). */
  tags: TagStore;
  settings: SettingsStore;
  sample: SampleLibrary;
  /** Full-text search; its worker starts on first use or `search.start()`. */
  search: SearchService;
  /** Committee sessions: agenda items and attached documents. */
  sessions: SessionStore;
  /** PDF (document, dossier, Synopse), DOCX, Markdown, HTML. */
  exports: ExportService;
  /** Export as the window asks for it: save dialog, export, open or reveal the written file. */
  exportUi: ExportUiService;
  /** People and organisations named in documents, with roles. */
  people: PeopleStore;
  /** Statements (quotes) with speaker, role and organisation. */
  quotes: QuoteStore;
  /** Bulk import of files and folders (txt, md, html, docx, pdf, eml, jsonl). */
  importer: ImportRunner;
  /** Import as the window asks for it: through the file dialog, or dropped bytes. */
  imports: ImportService;
  /** Collaborative drafts (Yjs, owned by main), Fassungen, change files, sync. */
  collab: CollabServices;
  /** Verified, rotating backups; restore; what the recovery at start did. */
  backup: BackupService;
  info(): AppInfo;
  close(): void;
}

export interface ServiceOptions {
  dbPath: string;
  appVersion?: string;
  open?: Omit<OpenOptions, 'backupsDir'>;
  collab?: CollabServiceOptions;
  search?: SearchOptions;
  importer?: Partial<ImporterOptions>;
  /**
   * Run imports in a worker thread (issue 17): the app and the browser-test host do, so the
   * window never waits for a reader; the CLI and most tests import in-process.
   */
  importInWorker?: boolean;
  /** Heap cap of the import worker in MB (default IMPORT_WORKER_HEAP_MB); tests use a small one. */
  importWorkerHeapMb?: number;
  backup?: Partial<BackupPolicy>;
}

/** The one composition root (ARCHITECTURE §2): plain constructors, no DI framework. */
export function createServices(ports: Ports, options: ServiceOptions): Services {
  // A restore asked for in the window, the page check and the recovery of a damaged library all
  // happen here, before any service touches the file (issue 7 §2).
  const { opened, notice } = openLibrary(options.dbPath, { ...options.open, backupsDir: ports.paths.backupsDir, clock: ports.clock, logger: ports.logger });
  const { db } = opened;
  const events = new EventBus(ports.events, (event, err) =>
    ports.logger.error('Ereignis-Empfänger fehlgeschlagen', { event, ...errorFields(err) }),
  );
  const documents = new DocumentStore(db, ports.clock, events);
  const trash = new TrashService(db, documents, ports.clock, events);
  const shelf = new DocumentShelf(db, ports.clock, events);
  const tags = new TagStore(db, ports.clock, events);
  const settings = new SettingsStore(db);
  const sample = new SampleLibrary(ports.paths.resourcesDir, {
    documents,
    settings,
    events,
    transaction: (fn) => db.transaction(fn)(),
  });
  const search = new SearchService(opened.file, events, ports.logger, options.search);
  const sessions = new SessionStore(db, ports.clock, events);
  const exports = new ExportService(db, documents, sessions, ports, events);
  const exportUi = new ExportUiService(exports, documents, sessions, ports.dialogs, ports.shell);
  const people = new PeopleStore(db, ports.clock);
  const quotes = new QuoteStore(db, ports.clock, events, people);
  const importer: ImportRunner = options.importInWorker
    ? new ImportWorkerClient(opened.file, events, ports.logger, options.importer, options.importWorkerHeapMb)
    : new Importer({ db, documents, people, quotes, events, clock: ports.clock, logger: ports.logger }, options.importer);
  const imports = new ImportService(importer, ports.dialogs);
  // SECURITY: secrets (the sync token) outside the library, so no backup carries them (issue 17).
  const secrets = ports.secrets ?? new FileSecretStore(secretFileFor(opened.file));
  const collab = createCollab({ db, documents, settings, secrets, events, ports }, options.collab);
  const backup = new BackupService(
    { db, file: opened.file, backupsDir: ports.paths.backupsDir, clock: ports.clock, events, logger: ports.logger, lifecycle: ports.lifecycle, notice },
    options.backup,
  );
  // What has waited in the trash for 30 days goes now (issue 15), through the one deletion.
  try {
    const expired = trash.purgeExpired();
    if (expired.deleted.length > 0) ports.logger.info('Papierkorb: abgelaufene Dokumente gelöscht', { docs: expired.deleted.length });
  } catch (err) {
    ports.logger.warn('Papierkorb: Ablauf nicht geprüft', errorFields(err));
  }
  if (opened.backupFile) {
    ports.logger.info('Bibliothek aktualisiert', { from: opened.migrated[0]! - 1, backup: opened.backupFile });
  }
  return {
    ports,
    events,
    db,
    dbPath: opened.file,
    schemaVersion: opened.schemaVersion,
    appVersion: options.appVersion ?? '0.0.0',
    documents,
    trash,
    shelf,
    tags,
    settings,
    sample,
    search,
    sessions,
    exports,
    exportUi,
    people,
    quotes,
    importer,
    imports,
    collab,
    backup,
    info: () => ({
      version: options.appVersion ?? '0.0.0',
      dbPath: opened.file,
      schemaVersion: opened.schemaVersion,
      documentCount: documents.countByKind().total,
    }),
    close: () => {
      backup.stopAuto();
      if (importer instanceof ImportWorkerClient) void importer.close();
      if (db.open) collab.close();
      void search.close();
      if (db.open) {
        // Folding the WAL back is tidiness, not durability: every commit is already in the WAL.
        // On a full disk it fails, and closing must still work (issue 17: the CLI died of it).
        try {
          db.pragma('wal_checkpoint(TRUNCATE)');
        } catch (err) {
          ports.logger.warn('WAL konnte beim Schließen nicht zurückgeschrieben werden; sie bleibt bis zum nächsten Öffnen', errorFields(err));
        }
        db.close();
      }
    },
  };
}
