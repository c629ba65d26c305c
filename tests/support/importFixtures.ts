/**
 * Real files for import tests and the benchmark, written from scratch: PDFs with text objects
 * (WinAnsi-encoded, so umlauts and German quotes survive), ZIP containers, DOCX via the `docx`
 * package, MIME e-mails.
 */
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import iconv from 'iconv-lite';
import zlib from 'node:zlib';

export interface PdfLine {
  x: number;
  y: number;
  size?: number;
  text: string;
}

function pdfString(text: string): string {
  const bytes = iconv.encode(text, 'windows-1252');
  let out = '(';
  for (const b of bytes) {
    if (b === 0x28 || b === 0x29 || b === 0x5c) out += `\\${String.fromCharCode(b)}`;
    else if (b < 0x20 || b > 0x7e) out += `\\${b.toString(8).padStart(3, '0')}`;
    else out += String.fromCharCode(b);
  }
  return `${out})`;
}

/** A valid PDF (xref table, trailer, %%EOF) with one Helvetica text object per line. */
export function writePdf(pages: PdfLine[][], info: { title?: string } = {}): Buffer {
  const objects: string[] = [];
  const add = (body: string) => objects.push(body) ;
  add('<< /Type /Catalog /Pages 2 0 R >>');
  add(''); // pages, filled below
  add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const pageIds: number[] = [];
  for (const lines of pages) {
    const content = lines
      .map((l) => `BT /F1 ${l.size ?? 11} Tf ${l.x.toFixed(1)} ${l.y.toFixed(1)} Td ${pdfString(l.text)} Tj ET`)
      .join('\n');
    const contentBytes = Buffer.byteLength(content, 'latin1');
    add(`<< /Length ${contentBytes} >>\nstream\n${content}\nendstream`);
    const contentId = objects.length;
    add(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents ${contentId} 0 R /Resources << /Font << /F1 3 0 R >> >> >>`);
    pageIds.push(objects.length);
  }
  objects[1] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`;
  let infoId: number | null = null;
  if (info.title) {
    add(`<< /Title ${pdfString(info.title)} >>`);
    infoId = objects.length;
  }
  let pdf = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) pdf += `${String(o).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R${infoId ? ` /Info ${infoId} 0 R` : ''} >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** Lays out paragraphs as lines of at most `width` characters (a crude typesetter), top to bottom. */
export function layoutParagraphs(paragraphs: string[], opts: { x?: number; top?: number; width?: number; size?: number; hyphenate?: boolean } = {}): PdfLine[] {
  const x = opts.x ?? 72;
  const size = opts.size ?? 11;
  const width = opts.width ?? 80;
  let y = opts.top ?? 780;
  const out: PdfLine[] = [];
  for (const para of paragraphs) {
    let line = '';
    for (const word of para.split(' ')) {
      if ((line + ' ' + word).trim().length > width) {
        if (opts.hyphenate && word.length > 8 && /^\p{L}+$/u.test(word)) {
          const cut = Math.max(3, Math.min(word.length - 3, width - line.length - 2));
          if (cut >= 3 && line.length + cut + 2 <= width + 4) {
            out.push({ x, y, size, text: `${line} ${word.slice(0, cut)}-`.trim() });
            y -= size * 1.3;
            line = word.slice(cut);
            continue;
          }
        }
        out.push({ x, y, size, text: line.trim() });
        y -= size * 1.3;
        line = word;
      } else line = `${line} ${word}`.trim();
    }
    if (line) out.push({ x, y, size, text: line });
    y -= size * 2.4;
  }
  return out;
}

function crc32(buf: Buffer): number {
  return zlib.crc32(buf);
}

/** A ZIP archive; `declare` lets a test lie about an entry's uncompressed size. */
export function writeZip(entries: { name: string; data: Buffer; store?: boolean; declaredSize?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const comp = e.store ? e.data : zlib.deflateRawSync(e.data, { level: 9 });
    const method = e.store ? 0 : 8;
    const size = e.declaredSize ?? e.data.length;
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(comp.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, comp);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(comp.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + comp.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

/** A real DOCX (Word) with a heading and paragraphs. */
export async function writeDocx(title: string, paragraphs: string[]): Promise<Buffer> {
  const doc = new Document({
    creator: 'Quartierswissen-Test',
    title,
    sections: [{ children: [new Paragraph({ text: title, heading: HeadingLevel.HEADING_1 }), ...paragraphs.map((p) => new Paragraph(p))] }],
  });
  return Packer.toBuffer(doc);
}

/** Quoted-printable (RFC 2045) of UTF-8 text, lines ≤ 76. */
export function quotedPrintable(text: string): string {
  const bytes = Buffer.from(text.replace(/\r?\n/gu, '\r\n'), 'utf8');
  let out = '';
  let line = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x0d && bytes[i + 1] === 0x0a) {
      out += `${line}\r\n`;
      line = '';
      i++;
      continue;
    }
    const enc = (b >= 33 && b <= 126 && b !== 61) || b === 32 ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
    if (line.length + enc.length > 75) {
      out += `${line}=\r\n`;
      line = '';
    }
    line += enc;
  }
  return out + line;
}
