import { normalizeLine } from '../text/normalizeText';
import { parseDateline } from './germanDate';
import { ORGANISATION_WORD } from './germanLexicon';
import { extractQuotes, paragraphs, type ExtractedQuote } from './extractQuotes';

/**
 * Reads the parts of a German press release: publisher line, headline, dateline (place and
 * date), keywords („Schlagworte“) and the direct quotes with their speakers. Pure: no Node, no DOM.
 */
export interface PressAnalysis {
  title: string | null;
  date: string | null;
  place: string | null;
  publisher: string | null;
  keywords: string[];
  quotes: ExtractedQuote[];
  /** Signals that the text is press material (publisher line, dateline, label, attributed quotes). */
  looksLikePressRelease: boolean;
}

export interface PressHints {
  /** A title the container already gave (HTML <title>, e-mail subject); used if the text has none. */
  title?: string | null;
  date?: string | null;
  publisher?: string | null;
}

const LABEL = /^(pressemitteilung|pressemeldung|presseinformation|presseerklärung|medieninformation|pressenotiz|mitteilung)(\s+(nr\.?|vom|des|der)\b.*)?[.:]?$/iu;
const CAPTION = /^(foto|bild|bildunterschrift|abbildung|grafik|quelle|©|\(c\))\b/iu;
const KEYWORDS_LINE = /^(schlagworte|schlagwörter|stichworte|stichwörter|tags|themen)(\s+zum\s+thema)?\s*:?\s*(.*)$/iu;
const PUBLISHER_LABEL = /^(herausgeber(in)?|pressestelle|verantwortlich|v\.i\.s\.d\.p\.?)\s*:?\s*(.+)$/iu;

function isHeadline(p: string): boolean {
  const words = p.split(/\s+/u).length;
  // A headline may open with a quoted slogan („„Kiefernweg kocht“: Küche öffnet“), but a paragraph
  // that is only a quote is body text.
  const onlyQuote = /^[„"»][^„"»“”«]*[“”"«][.!?]?$/u.test(p);
  return p.length <= 200 && words >= 2 && !/[.;]$/u.test(p) && !p.includes('\n') && !onlyQuote;
}

function isPublisherLine(p: string): boolean {
  if (p.length > 160 || /[.!?]$/u.test(p.replace(/e\.\s?V\.$/u, 'eV')) || /[„“"]/u.test(p)) return false;
  const words = p.split(/[\s,]+/u);
  if (words.length > 16) return false;
  // Organisations are named by their head word: Ministerium, Stadt, Verband, e.V. …
  return words.some((w) => ORGANISATION_WORD.test(w.replace(/[,;:]$/u, ''))) && /^\p{Lu}/u.test(p) && !/\b(ist|sind|wird|werden|hat|haben)\b/u.test(p);
}

export function analyzePressRelease(text: string, hints: PressHints = {}): PressAnalysis {
  const paras = paragraphs(text).map((p) => ({ ...p, text: normalizeLine(text.slice(p.start, p.end)) }));
  // The head of the release: paragraphs before the first body paragraph (a long one or a sentence).
  const bodyIdx = paras.findIndex((p) => p.text.length > 200 || (/[.!?“]$/u.test(p.text) && p.text.split(' ').length > 12));
  const head = paras.slice(0, bodyIdx < 0 ? Math.min(paras.length, 6) : Math.min(bodyIdx, 8));

  let publisher: string | null = null;
  let publisherIdx = -1;
  head.forEach((p, i) => {
    if (publisher) return;
    const label = PUBLISHER_LABEL.exec(p.text);
    if (label) {
      publisher = label[3]!.trim();
      publisherIdx = i;
      return;
    }
    const lbl = /^(?:pressemitteilung|presseinformation|pressemeldung)\s+(?:des|der|vom)\s+(.+)$/iu.exec(p.text);
    if (lbl && isPublisherLine(lbl[1]!)) {
      publisher = lbl[1]!.replace(/\s+vom\s+.*$/u, '').trim();
      publisherIdx = i;
      return;
    }
    if (isPublisherLine(p.text) && !parseDateline(p.text)) {
      publisher = p.text;
      publisherIdx = i;
    }
  });
  publisher = publisher ?? hints.publisher ?? null;

  let date: string | null = null;
  let place: string | null = null;
  for (const p of paras.slice(0, Math.max(head.length + 2, 4))) {
    const dl = parseDateline(p.text);
    if (dl) {
      date = dl.iso;
      place = dl.place;
      break;
    }
  }
  if (date && !place) {
    // „Pressemitteilung vom 06.08.2025“ … „Aalen – Seit …“: the place opens the first body paragraph.
    const body = paras[bodyIdx < 0 ? 0 : bodyIdx];
    const m = body ? /^(\p{Lu}[\p{L}.-]*(?:\s+(?:am|an der|im|in der|ob der|\(\p{Lu}[\p{L}.-]*\)|\p{Lu}[\p{L}.-]*)){0,3})\s+[–—-]\s+\p{Lu}/u.exec(body.text) : null;
    if (m && !ORGANISATION_WORD.test(m[1]!.split(' ')[0]!)) place = m[1]!;
  }
  date = date ?? hints.date ?? null;

  const candidates = head
    .map((p, i) => ({ ...p, i }))
    .filter((p) => p.i !== publisherIdx && isHeadline(p.text) && !LABEL.test(p.text) && !CAPTION.test(p.text) && !parseDateline(p.text) && !KEYWORDS_LINE.test(p.text));
  const afterPublisher = publisherIdx >= 0 ? candidates.find((c) => c.i > publisherIdx) : undefined;
  let title = (afterPublisher ?? candidates[0])?.text ?? null;
  if (!title && hints.title) title = normalizeLine(hints.title);

  // Keywords: „Schlagworte: a, b“ or „Schlagworte zum Thema“ followed by lines up to the end.
  const keywords: string[] = [];
  const lines = text.split('\n').map((l) => normalizeLine(l));
  const kwAt = lines.findIndex((l) => KEYWORDS_LINE.test(l) && l.length < 300);
  if (kwAt >= 0) {
    const m = KEYWORDS_LINE.exec(lines[kwAt]!)!;
    // The keyword block ends at the next blank line (a contact block may follow).
    const blank = lines.findIndex((l, idx) => idx > kwAt && l.length === 0);
    const block = lines.slice(kwAt + 1, Math.min(kwAt + 12, blank < 0 ? lines.length : blank));
    const rest = [m[3] ?? '', ...block.filter((l) => l.length > 0 && l.length < 120 && !/[.!?]$/u.test(l))].join(', ');
    for (const k of rest.split(/\s*[,;|·•]\s*|\s+#/u)) {
      const kw = k.replace(/^#/u, '').trim();
      if (kw && kw.length <= 80 && !keywords.includes(kw)) keywords.push(kw);
    }
  }

  const quotes = extractQuotes(text, { publisher });
  const label = head.some((p) => LABEL.test(p.text)) || /\bpresse(mitteilung|information|meldung)\b/iu.test(text.slice(0, 400));
  return {
    title,
    date,
    place,
    publisher,
    keywords,
    quotes,
    looksLikePressRelease: label || publisher !== null || quotes.length > 0 || (date !== null && place !== null),
  };
}
