import type Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { LibraryDocument, RichNode } from '../../../shared/domain/document';
import { AppError, NotFoundError } from '../../../shared/errors';
import type { DossierSummary, FileExportResult, PdfExportResult } from '../../../shared/ipc/areas/export';
import type { DocumentStore } from '../documents/DocumentStore';
import type { EventSink, Ports } from '../ports';
import type { SessionStore } from '../sessions/SessionStore';
import { docToDocx } from './docToDocx';
import { docToHtml } from './docToHtml';
import { docToMarkdown } from './docToMarkdown';
import { germanDate } from './html';
import type { DossierModel, PrintDocument, PrintQuote } from './model';
import { PdfDossier, type PrintedDossier } from './PdfDossier';
import { inspectPdf } from './pdfInspect';
import { loadAccessiblePdf } from './lazyPdfAccessibility';
import { withPdfMetadata } from './pdfMetadata';
import { loadPrintResources, type PrintResources } from './printResources';
import { treeOf } from './richToHtml';
import { contentTree } from '../../../shared/export/documentTree';
import { renderSynopsis } from './templates/synopsisTemplate';
import { prepared } from '../db/prepared';

export interface PdfExportInput {
  documentIds?: string[];
  sessionId?: string;
  title?: string;
  outputPath: string;
  options?: { landscape?: boolean; watermark?: boolean; pdfa?: boolean };
}

const MANIFEST_FORMAT = 'quartierswissen.dossier';
const MANIFEST_VERSION = 1;

interface Manifest {
  format: typeof MANIFEST_FORMAT;
  version: number;
  model: DossierModel;
}

/**
 * Exports of the library: PDF of one document, of several (a dossier) or of a committee session,
 * the Synopse of two versions, and DOCX, Markdown and HTML of a document. A dossier's complete
 * input is saved as manifest (table dossiers), so it can be printed again as it was.
 */
export class ExportService {
  constructor(
    private readonly db: Database.Database,
    private readonly documents: DocumentStore,
    private readonly sessions: SessionStore,
    private readonly ports: Ports,
    private readonly events: EventSink,
  ) {}

  async pdf(input: PdfExportInput): Promise<PdfExportResult> {
    const target = this.target(input.outputPath, '.pdf');
    const model = input.sessionId ? this.sessionModel(input.sessionId, input.options) : this.documentsModel(input.documentIds ?? [], input.title, input.options);
    const printed = await this.print(model);
    const dossierId = model.kind === 'document' ? null : this.saveManifest(model);
    return this.writePdf(target, printed, dossierId);
  }

  /** Prints a saved dossier again from its manifest: same documents, texts, order, date and options. */
  async regenerate(dossierId: string, outputPath: string): Promise<PdfExportResult> {
    const target = this.target(outputPath, '.pdf');
    const row = prepared(this.db, 'SELECT manifest FROM dossiers WHERE id = ?').get(dossierId) as { manifest: string } | undefined;
    if (!row) throw new NotFoundError('Dossier', dossierId);
    const manifest = JSON.parse(row.manifest) as Partial<Manifest>;
    if (manifest.format !== MANIFEST_FORMAT || manifest.version !== MANIFEST_VERSION || !manifest.model) {
      throw new AppError('UNSUPPORTED_FORMAT', `Das Dossier „${dossierId}“ wurde von einer anderen Programmversion gespeichert.`);
    }
    return this.writePdf(target, await this.print(manifest.model), dossierId);
  }

  dossiers(sessionId?: string): DossierSummary[] {
    const rows = (
      sessionId
        ? prepared(this.db, 'SELECT id, session_id, manifest, created_at FROM dossiers WHERE session_id = ? ORDER BY created_at DESC, id').all(sessionId)
        : prepared(this.db, 'SELECT id, session_id, manifest, created_at FROM dossiers ORDER BY created_at DESC, id').all()
    ) as { id: string; session_id: string | null; manifest: string; created_at: string }[];
    return rows.map((r) => {
      const m = (JSON.parse(r.manifest) as Manifest).model;
      const documentCount = m.kind === 'session' ? m.agenda.reduce((n, a) => n + a.documents.length, 0) : m.documents.length;
      return { id: r.id, sessionId: r.session_id, title: m.title, createdAt: r.created_at, documentCount };
    });
  }

  /** Synopse of two versions ("Fassungen") of a document; `current` stands for the document as it is now. */
  async synopsis(input: { documentId: string; from: string; to: string; outputPath: string }): Promise<PdfExportResult> {
    const target = this.target(input.outputPath, '.pdf');
    const doc = this.documents.get(input.documentId);
    const side = (id: string) => {
      if (id === 'current') return { label: 'Aktuelle Fassung', createdAt: doc.updatedAt, tree: treeOf(doc) };
      const v = prepared(this.db, 'SELECT name, content_json, created_at FROM versions WHERE id = ? AND document_id = ?')
        .get(id, doc.id) as { name: string; content_json: string | null; created_at: string } | undefined;
      if (!v) throw new NotFoundError('Fassung', id);
      if (!v.content_json) throw new AppError('UNSUPPORTED_FORMAT', `Die Fassung „${v.name}“ hat keinen gespeicherten Inhalt.`);
      return { label: v.name, createdAt: v.created_at, tree: contentTree(JSON.parse(v.content_json) as RichNode, doc.title) };
    };
    const from = side(input.from);
    const to = side(input.to);
    const generatedAt = this.ports.clock.now().toISOString();
    this.progress(0, 2, 'compare');
    const { html } = renderSynopsis({ title: doc.title, author: authorOf(doc), generatedAt, from, to }, this.resources());
    const pdf = await this.printer().print(html, { landscape: true, pageSize: 'A4' });
    this.progress(1, 2, 'metadata');
    const layout = await inspectPdf(pdf, []);
    const accessiblePdf = await loadAccessiblePdf();
    const final = withPdfMetadata((await accessiblePdf(pdf)).pdf, {
      title: `Synopse: ${doc.title}`,
      author: authorOf(doc),
      subject: `${from.label} → ${to.label}`,
      keywords: ['Quartierswissen', 'Synopse'],
      language: 'de',
      creator: 'Quartierswissen',
      created: new Date(generatedAt),
    });
    this.progress(2, 2, 'done');
    const bytes = this.write(target, final);
    return { outputPath: target, pages: layout.pages, bytes, dossierId: null, toc: [] };
  }

  async docx(id: string, outputPath: string): Promise<FileExportResult> {
    const target = this.target(outputPath, '.docx');
    return { outputPath: target, bytes: this.write(target, await docToDocx(this.documents.get(id))) };
  }

  markdown(id: string, outputPath: string): FileExportResult {
    const target = this.target(outputPath, '.md');
    return { outputPath: target, bytes: this.write(target, Buffer.from(docToMarkdown(this.documents.get(id)), 'utf8')) };
  }

  html(id: string, outputPath: string): FileExportResult {
    const target = this.target(outputPath, '.html');
    return { outputPath: target, bytes: this.write(target, Buffer.from(docToHtml(this.documents.get(id)), 'utf8')) };
  }

  // ---- models --------------------------------------------------------------------------------

  sessionModel(sessionId: string, options: PdfExportInput['options'] = {}): DossierModel {
    const s = this.sessions.get(sessionId);
    return {
      kind: 'session',
      title: s.title,
      committee: s.committee,
      date: s.date,
      place: s.place,
      status: s.status,
      watermark: options.watermark ?? s.status === 'draft',
      landscape: options.landscape ?? false,
      pdfa: options.pdfa ?? false,
      author: s.committee ?? 'Quartierswissen',
      generatedAt: this.ports.clock.now().toISOString(),
      sessionId: s.id,
      agenda: s.items.map((item, i) => ({
        number: i + 1,
        title: item.title,
        description: item.description,
        // A document in the trash (issue 15) is not printed: out of sight until it is restored.
        documents: item.documents
          .map((d) => this.documents.get(d.id))
          .filter((d) => !d.trashedAt)
          .map((d) => this.printDocument(d)),
      })),
      documents: [],
    };
  }

  documentsModel(ids: string[], title: string | undefined, options: PdfExportInput['options'] = {}): DossierModel {
    if (ids.length === 0) throw new AppError('VALIDATION', 'Mindestens ein Dokument angeben.');
    const docs = ids.map((id) => this.documents.get(id));
    const generatedAt = this.ports.clock.now().toISOString();
    const status = docs.some((d) => d.status === 'draft') ? 'draft' : 'final';
    const single = docs.length === 1;
    const authors = [...new Set(docs.map(authorOf))];
    return {
      kind: single ? 'document' : 'documents',
      title: title ?? (single ? docs[0]!.title : `Dossier vom ${germanDate(generatedAt)}`),
      committee: null,
      date: single ? docs[0]!.date : generatedAt.slice(0, 10),
      place: single ? docs[0]!.place : null,
      status,
      watermark: options.watermark ?? status === 'draft',
      landscape: options.landscape ?? false,
      pdfa: options.pdfa ?? false,
      author: authors.length <= 3 ? authors.join(', ') : 'Quartierswissen',
      generatedAt,
      sessionId: null,
      agenda: [],
      documents: docs.map((d) => this.printDocument(d)),
    };
  }

  private printDocument(d: LibraryDocument): PrintDocument {
    return {
      id: d.id,
      kind: d.kind,
      title: d.title,
      date: d.date,
      status: d.status,
      source: d.source,
      publisher: d.publisher,
      place: d.place,
      updatedAt: d.updatedAt,
      tree: treeOf(d),
      quotes: this.quotesOf(d.id),
    };
  }

  private quotesOf(documentId: string): PrintQuote[] {
    return prepared(this.db,
        `SELECT q.text, p.name AS person, q.role, o.name AS organisation, q.said_on AS saidOn
         FROM quotes q LEFT JOIN people p ON p.id = q.person_id LEFT JOIN organisations o ON o.id = q.organisation_id
         WHERE q.document_id = ? ORDER BY q.position, q.id`,
      )
      .all(documentId) as PrintQuote[];
  }

  // ---- printing and files ----------------------------------------------------------------------

  private async print(model: DossierModel): Promise<PrintedDossier> {
    return new PdfDossier(this.printer(), this.resources()).print(model, (done, total, stage) => this.progress(done, total, stage));
  }

  private saveManifest(model: DossierModel): string {
    const id = randomUUID();
    const manifest: Manifest = { format: MANIFEST_FORMAT, version: MANIFEST_VERSION, model };
    prepared(this.db, 'INSERT INTO dossiers (id, session_id, manifest, created_at) VALUES (?, ?, ?, ?)')
      .run(id, model.sessionId, JSON.stringify(manifest), model.generatedAt);
    return id;
  }

  private writePdf(target: string, printed: PrintedDossier, dossierId: string | null): PdfExportResult {
    const bytes = this.write(target, printed.pdf);
    return {
      outputPath: target,
      pages: printed.pages,
      bytes,
      dossierId,
      toc: printed.toc.map((e) => ({ level: e.level, title: e.label ? `${e.label} ${e.title}` : e.title, page: e.page })),
    };
  }

  private printer() {
    if (!this.ports.pdf) throw new AppError('INTERNAL', 'Für den PDF-Export ist kein Druckdienst eingerichtet.');
    return this.ports.pdf;
  }

  private resources(): PrintResources {
    return loadPrintResources(this.ports.paths.resourcesDir);
  }

  private progress(done: number, total: number, stage: string): void {
    this.events.emit('export.progressed', { done, total, stage });
  }

  /**
   * SECURITY: the path comes from the renderer (after a save dialog) or the command line: it must be
   * absolute, carry the format's extension and name a file (not a folder or device) in an existing folder.
   */
  private target(outputPath: string, ext: string): string {
    if (!path.isAbsolute(outputPath)) {
      throw new AppError('VALIDATION', `Der Zielpfad muss absolut sein: „${outputPath}“.`);
    }
    const target = path.resolve(outputPath);
    if (path.extname(target).toLowerCase() !== ext) {
      throw new AppError('VALIDATION', `Die Zieldatei muss auf „${ext}“ enden: „${path.basename(target)}“.`);
    }
    const dir = path.dirname(target);
    if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new AppError('IO', `Der Ordner „${dir}“ existiert nicht.`);
    if (fs.existsSync(target) && !fs.lstatSync(target).isFile()) throw new AppError('IO', `„${target}“ ist keine Datei.`);
    return target;
  }

  /** Writes beside the target and renames: a failed export never leaves half a file. */
  private write(target: string, data: Uint8Array): number {
    const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomUUID().slice(0, 8)}.tmp`);
    try {
      fs.writeFileSync(tmp, data);
      fs.renameSync(tmp, target);
    } catch (err) {
      fs.rmSync(tmp, { force: true });
      throw new AppError('IO', `Die Datei „${target}“ konnte nicht geschrieben werden: ${(err as Error).message}`);
    }
    return data.byteLength;
  }
}

function authorOf(d: LibraryDocument): string {
  return d.publisher ?? d.source ?? (d.people.length ? d.people.map((p) => p.name).join(', ') : 'Quartierswissen');
}
