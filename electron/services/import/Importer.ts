import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { DocumentKind, NewDocument } from '../../../shared/domain/document';
import type { DuplicateItem, FailedItem, ImportedItem, ImportProgress, ImportReport } from '../../../shared/domain/import';
import { AppError, type ErrorCode } from '../../../shared/errors';
import { analyzePressRelease, type PressAnalysis } from '../../../shared/press/analyzePressRelease';
import type { ExtractedQuote } from '../../../shared/press/extractQuotes';
import { parseGermanDate } from '../../../shared/press/germanDate';
import { normalizeLine, normalizeText } from '../../../shared/text/normalizeText';
import type { DocumentStore } from '../documents/DocumentStore';
import type { PeopleStore } from '../people/PeopleStore';
import type { QuoteStore } from '../people/QuoteStore';
import type { Clock, EventSink, Logger } from '../ports';
import { prepared } from '../db/prepared';
import { deriveTitle } from './deriveTitle';
import { detectFormat, type ImportFormat } from './detectFormat';
import { OriginalStore, sha256 } from './OriginalStore';
import { readDocx } from './readers/docx';
import { readEml } from './readers/eml';
import { readHtml } from './readers/html';
import { readJsonl, type JsonlRecord } from './readers/jsonl';
import { readMarkdown } from './readers/markdown';
import { readPdf } from './readers/pdf';
import { readTxt } from './readers/txt';
import { DEFAULT_READER_LIMITS, type ReaderLimits, type ReadResult } from './readers/types';

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
}

export const DEFAULT_IMPORTER_OPTIONS: ImporterOptions = {
  maxFileBytes: 100 * 1024 * 1024,
  batchSize: 250,
  batchBytes: 32 * 1024 * 1024,
  maxLineBytes: 20 * 1024 * 1024,
  maxDecompressedBytes: 2 * 1024 * 1024 * 1024,
  progressIntervalMs: 150,
  limits: DEFAULT_READER_LIMITS,
};

export interface ImportOptions {
  kind?: DocumentKind;
  signal?: AbortSignal;
}

interface Pending {
  path: string;
  importKey: string;
  originalSha: string;
  input: NewDocument;
  publisher: string | null;
  speaker: string | null;
  quotes: ExtractedQuote[];
  duplicatePaths: string[];
  bytes: number;
}

interface Batch {
  items: Pending[];
  byKey: Map<string, Pending>;
  originals: Map<string, { name: string; mediaType: string; bytes: Buffer }>;
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

const QUOTED_KINDS = new Set<DocumentKind>(['press_release', 'statement', 'note', 'protocol']);

function failure(err: unknown, file: string): FailedItem {
  if (err instanceof AppError) {
    const line = (err.details as { line?: number } | undefined)?.line;
    return { path: file, code: err.code, message: err.message, ...(line ? { line } : {}) };
  }
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'ENOENT') return { path: file, code: 'IO', message: 'Die Datei ist nicht mehr vorhanden (während des Imports gelöscht oder verschoben).' };
  if (e?.code === 'EACCES' || e?.code === 'EPERM') return { path: file, code: 'IO', message: 'Keine Leseberechtigung für die Datei.' };
  if (e?.code === 'EISDIR') return { path: file, code: 'IO', message: 'Ein Ordner wurde als Datei angegeben.' };
  return { path: file, code: 'INTERNAL' as ErrorCode, message: `Interner Fehler: ${e?.message ?? String(err)}` };
}

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
      report: { runId: id, imported: [], duplicates: [], failed: [], cancelled: false, files: 0, seconds: 0 },
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
        this.emitProgress(run, run.progress.filesDone === 0);
        try {
          await this.importFile(f.path, run, (read) => {
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
    return { items: [], byKey: new Map(), originals: new Map(), bytes: 0 };
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

  private async importFile(file: string, run: Run, onBytes: (n: number) => void): Promise<void> {
    const format = detectFormat(file);
    if (!format) {
      throw new AppError('UNSUPPORTED_FORMAT', `Das Format von „${path.basename(file)}“ wird nicht unterstützt (unterstützt: .txt, .md, .html, .docx, .pdf, .eml, .jsonl, .jsonl.gz).`);
    }
    const st = await fs.promises.stat(file);
    if (st.size === 0) throw new AppError('INVALID_FILE', 'Die Datei ist leer.');
    if (st.size > this.options.maxFileBytes) {
      throw new AppError('TOO_LARGE', `Die Datei ist ${Math.round(st.size / 1e6)} MB groß; höchstens ${Math.round(this.options.maxFileBytes / 1e6)} MB werden importiert.`, {
        size: st.size,
      });
    }
    if (format === 'jsonl') return this.importJsonl(file, run, onBytes);
    const bytes = await fs.promises.readFile(file);
    onBytes(bytes.length);
    const key = sha256(bytes);
    if (this.duplicate(key, file, run)) return;
    const read = await this.read(format, bytes);
    const text = normalizeText(read.text);
    if (text.replace(/\s/gu, '').length === 0) throw new AppError('INVALID_FILE', 'Die Datei enthält keinen Text.');
    const analysis = analyzePressRelease(text, { title: read.titleHint, date: read.dateHint, publisher: read.publisherHint });
    const kind = run.kind ?? (analysis.looksLikePressRelease ? 'press_release' : 'note');
    const title = normalizeLine(analysis.title ?? read.titleHint ?? deriveTitle(text) ?? path.basename(file)).slice(0, 1000);
    const input: NewDocument = {
      kind,
      title,
      date: analysis.date ?? read.dateHint ?? null,
      source: path.basename(file),
      sourceUrl: read.sourceUrl ?? null,
      place: analysis.place,
      publisher: analysis.publisher,
      language: 'de',
      status: 'final',
      bodyText: text,
      bodyHtml: read.html ? normalizeText(read.html, { tidyBlankLines: false }) : null,
      tags: analysis.keywords,
    };
    run.batch.originals.set(key, { name: path.basename(file), mediaType: read.mediaType, bytes });
    this.queue(
      {
        path: file,
        importKey: key,
        originalSha: key,
        input,
        publisher: analysis.publisher,
        speaker: null,
        quotes: QUOTED_KINDS.has(kind) ? analysis.quotes : [],
        duplicatePaths: [],
        bytes: bytes.length + text.length * 2,
      },
      run,
    );
  }

  private async read(format: Exclude<ImportFormat, 'jsonl'>, bytes: Buffer): Promise<ReadResult> {
    switch (format) {
      case 'txt':
        return readTxt(bytes);
      case 'md':
        return readMarkdown(bytes);
      case 'html':
        return readHtml(bytes);
      case 'docx':
        return readDocx(bytes, this.options.limits);
      case 'pdf':
        return readPdf(bytes, this.options.limits);
      case 'eml':
        return readEml(bytes);
    }
  }

  /** True (and reported) if a document with this import key exists or waits in the batch. */
  private duplicate(key: string, file: string, run: Run): boolean {
    const found = prepared(this.deps.db, 'SELECT id, external_id AS externalId, title, kind, trashed_at FROM documents WHERE import_sha256 = ? LIMIT 1').get(key) as
      | (ImportedItem & { trashed_at: string | null })
      | undefined;
    if (found) {
      const { trashed_at: trashedAt, ...existing } = found;
      if (trashedAt !== null) {
        // Issue 15: importing a document that waits in the trash brings it back, as it was.
        prepared(this.deps.db, 'UPDATE documents SET trashed_at = NULL WHERE id = ?').run(existing.id);
        this.deps.events.emit('documents.changed', { ids: [existing.id], reason: 'restored' });
      }
      run.report.duplicates.push({ ...existing, path: file });
      run.progress.duplicates++;
      return true;
    }
    const pending = run.batch.byKey.get(key);
    if (pending) {
      pending.duplicatePaths.push(file);
      run.progress.duplicates++;
      return true;
    }
    return false;
  }

  /**
   * One original per record: the record's own line (its SHA-256 is the import key). Deleting one
   * document of a JSONL archive then deletes its words with it (issue 7 §7); a whole-file original
   * would keep them until the last record of the file is gone.
   */
  private async importJsonl(file: string, run: Run, onBytes: (n: number) => void): Promise<void> {
    const name = path.basename(file);
    for await (const item of readJsonl(file, { maxLineBytes: this.options.maxLineBytes, maxDecompressedBytes: this.options.maxDecompressedBytes, onBytes })) {
      if (run.signal.aborted) throw new AppError('CANCELLED', 'Import abgebrochen.');
      if ('error' in item) {
        run.report.failed.push(failure(item.error, file));
        run.progress.failed++;
        continue;
      }
      try {
        const key = sha256(item.raw);
        if (this.duplicate(key, file, run)) continue;
        const pending = this.fromRecord(item.record, item.line, key, file, run);
        const bytes = Buffer.from(item.raw, 'utf8');
        run.batch.originals.set(key, { name: `${name}, Zeile ${item.line}`, mediaType: 'application/json', bytes });
        run.batch.bytes += bytes.length;
        this.queue(pending, run);
      } catch (err) {
        const f = failure(err, file);
        run.report.failed.push({ ...f, line: f.line ?? item.line, message: f.message.startsWith('Zeile') ? f.message : `Zeile ${item.line}: ${f.message}` });
        run.progress.failed++;
      }
      if (run.batch.items.length % 50 === 0) await new Promise((r) => setImmediate(r));
    }
  }

  private fromRecord(r: JsonlRecord, line: number, key: string, file: string, run: Run): Pending {
    const text = normalizeText(r.text);
    if (text.replace(/\s/gu, '').length === 0) throw new AppError('INVALID_FILE', `Zeile ${line}: der Text ist leer.`, { line });
    const speaker = r.speaker ? normalizeLine(r.speaker) : null;
    const kind: DocumentKind = run.kind ?? r.kind ?? (speaker ? 'speech' : 'press_release');
    // Speeches are one speaker's own words: no quote analysis (it would find the people they cite).
    const analysis: PressAnalysis | null = kind === 'speech' ? null : analyzePressRelease(text, { title: r.title ?? null });
    const derived = deriveTitle(text);
    const title = normalizeLine(
      r.title ?? (speaker && kind === 'speech' ? `${speaker}: ${derived ?? 'Rede'}` : null) ?? analysis?.title ?? derived ?? `${path.basename(file)}, Zeile ${line}`,
    ).slice(0, 1000);
    const date = r.date ? (/^\d{4}-\d{2}-\d{2}$/u.test(r.date) ? r.date : parseGermanDate(r.date)) : (analysis?.date ?? null);
    const tags = [...(analysis?.keywords ?? []), ...(r.category ? [normalizeLine(r.category)] : [])];
    return {
      path: file,
      importKey: key,
      originalSha: key,
      input: {
        kind,
        title,
        date,
        source: r.collection ?? path.basename(file),
        sourceUrl: r.source_url ?? null,
        place: r.place ?? analysis?.place ?? null,
        publisher: analysis?.publisher ?? null,
        language: 'de',
        status: 'final',
        externalId: r.id === undefined || r.id === null ? null : String(r.id),
        collection: r.collection ?? null,
        bodyText: text,
        bodyHtml: null,
        tags,
      },
      publisher: analysis?.publisher ?? null,
      speaker,
      quotes: analysis && QUOTED_KINDS.has(kind) ? analysis.quotes : [],
      duplicatePaths: [],
      bytes: text.length * 2,
    };
  }

  private queue(item: Pending, run: Run): void {
    run.batch.items.push(item);
    run.batch.byKey.set(item.importKey, item);
    run.batch.bytes += item.bytes;
    if (run.batch.items.length >= this.options.batchSize || run.batch.bytes >= this.options.batchBytes) this.flush(run);
  }

  /** Writes the batch in one transaction; each document in its own savepoint, so one bad one fails alone. */
  private flush(run: Run): void {
    const batch = run.batch;
    run.batch = this.newBatch();
    if (batch.items.length === 0) return;
    const { db, documents, people, quotes, clock } = this.deps;
    const created: string[] = [];
    const now = clock.now().toISOString();
    const setKeys = prepared(db, 'UPDATE documents SET original_sha256 = ?, import_sha256 = ? WHERE id = ?');
    db.transaction(() => {
      for (const [sha, o] of batch.originals) this.originals.put(sha, o.name, o.mediaType, o.bytes, now);
      for (const item of batch.items) {
        try {
          const doc = db.transaction(() => {
            const d = documents.create(item.input, { silent: true });
            setKeys.run(item.originalSha, item.importKey, d.id);
            if (item.publisher) people.linkDocumentOrganisation(d.id, people.organisation(item.publisher), 'publisher');
            if (item.speaker) people.linkDocumentPerson(d.id, people.person(item.speaker), 'speaker');
            for (const q of item.quotes) {
              quotes.insert(
                { documentId: d.id, text: q.text, speaker: q.speaker, honorific: q.honorific, role: q.role, organisation: q.organisation, position: q.position, saidOn: d.date },
                item.importKey,
              );
            }
            return d;
          })();
          const entry: ImportedItem = { id: doc.id, externalId: doc.externalId, title: doc.title, kind: doc.kind };
          run.report.imported.push(entry);
          for (const p of item.duplicatePaths) run.report.duplicates.push({ ...entry, path: p } satisfies DuplicateItem);
          created.push(doc.id);
          run.progress.imported++;
        } catch (err) {
          run.report.failed.push(failure(err, item.path));
          run.progress.failed++;
        }
      }
    })();
    if (created.length) this.deps.events.emit('documents.changed', { ids: created, reason: 'imported' });
    this.emitProgress(run);
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
