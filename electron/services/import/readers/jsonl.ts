import fs from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import zlib from 'node:zlib';
import { z } from 'zod';
import { DOCUMENT_KINDS } from '../../../../shared/domain/document';
import { AppError } from '../../../../shared/errors';

/** A JSONL record as in ../shared/corpus: every field but `text` may be missing or null. */
export const jsonlRecordSchema = z.object({
  id: z.union([z.string(), z.number()]).nullish(),
  title: z.string().nullish(),
  text: z.string().min(1, 'Feld „text“ ist leer'),
  date: z.string().nullish(),
  speaker: z.string().nullish(),
  place: z.string().nullish(),
  source_url: z.string().nullish(),
  collection: z.string().nullish(),
  kind: z.enum(DOCUMENT_KINDS).nullish(),
  category: z.string().nullish(),
});
export type JsonlRecord = z.infer<typeof jsonlRecordSchema>;

export type JsonlItem =
  | { line: number; raw: string; record: JsonlRecord }
  | { line: number; error: AppError };

/**
 * Streams a JSON Lines file (gzip-compressed if it starts with the gzip magic bytes), one record
 * per line, with bounded memory: a line longer than `maxLineBytes` is reported and skipped, not
 * buffered; decompressed bytes are capped so a gzip bomb stops early.
 */
export async function* readJsonl(
  file: string,
  options: { maxLineBytes: number; maxDecompressedBytes: number; onBytes?: (compressedBytesRead: number) => void },
): AsyncGenerator<JsonlItem> {
  const fd = await fs.promises.open(file, 'r');
  const magic = Buffer.alloc(2);
  await fd.read(magic, 0, 2, 0);
  await fd.close();
  const gz = magic[0] === 0x1f && magic[1] === 0x8b;
  const source = fs.createReadStream(file, { highWaterMark: 256 * 1024 });
  let compressed = 0;
  source.on('data', (chunk) => {
    compressed += chunk.length;
    options.onBytes?.(compressed);
  });
  const stream = gz ? source.pipe(zlib.createGunzip()) : source;
  if (gz) source.on('error', (err) => stream.destroy(err));
  const decoder = new StringDecoder('utf8');
  let pending = '';
  let pendingBytes = 0;
  let skipping = false;
  let line = 0;
  let total = 0;
  const emit = function* (text: string): Generator<JsonlItem> {
    line++;
    const trimmed = text.replace(/\r$/u, '');
    if (trimmed.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch (err) {
      yield { line, error: new AppError('INVALID_FILE', `Zeile ${line}: ungültiges JSON (${(err as Error).message}).`, { line }) };
      return;
    }
    const parsed = jsonlRecordSchema.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      yield { line, error: new AppError('INVALID_FILE', `Zeile ${line}: ${issue.path.join('.') || 'Datensatz'} – ${issue.message}.`, { line }) };
      return;
    }
    yield { line, raw: trimmed, record: parsed.data };
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      total += chunk.length;
      if (total > options.maxDecompressedBytes) {
        throw new AppError('TOO_LARGE', `Entpackt ist die Datei größer als ${Math.round(options.maxDecompressedBytes / 1e6)} MB; Import abgebrochen.`, { line });
      }
      let start = 0;
      for (;;) {
        const nl = chunk.indexOf(0x0a, start);
        const piece = chunk.subarray(start, nl < 0 ? chunk.length : nl);
        if (!skipping) {
          pendingBytes += piece.length;
          if (pendingBytes > options.maxLineBytes) {
            skipping = true;
            pending = '';
            decoder.end();
          } else pending += decoder.write(piece);
        }
        if (nl < 0) break;
        if (skipping) {
          line++;
          yield { line, error: new AppError('TOO_LARGE', `Zeile ${line} ist länger als ${Math.round(options.maxLineBytes / 1e6)} MB und wurde übersprungen.`, { line }) };
        } else {
          pending += decoder.end();
          yield* emit(pending);
        }
        pending = '';
        pendingBytes = 0;
        skipping = false;
        start = nl + 1;
      }
    }
    if (skipping) {
      // The last line, too long and without a newline after it: reported like any other (issue 17 §7).
      line++;
      yield { line, error: new AppError('TOO_LARGE', `Zeile ${line} (die letzte, ohne Zeilenende) ist länger als ${Math.round(options.maxLineBytes / 1e6)} MB und wurde übersprungen.`, { line }) };
    } else if (pending.length > 0 || pendingBytes > 0) {
      pending += decoder.end();
      yield* emit(pending);
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT') throw new AppError('IO', 'Die Datei ist während des Imports verschwunden.', { line });
    if (e.code === 'Z_DATA_ERROR' || e.code === 'Z_BUF_ERROR' || /unexpected end|incorrect header/iu.test(e.message)) {
      throw new AppError('INVALID_FILE', `Die gzip-Datei ist beschädigt oder abgeschnitten (nach Zeile ${line}): ${e.message}`, { line });
    }
    throw new AppError('IO', `Lesefehler nach Zeile ${line}: ${e.message}`, { line });
  } finally {
    source.destroy();
  }
}
