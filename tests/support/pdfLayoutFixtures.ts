/**
 * PDF layouts made at test time by real producers (Chromium's print through playwright-core,
 * LibreOffice from flat ODT XML written here), and the measures the reader is judged by against
 * poppler's `pdftotext`: word recall (multiset) and word order (a SequenceMatcher-like ratio,
 * 2·LCS / (|a| + |b|), over word sequences). Issue 18 §1–2.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_LAUNCH_ARGS, DEFAULT_CHROMIUM } from '../../electron/services/export/ChromiumPdfPrinter';

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

export const CHROMIUM_MISSING = fs.existsSync(DEFAULT_CHROMIUM) ? null : `Chromium fehlt (${DEFAULT_CHROMIUM}; Debian-Paket chromium)`;
export const POPPLER_MISSING = has('pdftotext') ? null : 'pdftotext fehlt (Debian-Paket poppler-utils)';
export const SOFFICE_MISSING = has('soffice') ? null : 'LibreOffice fehlt (Debian-Paket libreoffice-writer-nogui)';
export const IMG2PDF_MISSING = has('img2pdf') ? null : 'img2pdf fehlt (Debian-Paket img2pdf)';

// ---------------------------------------------------------------------------------------------
// Text: German-like running text from a seeded generator, with soft hyphens in long words so
// producers break words at line ends („Kennt-“ / „nisse“).

const NOUNS = [
  'Quartier', 'Entwicklung', 'Bürgerschaft', 'Stadtverwaltung', 'Gemeinde', 'Beteiligung', 'Wohnungsbau', 'Verkehrsplanung',
  'Grundschule', 'Kindertagesstätte', 'Grünfläche', 'Marktplatz', 'Hauptstraße', 'Förderprogramm', 'Haushaltsplan', 'Ausschuss',
  'Sitzung', 'Antrag', 'Beschluss', 'Mieterverein', 'Nachbarschaft', 'Kenntnisse', 'Ehrenamt', 'Zukunft', 'Radverkehr', 'Spielplatz',
  'Sanierung', 'Energieberatung', 'Stadtteilbüro', 'Jugendarbeit', 'Seniorentreff', 'Bebauungsplan', 'Ortsbeirat', 'Lärmschutz',
  'Bushaltestelle', 'Wärmeplanung', 'Baumpflanzung', 'Quartiersmanagement', 'Anwohnerschaft', 'Begegnungsstätte',
];
const VERBS = ['beschließt', 'fördert', 'prüft', 'unterstützt', 'plant', 'begrüßt', 'erweitert', 'stärkt', 'verbessert', 'beantragt', 'diskutiert', 'empfiehlt'];
const OTHER = ['die', 'der', 'das', 'und', 'mit', 'für', 'im', 'am', 'nach', 'über', 'neue', 'lokale', 'gemeinsam', 'deutlich', 'weiterhin', 'zusätzlich', 'bereits', 'künftig', 'auch', 'rasch', 'öffentliche', 'soziale'];

export function rng(seed: number): () => number {
  let s = seed % 2147483647 || 1;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

/** Soft hyphens every ~4 letters inside words of 10+ letters (HTML entity form). */
const shy = (w: string) => (w.length < 10 ? w : w.replace(/(\p{L}{4})(?=\p{L}{4})/gu, '$1\u00AD'));

export function sentence(r: () => number, words = 10 + Math.floor(r() * 10)): string {
  const pick = <T>(a: T[]) => a[Math.floor(r() * a.length)]!;
  const out: string[] = [];
  for (let i = 0; i < words; i++) {
    const k = r();
    out.push(k < 0.4 ? pick(NOUNS) : k < 0.55 ? pick(VERBS) : pick(OTHER));
    if (i > 3 && i < words - 2 && r() < 0.08) out[out.length - 1] += ',';
  }
  const s = out.join(' ');
  return s[0]!.toUpperCase() + s.slice(1) + '.';
}

export function paragraph(r: () => number, sentences: number): string {
  return Array.from({ length: sentences }, () => sentence(r)).join(' ');
}

/** Paragraph text as the producer gets it (soft hyphens in long words). */
export const hyphenable = (text: string) => text.split(' ').map(shy).join(' ');

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

// ---------------------------------------------------------------------------------------------
// Layout description → producer input

export interface Layout {
  name: string;
  producer: 'chromium' | 'soffice';
  columns: 1 | 2 | 3;
  seed: number;
  paragraphs: number;
  sentencesPerParagraph: number;
  headline?: string;
  subtitle?: string;
  /** Running header text (every page); `left|right` puts two parts on one line. */
  header?: string;
  /** Footer: 'seite-von' → „Seite x von y“, 'number' → the page number alone, or literal text. */
  footer?: 'seite-von' | 'number' | string;
  watermark?: { text: string; angle: number };
  justify?: boolean;
  fontPt?: number;
  gapEm?: number;
  /** A full-width bordered box after this paragraph index (Chromium: column-span: all). */
  boxAfter?: number;
  /** A floated sidebar box (Chromium, one column). */
  sidebar?: boolean;
  /** A footnote in this paragraph index (LibreOffice). */
  footnoteIn?: number;
  landscape?: boolean;
}

export interface Fixture {
  layout: Layout;
  file: string;
  /** The source paragraphs (plain, without soft hyphens), in reading order. */
  paragraphs: string[];
  /** Text that is an artifact by construction (header, footer, watermark). */
  artifacts: string[];
}

function content(l: Layout): { paras: string[]; box: string | null; sidebar: string | null; footnote: string | null } {
  const r = rng(l.seed);
  const paras = Array.from({ length: l.paragraphs }, () => paragraph(r, l.sentencesPerParagraph));
  return {
    paras,
    box: l.boxAfter !== undefined ? paragraph(r, 2) : null,
    sidebar: l.sidebar ? paragraph(r, 2) : null,
    footnote: l.footnoteIn !== undefined ? sentence(r, 12) : null,
  };
}

function chromiumHtml(l: Layout, c: ReturnType<typeof content>): string {
  const font = l.fontPt ?? 11;
  const parts: string[] = [];
  if (l.headline) parts.push(`<h1>${esc(l.headline)}</h1>`);
  if (l.subtitle) parts.push(`<p class="sub">${esc(l.subtitle)}</p>`);
  const body: string[] = [];
  c.paras.forEach((p, i) => {
    body.push(`<p>${esc(hyphenable(p))}</p>`);
    if (c.box && l.boxAfter === i) body.push(`<div class="box"><p>${esc(hyphenable(c.box))}</p></div>`);
  });
  if (c.sidebar) parts.push(`<aside>${esc(hyphenable(c.sidebar))}</aside>`);
  parts.push(`<div class="cols">${body.join('')}</div>`);
  const wm = l.watermark ? `<div class="wm">${esc(l.watermark.text)}</div>` : '';
  return `<!doctype html><html lang="de"><head><meta charset="utf-8"><style>
    body { font: ${font}pt/1.35 'DejaVu Serif', serif; margin: 0; }
    h1 { font: bold ${Math.round(font * 1.9)}pt/1.2 'DejaVu Sans', sans-serif; margin: 0 0 6pt; }
    .sub { font: italic ${font + 2}pt/1.3 'DejaVu Sans', sans-serif; margin: 0 0 12pt; }
    .cols { columns: ${l.columns}; column-gap: ${l.gapEm ?? 1}em; text-align: ${l.justify ? 'justify' : 'left'}; }
    .cols p { margin: 0 0 ${Math.round(font * 0.8)}pt; }
    .box { column-span: all; border: 1pt solid #444; padding: 6pt 10pt; margin: 8pt 0; background: #eee; }
    aside { float: right; width: 35%; border: 1pt solid #444; padding: 6pt; margin: 0 0 8pt 12pt; font-size: ${font - 1}pt; }
    .wm { position: fixed; top: 45%; left: 15%; font: bold 64pt sans-serif; color: rgba(0,0,0,.15); transform: rotate(${l.watermark?.angle ?? 0}deg); }
  </style></head><body>${wm}${parts.join('')}</body></html>`;
}

function headerFooterTemplates(l: Layout): { header: string; footer: string } {
  const box = (inner: string) => `<div style="font: 8pt 'DejaVu Sans', sans-serif; width: 100%; margin: 0 2cm; display: flex; justify-content: space-between;">${inner}</div>`;
  let header = '<span></span>';
  if (l.header) {
    const [a, b] = l.header.split('|');
    header = b ? box(`<span>${esc(a!)}</span><span>${esc(b)}</span>`) : box(`<span style="margin: 0 auto">${esc(a!)}</span>`);
  }
  let footer = '<span></span>';
  if (l.footer === 'seite-von') footer = box('<span style="margin: 0 auto">Seite <span class="pageNumber"></span> von <span class="totalPages"></span></span>');
  else if (l.footer === 'number') footer = box('<span style="margin: 0 auto"><span class="pageNumber"></span></span>');
  else if (l.footer) footer = box(`<span style="margin: 0 auto">${esc(l.footer)}</span>`);
  return { header, footer };
}

function flatOdt(l: Layout, c: ReturnType<typeof content>): string {
  const font = l.fontPt ?? 10;
  const header = l.header ? `<style:header><text:p text:style-name="HF">${esc(l.header.replace('|', '\t'))}</text:p></style:header>` : '';
  let footer = '';
  if (l.footer === 'seite-von') footer = '<text:p text:style-name="HF">Seite <text:page-number text:select-page="current">1</text:page-number> von <text:page-count>1</text:page-count></text:p>';
  else if (l.footer === 'number') footer = '<text:p text:style-name="HF"><text:page-number text:select-page="current">1</text:page-number></text:p>';
  else if (l.footer) footer = `<text:p text:style-name="HF">${esc(l.footer)}</text:p>`;
  const paras = c.paras
    .map((p, i) => {
      const text = esc(hyphenable(p));
      if (c.footnote && l.footnoteIn === i) {
        const cut = text.indexOf('. ') + 1 || text.length;
        return `<text:p text:style-name="P1">${text.slice(0, cut)}<text:note text:id="n1" text:note-class="footnote"><text:note-citation>1</text:note-citation><text:note-body><text:p text:style-name="FN">${esc(c.footnote)}</text:p></text:note-body></text:note>${text.slice(cut)}</text:p>`;
      }
      return `<text:p text:style-name="P1">${text}</text:p>`;
    })
    .join('\n');
  const head = [l.headline ? `<text:p text:style-name="H">${esc(l.headline)}</text:p>` : '', l.subtitle ? `<text:p text:style-name="Sub">${esc(l.subtitle)}</text:p>` : ''].join('');
  const w = l.landscape ? '29.7cm' : '21cm';
  const h = l.landscape ? '21cm' : '29.7cm';
  return `<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><dc:title>${esc(l.headline ?? '')}</dc:title></office:meta>
<office:font-face-decls><style:font-face style:name="DejaVu Serif" svg:font-family="'DejaVu Serif'" xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"/></office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph"><style:text-properties style:font-name="DejaVu Serif" fo:font-size="${font}pt" fo:language="de" fo:country="DE"/></style:default-style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="${w}" fo:page-height="${h}" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2cm" fo:margin-right="2cm"/>
  <style:header-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-bottom="0.4cm"/></style:header-style>
  <style:footer-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.4cm"/></style:footer-style></style:page-layout>
 <style:style style:name="Sect1" style:family="section"><style:section-properties><style:columns fo:column-count="${l.columns}" fo:column-gap="${(l.gapEm ?? 1) * 0.5}cm"/></style:section-properties></style:style>
 <style:style style:name="P1" style:family="paragraph"><style:paragraph-properties fo:text-align="${l.justify ? 'justify' : 'start'}" fo:margin-bottom="${font * 0.6}pt"/><style:text-properties fo:font-size="${font}pt" fo:hyphenate="false"/></style:style>
 <style:style style:name="H" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="6pt"/><style:text-properties fo:font-size="${font * 2}pt" fo:font-weight="bold"/></style:style>
 <style:style style:name="Sub" style:family="paragraph"><style:paragraph-properties fo:margin-bottom="10pt"/><style:text-properties fo:font-size="${font + 2}pt" fo:font-style="italic"/></style:style>
 <style:style style:name="HF" style:family="paragraph"><style:paragraph-properties fo:text-align="center"><style:tab-stops><style:tab-stop style:position="17cm" style:type="right"/></style:tab-stops></style:paragraph-properties><style:text-properties fo:font-size="8pt"/></style:style>
 <style:style style:name="FN" style:family="paragraph"><style:text-properties fo:font-size="8pt"/></style:style>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1">${header}${footer ? `<style:footer>${footer}</style:footer>` : ''}</style:master-page></office:master-styles>
<office:body><office:text>${head}
<text:section text:style-name="Sect1" text:name="Text">
${paras}
</text:section>
</office:text></office:body></office:document>`;
}

/** Builds every layout once into `dir` (Chromium in one browser, LibreOffice in one call). */
export async function buildFixtures(layouts: Layout[], dir: string): Promise<Fixture[]> {
  const out: Fixture[] = [];
  const chromiumLayouts = layouts.filter((l) => l.producer === 'chromium');
  const officeLayouts = layouts.filter((l) => l.producer === 'soffice');
  const paragraphsOf = (l: Layout, c: ReturnType<typeof content>) => {
    const ps = [...c.paras];
    if (c.box && l.boxAfter !== undefined) ps.splice(l.boxAfter + 1, 0, c.box);
    if (c.sidebar) ps.push(c.sidebar);
    return ps;
  };
  const artifactsOf = (l: Layout) => [l.header?.split('|') ?? [], l.watermark ? [l.watermark.text] : [], l.footer && l.footer !== 'seite-von' && l.footer !== 'number' ? [l.footer] : []].flat();
  if (chromiumLayouts.length > 0) {
    const browser = await chromium.launch({ executablePath: DEFAULT_CHROMIUM, args: CHROMIUM_LAUNCH_ARGS, headless: true });
    try {
      for (const l of chromiumLayouts) {
        const c = content(l);
        const page = await browser.newPage();
        await page.setContent(chromiumHtml(l, c), { waitUntil: 'load' });
        const t = headerFooterTemplates(l);
        const pdf = await page.pdf({
          format: 'A4',
          landscape: l.landscape ?? false,
          displayHeaderFooter: Boolean(l.header || l.footer),
          headerTemplate: t.header,
          footerTemplate: t.footer,
          margin: { top: '2.2cm', bottom: '2.2cm', left: '2cm', right: '2cm' },
        });
        await page.close();
        const file = path.join(dir, `${l.name}.pdf`);
        fs.writeFileSync(file, pdf);
        out.push({ layout: l, file, paragraphs: paragraphsOf(l, c), artifacts: artifactsOf(l) });
      }
    } finally {
      await browser.close();
    }
  }
  if (officeLayouts.length > 0) {
    const sources = officeLayouts.map((l) => {
      const c = content(l);
      const src = path.join(dir, `${l.name}.fodt`);
      fs.writeFileSync(src, flatOdt(l, c));
      const ps = paragraphsOf(l, c);
      if (c.footnote) ps.push(c.footnote);
      return { l, src, ps };
    });
    // A profile of its own: a LibreOffice started by someone else on this machine is left alone.
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'qw-lo-'));
    const r = spawnSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...sources.map((s) => s.src)], { encoding: 'utf8', timeout: 120_000 });
    fs.rmSync(profile, { recursive: true, force: true });
    for (const s of sources) {
      const file = path.join(dir, `${s.l.name}.pdf`);
      if (!fs.existsSync(file)) throw new Error(`soffice hat ${s.l.name}.pdf nicht erzeugt: ${r.stderr}`);
      out.push({ layout: s.l, file, paragraphs: s.ps, artifacts: artifactsOf(s.l) });
    }
  }
  return layouts.map((l) => out.find((f) => f.layout === l)!);
}

// ---------------------------------------------------------------------------------------------
// Measures

/** Words for comparison: lower case, letters and digits only, line-end hyphenation undone. */
export function words(text: string): string[] {
  return text
    .replace(/\u00AD/g, '')
    .replace(/(\p{L})-\s*\n\s*(\p{Ll})/gu, '$1$2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** pdftotext's reading (poppler, default mode) with the known artifact lines left out. */
export function referenceText(file: string, artifacts: string[], stamps: string[] = artifacts): string {
  const r = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pdftotext: ${r.stderr}`);
  const isArtifact = (line: string) => {
    const t = line.trim();
    if (/^\d+$/.test(t) || /^Seite \d+ von \d+$/.test(t)) return true;
    // A rotated stamp comes out of poppler in pieces („EN“, „TW“, „U“ …), one a line.
    if (/^\p{Lu}{1,4}$/u.test(t) && artifacts.some((a) => a.includes(t))) return true;
    return artifacts.some((a) => t === a || t === artifacts.join(' ') || t.replace(/\s+/g, ' ') === a);
  };
  let text = r.stdout
    .split('\n')
    .filter((l) => !isArtifact(l))
    .join('\n');
  // Rotated stamps: poppler reads them as words of their own somewhere on the page.
  for (const a of stamps) text = text.replace(new RegExp(`(?<!\\p{L})${a}(?!\\p{L})`, 'gu'), ' ');
  return text;
}

/**
 * Share of the reference's words (as a multiset) that the candidate has. A reference token that is
 * no word of the source (poppler's piece of a word broken over a column break it read out of
 * order: „anwo“ … „hnerschaft“) counts as found when a candidate word contains it.
 */
export function wordRecall(reference: string[], candidate: string[], vocabulary?: Set<string>): number {
  const have = new Map<string, number>();
  for (const w of candidate) have.set(w, (have.get(w) ?? 0) + 1);
  let found = 0;
  for (const w of reference) {
    const n = have.get(w) ?? 0;
    if (n > 0) {
      found++;
      have.set(w, n - 1);
    } else if (vocabulary && !vocabulary.has(w) && w.length >= 2 && candidate.some((c) => c !== w && c.includes(w))) found++;
  }
  return reference.length === 0 ? 1 : found / reference.length;
}

/** 2·LCS(a, b) / (|a| + |b|): difflib's ratio with the longest common subsequence as matches. */
export function orderRatio(a: string[], b: string[]): number {
  if (a.length + b.length === 0) return 1;
  const ids = new Map<string, number>();
  const id = (w: string) => ids.get(w) ?? (ids.set(w, ids.size), ids.size - 1);
  const A = Int32Array.from(a, id);
  const B = Int32Array.from(b, id);
  let prev = new Uint32Array(B.length + 1);
  let cur = new Uint32Array(B.length + 1);
  for (let i = 1; i <= A.length; i++) {
    for (let j = 1; j <= B.length; j++) cur[j] = A[i - 1] === B[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, cur[j - 1]!);
    [prev, cur] = [cur, prev];
  }
  return (2 * prev[B.length]!) / (A.length + B.length);
}

const flat = (s: string) => words(s).join(' ');

/** Share of source paragraphs that come out whole inside one paragraph of the reader's text. */
export function intactParagraphs(source: string[], text: string): number {
  const paras = text.split(/\n\s*\n/).map(flat);
  const ok = source.filter((p) => {
    const f = flat(p);
    return paras.some((q) => q.includes(f));
  }).length;
  return source.length === 0 ? 1 : ok / source.length;
}

export interface Measure {
  recall: number;
  /** Word order against the source (headline, subtitle, paragraphs in order). */
  order: number;
  /** Word order against pdftotext (poppler reads some column pages right column first). */
  orderPoppler: number;
  intact: number;
  pageNumberParagraphs: number;
  artifactParagraphs: number;
  stampInWord: boolean;
}

/**
 * pdftotext splits a word where Chromium drew it in pieces (at soft-hyphen points: „seni orentreff“);
 * two reference tokens that are no source words but together make one are joined again.
 */
export function repairSplits(ref: string[], source: string[]): string[] {
  const vocab = new Set(source.flatMap((p) => words(p)));
  const out: string[] = [];
  for (let i = 0; i < ref.length; i++) {
    let w = ref[i]!;
    while (!vocab.has(w) && i + 1 < ref.length && [...vocab].some((v) => v.startsWith(w + ref[i + 1]!))) w += ref[++i]!;
    out.push(w);
  }
  return out;
}

export function measure(fx: Fixture, text: string): Measure {
  const ref = repairSplits(words(referenceText(fx.file, fx.artifacts, fx.layout.watermark ? [fx.layout.watermark.text] : [])), fx.paragraphs);
  const got = words(text);
  const paras = text.split(/\n\s*\n/).map((p) => p.trim());
  const stamps = fx.artifacts.filter((a) => fx.layout.watermark?.text === a);
  const truth = words([fx.layout.headline ?? '', fx.layout.subtitle ?? '', ...fx.paragraphs].join('\n'));
  return {
    recall: wordRecall(ref, got, new Set(fx.paragraphs.flatMap((p) => words(p)))),
    order: orderRatio(truth, got),
    orderPoppler: orderRatio(ref, got),
    intact: intactParagraphs(fx.paragraphs, text),
    pageNumberParagraphs: paras.filter((p) => /^(Seite\s+)?\d+(\s+(von|\/)\s+\d+)?$/u.test(p)).length,
    // (the headline may share a word with the running header: „Dossier“ / „Dossier: Wohnen …“)
    artifactParagraphs: paras.filter((p) => p !== fx.layout.headline && p !== fx.layout.subtitle && fx.artifacts.some((a) => !stamps.includes(a) && new RegExp(`(?<!\\p{L})${a}(?!\\p{L})`, 'u').test(p))).length,
    stampInWord: stamps.some((s) => text.includes(s)),
  };
}
