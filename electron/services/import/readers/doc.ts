// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the package ships no types; its declaration must reach every tsconfig project that imports this file.
/// <reference path="./word-extractor.d.ts" />
import WordExtractor from 'word-extractor';
import { AppError } from '../../../../shared/errors';
import type { ReadResult } from './types';

/** The OLE2 compound-file signature every Word 97–2003 file starts with. */
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * Word 97–2003 (.doc) through `word-extractor` (pure JavaScript, reads the OLE2 container and
 * the Word binary's piece table): body text, footnotes and endnotes. The format keeps no
 * structure this library exposes, so the text is plain; paragraphs are kept.
 */
export async function readDoc(bytes: Buffer): Promise<ReadResult> {
  if (bytes.length < 512 || !bytes.subarray(0, 8).equals(OLE_MAGIC)) {
    throw new AppError('INVALID_FILE', 'Die Datei ist kein Word-97–2003-Dokument (.doc); ein umbenanntes DOCX oder RTF bitte mit der richtigen Endung importieren.', { reason: 'not-this-format' });
  }
  let doc: Awaited<ReturnType<WordExtractor['extract']>>;
  try {
    doc = await new WordExtractor().extract(bytes);
  } catch (err) {
    const msg = (err as Error).message ?? String(err);
    if (/encrypt|password/iu.test(msg)) throw new AppError('INVALID_FILE', 'Das Word-Dokument ist verschlüsselt (kennwortgeschützt). Bitte in Word ohne Kennwort speichern und erneut importieren.', { reason: 'encrypted' });
    throw new AppError('INVALID_FILE', `Das Word-97–2003-Dokument ist beschädigt oder nicht lesbar (${msg}). Bitte in Word oder LibreOffice öffnen und als DOCX oder ODT speichern.`, { reason: 'damaged' });
  }
  const paras = (s: string) => s.replace(/\r\n?/gu, '\n').split('\n').map((l) => l.trim()).filter(Boolean);
  const body = paras(doc.getBody());
  const notes = [...paras(doc.getFootnotes()), ...paras(doc.getEndnotes())];
  const text = [...body, ...(notes.length ? ['', ...notes.map((n, i) => `[${i + 1}] ${n}`)] : [])].join('\n\n');
  return { text, html: null, mediaType: 'application/msword' };
}
