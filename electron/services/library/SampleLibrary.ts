import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { newDocumentSchema } from '../../../shared/domain/document';
import { AppError } from '../../../shared/errors';
import type { DocumentStore } from '../documents/DocumentStore';
import type { EventSink } from '../ports';
import type { SettingsStore } from '../settings/SettingsStore';

const sampleFileSchema = z.object({ documents: z.array(newDocumentSchema).min(1) });

/**
 * The small sample library offered on first start (`resources/sample-library/library.json`):
 * texts written for Quartierswissen, among them a Leitbild skeleton.
 */
export class SampleLibrary {
  constructor(
    private readonly resourcesDir: string,
    private readonly deps: {
      documents: DocumentStore;
      settings: SettingsStore;
      events: EventSink;
      transaction: <T>(fn: () => T) => T;
    },
  ) {}

  get file(): string {
    return path.join(this.resourcesDir, 'sample-library', 'library.json');
  }

  load(): { created: number; ids: string[] } {
    let parsed: z.infer<typeof sampleFileSchema>;
    try {
      parsed = sampleFileSchema.parse(JSON.parse(fs.readFileSync(this.file, 'utf8')));
    } catch (err) {
      throw new AppError('IO', `Die Beispielbibliothek „${this.file}“ ist nicht lesbar: ${(err as Error).message}`);
    }
    const { documents, settings, events, transaction } = this.deps;
    const ids = transaction(() => {
      const created = parsed.documents.map((d) => documents.create(d, { silent: true }).id);
      settings.set({ key: 'firstRunDone', value: true });
      return created;
    });
    events.emit('documents.changed', { ids, reason: 'sample' });
    return { created: ids.length, ids };
  }
}
