import { decodeTextFile } from './decodeText';
import type { ReadResult } from './types';

const LABELS: Record<string, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 (LE)',
  'utf-16be': 'UTF-16 (BE)',
  'windows-1252': 'Windows-1252',
  'iso-8859-1': 'ISO-8859-1',
};

/** Plain text: encoding detected, line breaks normalised later by `normalizeText`. */
export function readTxt(bytes: Uint8Array): ReadResult {
  const { text, encoding } = decodeTextFile(bytes);
  return { text, html: null, mediaType: 'text/plain', notes: [`Zeichenkodierung: ${LABELS[encoding]}`] };
}
