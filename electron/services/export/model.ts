import type { DocumentKind, DocumentStatus, RichNode } from '../../../shared/domain/document';
import type { ExportTree } from '../../../shared/export/exportTree';

/** A statement printed with its source: who said it, in which role, when. */
export interface PrintQuote {
  text: string;
  person: string | null;
  role: string | null;
  organisation: string | null;
  saidOn: string | null;
}

/** Everything printed of one library document, frozen at export time. */
export interface PrintDocument {
  id: string;
  kind: DocumentKind;
  title: string;
  date: string | null;
  status: DocumentStatus;
  source: string | null;
  publisher: string | null;
  place: string | null;
  updatedAt: string;
  /** The export tree (manifests since issue 11): imported structure, footnotes and all. */
  tree?: ExportTree;
  /** tiptap JSON: what manifests saved before the export tree hold; read when `tree` is absent. */
  content?: RichNode;
  quotes: PrintQuote[];
}

export interface PrintAgendaItem {
  number: number;
  title: string;
  description: string | null;
  documents: PrintDocument[];
}

/**
 * The input of a dossier PDF, complete: the saved manifest is this model, so a dossier can be
 * printed again later exactly as it was, whatever happened to the library since.
 */
export interface DossierModel {
  kind: 'session' | 'documents' | 'document';
  title: string;
  committee: string | null;
  date: string | null;
  place: string | null;
  status: 'draft' | 'final';
  watermark: boolean;
  landscape: boolean;
  /** PDF/A-1b (issue 11); absent in manifests saved before. */
  pdfa?: boolean;
  author: string;
  /** ISO date the dossier was made: printed in the footer and as the PDF's creation date. */
  generatedAt: string;
  sessionId: string | null;
  agenda: PrintAgendaItem[];
  /** For `documents` and `document`: the documents in order. */
  documents: PrintDocument[];
}

export const KIND_LABELS: Record<DocumentKind, string> = {
  leitbild: 'Leitbild',
  press_release: 'Pressemitteilung',
  speech: 'Rede',
  statement: 'Stellungnahme',
  protocol: 'Protokoll',
  note: 'Notiz',
};

export const STATUS_LABELS: Record<DocumentStatus, string> = {
  draft: 'Entwurf',
  final: 'Endfassung',
  archived: 'Archiviert',
};
