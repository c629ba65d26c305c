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
import { rewriteContent } from './contentStream';

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

/** The printed PDF with artifacts, a clean text layer, described links and a RoleMap. */
export async function accessiblePdf(pdf: Uint8Array, options: AccessibilityOptions = {}): Promise<{ pdf: Uint8Array; report: AccessibilityReport }> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const report: AccessibilityReport = { pages: doc.getPageCount(), artifacts: 0, softHyphens: 0, lineHyphens: 0, links: 0, roleMapped: [] };
  rewritePages(doc, report);
  describeLinks(doc, report, options.destinationTitles ?? new Map());
  mapRoles(doc, report);
  // Classic cross-reference table (no object streams): PDF 1.4 readers and the metadata pass read it.
  const out = await doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
  return { pdf: out, report };
}
