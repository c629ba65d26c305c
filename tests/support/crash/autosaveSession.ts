import * as Y from 'yjs';
import { CollabService } from '../../../electron/services/collab/CollabService';
import { openDatabase } from '../../../electron/services/db/openDatabase';
import { DocumentStore } from '../../../electron/services/documents/DocumentStore';
import { EventBus } from '../../../electron/services/EventBus';
import { silentLogger, systemClock } from '../../../electron/services/ports';
import { fromBase64 } from '../../../shared/editor/base64';
import { DRAFT_FRAGMENT } from '../../../shared/editor/draftExtensions';

/**
 * The autosave path of the app without a window, for the crash test's child and the durability
 * benchmark: the library opened by the real `openDatabase` (its pragmas), the real DocumentStore
 * and CollabService wired as `createServices`/`createCollab` wire them (only the parts autosave
 * touches, so a child starts in ~0.1 s), and a renderer-side Y.Doc that sends its updates to main
 * exactly as the `collab.update` handler does (`drafts.applyUpdate(id, bytes, { source: 'editor' })`).
 * `applyUpdate` returns only after the update's transaction committed: that is the moment the
 * app may tell anyone the edit is saved.
 */
export interface AutosaveSession {
  readonly drafts: CollabService;
  readonly documents: DocumentStore;
  /** `PRAGMA synchronous` (0 OFF, 1 NORMAL, 2 FULL) and `journal_mode` of the connection that saves. */
  pragmas(): { synchronous: number; journalMode: string };
  /** Types `text` at the end of the last paragraph (one editor transaction = one saved update). */
  type(text: string): void;
  /** A new paragraph (a paste): one larger update. */
  paragraph(text: string): void;
  /** Appends `text` to the body of an ordinary document through DocumentStore.update. */
  appendToDocument(id: string, text: string): void;
  close(): void;
}

export interface AutosaveOptions {
  /** Benchmark only: run the same path with another `synchronous` level for comparison. */
  synchronous?: 'FULL' | 'NORMAL';
  compactAfter?: number;
  textDebounceMs?: number;
}

export function openAutosave(dbPath: string, draftId: string, options: AutosaveOptions = {}): AutosaveSession {
  const { db } = openDatabase(dbPath);
  if (options.synchronous) db.pragma(`synchronous = ${options.synchronous}`);
  const events = new EventBus({ emit() {} });
  const documents = new DocumentStore(db, systemClock, events);
  const drafts = new CollabService(db, documents, events, systemClock, silentLogger, {
    compactAfter: options.compactAfter ?? 500,
    textDebounceMs: options.textDebounceMs ?? 800,
  });
  const clientId = 'absturz-fenster';
  // The renderer's own replica, started from main's state as `collab.open` hands it over.
  const editor = new Y.Doc();
  Y.applyUpdate(editor, fromBase64(drafts.open(draftId, clientId).state));
  editor.on('update', (update: Uint8Array) => {
    drafts.applyUpdate(draftId, update, { source: 'editor', clientId });
  });
  const fragment = editor.getXmlFragment(DRAFT_FRAGMENT);
  const lastText = (): Y.XmlText => {
    let p = fragment.get(fragment.length - 1) as Y.XmlElement | undefined;
    if (!p) {
      p = new Y.XmlElement('paragraph');
      fragment.insert(0, [p]);
    }
    let t = p.get(0) as Y.XmlText | undefined;
    if (!(t instanceof Y.XmlText)) {
      t = new Y.XmlText();
      p.insert(0, [t]);
    }
    return t;
  };
  return {
    drafts,
    documents,
    pragmas: () => ({
      synchronous: db.pragma('synchronous', { simple: true }) as number,
      journalMode: String(db.pragma('journal_mode', { simple: true })),
    }),
    type(text) {
      editor.transact(() => {
        const t = lastText();
        t.insert(t.length, text);
      });
    },
    paragraph(text) {
      editor.transact(() => {
        const p = new Y.XmlElement('paragraph');
        p.insert(0, [new Y.XmlText(text)]);
        fragment.insert(fragment.length, [p]);
      });
    },
    appendToDocument(id, text) {
      documents.update(id, { bodyText: `${documents.get(id).bodyText}${text}` });
    },
    close() {
      drafts.closeAll();
      editor.destroy();
      db.pragma('wal_checkpoint(TRUNCATE)');
      db.close();
    },
  };
}
