import iconv from 'iconv-lite';
import { AppError } from '../../../../shared/errors';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252' | 'iso-8859-1';

/** Bytes 0x80–0x9F that Windows-1252 leaves undefined; in ISO-8859-1 all of 0x80–0x9F are controls. */
const CP1252_UNDEFINED = new Set([0x81, 0x8d, 0x8f, 0x90, 0x9d]);

/**
 * Detects the encoding of a text file: BOM (UTF-8, UTF-16 LE/BE), UTF-16 without BOM by its
 * zero bytes, strict UTF-8, else Windows-1252 when it uses its printable 0x80–0x9F characters
 * („ “ – €), else ISO-8859-1. Binary data (zero bytes, many control characters) is refused.
 */
export function detectEncoding(bytes: Uint8Array): TextEncoding {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const sample = bytes.subarray(0, Math.min(bytes.length, 64 * 1024));
  let zeroEven = 0;
  let zeroOdd = 0;
  for (let i = 0; i < sample.length; i++) {
    if (sample[i] === 0) {
      if (i % 2 === 0) zeroEven++;
      else zeroOdd++;
    }
  }
  const pairs = sample.length / 2;
  if (pairs > 0 && zeroOdd / pairs > 0.3 && zeroEven / pairs < 0.05) return 'utf-16le';
  if (pairs > 0 && zeroEven / pairs > 0.3 && zeroOdd / pairs < 0.05) return 'utf-16be';
  if (zeroEven + zeroOdd > 0) throw new AppError('INVALID_FILE', 'Die Datei enthält Binärdaten und ist keine Textdatei.');
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return 'utf-8';
  } catch {
    // not UTF-8
  }
  let c1 = false;
  for (const b of bytes) {
    if (b >= 0x80 && b <= 0x9f) {
      if (CP1252_UNDEFINED.has(b)) return 'iso-8859-1';
      c1 = true;
    }
  }
  return c1 ? 'windows-1252' : 'iso-8859-1';
}

export function decodeBytes(bytes: Uint8Array, encoding: string): string {
  const enc = encoding.toLowerCase();
  if (enc === 'utf-8' || enc === 'utf8') {
    const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    return new TextDecoder('utf-8').decode(bytes.subarray(start));
  }
  if (!iconv.encodingExists(enc)) throw new AppError('UNSUPPORTED_FORMAT', `Unbekannte Zeichenkodierung „${encoding}“.`);
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), enc, { stripBOM: true });
}

/** Decodes a text file and refuses binary content that happens to decode. */
export function decodeTextFile(bytes: Uint8Array): { text: string; encoding: TextEncoding } {
  const encoding = detectEncoding(bytes);
  const text = decodeBytes(bytes, encoding);
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || (c >= 0x7f && c <= 0x9f) || c === 0xfffd) controls++;
  }
  if (controls > Math.max(2, text.length * 0.01)) {
    throw new AppError('INVALID_FILE', 'Die Datei enthält Binärdaten oder Steuerzeichen und ist keine Textdatei.', { encoding });
  }
  return { text, encoding };
}
