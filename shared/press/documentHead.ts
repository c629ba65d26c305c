import { normalizeLine } from '../text/normalizeText';
import { GENRE_WORD, isHeadFurniture, isOrganisationLine, SALUTATION } from './documentGenre';

/**
 * Title and publisher as a person reads them off a document's head (issue 18 §3): the headline is
 * the title — the document's own heading (H1 in DOCX/HTML/ODT/Markdown, the largest line of a
 * PDF), else the PDF's Info title when it is a real one, else the first headline-like paragraph;
 * a letterhead line above the headline is the publisher. Labels („Pressemitteilung“), datelines,
 * fields („Beginn: 19 Uhr“) and speech boilerplate („Sperrfrist“, „Es gilt das gesprochene Wort“)
 * are never either.
 */
export interface DocumentHead {
  title: string | null;
  publisher: string | null;
  /** Where the title came from. */
  titleFrom: 'headline' | 'info' | 'text' | null;
}

export interface HeadHints {
  /** The document's own heading, from its structure (reader). */
  headline?: string | null;
  /** A title the file's metadata states (PDF Info, DOCX core properties); used only when real. */
  infoTitle?: string | null;
  /** The file's name without extension, to recognise an Info title that only repeats it. */
  fileStem?: string | null;
}

const MAX_HEAD_CHARS = 6000;

const paragraphsOf = (text: string): string[] =>
  text
    .slice(0, MAX_HEAD_CHARS)
    .split(/\n[ \t]*\n/u)
    .map((p) => p.trim())
    .filter(Boolean);

const lines = (p: string) => p.split('\n').map((l) => l.trim()).filter(Boolean);
const words = (s: string) => s.split(/\s+/u).filter(Boolean);

/** A plenary protocol's speaker line („Anna Muster (SPD):“) names the speaker, not the text. */
const SPEAKER_LINE = /^[\p{Lu}][\p{L}.' -]{2,80}(\([^)]{1,60}\))?:$/u;

function isFurniture(line: string): boolean {
  return isHeadFurniture(line) || SPEAKER_LINE.test(line);
}

/** The first paragraph of running text: long, or a sentence of more than a dozen words, or a salutation. */
function isBody(p: string): boolean {
  const first = lines(p)[0] ?? '';
  return p.length > 220 || (/[.!?“”"]$/u.test(p) && words(p).length > 12) || (SALUTATION.test(first) && /[,!]$/u.test(first));
}

function titleLike(line: string): boolean {
  const l = line.trim();
  if (l.length < 3 || l.length > 250 || isFurniture(l) || SALUTATION.test(l)) return false;
  if (/[.;,]$/u.test(l) && !/\b(e\.\s?V|Nr|bzw|Dr)\.$/u.test(l)) return false;
  if (/^[„"»][^„"»“”«]*[“”"«][.!?]?$/u.test(l)) return false; // only a quote: body text
  return words(l).length >= 2 || /^\p{L}{4,}$/u.test(l);
}

/** A name on a line of its own, short and without a sentence: how a letterhead reads. */
function nameLike(line: string): boolean {
  const l = line.trim();
  if (l.length < 3 || l.length > 140 || GENRE_WORD.test(l) || isFurniture(l) || /[„“"»«]/u.test(l)) return false;
  if (/[.!?:;]$/u.test(l.replace(/e\.\s?V\.$/u, 'eV'))) return false;
  return /^\p{Lu}/u.test(l) && words(l).length <= 12 && !/\b(ist|sind|wird|werden|hat|haben|war|gibt|lädt|fordert)\b/u.test(l);
}

/** A paragraph's title text: its lines joined when they are a wrapped headline, else its first line. */
function titleOf(p: string): string {
  const ls = lines(p);
  if (ls.length > 1 && ls.length <= 3 && ls.every((l) => l.length < 120 && titleLike(l) && !isOrganisationLine(l))) return ls.join(' ');
  return ls[0]!;
}

/** An Info title that is really a title: not a file name, not a placeholder, and its words are on the first page. */
export function isRealInfoTitle(info: string, text: string, fileStem?: string | null): boolean {
  const t = normalizeLine(info);
  if (t.length < 4 || t.length > 300) return false;
  if (/\.(docx?|odt|rtf|pdf|txt|html?|indd|tex|dvi|ps|qxd|pages)$/iu.test(t) || /^(microsoft word|untitled|unbenannt|ohne titel|titel|title|dokument|document|präsentation|presentation|vorlage|template|layout|druck)\b/iu.test(t)) return false;
  if (fileStem && normalizeLine(fileStem).toLowerCase() === t.toLowerCase()) return false;
  if (!/\p{L}{3,}/u.test(t) || /^[\w-]+$/u.test(t) && !/\s/u.test(t) && /\d/u.test(t)) return false;
  const head = normalizeLine(text.slice(0, 4000)).toLowerCase();
  const ws = words(t.toLowerCase()).map((w) => w.replace(/[^\p{L}\p{N}]/gu, '')).filter((w) => w.length > 2);
  if (ws.length === 0) return false;
  return ws.filter((w) => head.includes(w)).length / ws.length >= 0.6;
}

function publisherAbove(paras: string[], index: number, structured: boolean): string | null {
  for (let i = index - 1; i >= 0; i--) {
    const ls = lines(paras[i]!);
    if (ls.every(isFurniture)) continue;
    const first = ls.find((l) => !isFurniture(l))!;
    // Above a structural headline the position makes the letterhead; in plain text it must name a body.
    return (structured ? nameLike(first) : isOrganisationLine(first)) ? first : null;
  }
  return null;
}

export function documentHead(text: string, hints: HeadHints = {}): DocumentHead {
  const paras = paragraphsOf(text);
  const headline = hints.headline ? normalizeLine(hints.headline) : '';
  if (headline && titleLike(headline)) {
    const key = headline.toLowerCase();
    const at = paras.findIndex((p) => normalizeLine(p).toLowerCase() === key || (lines(p)[0] ?? '').toLowerCase() === key);
    return { title: headline, publisher: at > 0 ? publisherAbove(paras, at, true) : plainHead(paras).publisher, titleFrom: 'headline' };
  }
  const plain = plainHead(paras);
  if (hints.infoTitle && isRealInfoTitle(hints.infoTitle, text, hints.fileStem)) {
    return { title: normalizeLine(hints.infoTitle), publisher: plain.publisher, titleFrom: 'info' };
  }
  return { ...plain, titleFrom: plain.title ? 'text' : null };
}

/** Head of a text without structure: a letterhead line, then the first headline-like paragraph. */
function plainHead(paras: string[]): { title: string | null; publisher: string | null } {
  const head: string[] = [];
  for (const p of paras.slice(0, 10)) {
    if (isBody(p)) break;
    head.push(p);
  }
  let publisher: string | null = null;
  // A letterhead comes before the headline: what stands above it (a picture caption, a breadcrumb,
  // a rubric) is not the title. So the search starts at the first organisation line that has a
  // headline after it, when there is one.
  const letterhead = head.findIndex(
    (p, i) =>
      isOrganisationLine(lines(p).filter((l) => !isFurniture(l))[0] ?? '') &&
      head.slice(i + 1).some((q) => lines(q).some((l) => !isFurniture(l) && titleLike(l) && !isOrganisationLine(l))),
  );
  for (let i = Math.max(0, letterhead); i < head.length; i++) {
    const ls = lines(head[i]!).filter((l) => !isFurniture(l));
    if (ls.length === 0) continue;
    const first = ls[0]!;
    const later = head.slice(i + 1).some((p) => lines(p).some((l) => !isFurniture(l) && titleLike(l) && !isOrganisationLine(l)));
    if (!publisher && isOrganisationLine(first) && later) {
      publisher = first;
      continue;
    }
    if (titleLike(first)) return { title: titleOf(ls.join('\n')), publisher };
  }
  return { title: null, publisher };
}
