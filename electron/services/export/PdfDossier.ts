import { AppError } from '../../../shared/errors';
import type { PdfPrinter } from '../ports';
import type { DossierModel } from './model';
import { inspectPdf, type PdfLayout } from './pdfInspect';
import { loadAccessiblePdf } from './lazyPdfAccessibility';
import { withPdfMetadata } from './pdfMetadata';
import type { PrintResources } from './printResources';
import { renderDossier, type TocEntry } from './templates/dossierTemplate';

export interface PrintedDossier {
  pdf: Uint8Array;
  pages: number;
  toc: (TocEntry & { page: number })[];
  passes: number;
  layout: PdfLayout;
}

export type Progress = (done: number, total: number, stage: string) => void;

const MAX_PASSES = 3;

/**
 * Prints a dossier with a table of contents whose page numbers are right: print, read back on
 * which page every contents entry's heading landed (named destinations of the PDF), print again
 * with those numbers, and check. The numbers sit in boxes of fixed width, so filling them in does
 * not move anything; should a layout still shift, a further pass follows, and a dossier whose
 * numbers do not settle is an error rather than a wrong contents page.
 */
export class PdfDossier {
  constructor(
    private readonly printer: PdfPrinter,
    private readonly resources: PrintResources,
  ) {}

  async print(model: DossierModel, progress: Progress = () => {}): Promise<PrintedDossier> {
    const first = renderDossier(model, this.resources);
    const ids = first.toc.map((e) => e.id);
    const outlineIds = first.outline.map((o) => o.id);
    const total = ids.length ? 3 : 2;
    let pages = new Map<string, number>();
    let rendered = first;
    let pdf: Uint8Array | null = null;
    let layout: PdfLayout | null = null;
    let pass = 0;
    for (; pass < MAX_PASSES; pass++) {
      progress(Math.min(pass, total - 1), total, pass === 0 ? 'layout' : 'pageNumbers');
      if (pass > 0) {
        const known = pages;
        rendered = renderDossier(model, this.resources, (id) => known.get(id) ?? null);
      }
      pdf = await this.printer.print(rendered.html, { landscape: model.landscape, pageSize: 'A4' });
      layout = await inspectPdf(pdf, outlineIds);
      const lost = outlineIds.filter((id) => !layout!.targets.has(id));
      if (lost.length > 0) {
        throw new AppError('INTERNAL', `Überschriften ohne Sprungziel im PDF: ${lost.slice(0, 3).join(', ')}`);
      }
      if (ids.length === 0) break;
      const missing = ids.filter((id) => !layout!.destinations.has(id));
      if (missing.length > 0) {
        throw new AppError('INTERNAL', `Das Inhaltsverzeichnis verweist auf Überschriften, die im PDF fehlen: ${missing.slice(0, 3).join(', ')}`);
      }
      const settled = pass > 0 && ids.every((id) => layout!.destinations.get(id) === pages.get(id));
      if (settled) break;
      pages = layout.destinations;
    }
    if (ids.length > 0 && pass === MAX_PASSES) {
      throw new AppError('INTERNAL', `Die Seitenzahlen des Inhaltsverzeichnisses stehen nach ${MAX_PASSES} Durchgängen nicht fest.`);
    }
    progress(total - 1, total, 'metadata');
    // Artifacts, a text layer without soft hyphens, described links, RoleMap (issue 11).
    const titles = new Map(rendered.outline.map((o) => [o.id, o.title]));
    for (const e of rendered.toc) titles.set(e.id, e.label ? `${e.label} ${e.title}` : e.title);
    const accessiblePdf = await loadAccessiblePdf();
    const tagged = (await accessiblePdf(pdf!, { destinationTitles: titles, pdfa: model.pdfa === true })).pdf;
    const final = withPdfMetadata(tagged, {
      title: model.title,
      author: model.author,
      subject: subjectOf(model),
      keywords: ['Quartierswissen', model.kind === 'session' ? 'Sitzungsunterlagen' : 'Dossier', model.committee ?? ''].filter(Boolean),
      language: 'de',
      creator: 'Quartierswissen',
      created: new Date(model.generatedAt),
      pdfa: model.pdfa === true,
      outline: rendered.outline.map((o) => ({ title: o.title, level: o.level, target: layout!.targets.get(o.id)! })),
    });
    progress(total, total, 'done');
    return {
      pdf: final,
      pages: layout!.pages,
      toc: rendered.toc.map((e) => ({ ...e, page: layout!.destinations.get(e.id)! })),
      passes: Math.min(pass + 1, MAX_PASSES),
      layout: layout!,
    };
  }
}

function subjectOf(m: DossierModel): string {
  if (m.kind === 'session') return `Sitzungsunterlagen${m.committee ? ` – ${m.committee}` : ''}${m.date ? `, ${m.date}` : ''}`;
  if (m.kind === 'documents') return `Dossier mit ${m.documents.length} Dokumenten`;
  return m.documents[0] ? `${m.documents[0].kind}: ${m.documents[0].title}` : m.title;
}
