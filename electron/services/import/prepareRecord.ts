import path from 'node:path';
import type { DocumentKind, NewDocument } from '../../../shared/domain/document';
import { AppError } from '../../../shared/errors';
import { analyzePressRelease, type PressAnalysis } from '../../../shared/press/analyzePressRelease';
import { classifyGenre, GENRE_WORD, QUOTED_KINDS } from '../../../shared/press/documentGenre';
import { documentHead, type DocumentHead } from '../../../shared/press/documentHead';
import type { ExtractedQuote } from '../../../shared/press/extractQuotes';
import { parseGermanDate } from '../../../shared/press/germanDate';
import { normalizeLine, normalizeText } from '../../../shared/text/normalizeText';
import { deriveTitle } from './deriveTitle';
import type { ImportRecord } from './ImportRecord';

/**
 * The first steps of the one record pipeline (issue 18 §9): normalise → classify kind → analyse.
 * Pure functions of the record; dedup and store follow in the Importer, which owns the library.
 */
export interface PreparedRecord {
  record: ImportRecord;
  input: NewDocument;
  publisher: string | null;
  speaker: string | null;
  quotes: ExtractedQuote[];
  /** Memory the batch holds for it (text and original). */
  bytes: number;
}

const PRESS_KINDS = new Set<DocumentKind>(['press_release', 'statement']);

/** Step 1: Unicode and whitespace normalised once (ARCHITECTURE §4); a text without letters is refused. */
export function normaliseStep(rec: ImportRecord): { text: string; html: string | null } {
  const text = normalizeText(rec.text);
  if (text.replace(/\s/gu, '').length === 0) {
    if (rec.line !== undefined) throw new AppError('INVALID_FILE', `Zeile ${rec.line}: der Text ist leer.`, { line: rec.line, reason: 'invalid-record' });
    if (rec.original.mediaType === 'application/pdf') {
      throw new AppError(
        'INVALID_FILE',
        `„${rec.label}“ enthält keinen lesbaren Text – vermutlich ein gescanntes PDF (nur Bilder). Bitte mit Texterkennung (OCR) importieren oder ein PDF mit Textebene verwenden.`,
        { reason: 'image-only' },
      );
    }
    throw new AppError('INVALID_FILE', `„${rec.label}“ enthält keinen Text. Bitte prüfen, ob die richtige Datei gewählt wurde.`, { reason: 'no-text' });
  }
  return { text, html: rec.html ? normalizeText(rec.html, { tidyBlankLines: false }) : null };
}

/** Step 2: the kind a record states, else the import's chosen kind, else the one its text shows. */
export function classifyStep(rec: ImportRecord, text: string, chosen: DocumentKind | undefined): DocumentKind {
  if (chosen) return chosen;
  if (rec.given.kind) return rec.given.kind;
  if (rec.given.speaker) return 'speech';
  return classifyGenre(text, { headline: rec.hints.headline }).kind;
}

interface Analysis {
  title: string;
  publisher: string | null;
  date: string | null;
  place: string | null;
  tags: string[];
  quotes: ExtractedQuote[];
}

function pickTitle(rec: ImportRecord, kind: DocumentKind, head: DocumentHead, press: PressAnalysis | null, text: string): string {
  if (rec.given.title) return rec.given.title;
  const speaker = rec.given.speaker ? normalizeLine(rec.given.speaker) : null;
  if (speaker && kind === 'speech' && head.titleFrom !== 'headline' && head.titleFrom !== 'info') {
    return `${speaker}: ${head.title ?? deriveTitle(text) ?? `Rede${rec.given.date ? ` vom ${rec.given.date}` : ''}`}`;
  }
  if (head.titleFrom === 'headline' || head.titleFrom === 'info') return head.title!;
  if (press?.title && !GENRE_WORD.test(press.title)) return press.title;
  return head.title ?? press?.title ?? rec.hints.containerTitle ?? deriveTitle(text) ?? rec.label;
}

function pickPublisher(head: DocumentHead, press: PressAnalysis | null, title: string): string | null {
  const usable = (p: string | null | undefined) => (p && p !== title && !GENRE_WORD.test(p) ? p : null);
  if (head.titleFrom === 'headline') return usable(head.publisher) ?? usable(press?.publisher);
  // A letterhead block of several lines („Stadt Fulda / Der Oberbürgermeister“): its first line names the body.
  if (head.publisher && press?.publisher && press.publisher.startsWith(`${head.publisher} `)) return usable(head.publisher);
  return usable(press?.publisher) ?? usable(head.publisher);
}

/** Step 3: title, publisher, date, place, keywords and — only where the kind has them — quotes. */
export function analyseStep(rec: ImportRecord, text: string, kind: DocumentKind): Analysis {
  const head = documentHead(text, { headline: rec.hints.headline, infoTitle: rec.hints.infoTitle, fileStem: rec.hints.fileStem });
  // Press analysis (publisher line, dateline, keywords, quotes) for the kinds that quote people.
  const press = QUOTED_KINDS.has(kind) ? analyzePressRelease(text, { title: rec.hints.containerTitle ?? null, date: rec.hints.date, publisher: rec.hints.publisher }) : null;
  // The press analysis reads a release's head (publisher line, headline); other kinds' heads are read by documentHead alone.
  const pressHead = PRESS_KINDS.has(kind) ? press : null;
  const title = normalizeLine(pickTitle(rec, kind, head, pressHead, text)).slice(0, 1000);
  const given = rec.given.date;
  const date = given ? (/^\d{4}-\d{2}-\d{2}$/u.test(given) ? given : parseGermanDate(given)) : (press?.date ?? rec.hints.date ?? null);
  return {
    title,
    publisher: pickPublisher(head, pressHead, title),
    date,
    place: rec.given.place ?? press?.place ?? null,
    tags: [...(press?.keywords ?? []), ...(rec.given.category ? [normalizeLine(rec.given.category)] : [])],
    quotes: press?.quotes ?? [],
  };
}

/** normalise → classify → analyse, as one call. */
export function prepareRecord(rec: ImportRecord, chosenKind: DocumentKind | undefined): PreparedRecord {
  const { text, html } = normaliseStep(rec);
  const kind = classifyStep(rec, text, chosenKind);
  const a = analyseStep(rec, text, kind);
  const speaker = rec.given.speaker ? normalizeLine(rec.given.speaker) : null;
  return {
    record: rec,
    input: {
      kind,
      title: a.title,
      date: a.date,
      source: rec.source,
      sourceUrl: rec.hints.sourceUrl ?? null,
      place: a.place,
      publisher: a.publisher,
      language: 'de',
      status: 'final',
      externalId: rec.given.externalId ?? null,
      collection: rec.given.collection ?? null,
      bodyText: text,
      bodyHtml: html,
      tags: a.tags,
    },
    publisher: a.publisher,
    speaker,
    quotes: QUOTED_KINDS.has(kind) ? a.quotes : [],
    bytes: rec.original.bytes.length + text.length * 2 + (html?.length ?? 0) * 2,
  };
}

export const fileStemOf = (file: string) => path.basename(file).replace(/\.[^.]+$/u, '');
