import type { DocumentKind } from '../domain/document';
import { parseDateline } from './germanDate';
import { ORGANISATION_WORD, SPEECH_VERBS } from './germanLexicon';

/**
 * The genre of a German document from its own text (issue 18 §3): the words a kind of document
 * is made of, not a guess from its container. One place for these rules (ARCHITECTURE §10.13):
 * the importer's kind, title and publisher steps and the derived speech titles all read them.
 */

/** A month's name (an ordinal before it is a date: „am 17. Juni“). */
export const MONTH_WORD = /^(januar|jänner|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember|jan|feb|mär|apr|jun|jul|aug|sep|sept|okt|nov|dez)\.?[,;:]?$/iu;

/** Salutations that open a speech or a letter („Sehr geehrte Damen und Herren“, „Frau Präsidentin!“). */
export const SALUTATION =
  /^(sehr (geehrte|verehrte)|liebe|lieber|meine (sehr )?(verehrten|geehrten|lieben)?\s*(damen|herren)|verehrte|hochverehrte|exzellenz|exzellenzen|hochwürden|herr |frau |anrede|es gilt das gesprochene wort)/iu;

/** The address of a parliament's presiding officer or members: a speech in a plenary session. */
const PARLIAMENT_ADDRESS = /^(?:(?:sehr )?(?:geehrte[rs]?|verehrte[rs]?) )?(?:frau|herr) (?:alters)?(?:präsident|präsidentin|vizepräsident|vizepräsidentin|vorsitzende|vorsitzender|vorsteher|vorsteherin)\b|^(?:liebe|meine|sehr geehrte|verehrte) (?:\p{L}+ )?kolleginnen und kollegen\b/iu;

/** Lines a speech manuscript carries that are not its text. */
export const SPEECH_BOILERPLATE = /^[-–—(\s]*(es gilt das gesprochene? wort|sperrfrist\b|redebeginn\b|anrede\b|\[?anrede\]?|rede\s*$|manuskript\b|redemanuskript\b|- ?check against delivery)/iu;

/** A headline that names a speech. */
const SPEECH_GENRE = /^(rede|reden|ansprache|grußwort|grusswort|festrede|festansprache|laudatio|predigt|eröffnungsrede|neujahrsansprache|begrüßungsrede|gedenkrede|regierungserklärung|keynote|vortrag)\b/iu;
const PROTOCOL_GENRE = /^(\p{L}*protokoll|niederschrift|sitzungsniederschrift)\b/iu;
const STATEMENT_GENRE = /^(stellungnahme|positionspapier|positionierung)\b/iu;
/** Headlines of other genres: never a letterhead, never a publisher. */
export const GENRE_WORD = /^(\p{L}*protokoll|niederschrift|rede|ansprache|grußwort|laudatio|stellungnahme|positionspapier|einladung|handbuch|leitfaden|anleitung|notiz|notizen|bericht|vermerk|merkblatt|informationen?|hinweise?|tagesordnung|pressemitteilung|presseinformation)\b/iu;

/** „Pressemitteilung“ and its siblings as a label line of their own. */
export const PRESS_LABEL = /^(pressemitteilung|pressemeldung|presseinformation|presseerklärung|medieninformation|pressenotiz|pressedienst)\b(\s+(nr\.?|vom|des|der|\d).*)?[.:]?$/iu;
const PRESS_CONTACT = /^(pressekontakt|presse-?\s?kontakt|pressestelle|medienkontakt|ansprechpartner(in)?( für (die )?(presse|medien))?|kontakt( für (die )?(presse|medien))?|v\.\s?i\.\s?s\.\s?d\.\s?p\.?|herausgeber(in)?)\s*:?/iu;
const PROTOCOL_LINE = /^(tagesordnung|top\s*\d|tagesordnungspunkt|anwesend|abwesend|entschuldigt|teilnehmende|teilnehmer(innen)?|beginn|ende|sitzungsleitung|protokollführ\p{L}*|protokoll:|beschluss:|abstimmungsergebnis)\b/iu;
const LETTER_CLOSING = /^(mit freundlichen grüßen|mit besten grüßen|viele grüße|herzliche grüße|beste grüße)\b/imu;
const THANKS_CLOSING = /(vielen dank für ihre aufmerksamkeit|ich danke ihnen für ihre aufmerksamkeit|danke für ihre aufmerksamkeit|ich danke ihnen\.?$|vielen dank\.?$)/imu;
const INNER_VOCATIVE = /[.!?,]\s+(meine (sehr )?(verehrten |geehrten )?damen und herren|liebe kolleginnen und kollegen|liebe freundinnen und freunde)\b/iu;

const PREPOSITION = /^(für|zur|zum|in|im|am|an|auf|mit|von|vom|bei|beim|nach|über|unter|gegen|durch|ohne|um|aus|vor|seit|bis|ab)$/iu;

/** Words that, besides ORGANISATION_WORD, head the name of a body: parliaments and public institutions. */
const INSTITUTION_WORD = /(bundestag|bundesrat|parlament|bürgerschaft|abgeordnetenhaus|stadtverordnetenversammlung|rathaus|verwaltung|regierungspräsidium|polizei|feuerwehr|schule|bibliothek|bücherei|museum|theater|klinikum|krankenhaus|jobcenter|kreisverband|landesverband|ortsverband|bezirksverband)$/iu;

export interface GenreSignals {
  kind: DocumentKind;
  /** Codes of the signals that decided (for tests and the report). */
  signals: string[];
}

const paragraphsOf = (text: string): string[] =>
  text
    .split(/\n[ \t]*\n/u)
    .map((p) => p.trim())
    .filter(Boolean);

const firstLine = (p: string) => p.split('\n')[0]!.trim();

/** A line that names an organisation: short, no sentence, a head word of an organisation or public body. */
export function isOrganisationLine(line: string): boolean {
  const l = line.trim();
  if (l.length < 3 || l.length > 160 || GENRE_WORD.test(l) || PRESS_LABEL.test(l) || /[„“"»«]/u.test(l)) return false;
  if (/[.!?:]$/u.test(l.replace(/e\.\s?V\.$/u, 'eV'))) return false;
  if (!/^\p{Lu}/u.test(l) || /\b(ist|sind|wird|werden|hat|haben|war|gibt)\b/u.test(l)) return false;
  const words = l.split(/[\s,/]+/u).filter(Boolean);
  if (words.length > 14) return false;
  // The head noun of a name comes before its complements („Ministerium für Soziales“); an
  // organisation word after a preposition is a headline's complement („Spielplätze für die Nordstadt“).
  const prep = words.findIndex((w) => PREPOSITION.test(w));
  const name = words.slice(0, prep < 0 ? words.length : prep);
  const head = name.findIndex((w) => {
    const bare = w.replace(/[,;:()]/gu, '');
    return ORGANISATION_WORD.test(bare) || INSTITUTION_WORD.test(bare.replace(/-.*$/u, '')) || INSTITUTION_WORD.test(bare);
  });
  if (head < 0) return false;
  // A name is a noun phrase: after its head noun come only names, articles and „und“ until a
  // preposition. A lower-case word there is a verb or an adjective of a sentence — a headline
  // („Neues Zukunftsbündnis sieht …“, „Stadt Kassel lädt ein“), not a letterhead.
  return !name.slice(head + 1).some((w) => /^\p{Ll}/u.test(w) && !NAME_JOINER.test(w));
}

/** Lower-case words that still belong to a name between its head noun and a preposition. */
const NAME_JOINER = /^(und|der|die|das|des|den|dem|e\.\s?V\.?|eV|gGmbH|gmbH|mbH|e\.G\.?)$/u;

/** The header block of a forwarded or quoted e-mail inside a text: separator lines and header fields. */
const MAIL_HEADER = /^(-{3,}.*|_{5,}|={5,}|(von|from|gesendet|sent|an|to|cc|bcc|betreff|subject|datum|date|antwort an|reply-to|organisation|organization)\s*:.*|.*\b(forwarded message|weitergeleitete nachricht|ursprüngliche nachricht|original message)\b.*)$/iu;

/** A line that is part of a document's head but never its title: labels, datelines, dates, boilerplate, mail headers. */
export function isHeadFurniture(line: string): boolean {
  const l = line.trim();
  if (PRESS_LABEL.test(l) || SPEECH_BOILERPLATE.test(l)) return true;
  if (l.length < 300 && MAIL_HEADER.test(l)) return true;
  if (/^(nr\.?|nummer)\s*\d/iu.test(l) || /^(seite|page)\s+\d+/iu.test(l)) return true;
  // Only a date („12. März 2025“, „Wiesbaden, 12.03.2025“) or a field („Datum: …“, „Beginn: 19 Uhr“).
  if (l.length < 60 && parseDateline(l) && !/\p{L}{4,}.*\p{L}{4,}.*\p{L}{4,}/u.test(l.replace(/\b(januar|februar|märz|april|mai|juni|juli|august|september|oktober|november|dezember)\b/giu, ''))) return true;
  if (PROTOCOL_LINE.test(l) && /:/u.test(l) && l.length < 160) return true;
  return false;
}

function speechScore(paras: string[], title: string | null): { score: number; signals: string[] } {
  const signals: string[] = [];
  let score = 0;
  const head = paras.slice(0, 8);
  if (head.some((p) => p.split('\n').some((l) => /^[-–—(\s]*(es gilt das gesprochene wort|sperrfrist[^\n]*rede|redebeginn)/iu.test(l.trim())))) {
    score += 3;
    signals.push('spoken-word-notice');
  }
  if (title && SPEECH_GENRE.test(title.trim())) {
    score += 2;
    signals.push('speech-headline');
  }
  const opening = head.flatMap((p) => p.split('\n')).map((l) => l.trim());
  if (opening.some((l) => PARLIAMENT_ADDRESS.test(l))) {
    score += 2;
    signals.push('parliament-address');
  }
  // A salutation on a line of its own (ends with „,“ or „!“), as a speech is opened.
  const salutationLine = opening.find((l) => SALUTATION.test(l) && !/^(herr|frau) \p{Lu}\p{Ll}+ (ist|hat|wird|war|sagt)/u.test(l) && /[,!]$/u.test(l) && l.length < 220);
  if (salutationLine) {
    score += 1;
    signals.push('salutation-line');
    if (/!/u.test(salutationLine) || (salutationLine.match(/,|!/gu)?.length ?? 0) >= 2) {
      score += 1;
      signals.push('chained-address');
    }
  }
  const body = paras.slice(1).join('\n\n');
  if (INNER_VOCATIVE.test(body)) {
    score += 1;
    signals.push('inner-vocative');
  }
  if (THANKS_CLOSING.test(paras.slice(-2).join('\n'))) {
    score += 1;
    signals.push('thanks-closing');
  }
  if (LETTER_CLOSING.test(paras.slice(-4).join('\n'))) {
    score -= 3;
    signals.push('letter-closing');
  }
  return { score, signals };
}

/** A closing quotation mark followed by a verb of saying: „…“, sagte Stadträtin Roth. */
function reportsSpeech(text: string): boolean {
  const head = text.slice(0, 20_000);
  for (const m of head.matchAll(/[“”"«](,?)\s+(\p{Ll}+)(\s+\p{Lu})?/gu)) {
    const word = m[2]!;
    // „…“, so Ministerin X — the commonest attribution; a bare „so“ after a quote is not one.
    if (word === 'so') {
      if (m[1] && m[3]) return true;
      continue;
    }
    if (SPEECH_VERBS.has(word) && word !== 'ist' && word !== 'war') return true;
  }
  // Ministerin X ergänzte: „…“ — a verb of saying before a colon and a quote.
  for (const m of head.matchAll(/(\p{Ll}+):\s*[„"»]/gu)) if (SPEECH_VERBS.has(m[1]!)) return true;
  return false;
}

function pressScore(paras: string[]): { score: number; signals: string[] } {
  const signals: string[] = [];
  let score = 0;
  const head = paras.slice(0, 8);
  if (head.some((p) => p.split('\n').some((l) => PRESS_LABEL.test(l.trim()) || /^(pressemitteilung|presseinformation|pressemeldung)\s+(des|der|vom)\b/iu.test(l.trim())))) {
    score += 2;
    signals.push('press-label');
  }
  if (head.some((p) => parseDateline(firstLine(p)) && /^\p{Lu}[\p{L}. -]*,?\s*(den\s+)?\d{1,2}\.\s?(\d{1,2}\.|\s?\p{L}+)/u.test(firstLine(p)))) {
    score += 2;
    signals.push('dateline');
  }
  const tail = paras.slice(-6).flatMap((p) => p.split('\n')).map((l) => l.trim());
  if (tail.some((l) => PRESS_CONTACT.test(l))) {
    score += 1;
    signals.push('contact-block');
  }
  // Weaker signs, one point each: an organisation's letterhead, a date of issue in the head, and
  // reported speech („…“, sagte …) — together they make an organisation's release without a label.
  const headLines = head.slice(0, 4).flatMap((p) => p.split('\n')).map((l) => l.trim());
  if (headLines.slice(0, 2).some((l) => isOrganisationLine(l))) {
    score += 1;
    signals.push('letterhead');
  }
  if (!signals.includes('dateline') && headLines.some((l) => l.length < 60 && /^(datum|stand|veröffentlicht( am)?)?\s*:?\s*\d{1,2}\.\s?(\d{1,2}\.|\s?\p{L}+\s)\s?\d{2,4}$/iu.test(l))) {
    score += 1;
    signals.push('date-of-issue');
  }
  if (reportsSpeech(paras.slice(0, 30).join('\n'))) {
    score += 1;
    signals.push('reported-speech');
  }
  return { score, signals };
}

/**
 * The kind of a document from its text: a protocol's fields, a speech's salutation and address,
 * a statement's headline, a press release's label, dateline and contact block; anything else is a
 * note. A press release is never the default.
 */
export function classifyGenre(text: string, hints: { headline?: string | null } = {}): GenreSignals {
  const paras = paragraphsOf(text.slice(0, 200_000));
  const title = hints.headline ?? paras.map(firstLine).find((l) => !isHeadFurniture(l) && !isOrganisationLine(l)) ?? null;
  if (title && PROTOCOL_GENRE.test(title.trim())) return { kind: 'protocol', signals: ['protocol-headline'] };
  const protocolLines = paras.slice(0, 40).flatMap((p) => p.split('\n')).filter((l) => PROTOCOL_LINE.test(l.trim())).length;
  const speech = speechScore(paras, title);
  const press = pressScore(paras);
  if (protocolLines >= 3 && speech.score < 2 && press.score < 2) return { kind: 'protocol', signals: ['protocol-fields'] };
  if (speech.score >= 2 && speech.score >= press.score) return { kind: 'speech', signals: speech.signals };
  if (title && STATEMENT_GENRE.test(title.trim())) return { kind: 'statement', signals: ['statement-headline'] };
  if (press.score >= 2) return { kind: 'press_release', signals: press.signals };
  return { kind: 'note', signals: [] };
}

/**
 * Kinds whose text reports what other people said, so their quotes are worth extracting: a press
 * release and a statement quote their people, a protocol records who said what, and a note (the
 * neutral kind: articles, memos, minutes of a visit) reports speech as any text does. A speech is
 * one speaker's own words — the people it cites are not its speakers — and a Leitbild is a text
 * the team drafts itself: neither gets quotes.
 */
export const QUOTED_KINDS: ReadonlySet<DocumentKind> = new Set<DocumentKind>(['press_release', 'statement', 'protocol', 'note']);
