import zlib from 'node:zlib';
import { AppError } from '../../../../shared/errors';

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const EOCD = 0x06054b50;
const CEN = 0x02014b50;
const LOC = 0x04034b50;

/**
 * Reads a ZIP's central directory without inflating anything. Used to refuse decompression bombs
 * and ZIPs that are not Office documents before a parser sees them.
 */
export function readZipDirectory(buf: Buffer): ZipEntry[] {
  if (buf.length < 22 || buf.readUInt32LE(0) !== LOC) {
    throw new AppError('INVALID_FILE', 'Die Datei ist kein ZIP-Container (und damit kein DOCX).');
  }
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new AppError('INVALID_FILE', 'Das ZIP-Verzeichnis fehlt – die Datei ist unvollständig oder beschädigt.');
  const count = buf.readUInt16LE(eocd + 10);
  const size = buf.readUInt32LE(eocd + 12);
  const offset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    throw new AppError('UNSUPPORTED_FORMAT', 'ZIP64-Container werden nicht gelesen.');
  }
  if (offset + size > buf.length) throw new AppError('INVALID_FILE', 'Das ZIP-Verzeichnis zeigt hinter das Dateiende – die Datei ist beschädigt.');
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CEN) throw new AppError('INVALID_FILE', 'Das ZIP-Verzeichnis ist beschädigt.');
    const method = buf.readUInt16LE(p + 10);
    const compressedSize = buf.readUInt32LE(p + 20);
    const uncompressedSize = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const localHeaderOffset = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    entries.push({ name, method, compressedSize, uncompressedSize, localHeaderOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** The bytes of one entry, inflated with a hard output cap (the declared size). */
export function readZipEntry(buf: Buffer, entry: ZipEntry): Buffer {
  const p = entry.localHeaderOffset;
  if (p + 30 > buf.length || buf.readUInt32LE(p) !== LOC) throw new AppError('INVALID_FILE', `ZIP-Eintrag „${entry.name}“ ist beschädigt.`);
  const start = p + 30 + buf.readUInt16LE(p + 26) + buf.readUInt16LE(p + 28);
  const data = buf.subarray(start, start + entry.compressedSize);
  if (entry.method === 0) return Buffer.from(data);
  if (entry.method !== 8) throw new AppError('UNSUPPORTED_FORMAT', `ZIP-Eintrag „${entry.name}“ nutzt ein unbekanntes Kompressionsverfahren.`);
  try {
    // SECURITY: the cap makes a lying central directory harmless: inflating stops at the declared size.
    return zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
  } catch (err) {
    throw new AppError('INVALID_FILE', `ZIP-Eintrag „${entry.name}“ ist größer als angegeben oder beschädigt (${(err as Error).message}).`);
  }
}

/**
 * Refuses decompression bombs before any parser runs: the total uncompressed size and the
 * compression ratio of each larger entry come from the central directory; each entry is then
 * inflated with its declared size as a hard cap, so a directory that lies is caught too.
 */
export function checkZipSafety(buf: Buffer, entries: ZipEntry[], limits: { maxUnzippedBytes: number; maxCompressionRatio: number }): void {
  if (entries.length > 10_000) throw new AppError('TOO_LARGE', `Das ZIP enthält ${entries.length} Einträge (höchstens 10.000).`);
  const total = entries.reduce((s, e) => s + e.uncompressedSize, 0);
  if (total > limits.maxUnzippedBytes) {
    throw new AppError('TOO_LARGE', `Entpackt wäre das Dokument ${Math.round(total / 1e6)} MB groß (höchstens ${Math.round(limits.maxUnzippedBytes / 1e6)} MB) – möglicherweise eine ZIP-Bombe.`, { uncompressed: total });
  }
  for (const e of entries) {
    const ratio = e.uncompressedSize / Math.max(1, e.compressedSize);
    if (e.uncompressedSize > 1024 * 1024 && ratio > limits.maxCompressionRatio) {
      throw new AppError('TOO_LARGE', `ZIP-Eintrag „${e.name}“ ist ${Math.round(ratio)}-fach komprimiert (höchstens ${limits.maxCompressionRatio}-fach) – möglicherweise eine ZIP-Bombe.`, { entry: e.name, ratio });
    }
  }
  for (const e of entries) if (!e.name.endsWith('/')) readZipEntry(buf, e);
}
