import type * as PdfJsModule from 'pdfjs-dist/legacy/build/pdf.mjs';
import { AppError } from '../../../../shared/errors';
import type { ReadResult, ReaderLimits } from './types';

interface TextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
  hasEOL?: boolean;
}

interface Line {
  y: number;
  x0: number;
  x1: number;
  size: number;
  text: string;
}

type PdfJs = typeof PdfJsModule;
let pdfjs: Promise<PdfJs> | null = null;
const loadPdfJs = () => (pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs'));

const CONJUNCTION = /^(und|oder|bzw\.?|sowie|als|wie)\b/u;

/** Items of one page → lines (top to bottom, left to right), with two-column pages read column by column. */
export function pageLines(items: TextItem[], pageWidth: number): Line[] {
  const raw = items
    .filter((i) => i.str.length > 0)
    .map((i) => ({ x: i.transform[4]!, y: i.transform[5]!, w: i.width, size: Math.abs(i.transform[3]!) || i.height || 10, str: i.str }));
  if (raw.length === 0) return [];
  const build = (subset: typeof raw): Line[] => {
    const sorted = [...subset].sort((a, b) => b.y - a.y || a.x - b.x);
    const lines: (typeof raw)[] = [];
    for (const it of sorted) {
      const line = lines[lines.length - 1];
      if (line && Math.abs(line[0]!.y - it.y) <= Math.max(2, it.size * 0.4)) line.push(it);
      else lines.push([it]);
    }
    return lines.map((l) => {
      l.sort((a, b) => a.x - b.x);
      let text = '';
      let end = -Infinity;
      for (const it of l) {
        const gap = it.x - end;
        if (text && gap > it.size * 0.15 && !text.endsWith(' ') && !it.str.startsWith(' ')) text += ' ';
        text += it.str;
        end = it.x + it.w;
      }
      return { y: l[0]!.y, x0: l[0]!.x, x1: end, size: Math.max(...l.map((i) => i.size)), text: text.replace(/\s+/gu, ' ').trim() };
    });
  };
  // Two columns: a vertical gutter in the middle third that no text crosses, with text on both sides.
  const lo = pageWidth * 0.3;
  const hi = pageWidth * 0.7;
  let gutter: number | null = null;
  for (let g = lo; g <= hi; g += pageWidth / 100) {
    const crossing = raw.some((i) => i.x < g - 2 && i.x + i.w > g + 2);
    if (crossing) continue;
    const left = raw.filter((i) => i.x + i.w <= g).length;
    const right = raw.filter((i) => i.x >= g).length;
    if (left >= raw.length * 0.25 && right >= raw.length * 0.25) {
      // Both sides must have several lines at the same heights (columns, not a label column).
      const leftYs = new Set(raw.filter((i) => i.x + i.w <= g).map((i) => Math.round(i.y)));
      const rightYs = new Set(raw.filter((i) => i.x >= g).map((i) => Math.round(i.y)));
      const shared = [...leftYs].filter((y) => rightYs.has(y) || rightYs.has(y + 1) || rightYs.has(y - 1)).length;
      if (leftYs.size >= 3 && rightYs.size >= 3 && shared >= 2) {
        gutter = g;
        break;
      }
    }
  }
  if (gutter === null) return build(raw);
  const g = gutter;
  // Full-width lines (headline above the columns) stay first.
  const spanning = raw.filter((i) => i.x < g - 2 && i.x + i.w > g + 2);
  return [...build(spanning), ...build(raw.filter((i) => i.x + i.w <= g)), ...build(raw.filter((i) => i.x >= g))];
}

/** Lines → paragraphs; hyphenation at line ends repaired („Quartiers-\nentwicklung“ → „Quartiersentwicklung“). */
export function linesToText(lines: Line[]): string {
  if (lines.length === 0) return '';
  const gaps: number[] = [];
  for (let i = 1; i < lines.length; i++) {
    const d = lines[i - 1]!.y - lines[i]!.y;
    if (d > 0) gaps.push(d);
  }
  gaps.sort((a, b) => a - b);
  const typical = gaps[Math.floor(gaps.length / 2)] ?? lines[0]!.size * 1.2;
  let out = lines[0]!.text;
  for (let i = 1; i < lines.length; i++) {
    const prev = lines[i - 1]!;
    const cur = lines[i]!;
    const d = prev.y - cur.y;
    const newPara = d <= 0 || d > typical * 1.45 || Math.abs(cur.size - prev.size) > 1.5;
    if (newPara) {
      out += `\n\n${cur.text}`;
      continue;
    }
    const hy = /(\p{L})[-\u00AD]$/u.test(out);
    if (hy && /^\p{Ll}/u.test(cur.text) && !CONJUNCTION.test(cur.text)) out = out.slice(0, -1) + cur.text;
    else if (out.endsWith('\u00AD')) out = out.slice(0, -1) + cur.text;
    else if (hy) out += cur.text.startsWith(' ') ? cur.text : ` ${cur.text}`;
    else out += ` ${cur.text}`;
  }
  return out;
}

/**
 * PDF text through pdfjs-dist, with fonts, eval and every network feature off. A file without
 * `%%EOF` near its end is truncated and refused (pdfjs would silently reconstruct a part);
 * encrypted files are refused with a clear message.
 */
export async function readPdf(bytes: Uint8Array, limits: ReaderLimits): Promise<ReadResult> {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  if (!head.includes('%PDF-')) throw new AppError('INVALID_FILE', 'Die Datei ist kein PDF (Kopfzeile „%PDF-“ fehlt).');
  const tail = Buffer.from(bytes.subarray(Math.max(0, bytes.length - 2048))).toString('latin1');
  if (!tail.includes('%%EOF')) throw new AppError('INVALID_FILE', 'Das PDF ist unvollständig (abgeschnitten): die Endmarke „%%EOF“ fehlt.');
  const lib = await loadPdfJs();
  // SECURITY: no font loading, no eval, no fetching of anything referenced by the file.
  const task = lib.getDocument({
    data: new Uint8Array(bytes), // pdfjs takes ownership of the buffer
    enableXfa: false, // pdfjs 6 compiles no code from PDFs (isEvalSupported is gone); XFA forms stay off
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    isOffscreenCanvasSupported: false,
    disableAutoFetch: true,
    disableStream: true,
    stopAtErrors: true,
    verbosity: 0,
  });
  let doc;
  try {
    doc = await task.promise;
  } catch (err) {
    const e = err as Error;
    await task.destroy().catch(() => {});
    if (e.name === 'PasswordException') throw new AppError('INVALID_FILE', 'Das PDF ist verschlüsselt (kennwortgeschützt) und kann nicht gelesen werden.', { encrypted: true });
    throw new AppError('INVALID_FILE', `Das PDF ist beschädigt: ${e.message}`);
  }
  try {
    if (doc.numPages > limits.maxPdfPages) throw new AppError('TOO_LARGE', `Das PDF hat ${doc.numPages} Seiten (höchstens ${limits.maxPdfPages}).`);
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const view = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      pages.push(linesToText(pageLines(content.items as TextItem[], view.width)));
      page.cleanup();
    }
    let titleHint: string | null = null;
    try {
      const meta = await doc.getMetadata();
      const info = meta.info as { Title?: string } | undefined;
      titleHint = info?.Title?.trim() || null;
    } catch {
      // metadata is optional
    }
    return { text: pages.filter(Boolean).join('\n\n'), html: null, titleHint, mediaType: 'application/pdf' };
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError('INVALID_FILE', `Das PDF ist beschädigt: ${(err as Error).message}`);
  } finally {
    await task.destroy();
  }
}
