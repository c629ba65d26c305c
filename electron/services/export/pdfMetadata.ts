import { createHash } from 'node:crypto';

/**
 * Document metadata for the printed PDF. Chromium writes only the title (and its own user agent as
 * creator); author, subject, keywords, a fixed creation date, XMP metadata and "show the title in
 * the window" (PDF/UA asks for it) are added as an incremental update (ISO 32000-1 §7.5.6): new
 * objects and a new cross-reference section appended after the original bytes, which stay as they are.
 */
export interface PdfInfo {
  title: string;
  author: string;
  subject?: string;
  keywords?: string[];
  language: string;
  creator: string;
  /** Creation date of the dossier (a regenerated dossier keeps its original date). */
  created: Date;
  /** Bookmarks in document order; replace whatever outline the printer made. */
  outline?: OutlineItem[];
  /** Identify the file as PDF/A-1b in its XMP (the PDF/A pass of pdfAccessibility.ts ran before). */
  pdfa?: boolean;
}

const PRODUCER = 'Quartierswissen (Chromium Skia/PDF)';

export interface OutlineItem {
  title: string;
  /** 1 = top level; deeper levels nest under the nearest item above with a lower level. */
  level: number;
  target: { ref: { num: number; gen: number }; x: number; y: number };
}

interface OutlineNode {
  item: OutlineItem;
  num: number;
  children: OutlineNode[];
}

/** The outline as PDF objects (ISO 32000-1 §12.3.3), numbered from `first`; all levels open. */
function outlineObjects(items: OutlineItem[], first: number): { rootNum: number; objects: [number, string][] } {
  const root: OutlineNode = { item: { title: '', level: 0, target: { ref: { num: 0, gen: 0 }, x: 0, y: 0 } }, num: first, children: [] };
  let next = first + 1;
  const stack: OutlineNode[] = [root];
  for (const item of items) {
    while (stack.length > 1 && stack[stack.length - 1]!.item.level >= item.level) stack.pop();
    const node: OutlineNode = { item, num: next++, children: [] };
    stack[stack.length - 1]!.children.push(node);
    stack.push(node);
  }
  const count = (n: OutlineNode): number => n.children.reduce((sum, c) => sum + 1 + count(c), 0);
  const objects: [number, string][] = [];
  const emit = (n: OutlineNode, parent: OutlineNode) => {
    const siblings = parent.children;
    const i = siblings.indexOf(n);
    const t = n.item.target;
    const parts = [
      `/Title ${pdfText(n.item.title)}`,
      `/Parent ${parent.num} 0 R`,
      i > 0 ? `/Prev ${siblings[i - 1]!.num} 0 R` : '',
      i < siblings.length - 1 ? `/Next ${siblings[i + 1]!.num} 0 R` : '',
      n.children.length ? `/First ${n.children[0]!.num} 0 R /Last ${n.children[n.children.length - 1]!.num} 0 R /Count ${count(n)}` : '',
      `/Dest [${t.ref.num} ${t.ref.gen} R /XYZ ${t.x.toFixed(2)} ${t.y.toFixed(2)} 0]`,
    ].filter(Boolean);
    objects.push([n.num, `<< ${parts.join(' ')} >>`]);
    for (const c of n.children) emit(c, n);
  };
  for (const c of root.children) emit(c, root);
  const rootDict = root.children.length
    ? `<< /Type /Outlines /First ${root.children[0]!.num} 0 R /Last ${root.children[root.children.length - 1]!.num} 0 R /Count ${count(root)} >>`
    : '<< /Type /Outlines /Count 0 >>';
  objects.unshift([first, rootDict]);
  return { rootNum: first, objects };
}

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');

/** A PDF text string as UTF-16BE hex with byte order mark: safe for any character. */
function pdfText(s: string): string {
  const buf = Buffer.from(`\uFEFF${s}`, 'utf16le').swap16();
  return `<${buf.toString('hex').toUpperCase()}>`;
}

function pdfDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `(D:${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z)`;
}

function xmlEscape(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

function xmp(info: PdfInfo): string {
  const iso = info.created.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/"${info.pdfa ? ' xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"' : ''}>
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${xmlEscape(info.title)}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>${xmlEscape(info.author)}</rdf:li></rdf:Seq></dc:creator>
${info.subject ? `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${xmlEscape(info.subject)}</rdf:li></rdf:Alt></dc:description>\n` : ''}<dc:language><rdf:Bag><rdf:li>${xmlEscape(info.language)}</rdf:li></rdf:Bag></dc:language>
<xmp:CreateDate>${iso}</xmp:CreateDate><xmp:ModifyDate>${iso}</xmp:ModifyDate><xmp:CreatorTool>${xmlEscape(info.creator)}</xmp:CreatorTool>
<pdf:Producer>${xmlEscape(PRODUCER)}</pdf:Producer>${info.keywords?.length ? `<pdf:Keywords>${xmlEscape(info.keywords.join(', '))}</pdf:Keywords>` : ''}
${info.pdfa ? '<pdfaid:part>1</pdfaid:part><pdfaid:conformance>B</pdfaid:conformance>' : ''}
</rdf:Description></rdf:RDF></x:xmpmeta>
<?xpacket end="w"?>`;
}

/** Reads `N G obj … endobj` at a byte offset and returns the dictionary text between its outer `<<` and `>>`. */
function objectDictionary(text: string, offset: number): string | null {
  const m = /^\s*\d+\s+\d+\s+obj\s*<</.exec(text.slice(offset, offset + 64));
  if (!m) return null;
  const start = offset + m[0].length;
  let depth = 1;
  for (let i = start; i < text.length - 1; i++) {
    const two = text.slice(i, i + 2);
    if (two === '<<') {
      depth++;
      i++;
    }
    else if (two === '>>') {
      depth--;
      if (depth === 0) return text.slice(start, i);
      i++;
    }
  }
  return null;
}

/**
 * Returns the PDF with the metadata added, or the input unchanged if its structure is not the
 * classic cross-reference table Chromium's Skia writes (then it still has Chromium's own title).
 */
export function withPdfMetadata(pdf: Uint8Array, info: PdfInfo): Uint8Array {
  const text = latin1(pdf);
  const tail = text.slice(-1024);
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  const trailer = /trailer\s*<<([\s\S]*?)>>\s*startxref/.exec(tail);
  if (!startxref || !trailer) return pdf;
  const prev = Number(startxref[1]);
  const size = Number(/\/Size\s+(\d+)/.exec(trailer[1]!)?.[1]);
  const root = /\/Root\s+(\d+)\s+(\d+)\s+R/.exec(trailer[1]!);
  if (!size || !root || text.slice(prev, prev + 4) !== 'xref') return pdf;
  const rootNum = Number(root[1]);
  // Offset of the catalog from the (single, classic) cross-reference table.
  const xref = /^xref\s+(\d+)\s+(\d+)\s+/.exec(text.slice(prev, prev + 64));
  if (!xref || Number(xref[1]) !== 0 || rootNum >= Number(xref[2])) return pdf;
  const entryAt = prev + xref[0].length + rootNum * 20;
  const catalogOffset = Number(text.slice(entryAt, entryAt + 10));
  const catalog = objectDictionary(text, catalogOffset);
  if (catalog === null || !/\/Type\s*\/Catalog/.test(catalog)) return pdf;

  const infoNum = size;
  const metaNum = size + 1;
  const outline = info.outline ? outlineObjects(info.outline, size + 2) : null;
  const newSize = size + 2 + (outline?.objects.length ?? 0);
  const xmpBytes = Buffer.from(xmp(info), 'utf8');
  let newCatalog = catalog
    .replace(/\/Metadata\s+\d+\s+\d+\s+R/, '')
    .replace(/\/ViewerPreferences\s*<<[^>]*>>/, '')
    .replace(/\/PageMode\s*\/\w+/, '');
  if (outline) newCatalog = newCatalog.replace(/\/Outlines\s+\d+\s+\d+\s+R/, '');
  if (!/\/Lang\s*\(/.test(newCatalog)) newCatalog += `\n/Lang ${pdfText(info.language)}`;
  newCatalog += `\n/Metadata ${metaNum} 0 R\n/ViewerPreferences << /DisplayDocTitle true >>`;
  if (outline && info.outline!.length) newCatalog += `\n/Outlines ${outline.rootNum} 0 R\n/PageMode /UseOutlines`;

  const fields = [
    `/Title ${pdfText(info.title)}`,
    `/Author ${pdfText(info.author)}`,
    info.subject ? `/Subject ${pdfText(info.subject)}` : '',
    info.keywords?.length ? `/Keywords ${pdfText(info.keywords.join(', '))}` : '',
    `/Creator ${pdfText(info.creator)}`,
    `/Producer ${pdfText(PRODUCER)}`,
    `/CreationDate ${pdfDate(info.created)}`,
    `/ModDate ${pdfDate(info.created)}`,
  ].filter(Boolean);

  const base = pdf.byteLength;
  const chunks: Buffer[] = [];
  let pos = base;
  const push = (b: Buffer) => {
    chunks.push(b);
    pos += b.length;
  };
  if (text[text.length - 1] !== '\n') push(Buffer.from('\n', 'latin1'));
  const offsets: [number, number][] = [];
  offsets.push([rootNum, pos]);
  push(Buffer.from(`${rootNum} ${root[2]} obj\n<<${newCatalog}\n>>\nendobj\n`, 'latin1'));
  offsets.push([infoNum, pos]);
  push(Buffer.from(`${infoNum} 0 obj\n<< ${fields.join('\n')} >>\nendobj\n`, 'latin1'));
  offsets.push([metaNum, pos]);
  push(Buffer.from(`${metaNum} 0 obj\n<< /Type /Metadata /Subtype /XML /Length ${xmpBytes.length} >>\nstream\n`, 'latin1'));
  push(xmpBytes);
  push(Buffer.from('\nendstream\nendobj\n', 'latin1'));
  for (const [num, body] of outline?.objects ?? []) {
    offsets.push([num, pos]);
    push(Buffer.from(`${num} 0 obj\n${body}\nendobj\n`, 'latin1'));
  }
  const xrefAt = pos;
  const entry = (off: number) => `${String(off).padStart(10, '0')} 00000 n \n`;
  offsets.sort((a, b) => a[0] - b[0]);
  let section = 'xref\n0 1\n0000000000 65535 f \n';
  // Subsections of consecutive object numbers.
  for (let k = 0; k < offsets.length; ) {
    let end = k + 1;
    while (end < offsets.length && offsets[end]![0] === offsets[end - 1]![0] + 1) end++;
    section += `${offsets[k]![0]} ${end - k}\n${offsets.slice(k, end).map(([, off]) => entry(off)).join('')}`;
    k = end;
  }
  // A file identifier (ISO 32000-1 §14.4; PDF/A-1 §6.1.3 requires it): the hash of the printed bytes.
  const id = createHash('md5').update(pdf).update(info.title).digest('hex').toUpperCase();
  section += `trailer\n<< /Size ${newSize} /Root ${rootNum} ${root[2]} R /Info ${infoNum} 0 R /ID [<${id}> <${id}>] /Prev ${prev} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  push(Buffer.from(section, 'latin1'));
  const out = new Uint8Array(pos);
  out.set(pdf, 0);
  let at = base;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
