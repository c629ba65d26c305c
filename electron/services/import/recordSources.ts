import fs from 'node:fs';
import path from 'node:path';
import type { AttachmentItem } from '../../../shared/domain/import';
import { AppError } from '../../../shared/errors';
import { detectFormat, formatOfMediaType } from './detectFormat';
import type { ImportRecord } from './ImportRecord';
import { sha256 } from './OriginalStore';
import { fileStemOf } from './prepareRecord';
import { FILE_READERS, SUPPORTED_LIST, type FileFormat } from './readers';
import { readJsonl } from './readers/jsonl';
import type { Attachment, ReaderLimits, ReadResult } from './readers/types';

/**
 * Readers as record sources (issue 18 §9): every path becomes a stream of records for the one
 * pipeline — a file is one record (an e-mail one more per attachment), a JSONL archive one per line.
 */
export type SourceItem =
  | { kind: 'record'; record: ImportRecord }
  /** The bytes are in the library already: reported without reading them again. */
  | { kind: 'known'; path: string; importKey: string; parent?: ImportRecord['parent'] }
  | { kind: 'failed'; path: string; error: unknown; line?: number }
  | { kind: 'attachment'; item: AttachmentItem };

export interface SourceOptions {
  maxFileBytes: number;
  maxLineBytes: number;
  maxDecompressedBytes: number;
  limits: ReaderLimits;
  onBytes: (n: number) => void;
  /** True when a document with this import key exists or waits to be written. */
  known: (importKey: string) => boolean;
  signal: AbortSignal;
  /** OCR for scanned PDF pages (ImporterOptions.ocr). */
  ocr: boolean;
  /** Text recognition reached page `page` of `pages` of the file being read. */
  onOcrPage?: (page: number, pages: number) => void;
}

/** Attachments inside attachments (a forwarded mail with a PDF) are read; deeper nesting is not. */
const MAX_ATTACHMENT_DEPTH = 2;

const unsupported = (name: string) =>
  new AppError('UNSUPPORTED_FORMAT', `Das Format von „${name}“ wird nicht unterstützt (unterstützt: ${SUPPORTED_LIST}). Bitte in ein unterstütztes Format umwandeln (z. B. als PDF oder DOCX speichern).`, {
    reason: 'unsupported-format',
  });

/** `size`: what the folder walk saw (the file is not looked at again before it is read). */
export async function* recordsOf(file: string, size: number, o: SourceOptions): AsyncGenerator<SourceItem> {
  const name = path.basename(file);
  const format = detectFormat(file);
  if (!format) throw unsupported(name);
  const st = { size };
  if (st.size === 0) throw new AppError('INVALID_FILE', `„${name}“ ist leer (0 Byte). Bitte die Datei neu speichern oder exportieren.`, { reason: 'empty-file' });
  if (st.size > o.maxFileBytes) {
    throw new AppError('TOO_LARGE', `„${name}“ ist ${Math.round(st.size / 1e6)} MB groß; höchstens ${Math.round(o.maxFileBytes / 1e6)} MB werden importiert. Bitte die Datei aufteilen.`, {
      size: st.size,
      reason: 'too-large',
    });
  }
  if (format === 'jsonl') {
    yield* jsonlRecords(file, o);
    return;
  }
  const bytes = await fs.promises.readFile(file);
  if (bytes.length > o.maxFileBytes) throw new AppError('TOO_LARGE', `„${name}“ ist während des Imports auf ${Math.round(bytes.length / 1e6)} MB gewachsen; höchstens ${Math.round(o.maxFileBytes / 1e6)} MB werden importiert.`, { reason: 'too-large' });
  if (bytes.length === 0) throw new AppError('INVALID_FILE', `„${name}“ ist leer (0 Byte). Bitte die Datei neu speichern oder exportieren.`, { reason: 'empty-file' });
  o.onBytes(bytes.length);
  yield* fileRecords({ path: file, name, source: name, format, bytes, mediaType: null, depth: 0 }, o);
}

interface FileInput {
  path: string;
  name: string;
  source: string;
  format: FileFormat;
  bytes: Buffer;
  /** The attachment's media type (for the original); null: the reader's. */
  mediaType: string | null;
  parent?: ImportRecord['parent'];
  depth: number;
}

async function* fileRecords(f: FileInput, o: SourceOptions): AsyncGenerator<SourceItem> {
  const key = sha256(f.bytes);
  if (o.known(key)) {
    yield { kind: 'known', path: f.path, importKey: key, parent: f.parent };
    return;
  }
  const read: ReadResult = await FILE_READERS[f.format](f.bytes, o.limits, { fileName: f.name, signal: o.signal, ocr: o.ocr, onOcrPage: o.onOcrPage });
  const record: ImportRecord = {
    path: f.path,
    source: f.source,
    label: f.source,
    importKey: key,
    original: { name: f.name, mediaType: f.mediaType && f.mediaType !== 'application/octet-stream' ? f.mediaType : read.mediaType, bytes: f.bytes },
    text: read.text,
    html: read.html,
    textSource: read.textSource ?? 'text',
    hints: {
      headline: read.headline ?? null,
      infoTitle: read.infoTitle ?? null,
      containerTitle: read.titleHint ?? null,
      date: read.dateHint ?? null,
      publisher: read.publisherHint ?? null,
      sourceUrl: read.sourceUrl ?? null,
      fileStem: fileStemOf(f.name),
    },
    given: {},
    parent: f.parent,
  };
  // An e-mail whose text is only in its attachments is their envelope: it is kept when it has words.
  yield { kind: 'record', record };
  for (const a of read.attachments ?? []) yield* attachmentRecords(a, record, f, o);
}

async function* attachmentRecords(a: Attachment, parent: ImportRecord, f: FileInput, o: SourceOptions): AsyncGenerator<SourceItem> {
  const format = detectFormat(a.name) ?? formatOfMediaType(a.mediaType);
  const label = `${f.source} › ${a.name}`;
  if (!format || format === 'jsonl' || (format === 'eml' && f.depth + 1 >= MAX_ATTACHMENT_DEPTH)) {
    yield {
      kind: 'attachment',
      item: {
        path: f.path,
        name: a.name,
        status: 'unsupported',
        code: 'UNSUPPORTED_FORMAT',
        message: format
          ? `Der Anhang „${a.name}“ (${a.mediaType}) wird nicht gelesen: ${format === 'jsonl' ? 'JSONL-Archive bitte direkt importieren' : 'zu tief verschachtelte weitergeleitete Nachricht'}.`
          : `Der Anhang „${a.name}“ (${a.mediaType}) hat ein Format, das nicht gelesen wird (unterstützt: PDF, DOCX, ODT, DOC, RTF, TXT, HTML, E-Mail). Er bleibt in der gespeicherten E-Mail erhalten.`,
      },
    };
    return;
  }
  if (a.bytes.length === 0) {
    yield { kind: 'attachment', item: { path: f.path, name: a.name, status: 'failed', code: 'INVALID_FILE', message: `Der Anhang „${a.name}“ ist leer.` } };
    return;
  }
  try {
    // Collected first: a failing reader fails this attachment alone, never the e-mail.
    const items: SourceItem[] = [];
    for await (const item of fileRecords(
      { path: f.path, name: a.name, source: label, format, bytes: a.bytes, mediaType: a.mediaType, parent: { importKey: parent.importKey, attachmentName: a.name }, depth: f.depth + 1 },
      o,
    )) {
      items.push(item);
    }
    yield* items;
  } catch (err) {
    const e = err instanceof AppError ? err : new AppError('INVALID_FILE', (err as Error).message);
    yield { kind: 'attachment', item: { path: f.path, name: a.name, status: 'failed', code: e.code, message: `Anhang „${a.name}“: ${e.message}` } };
  }
}

/**
 * One record per line; the line's bytes are its original and its import key (issue 7 §7: deleting
 * one document of an archive deletes its words with it).
 */
async function* jsonlRecords(file: string, o: SourceOptions): AsyncGenerator<SourceItem> {
  const name = path.basename(file);
  for await (const item of readJsonl(file, { maxLineBytes: o.maxLineBytes, maxDecompressedBytes: o.maxDecompressedBytes, onBytes: o.onBytes })) {
    if (o.signal.aborted) throw new AppError('CANCELLED', 'Import abgebrochen.');
    if ('error' in item) {
      yield { kind: 'failed', path: file, error: item.error, line: item.line };
      continue;
    }
    const key = sha256(item.raw);
    if (o.known(key)) {
      yield { kind: 'known', path: file, importKey: key };
      continue;
    }
    const r = item.record;
    const label = `${name}, Zeile ${item.line}`;
    yield {
      kind: 'record',
      record: {
        path: file,
        source: r.collection ?? name,
        label,
        line: item.line,
        importKey: key,
        original: { name: label, mediaType: 'application/json', bytes: Buffer.from(item.raw, 'utf8') },
        text: r.text,
        html: null,
        textSource: 'text',
        hints: { sourceUrl: r.source_url ?? null },
        given: {
          title: r.title ?? null,
          date: r.date ?? null,
          speaker: r.speaker ?? null,
          place: r.place ?? null,
          kind: r.kind ?? null,
          externalId: r.id === undefined || r.id === null ? null : String(r.id),
          collection: r.collection ?? null,
          category: r.category ?? null,
        },
      },
    };
  }
}
