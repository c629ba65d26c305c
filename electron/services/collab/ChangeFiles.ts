import * as Y from 'yjs';
import { fromBase64, toBase64 } from '../../../shared/editor/base64';
import { CHANGE_FILE_EXTENSION, CHANGE_FILE_FORMAT, CHANGE_FILE_VERSION, changeFileSchema, type ChangeFile } from '../../../shared/editor/changeFile';
import { isEditableKind } from '../../../shared/editor/draftExtensions';
import type { ChangeFileExport, ChangeFileImport } from '../../../shared/ipc/areas/collab';
import { AppError } from '../../../shared/errors';
import type { DocumentStore } from '../documents/DocumentStore';
import type { Clock } from '../ports';
import type { CollabService } from './CollabService';

/**
 * Change files: a draft's Yjs state in a JSON envelope, for colleagues without a server. Importing
 * applies it like a server update — Yjs merging makes it idempotent and order-independent.
 */
export class ChangeFiles {
  constructor(
    private readonly collab: CollabService,
    private readonly documents: DocumentStore,
    private readonly clock: Clock,
    private readonly userName: () => string,
  ) {}

  export(id: string): ChangeFileExport {
    const doc = this.documents.get(id);
    const update = this.collab.stateAsUpdate(id);
    const file: ChangeFile = {
      format: CHANGE_FILE_FORMAT,
      version: CHANGE_FILE_VERSION,
      documentId: id,
      title: doc.title,
      kind: doc.kind,
      createdAt: this.clock.now().toISOString(),
      createdBy: this.userName() || null,
      update: toBase64(update),
    };
    const text = `${JSON.stringify(file, null, 1)}\n`;
    const safeTitle = doc.title.replace(/[^\p{L}\p{N} _-]+/gu, '').trim().replace(/\s+/g, '-').slice(0, 60) || 'Entwurf';
    const stamp = file.createdAt.slice(0, 16).replace(/[:T]/g, '-');
    return { fileName: `${safeTitle}-${stamp}${CHANGE_FILE_EXTENSION}`, text, bytes: Buffer.byteLength(text) };
  }

  import(text: string): ChangeFileImport {
    let file: ChangeFile;
    try {
      file = changeFileSchema.parse(JSON.parse(text));
    } catch {
      throw new AppError('INVALID_FILE', 'Die Datei ist keine Änderungsdatei von Quartierswissen (oder sie ist beschädigt).');
    }
    if (!isEditableKind(file.kind)) {
      throw new AppError('INVALID_FILE', `Die Änderungsdatei gehört zu einem Dokument der Art „${file.kind}“, das nicht bearbeitbar ist.`);
    }
    let update: Uint8Array;
    try {
      update = fromBase64(file.update);
      // Decoding checks the structure before anything is applied or stored.
      Y.decodeUpdate(update);
    } catch {
      throw new AppError('INVALID_FILE', 'Die Änderungen in der Datei sind beschädigt.');
    }
    const created = !this.documents.exists(file.documentId);
    if (created) this.collab.adopt(file.documentId, { title: file.title, kind: file.kind });
    const draft = this.collab.get(file.documentId, { seed: !created });
    // Yjs emits `update` only when a transaction changed something: that is "brought anything new".
    let changed = false;
    const mark = () => {
      changed = true;
    };
    draft.doc.on('update', mark);
    try {
      this.collab.applyUpdate(file.documentId, update, { source: 'file' });
    } finally {
      draft.doc.off('update', mark);
    }
    this.collab.flushText(file.documentId);
    return { documentId: file.documentId, title: this.documents.get(file.documentId).title, created, changed };
  }
}

