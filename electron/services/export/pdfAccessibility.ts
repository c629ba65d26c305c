import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
  type PDFObject,
} from '@cantoo/pdf-lib';
import zlib from 'node:zlib';
import { AppError } from '../../../shared/errors';
import { rewriteContent } from './contentStream';
import { SRGB_OUTPUT_CONDITION, srgbIccProfile } from './srgbProfile';

/**
 * The PDF/UA-minded pass over what Chromium printed (issue 11), with pdf-lib (a maintained fork,
 * @cantoo/pdf-lib): Chromium's tagging cannot be configured, so what it leaves out is added here.
 *
 * - page furniture (header, footer, page numbers, watermark) marked as artifacts, soft hyphens
 *   out of the text layer (contentStream.ts);
 * - every link annotation gets `/Contents` (its web address, or the heading it jumps to) and the
 *   print flag;
 * - structure types that PDF 1.7 does not define (Chromium writes PDF 2.0's `Aside`, `Em`,
 *   `Strong`) are mapped in a RoleMap to their PDF 1.7 equivalents.
 *
 * What is not done (README, "PDF-Export"): annotations are not linked into the structure tree
 * (no `/StructParent` → OBJR), table headers carry no `/Scope` attribute, and the tree is
 * checked for heading order but not rebuilt.
 */

/** Standard structure types of ISO 32000-1 §14.8.4 (PDF 1.7). */
const STANDARD = new Set([
  'Document', 'Part', 'Art', 'Sect', 'Div', 'BlockQuote', 'Caption', 'TOC', 'TOCI', 'Index', 'NonStruct', 'Private',
  'H', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'P', 'L', 'LI', 'Lbl', 'LBody', 'Table', 'TR', 'TH', 'TD', 'THead', 'TBody', 'TFoot',
  'Span', 'Quote', 'Note', 'Reference', 'BibEntry', 'Code', 'Link', 'Annot', 'Ruby', 'RB', 'RT', 'RP', 'Warichu', 'WT', 'WP',
  'Figure', 'Formula', 'Form',
]);

/** PDF 2.0 types Chromium uses → their PDF 1.7 equivalent. */
const ROLE_MAP: Record<string, string> = {
  Aside: 'Div',
  Em: 'Span',
  Strong: 'Span',
  Title: 'H1',
  FENote: 'Note',
  Sub: 'Span',
  Mark: 'Span',
  DocumentFragment: 'Div',
};

export interface AccessibilityReport {
  pages: number;
  artifacts: number;
  softHyphens: number;
  lineHyphens: number;
  links: number;
  roleMapped: string[];
}

export interface AccessibilityOptions {
  /** Named destination (heading id) → heading text: the `/Contents` of internal links. */
  destinationTitles?: Map<string, string>;
  /** Prepare PDF/A-1b (ISO 19005-1): sRGB output intent, CIDSets, no transparency groups. The XMP identification is written by the metadata pass. */
  pdfa?: boolean;
}

const name = (s: string) => PDFName.of(s);

function pdfTextString(text: string): PDFString | PDFHexString {
  return /^[\x20-\x7e]*$/.test(text) ? PDFString.of(text.replace(/[\\()]/g, '\\$&')) : PDFHexString.fromText(text);
}

function streamBytes(doc: PDFDocument, obj: PDFObject | undefined): Uint8Array[] {
  const resolved = obj instanceof PDFRef ? doc.context.lookup(obj) : obj;
  if (resolved instanceof PDFArray) return resolved.asArray().flatMap((o) => streamBytes(doc, o));
  if (resolved instanceof PDFRawStream) {
    // Node's zlib for the common case (Chromium writes FlateDecode only): far faster than pdf-lib's own inflate.
    const filter = resolved.dict.lookup(name('Filter'));
    if (filter === name('FlateDecode') && !resolved.dict.has(name('DecodeParms'))) return [zlib.inflateSync(resolved.contents)];
    return [decodePDFRawStream(resolved).decode()];
  }
  if (resolved instanceof PDFStream) return [resolved.getContents()];
  return [];
}

const latin1 = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');

/** The references of a page's content streams (one, or an array). */
function contentRefs(doc: PDFDocument, obj: PDFObject | undefined): PDFRef[] {
  if (obj instanceof PDFRef) {
    const target = doc.context.lookup(obj);
    return target instanceof PDFArray ? target.asArray().filter((o): o is PDFRef => o instanceof PDFRef) : [obj];
  }
  if (obj instanceof PDFArray) return obj.asArray().filter((o): o is PDFRef => o instanceof PDFRef);
  return [];
}

function rewritePages(doc: PDFDocument, report: AccessibilityReport): void {
  for (const page of doc.getPages()) {
    const contents = page.node.get(name('Contents'));
    const refs = contentRefs(doc, contents);
    if (refs.length === 0) continue;
    const src = refs.flatMap((r) => streamBytes(doc, r)).map(latin1).join('\n');
    const r = rewriteContent(src);
    report.artifacts += r.artifacts;
    report.softHyphens += r.softHyphens;
    report.lineHyphens += r.lineHyphens;
    if (r.content === src) continue;
    // The rewritten stream takes the first stream's object number; the others are dropped, so the
    // file holds each page's content once.
    const stream = doc.context.stream(zlib.deflateSync(Buffer.from(r.content, 'latin1'), { level: 6 }), { Filter: 'FlateDecode' });
    doc.context.assign(refs[0]!, stream);
    for (const extra of refs.slice(1)) doc.context.delete(extra);
    page.node.set(name('Contents'), refs[0]!);
  }
}

function destinationName(doc: PDFDocument, annot: PDFDict): string | null {
  const dest = annot.lookup(name('Dest'));
  const action = annot.lookupMaybe(name('A'), PDFDict);
  const d = dest ?? action?.lookup(name('D'));
  if (d instanceof PDFString || d instanceof PDFHexString) return d.decodeText();
  if (d instanceof PDFName) return d.decodeText();
  void doc;
  return null;
}

function describeLinks(doc: PDFDocument, report: AccessibilityReport, titles: Map<string, string>): void {
  for (const page of doc.getPages()) {
    const annots = page.node.lookupMaybe(name('Annots'), PDFArray);
    if (!annots) continue;
    for (let i = 0; i < annots.size(); i++) {
      const a = annots.lookupMaybe(i, PDFDict);
      if (!a || a.lookup(name('Subtype')) !== name('Link')) continue;
      report.links++;
      // PDF/A: annotations print (flag 4); PDF/UA-1 §7.18.5: a link says where it goes.
      a.set(name('F'), doc.context.obj(4));
      if (a.has(name('Contents'))) continue;
      const action = a.lookupMaybe(name('A'), PDFDict);
      const uri = action?.lookup(name('URI'));
      let text: string;
      if (uri instanceof PDFString || uri instanceof PDFHexString) {
        text = uri.decodeText().replace(/^mailto:/, 'E-Mail an ');
      } else {
        const dest = destinationName(doc, a);
        const title = dest ? titles.get(dest) : undefined;
        text = title ? `Gehe zu: ${title}` : dest ? `Gehe zu Abschnitt ${dest}` : 'Verweis im Dokument';
      }
      a.set(name('Contents'), pdfTextString(text));
    }
  }
}

function mapRoles(doc: PDFDocument, report: AccessibilityReport): void {
  const root = doc.catalog.lookupMaybe(name('StructTreeRoot'), PDFDict);
  if (!root) return;
  const used = new Set<string>();
  const stack: PDFObject[] = [root.get(name('K'))].filter((k): k is PDFObject => k !== undefined);
  const seen = new Set<PDFObject>();
  while (stack.length) {
    let o = stack.pop()!;
    if (o instanceof PDFRef) o = doc.context.lookup(o) as PDFObject;
    if (!o || seen.has(o)) continue;
    seen.add(o);
    if (o instanceof PDFArray) {
      for (const k of o.asArray()) stack.push(k);
      continue;
    }
    if (!(o instanceof PDFDict)) continue;
    const s = o.lookup(name('S'));
    if (s instanceof PDFName) used.add(s.decodeText());
    const k = o.get(name('K'));
    if (k) stack.push(k);
  }
  const roleMap = root.lookupMaybe(name('RoleMap'), PDFDict) ?? doc.context.obj({});
  for (const s of used) {
    if (STANDARD.has(s) || roleMap.has(name(s))) continue;
    roleMap.set(name(s), name(ROLE_MAP[s] ?? 'Span'));
    report.roleMapped.push(s);
  }
  if (report.roleMapped.length) root.set(name('RoleMap'), roleMap);
}

// ---- PDF/A-1b ---------------------------------------------------------------------------------

/** CIDs whose glyph has an outline in an embedded TrueType program (CIDToGIDMap /Identity: CID = GID). */
function glyphsPresent(font: Uint8Array): number[] | null {
  const b = Buffer.from(font.buffer, font.byteOffset, font.byteLength);
  if (b.length < 12) return null;
  const tables = new Map<string, { offset: number; length: number }>();
  const n = b.readUInt16BE(4);
  for (let i = 0; i < n; i++) {
    const at = 12 + i * 16;
    if (at + 16 > b.length) return null;
    tables.set(b.toString('latin1', at, at + 4), { offset: b.readUInt32BE(at + 8), length: b.readUInt32BE(at + 12) });
  }
  const head = tables.get('head');
  const maxp = tables.get('maxp');
  const loca = tables.get('loca');
  if (!head || !maxp || !loca) return null;
  const glyphs = b.readUInt16BE(maxp.offset + 4);
  const long = b.readInt16BE(head.offset + 50) === 1;
  const at = (i: number) => (long ? b.readUInt32BE(loca.offset + i * 4) : b.readUInt16BE(loca.offset + i * 2) * 2);
  const out = [0];
  for (let g = 1; g < glyphs; g++) if (at(g + 1) > at(g)) out.push(g);
  return out;
}

function cidSet(cids: number[]): Uint8Array {
  const bytes = new Uint8Array((Math.max(...cids) >> 3) + 1);
  for (const c of cids) bytes[c >> 3]! |= 0x80 >> (c & 7);
  return bytes;
}

/**
 * ISO 19005-1: an output intent with an ICC profile (§6.2.2), a CIDSet for every subset CIDFont
 * (§6.3.5), no transparency (§6.4). Chromium's output uses none, except a page transparency group
 * it declares anyway; a document that really uses transparency is refused, not mislabelled.
 */
function preparePdfA(doc: PDFDocument): void {
  const ctx = doc.context;
  for (const [, obj] of ctx.enumerateIndirectObjects()) {
    const dict = obj instanceof PDFDict ? obj : obj instanceof PDFRawStream ? obj.dict : null;
    if (!dict) continue;
    const type = dict.lookup(name('Type'));
    if (type === name('ExtGState')) {
      for (const key of ['CA', 'ca']) {
        const v = dict.lookup(name(key));
        if (v && Number(v.toString()) < 1) throw new AppError('UNSUPPORTED_FORMAT', 'Das Dokument enthält Transparenz; PDF/A-1 erlaubt keine Transparenz.');
      }
      const smask = dict.lookup(name('SMask'));
      if (smask && smask !== name('None')) throw new AppError('UNSUPPORTED_FORMAT', 'Das Dokument enthält eine weiche Maske; PDF/A-1 erlaubt keine Transparenz.');
    }
    if (obj instanceof PDFRawStream && dict.lookup(name('Subtype')) === name('Image') && dict.has(name('SMask'))) {
      throw new AppError('UNSUPPORTED_FORMAT', 'Das Dokument enthält ein Bild mit Transparenz; PDF/A-1 erlaubt keine Transparenz.');
    }
    if (type === name('FontDescriptor') && !dict.has(name('CIDSet'))) {
      const fontName = dict.lookup(name('FontName'));
      const file = dict.lookup(name('FontFile2'));
      if (!(fontName instanceof PDFName) || !/^[A-Z]{6}\+/.test(fontName.decodeText()) || !(file instanceof PDFRawStream)) continue;
      const cids = glyphsPresent(streamBytes(doc, file)[0]!);
      if (cids) dict.set(name('CIDSet'), ctx.register(ctx.stream(zlib.deflateSync(cidSet(cids)), { Filter: 'FlateDecode' })));
    }
  }
  for (const page of doc.getPages()) {
    const group = page.node.lookupMaybe(name('Group'), PDFDict);
    if (group?.lookup(name('S')) === name('Transparency')) page.node.delete(name('Group'));
  }
  const icc = ctx.register(ctx.stream(zlib.deflateSync(srgbIccProfile()), { N: 3, Filter: 'FlateDecode' }));
  const intent = ctx.obj({
    Type: 'OutputIntent',
    S: 'GTS_PDFA1',
    OutputConditionIdentifier: PDFString.of(SRGB_OUTPUT_CONDITION),
    Info: PDFString.of(SRGB_OUTPUT_CONDITION),
    RegistryName: PDFString.of('http://www.color.org'),
    DestOutputProfile: icc,
  });
  doc.catalog.set(name('OutputIntents'), ctx.obj([intent]));
}

/** The printed PDF with artifacts, a clean text layer, described links and a RoleMap. */
export async function accessiblePdf(pdf: Uint8Array, options: AccessibilityOptions = {}): Promise<{ pdf: Uint8Array; report: AccessibilityReport }> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const report: AccessibilityReport = { pages: doc.getPageCount(), artifacts: 0, softHyphens: 0, lineHyphens: 0, links: 0, roleMapped: [] };
  rewritePages(doc, report);
  describeLinks(doc, report, options.destinationTitles ?? new Map());
  mapRoles(doc, report);
  if (options.pdfa) preparePdfA(doc);
  // Classic cross-reference table (no object streams): PDF 1.4 readers and the metadata pass read it.
  const out = await doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
  return { pdf: out, report };
}
