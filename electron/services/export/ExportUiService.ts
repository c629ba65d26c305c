import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/errors';
import type { ExportFormat, ExportSaveResult, ExportTarget } from '../../../shared/ipc/areas/exportUi';
import type { DocumentStore } from '../documents/DocumentStore';
import type { Dialogs, Shell } from '../ports';
import type { SessionStore } from '../sessions/SessionStore';
import type { ExportService } from './ExportService';

const FORMAT_FILES: Record<ExportFormat, { ext: string; filter: { name: string; extensions: string[] } }> = {
  pdf: { ext: '.pdf', filter: { name: 'PDF-Dokument', extensions: ['pdf'] } },
  docx: { ext: '.docx', filter: { name: 'Word-Dokument', extensions: ['docx'] } },
  markdown: { ext: '.md', filter: { name: 'Markdown', extensions: ['md'] } },
  html: { ext: '.html', filter: { name: 'HTML-Seite', extensions: ['html'] } },
};

/** A file name from a title: no folders, no reserved or control characters, not too long. */
export function fileNameOf(title: string, ext: string): string {
  const clean = title
    .normalize('NFC')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f<>:"/\\|?*]/gu, ' ')
    .replace(/\s+/gu, ' ')
    .replace(/^[.\s]+|[.\s]+$/gu, '')
    .slice(0, 150)
    .trim();
  return `${clean || 'Export'}${ext}`;
}

export interface ExportSaveInput {
  target: ExportTarget;
  format: ExportFormat;
  options?: { landscape?: boolean; watermark?: boolean };
}

/**
 * The export as the app's window uses it (issue 6 §6): asks the user for the place through the
 * `Dialogs` port (ARCHITECTURE §2: dialogs stay in glue, the export service receives a path), runs
 * the export, and afterwards opens or reveals the written file through the `Shell` port.
 */
export class ExportUiService {
  /** SECURITY: the files this app session wrote; `reveal` opens nothing else. */
  private readonly exported = new Set<string>();

  constructor(
    private readonly exports: ExportService,
    private readonly documents: DocumentStore,
    private readonly sessions: SessionStore,
    private readonly dialogs: Dialogs | undefined,
    private readonly shell: Shell | undefined,
  ) {}

  async save(input: ExportSaveInput): Promise<ExportSaveResult> {
    const { target, format } = input;
    if (target.kind !== 'document' && format !== 'pdf') {
      throw new AppError('VALIDATION', 'Dossiers, Sitzungen und Synopsen gibt es nur als PDF.');
    }
    const chooseSavePath = this.dialogs?.chooseSavePath?.bind(this.dialogs);
    if (!chooseSavePath) {
      throw new AppError('NOT_AVAILABLE', 'Hier gibt es keinen Dialog zum Speichern; bitte den Zielpfad direkt angeben (Kommandozeile).');
    }
    const { ext, filter } = FORMAT_FILES[format];
    // Looked up before the dialog: a deleted document or session fails at once (NOT_FOUND).
    const suggested = fileNameOf(this.suggestedTitle(target), ext);
    const chosen = await chooseSavePath(suggested, [filter]);
    if (!chosen) return { cancelled: true };
    // Some platform dialogs return the name without the extension the filter asked for.
    const outputPath = path.extname(chosen).toLowerCase() === ext ? chosen : `${chosen}${ext}`;
    const result = await this.run(input, outputPath);
    this.exported.add(path.resolve(result.outputPath));
    return {
      cancelled: false,
      path: result.outputPath,
      fileName: path.basename(result.outputPath),
      bytes: result.bytes,
      pages: 'pages' in result && typeof result.pages === 'number' ? result.pages : null,
    };
  }

  /** Opens an exported file, or shows it in its folder. */
  async reveal(filePath: string, action: 'open' | 'folder'): Promise<{ path: string }> {
    const resolved = path.resolve(filePath);
    // SECURITY: the renderer may only name files this session exported (and that are still files);
    // otherwise a compromised page could open any program or document on the machine.
    if (!path.isAbsolute(filePath) || !this.exported.has(resolved)) {
      throw new AppError('VALIDATION', 'Nur eben exportierte Dateien können geöffnet oder gezeigt werden.', { path: filePath });
    }
    if (!this.shell) throw new AppError('NOT_AVAILABLE', 'Dateien können hier nicht geöffnet werden.');
    if (!fs.existsSync(resolved) || !fs.lstatSync(resolved).isFile()) {
      this.exported.delete(resolved);
      throw new AppError('NOT_FOUND', `Die Datei „${path.basename(resolved)}“ ist nicht mehr vorhanden.`, { path: resolved });
    }
    if (action === 'folder') {
      this.shell.showItemInFolder(resolved);
    } else {
      try {
        await this.shell.openPath(resolved);
      } catch (err) {
        throw new AppError('IO', `Die Datei „${path.basename(resolved)}“ konnte nicht geöffnet werden: ${(err as Error).message}`);
      }
    }
    return { path: resolved };
  }

  private suggestedTitle(target: ExportTarget): string {
    switch (target.kind) {
      case 'document':
        return this.documents.get(target.documentId).title;
      case 'documents':
        return target.title ?? (target.documentIds.length === 1 ? this.documents.get(target.documentIds[0]!).title : 'Dossier');
      case 'session': {
        const s = this.sessions.get(target.sessionId);
        return s.date ? `${s.date} ${s.title}` : s.title;
      }
      case 'synopsis':
        return `Synopse ${this.documents.get(target.documentId).title}`;
    }
  }

  private run(input: ExportSaveInput, outputPath: string) {
    const { target, format, options } = input;
    switch (target.kind) {
      case 'session':
        return this.exports.pdf({ sessionId: target.sessionId, outputPath, options });
      case 'documents':
        return this.exports.pdf({ documentIds: target.documentIds, title: target.title, outputPath, options });
      case 'synopsis':
        return this.exports.synopsis({ documentId: target.documentId, from: target.from, to: target.to, outputPath });
      case 'document':
        if (format === 'pdf') return this.exports.pdf({ documentIds: [target.documentId], outputPath, options });
        if (format === 'docx') return this.exports.docx(target.documentId, outputPath);
        if (format === 'markdown') return Promise.resolve(this.exports.markdown(target.documentId, outputPath));
        return Promise.resolve(this.exports.html(target.documentId, outputPath));
    }
  }
}
