import mammoth from 'mammoth';
import { AppError } from '../../../../shared/errors';
import { sanitizedContent } from './html';
import type { ReadResult, ReaderLimits } from './types';
import { checkZipSafety, readZipDirectory, readZipEntry } from './zipInspect';

function coreProperty(xml: string, tag: string): string | null {
  const m = new RegExp(`<${tag}[^>]*>([^<]*)</${tag}>`, 'u').exec(xml);
  if (!m) return null;
  const v = m[1]!.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&').trim();
  return v || null;
}

/** DOCX via mammoth, after the container passed the ZIP checks (no bombs, really a Word file). */
export async function readDocx(bytes: Buffer, limits: ReaderLimits): Promise<ReadResult> {
  const entries = readZipDirectory(bytes);
  const main = entries.find((e) => e.name === 'word/document.xml');
  if (!main) {
    throw new AppError('INVALID_FILE', 'Die Datei ist ein ZIP-Archiv, aber kein Word-Dokument (word/document.xml fehlt).');
  }
  // A counted limit before any parser runs: the size the directory states, which the ZIP checks
  // below hold every entry to.
  if (main.uncompressedSize > limits.maxDocumentXmlBytes) {
    const mb = (n: number) => Math.round(n / 1024 / 1024);
    throw new AppError(
      'TOO_LARGE',
      `Der Haupttext des Word-Dokuments ist entpackt ${mb(main.uncompressedSize)} MB groß; höchstens ${mb(limits.maxDocumentXmlBytes)} MB werden gelesen. Bitte das Dokument teilen.`,
      { limit: 'maxDocumentXmlBytes', bytes: main.uncompressedSize, max: limits.maxDocumentXmlBytes, reason: 'too-large' },
    );
  }
  checkZipSafety(bytes, entries, limits);
  const core = entries.find((e) => e.name === 'docProps/core.xml');
  const coreXml = core ? readZipEntry(bytes, core).toString('utf8') : '';
  let html: string;
  try {
    const result = await mammoth.convertToHtml(
      { buffer: bytes },
      // Images are not imported (they would arrive as data URIs); the original file keeps them.
      { convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })) },
    );
    html = result.value;
  } catch (err) {
    throw new AppError('INVALID_FILE', `Das Word-Dokument ist beschädigt: ${(err as Error).message}`);
  }
  const { html: clean, text } = sanitizedContent(html);
  const h1 = /<h1[^>]*>(.*?)<\/h1>/su.exec(clean)?.[1]?.replace(/<[^>]+>/gu, '').trim();
  return {
    text,
    html: clean,
    headline: h1 ? h1.replace(/&amp;/gu, '&').replace(/&lt;/gu, '<').replace(/&gt;/gu, '>').replace(/&quot;/gu, '"').replace(/\s+/gu, ' ') : null,
    infoTitle: coreProperty(coreXml, 'dc:title'),
    titleHint: coreProperty(coreXml, 'dc:title') ?? (h1 || null),
    // dcterms:created is when the file was made, not when the text was published: not used as date.
    dateHint: null,
    publisherHint: null,
    mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  };
}
