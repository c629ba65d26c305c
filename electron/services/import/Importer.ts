import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DocumentKind } from '../../../shared/domain/document';
import type { DuplicateItem, FailedItem, ImportedItem, ImportFailureReason, ImportProgress, ImportReport } from '../../../shared/domain/import';
import { AppError, type ErrorCode } from '../../../shared/errors';
import type { DocumentStore } from '../documents/DocumentStore';
import type { PeopleStore } from '../people/PeopleStore';
import type { QuoteStore } from '../people/QuoteStore';
import type { Clock, EventSink, Logger } from '../ports';
import { prepared } from '../db/prepared';
import type { ImportRecord } from './ImportRecord';
import { OriginalStore } from './OriginalStore';
import { prepareRecord, type PreparedRecord } from './prepareRecord';
import { recordsOf, type SourceItem } from './recordSources';
import { DEFAULT_READER_LIMITS, type ReaderLimits } from './readers/types';

export interface ImporterOptions {
  /** Files above this size are refused before they are read (TOO_LARGE). */
  maxFileBytes: number;
  /** Documents per transaction (one `documents.changed` event each). */
  batchSize: number;
  /** Bytes (text and originals) held before a batch is written. */
  batchBytes: number;
  maxLineBytes: number;
  maxDecompressedBytes: number;
  progressIntervalMs: number;
  limits: ReaderLimits;
  /** OCR (tesseract.js worker) for PDF pages without text; off refuses an image-only PDF (PDF_IMAGE_ONLY). */
  ocr: boolean;
}

export const DEFAULT_IMPORTER_OPTIONS: ImporterOptions = {
  maxFileBytes: 100 * 1024 * 1024,
  batchSize: 250,
  batchBytes: 32 * 1024 * 1024,
  maxLineBytes: 20 * 1024 * 1024,
  maxDecompressedBytes: 2 * 1024 * 1024 * 1024,
  progressIntervalMs: 150,
  limits: DEFAULT_READER_LIMITS,
  ocr: true,
};

export interface ImportOptions {
  kind?: DocumentKind;
  signal?: AbortSignal;
}

/** A prepared record waiting in the batch: a new document, or the new text of one with the same `id`. */
interface Pending extends PreparedRecord {
  /** Set for an update (issue 18 §7): the document whose record `id` this is. */
  update?: { id: string; oldKey: string | null; oldOriginal: string | null };
  /** Later paths and attachments with the same bytes, reported as its duplicates. */
  duplicates: { path: string; line?: number; parent?: ImportRecord['parent']; reason: DuplicateItem['reason'] }[];
}

interface Batch {
  items: Pending[];
  byKey: Map<string, Pending>;
  /** `collection \0 externalId` of the records in the batch. */
  byExternal: Map<string, Pending>;
  bytes: number;
}

interface Run {
  id: string;
  report: ImportReport;
  progress: ImportProgress;
  started: number;
  lastEmit: number;
  batch: Batch;
  kind?: DocumentKind;
  signal: AbortSignal;
}

/** The failure's reason code (issue 18 §8): what the reader said, else what its code and message show. */
function reasonOf(err: AppError): ImportFailureReason | undefined {
  const d = err.details as { reason?: ImportFailureReason; encrypted?: boolean } | undefined;
  if (d?.reason) return d.reason;
  if (d?.encrypted) return 'encrypted';
  switch (err.code) {
    case 'UNSUPPORTED_FORMAT':
      return 'unsupported-format';
    case 'TOO_LARGE':
      return 'too-large';
    case 'IO':
      return 'io';
    case 'INVALID_FILE':
      if (/abgeschnitten|unvollständig/iu.test(err.message)) return 'truncated';
      if (/leer/iu.test(err.message)) return 'empty-file';
      if (/beschädigt/iu.test(err.message)) return 'damaged';
      if (/^Zeile \d+/u.test(err.message)) return 'invalid-record';
      return 'not-this-format';
    default:
      return undefined;
  }
}

/** What to do, added to a reader's message where it does not say it already. */
const ADVICE: Partial<Record<ImportFailureReason, string>> = {
  encrypted: 'Bitte ohne Kennwort speichern (z. B. mit „Drucken als PDF“ oder qpdf --decrypt) und erneut importieren.',
  damaged: 'Bitte die Datei im Programm, das sie erstellt hat, öffnen und neu speichern oder exportieren.',
  truncated: 'Bitte die Datei erneut herunterladen oder kopieren; sie ist nicht vollständig.',
  'not-this-format': 'Bitte prüfen, ob die Dateiendung zum Inhalt passt.',
};

function failure(err: unknown, file: string): FailedItem {
  const name = path.basename(file);
  if (err instanceof AppError) {
    const line = (err.details as { line?: number } | undefined)?.line;
    const reason = reasonOf(err);
    let message = err.message;
    // Every message names the file (issue 18 §8); JSONL failures name their line.
    if (!message.includes(name) && !/^Zeile \d+/u.test(message)) message = `„${name}“: ${message}`;
    const advice = reason ? ADVICE[reason] : undefined;
    if (advice && !/bitte/iu.test(err.message)) message = `${message} ${advice}`;
    return { path: file, code: err.code, message, ...(line ? { line } : {}), ...(reason ? { reason } : {}) };
  }
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'ENOENT') return { path: file, code: 'IO', reason: 'io', message: `„${name}“ ist nicht mehr vorhanden (während des Imports gelöscht oder verschoben).` };
  if (e?.code === 'EACCES' || e?.code === 'EPERM') return { path: file, code: 'IO', reason: 'io', message: `Keine Leseberechtigung für „${name}“. Bitte die Dateirechte prüfen.` };
  if (e?.code === 'EISDIR') return { path: file, code: 'IO', reason: 'io', message: `„${name}“ ist ein Ordner, keine Datei.` };
  return { path: file, code: 'INTERNAL' as ErrorCode, message: `Interner Fehler bei „${name}“: ${e?.message ?? String(err)}` };
}

/** A UNIQUE index said no: another import (another window, the CLI) wrote the same document first. */
const isUniqueConflict = (err: unknown) => (err as { code?: string } | null)?.code === 'SQLITE_CONSTRAINT_UNIQUE';
const externalKey = (collection: string | null | undefined, externalId: string) => `${collection ?? ''}\0${externalId}`;

/**
 * Bulk import of files and folders (issue: import of press material). Every file is read by its
 * format's reader, normalised once, analysed as German press material, and written in batches:
 * one transaction and one `documents.changed` event per batch. A failing file never stops the
 * others; each document (a file, or one JSONL record) is written whole or not at all.
 */
export class Importer {
  private readonly active = new Map<string, AbortController>();
  private readonly originals: OriginalStore;
  readonly options: ImporterOptions;

  constructor(
    private readonly deps: {
      db: Database.Database;
      documents: DocumentStore;
      people: PeopleStore;
      quotes: QuoteStore;
      events: EventSink;
      clock: Clock;
      logger: Logger;
    },
    options: Partial<ImporterOptions> = {},
  ) {
    this.options = { ...DEFAULT_IMPORTER_OPTIONS, ...options, limits: { ...DEFAULT_READER_LIMITS, ...options.limits } };
    this.originals = new OriginalStore(deps.db);
  }

  /** Cancels every running import; what is already written stays. */
  cancel(): { cancelled: number } {
    const n = this.active.size;
    for (const c of this.active.values()) c.abort();
    return { cancelled: n };
  }

  async importPaths(paths: string[], options: ImportOptions = {}): Promise<ImportReport> {
    const controller = new AbortController();
    const id = randomUUID();
    this.active.set(id, controller);
    const signal = options.signal ? AbortSignal.any([options.signal, controller.signal]) : controller.signal;
    const run: Run = {
      id,
      report: { runId: id, imported: [], duplicates: [], failed: [], cancelled: false, updated: [], attachments: [], files: 0, seconds: 0 },
      progress: { runId: id, filesDone: 0, filesTotal: 0, bytesDone: 0, bytesTotal: 0, currentFile: null, imported: 0, duplicates: 0, failed: 0, rate: 0, etaSeconds: null },
      started: performance.now(),
      lastEmit: 0,
      batch: this.newBatch(),
      kind: options.kind,
      signal,
    };
    try {
      const files = await this.expand(paths, run);
      run.report.files = files.length;
      run.progress.filesTotal = files.length;
      run.progress.bytesTotal = files.reduce((s, f) => s + f.size, 0);
      this.emitProgress(run, true);
      let bytesBefore = 0;
      for (const f of files) {
        if (signal.aborted) break;
        run.progress.currentFile = f.path;
        run.progress.ocr = null;
        this.emitProgress(run, run.progress.filesDone === 0);
        try {
          await this.importPath(f.path, f.size, run, (read) => {
            run.progress.bytesDone = bytesBefore + Math.min(read, f.size);
            this.emitProgress(run);
          });
        } catch (err) {
          if (err instanceof AppError && err.code === 'CANCELLED') break;
          run.report.failed.push(failure(err, f.path));
        }
        bytesBefore += f.size;
        run.progress.bytesDone = bytesBefore;
        run.progress.filesDone++;
        // Let IPC (cancel, other calls) in between files.
        await new Promise((r) => setImmediate(r));
      }
      this.flush(run);
      run.report.cancelled = signal.aborted;
    } finally {
      this.active.delete(id);
    }
    run.report.seconds = (performance.now() - run.started) / 1000;
    run.progress.currentFile = null;
    this.emitProgress(run, true);
    this.deps.events.emit('import.finished', run.report);
    return run.report;
  }

  private newBatch(): Batch {
    return { items: [], byKey: new Map(), byExternal: new Map(), bytes: 0 };
  }

  /** Files of the given paths, folders recursively (hidden entries skipped, symlinked folders not followed). */
  private async expand(paths: string[], run: Run): Promise<{ path: string; size: number }[]> {
    const out: { path: string; size: number }[] = [];
    const walk = async (p: string, top: boolean) => {
      let st: fs.Stats;
      try {
        st = top ? await fs.promises.stat(p) : await fs.promises.lstat(p);
      } catch (err) {
        const e = err as NodeJS.ErrnoException;
        run.report.failed.push({
          path: p,
          code: 'IO',
          message: e.code === 'ENOENT' ? 'Datei oder Ordner nicht gefunden.' : `Nicht lesbar: ${e.message}`,
        });
        return;
      }
      if (st.isSymbolicLink()) {
        try {
          st = await fs.promises.stat(p);
        } catch {
          return; // dangling link inside a folder
        }
        if (st.isDirectory()) return; // never follow linked folders: no loops
      }
      if (st.isDirectory()) {
        let names: string[];
        try {
          names = await fs.promises.readdir(p);
        } catch (err) {
          run.report.failed.push({ path: p, code: 'IO', message: `Ordner nicht lesbar: ${(err as Error).message}` });
          return;
        }
        for (const name of names.sort((a, b) => a.localeCompare(b, 'de'))) {
          if (name.startsWith('.')) continue;
          await walk(path.join(p, name), false);
        }
        return;
      }
      if (st.isFile()) out.push({ path: p, size: st.size });
    };
    for (const p of paths) await walk(path.resolve(p), true);
    return out;
  }

  /** Every record of one path through the one pipeline: normalise → classify → analyse → dedup → store. */
  private async importPath(file: string, size: number, run: Run, onBytes: (n: number) => void): Promise<void> {
    let n = 0;
    const source = recordsOf(file, size, {
      maxFileBytes: this.options.maxFileBytes,
      maxLineBytes: this.options.maxLineBytes,
      maxDecompressedBytes: this.options.maxDecompressedBytes,
      limits: this.options.limits,
      ocr: this.options.ocr,
      // OCR takes seconds per page: say which page, so a long scan does not look stuck.
      onOcrPage: (page, pages) => {
        run.progress.ocr = { page, pages };
        this.emitProgress(run, true);
      },
      onBytes,
      known: (key) => this.existingByKey(key) !== undefined || run.batch.byKey.has(key),
      signal: run.signal,
    });
    for await (const item of source) {
      if (run.signal.aborted) throw new AppError('CANCELLED', 'Import abgebrochen.');
      this.handle(item, run);
      // Let IPC (cancel, other calls) in between records of a large archive.
      if (++n % 50 === 0) await new Promise((r) => setImmediate(r));
    }
  }

  private handle(item: SourceItem, run: Run): void {
    switch (item.kind) {
      case 'failed': {
        const f = failure(item.error, item.path);
        run.report.failed.push({ ...f, line: f.line ?? item.line });
        run.progress.failed++;
        return;
      }
      case 'attachment':
        run.report.attachments!.push(item.item);
        if (item.item.status === 'failed') {
          run.report.failed.push({ path: `${item.item.path} › ${item.item.name}`, code: item.item.code ?? 'INVALID_FILE', message: item.item.message ?? '' });
          run.progress.failed++;
        }
        return;
      case 'known':
        this.duplicateByKey(item.importKey, { path: item.path, parent: item.parent }, run);
        return;
      case 'record':
        this.pipeline(item.record, run);
    }
  }

  /** The record's way through the steps; a failing record fails alone (an attachment: in its e-mail's report). */
  private pipeline(record: ImportRecord, run: Run): void {
    let prepared: PreparedRecord;
    try {
      prepared = prepareRecord(record, run.kind);
    } catch (err) {
      const f = failure(err, record.path);
      if (record.parent) {
        run.report.attachments!.push({ path: record.path, name: record.parent.attachmentName, status: 'failed', code: f.code, message: f.message });
        run.report.failed.push({ ...f, path: `${record.path} › ${record.parent.attachmentName}` });
      } else run.report.failed.push({ ...f, line: f.line ?? record.line });
      run.progress.failed++;
      return;
    }
    const pending = this.dedup(prepared, run);
    if (pending) this.queue(pending, run);
  }

  private existingByKey(key: string): ImportedItem | undefined {
    return prepared(this.deps.db, 'SELECT id, external_id AS externalId, title, kind FROM documents WHERE import_sha256 = ? LIMIT 1').get(key) as ImportedItem | undefined;
  }

  /** Reports a record whose bytes are in the library (or in the batch) as a duplicate. */
  private duplicateByKey(key: string, at: { path: string; line?: number; parent?: ImportRecord['parent'] }, run: Run): void {
    const pending = run.batch.byKey.get(key);
    if (pending) {
      pending.duplicates.push({ ...at, reason: 'same-content' });
      run.progress.duplicates++;
      return;
    }
    const existing = this.existingByKey(key);
    if (!existing) return;
    this.reportDuplicate(existing, at, 'same-content', run);
  }

  /** `counted`: the progress counted it already (a duplicate of a record waiting in the batch). */
  private reportDuplicate(existing: ImportedItem, at: { path: string; line?: number; parent?: ImportRecord['parent'] }, reason: DuplicateItem['reason'], run: Run, counted = false): void {
    // Issue 15: importing a document that waits in the trash brings it back, as it was.
    if (prepared(this.deps.db, 'UPDATE documents SET trashed_at = NULL WHERE id = ? AND trashed_at IS NOT NULL').run(existing.id).changes > 0) {
      this.deps.events.emit('documents.changed', { ids: [existing.id], reason: 'restored' });
    }
    run.report.duplicates.push({ ...existing, path: at.path, reason, ...(at.line ? { line: at.line } : {}) });
    if (!counted) run.progress.duplicates++;
    if (at.parent) {
      // The same attachment came before: this e-mail is linked to the document it already is.
      const parentId = this.linkAttachment(at.parent.importKey, existing.id);
      run.report.attachments!.push({ path: at.path, name: at.parent.attachmentName, status: 'duplicate', documentId: existing.id, ...(parentId ? { parentId } : {}) });
    }
  }

  /**
   * Dedup step (issue 18 §7): the same bytes were caught before reading; here a record whose `id`
   * is in the library already (same collection) is a duplicate when its text is the same, and an
   * update of that document when its text changed — whatever its bytes.
   */
  private dedup(p: PreparedRecord, run: Run): Pending | null {
    const pending: Pending = { ...p, duplicates: [] };
    const ext = p.input.externalId;
    if (!ext) return pending;
    const key = externalKey(p.input.collection, ext);
    const waiting = run.batch.byExternal.get(key);
    if (waiting) {
      if (waiting.input.bodyText === p.input.bodyText) {
        waiting.duplicates.push({ path: p.record.path, line: p.record.line, reason: 'same-id' });
        run.progress.duplicates++;
        return null;
      }
      // The same id again with another text: the earlier one is written first, this one updates it.
      this.flush(run);
    }
    const existing = prepared(
      this.deps.db,
      "SELECT id, external_id AS externalId, title, kind, body_text AS bodyText, import_sha256 AS importKey, original_sha256 AS original FROM documents WHERE ifnull(collection, '') = ifnull(?, '') AND external_id = ? LIMIT 1",
    ).get(p.input.collection ?? null, ext) as (ImportedItem & { bodyText: string; importKey: string | null; original: string | null }) | undefined;
    if (!existing) return pending;
    if (existing.bodyText === p.input.bodyText) {
      this.reportDuplicate({ id: existing.id, externalId: existing.externalId, title: existing.title, kind: existing.kind }, { path: p.record.path, line: p.record.line }, 'same-id', run);
      return null;
    }
    return { ...pending, update: { id: existing.id, oldKey: existing.importKey, oldOriginal: existing.original } };
  }

  private queue(item: Pending, run: Run): void {
    run.batch.items.push(item);
    run.batch.byKey.set(item.record.importKey, item);
    if (item.input.externalId) run.batch.byExternal.set(externalKey(item.input.collection, item.input.externalId), item);
    run.batch.bytes += item.bytes;
    if (run.batch.items.length >= this.options.batchSize || run.batch.bytes >= this.options.batchBytes) this.flush(run);
  }

  /** Links an attachment's document to its e-mail's (links, kind `attachment`); the e-mail's id, if it is stored. */
  private linkAttachment(parentKey: string, childId: string): string | null {
    const parentId = prepared(this.deps.db, 'SELECT id FROM documents WHERE import_sha256 = ?').pluck().get(parentKey) as string | undefined;
    if (!parentId || parentId === childId) return null;
    prepared(this.deps.db, "INSERT OR IGNORE INTO links (source_id, target_id, kind, created_at) VALUES (?, ?, 'attachment', ?)").run(parentId, childId, this.deps.clock.now().toISOString());
    return parentId;
  }

  /** Store step: one transaction per batch; each document in its own savepoint, so one bad one fails alone. */
  private flush(run: Run): void {
    const batch = run.batch;
    run.batch = this.newBatch();
    if (batch.items.length === 0) return;
    const { db } = this.deps;
    const changed: string[] = [];
    const now = this.deps.clock.now().toISOString();
    db.transaction(() => {
      for (const item of batch.items) {
        const rec = item.record;
        try {
          const doc = db.transaction(() => {
            this.originals.put(rec.importKey, rec.original.name, rec.original.mediaType, rec.original.bytes, now);
            return item.update ? this.applyUpdate(item) : this.create(item);
          })();
          const entry: ImportedItem = { id: doc.id, externalId: doc.externalId, title: doc.title, kind: doc.kind };
          if (item.update) run.report.updated!.push({ ...entry, path: rec.path, ...(rec.line ? { line: rec.line } : {}) });
          else run.report.imported.push(entry);
          if (rec.parent) {
            const parentId = this.linkAttachment(rec.parent.importKey, doc.id);
            run.report.attachments!.push({ path: rec.path, name: rec.parent.attachmentName, status: 'imported', documentId: doc.id, ...(parentId ? { parentId } : {}) });
          }
          for (const d of item.duplicates) this.reportDuplicate(entry, d, d.reason, run, true);
          changed.push(doc.id);
          run.progress.imported++;
        } catch (err) {
          if (isUniqueConflict(err)) {
            // Another import stored it between our check and this insert: a duplicate, not a failure.
            const existing = this.existingByKey(rec.importKey) ?? this.existingByExternal(item);
            if (existing) {
              this.reportDuplicate(existing, { path: rec.path, line: rec.line, parent: rec.parent }, existing.externalId && item.input.externalId ? 'same-id' : 'same-content', run);
              for (const d of item.duplicates) this.reportDuplicate(existing, d, d.reason, run, true);
              continue;
            }
          }
          run.report.failed.push({ ...failure(err, rec.path), ...(rec.line ? { line: rec.line } : {}) });
          run.progress.failed++;
        }
      }
    })();
    if (changed.length) this.deps.events.emit('documents.changed', { ids: changed, reason: 'imported' });
    this.emitProgress(run);
  }

  private existingByExternal(item: Pending): ImportedItem | undefined {
    if (!item.input.externalId) return undefined;
    return prepared(this.deps.db, "SELECT id, external_id AS externalId, title, kind FROM documents WHERE ifnull(collection, '') = ifnull(?, '') AND external_id = ? LIMIT 1").get(
      item.input.collection ?? null,
      item.input.externalId,
    ) as ImportedItem | undefined;
  }

  private create(item: Pending) {
    const { documents, db } = this.deps;
    const rec = item.record;
    const d = documents.create(item.input, { silent: true });
    prepared(db, 'UPDATE documents SET original_sha256 = ?, import_sha256 = ?, text_source = ? WHERE id = ?').run(rec.importKey, rec.importKey, rec.textSource, d.id);
    this.linkPeopleAndQuotes(d.id, d.date, item);
    return d;
  }

  /**
   * A record with a known `id` and a new text (issue 18 §7): the document keeps its id, kind,
   * links and corrections; text, title and the record's fields are the new ones, its quotes are
   * extracted again (corrections carried over to the new import key, so they apply again).
   */
  private applyUpdate(item: Pending) {
    const { db, documents } = this.deps;
    const rec = item.record;
    const u = item.update!;
    const i = item.input;
    if (u.oldKey) {
      prepared(
        db,
        `INSERT OR IGNORE INTO quote_corrections (import_sha256, source_key, speaker, role, organisation, text, updated_at)
         SELECT ?, source_key, speaker, role, organisation, text, updated_at FROM quote_corrections WHERE import_sha256 = ?`,
      ).run(rec.importKey, u.oldKey);
    }
    prepared(db, 'UPDATE documents SET original_sha256 = ?, import_sha256 = ?, text_source = ? WHERE id = ?').run(rec.importKey, rec.importKey, rec.textSource, u.id);
    if (u.oldOriginal && u.oldOriginal !== rec.importKey) {
      prepared(db, 'DELETE FROM originals WHERE sha256 = ? AND NOT EXISTS (SELECT 1 FROM documents WHERE original_sha256 = ?)').run(u.oldOriginal, u.oldOriginal);
    }
    prepared(db, 'DELETE FROM quotes WHERE document_id = ?').run(u.id);
    const d = documents.update(u.id, {
      title: i.title,
      date: i.date ?? null,
      source: i.source ?? null,
      sourceUrl: i.sourceUrl ?? null,
      place: i.place ?? null,
      publisher: i.publisher ?? null,
      bodyText: i.bodyText,
      bodyHtml: i.bodyHtml ?? null,
      ...(i.tags?.length ? { tags: i.tags } : {}),
    });
    this.linkPeopleAndQuotes(d.id, d.date, item);
    return d;
  }

  private linkPeopleAndQuotes(id: string, date: string | null, item: Pending): void {
    const { people, quotes } = this.deps;
    if (item.publisher) people.linkDocumentOrganisation(id, people.organisation(item.publisher), 'publisher');
    if (item.speaker) people.linkDocumentPerson(id, people.person(item.speaker), 'speaker');
    for (const q of item.quotes) {
      quotes.insert(
        { documentId: id, text: q.text, speaker: q.speaker, honorific: q.honorific, role: q.role, organisation: q.organisation, position: q.position, saidOn: date },
        item.record.importKey,
      );
    }
  }

  private emitProgress(run: Run, force = false): void {
    const now = performance.now();
    if (!force && now - run.lastEmit < this.options.progressIntervalMs) return;
    run.lastEmit = now;
    const seconds = (now - run.started) / 1000;
    const p = run.progress;
    p.rate = seconds > 0 ? p.imported / seconds : 0;
    p.failed = run.report.failed.length;
    p.etaSeconds = p.bytesDone > 0 && p.bytesTotal > 0 && seconds > 0.5 ? Math.max(0, ((p.bytesTotal - p.bytesDone) / p.bytesDone) * seconds) : null;
    this.deps.events.emit('import.progressed', { ...p });
  }
}
