import { normalizeLine } from '../text/normalizeText';
import { ARTICLES, NOT_NAME_WORDS, PLURAL_SPEECH_VERB, roleHead, SPEECH_VERBS } from './germanLexicon';
import { isNameToken, parsePersonPhrase, PLACE_NOUN, type AnaphorRef, type Gender, type NamedRef, type PersonRef } from './personPhrase';
import { personKey, surnameOf } from './personName';
import { isCapitalised, isLower, tokenize, type Token } from './tokenize';

/**
 * Direct quotes of a German press text with speaker, role and organisation. Rules (one per
 * pattern of German reporting style, see tests/fixtures/press/annotations.json):
 *   after:     „…“, so X.  |  „…“, sagte Ministerin X.  |  „…“, betonte sie.  (verb-second after the quote)
 *   before:    X ergänzte: „…“  |  X betonte, „…“  |  Abschließend sagte X: „…“  |  X: „…“
 *   continued: „…“, sagte X. „…“  |  „…“, so X, „…“  |  a paragraph that only continues the quote
 *   anaphor:   „…“, so die Ministerin. / er / sie / der 63-Jährige → the last person named before with that role/gender
 *   variants:  „…,“ sagte X (comma inside the mark)  |  „…“, so X weiter, „…“  |  X, die …, freut sich: „…“
 *   embedded:  X warf der Regierung vor, „…“ (partial quote after a verb of saying; not after „das Programm“)
 *   interview: a paragraph „Name: answer“ without marks, after a question or with the label repeated
 * A quoted phrase without an attribution („Sozialer Zusammenhalt“ as a programme name) is not a quote.
 */

export interface ExtractedQuote {
  text: string;
  speaker: string | null;
  honorific: string | null;
  role: string | null;
  organisation: string | null;
  /** Order of the quote in the document, from 0. */
  position: number;
  /** Offsets of the quote's text (without marks) in the analysed text. */
  start: number;
  end: number;
  rule: 'after' | 'before' | 'continued' | 'embedded';
}

export interface QuoteOptions {
  /** Publisher line: a minister speaking in a ministry's release speaks for that ministry. */
  publisher?: string | null;
}

interface Span {
  para: number;
  open: number; // offset of the opening mark
  close: number; // offset after the closing mark (or paragraph end)
  textStart: number;
  textEnd: number;
  closed: boolean;
}

interface Person {
  key: string;
  name: string;
  surname: string;
  honorific: string | null;
  role: string | null;
  roleHead: string | null;
  organisation: string | null;
  gender: Gender;
}

interface Mention {
  person: Person;
  at: number;
}

const CLOSERS: Record<string, string[]> = {
  '„': ['“', '”', '"'],
  '»': ['«'],
  '«': ['»'],
  '“': ['”'],
  '"': ['"'],
};

function findSpans(text: string, paraStart: number, para: number): Span[] {
  const spans: Span[] = [];
  let i = 0;
  const s = text;
  while (i < s.length) {
    const c = s[i]!;
    const prev = i > 0 ? s[i - 1]! : ' ';
    const next = s[i + 1] ?? '';
    const opens =
      CLOSERS[c] !== undefined &&
      /[\s(\-–—:/]|^$/u.test(prev) &&
      next !== '' &&
      !/\s/u.test(next) &&
      // A German closing mark is never an opener in a text that uses „ …
      !(c === '“' && s.includes('„'));
    if (!opens) {
      i++;
      continue;
    }
    const closers = CLOSERS[c]!;
    let j = i + 1;
    for (; j < s.length; j++) {
      const d = s[j]!;
      if (closers.includes(d)) {
        // A straight quote closes only before a non-letter.
        if (d === '"' && /\p{L}/u.test(s[j + 1] ?? '')) continue;
        break;
      }
    }
    if (j >= s.length) {
      spans.push({ para, open: paraStart + i, close: paraStart + s.length, textStart: paraStart + i + 1, textEnd: paraStart + s.length, closed: false });
      break;
    }
    spans.push({ para, open: paraStart + i, close: paraStart + j + 1, textStart: paraStart + i + 1, textEnd: paraStart + j, closed: true });
    i = j + 1;
  }
  return spans;
}

/** Offsets of paragraphs (blocks separated by a blank line). */
export function paragraphs(text: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const re = /\n[ \t]*\n/g;
  let start = 0;
  for (const m of text.matchAll(re)) {
    if (m.index > start) out.push({ start, end: m.index });
    start = m.index + m[0].length;
  }
  if (start < text.length) out.push({ start, end: text.length });
  return out.filter((p) => text.slice(p.start, p.end).trim().length > 0);
}

const SENTENCE_END = new Set(['.', '!', '?']);

/**
 * Verbs that frame a partial quote inside the sentence: „X sprach von einem „…““, „X warf der
 * Regierung vor, „…““, „X nannte den Plan „…““.
 */
const EMBEDDING_VERB =
  /^(nannte|nennt|bezeichnete|bezeichnet|sprach|spricht|lobte|lobt|kritisierte|kritisiert|warnte|warnt|forderte|fordert|warf|wirft|mahnte|mahnt|verlangte|verlangt|beklagte|beklagt|bemängelte|bemängelt|beschrieb|beschreibt|versprach|verspricht|kündigte|kündigt|betonte|betont|erklärte|erklärt|sagte|sagt)$/u;
const ANY_QUOTE_MARK = /^[„“”"»«]$/u;
const NAMING_NOUN =
  /(programms?|programmes|mottos?|titels?|projekts?|projektes|initiative|kampagne|slogans?|aktion|reihe|wettbewerbs?|leitbilds?|preis(es)?|fonds|bündnis(ses)?|namens?|stichworts?|überschrift|motiv|label|siegels?|gesetz(es)?|strategie|konzepts?|plans?|pakts?|offensive)$/iu;
const RELATIVE_PRONOUN = /^(der|die|das|den|dem|deren|dessen|welche|welcher|welches|wo)$/u;
/** Adverbs that may end an attribution clause before the quote resumes: „…“, so X weiter, „…“. */
const CLAUSE_ADVERB = /^(weiter|abschließend|außerdem|zudem|ergänzend|noch|heute|gestern|dazu|ebenfalls|auch)$/u;

/** Index of the first token of the sentence that contains token `idx`. */
function sentenceStart(toks: Token[], idx: number): number {
  for (let i = idx - 1; i > 0; i--) {
    const t = toks[i]!.text;
    const prev = toks[i - 1]!.text;
    const next = toks[i + 1]?.text ?? '';
    if (SENTENCE_END.has(t) && (isCapitalised(next) || /^[„»«"]$/u.test(next))) return i + 1;
    if (/^[“”«»"]$/u.test(t) && SENTENCE_END.has(prev) && isCapitalised(next) && i + 1 <= idx) return i + 1;
  }
  return 0;
}

class Registry {
  people: Person[] = [];
  mentions: Mention[] = [];

  constructor(private readonly text: string) {}

  /** „Becker“ alone, first named „Klaus Becker“ earlier in a sentence without a role. */
  private fullNameBefore(surname: string, at: number): string | null {
    const re = new RegExp(`(\\p{Lu}[\\p{Ll}'’-]+(?:-\\p{Lu}[\\p{Ll}]+)?)\\s+${surname.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}\\b`, 'gu');
    let found: string | null = null;
    for (const m of this.text.slice(0, at).matchAll(re)) {
      if (isNameToken(m[1]!)) found = `${m[1]} ${surname}`;
    }
    return found;
  }

  isKnownSurname = (word: string): boolean => this.people.some((p) => p.surname === word);

  /** Adds or updates a person for a named reference and records the mention. */
  note(ref: NamedRef, at: number): Person {
    const key = personKey(ref.name);
    let person = this.people.find((p) => p.key === key);
    if (!person && ref.surnameOnly) person = [...this.people].reverse().find((p) => p.surname === ref.name);
    if (!person && !ref.surnameOnly) {
      // A full name for someone named before by surname only.
      person = this.people.find((p) => p.key === p.surname.toLowerCase() && p.surname === surnameOf(ref.name));
      if (person) {
        person.key = key;
        person.name = ref.name;
      }
    }
    if (!person && ref.surnameOnly) {
      const full = this.fullNameBefore(ref.name, at);
      if (full) return this.note({ ...ref, name: full, surnameOnly: false }, at);
    }
    if (!person) {
      person = {
        key,
        name: ref.name,
        surname: surnameOf(ref.name),
        honorific: null,
        role: null,
        roleHead: null,
        organisation: null,
        gender: null,
      };
      this.people.push(person);
    }
    person.honorific = ref.honorific ?? person.honorific;
    if (ref.role) {
      person.role = ref.role;
      person.roleHead = ref.roleHead;
    }
    person.organisation = ref.organisation ?? person.organisation;
    person.gender = ref.gender ?? person.gender;
    this.mentions.push({ person, at });
    return person;
  }

  /** The last person named before `at` who fits „die Ministerin“ / „er“ / „sie“. */
  resolve(ref: AnaphorRef, at: number): Person | null {
    const before = this.mentions.filter((m) => m.at < at).sort((a, b) => b.at - a.at);
    const fits = (p: Person, strictGender: boolean) =>
      (ref.roleHead === null || p.roleHead === ref.roleHead || (p.role ?? '').toLowerCase().includes(ref.roleHead)) &&
      (ref.gender === null || p.gender === ref.gender || (!strictGender && p.gender === null));
    return before.find((m) => fits(m.person, true))?.person ?? before.find((m) => fits(m.person, false))?.person ?? null;
  }
}

function stemPrefix(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  let n = 0;
  while (n < x.length && n < y.length && x[n] === y[n]) n++;
  return n >= 4;
}

/**
 * A role without a named organisation speaks for the publisher when the publisher is the body
 * the role belongs to: the minister whose portfolio the ministry's name covers
 * („Wohnungsbauminister“ ↔ „Ministerium für … Wohnen …“), a mayor or councillor of the city
 * that publishes, a spokesperson of the publisher.
 */
export function impliedOrganisation(role: string | null, head: string | null, publisher: string | null | undefined): string | null {
  if (!role || !publisher) return null;
  const pub = publisher.trim();
  const h = head ?? roleHead(role.split(' ').pop() ?? '')?.head ?? null;
  if (!h) return null;
  const pubWords = pub.split(/[\s,]+/u).filter((x) => /^\p{L}{4,}$/u.test(x) && !/^(ministerium|bundesministerium|ministeriums|und|für)$/iu.test(x) && !/isch(e|es|er)?$/u.test(x));
  const ministry = /ministerium|staatskanzlei|senatsverwaltung/iu.test(pub);
  const city = /^(stadt|magistrat|landeshauptstadt|gemeinde|universitätsstadt|wissenschaftsstadt|kreisstadt|landkreis|kreis)\b/iu.test(pub);
  // A state secretary is an office inside a ministry: in a ministry's release, of that ministry.
  if (h === 'staatssekretär' && ministry) return pub;
  if (h === 'minister' && ministry) {
    const words = role.split(/\s+/u);
    const portfolio: string[] = [];
    const compound = words.find((x) => x.toLowerCase().includes(h));
    if (compound) {
      let prefix = compound.slice(0, compound.toLowerCase().indexOf(h)).replace(/s$/u, '');
      prefix = prefix.replace(/^(bundes|landes|staats)/iu, '') || prefix;
      if (prefix.length >= 3) portfolio.push(prefix);
    }
    const fuer = words.indexOf('für');
    if (fuer >= 0) portfolio.push(...words.slice(fuer + 1).filter((x) => /^\p{Lu}/u.test(x)));
    const related = (p: string, q: string) => stemPrefix(p, q) || q.toLowerCase().startsWith(p.toLowerCase());
    if (portfolio.some((p) => pubWords.some((q) => related(p, q)))) return pub;
    return null;
  }
  if (/^(bürgermeister|dezernent|stadtrat|beigeordnete|beigeordneter|kämmerer)$/u.test(h) && /^(stadt|magistrat|landeshauptstadt|gemeinde|universitätsstadt|wissenschaftsstadt|kreisstadt)\b/iu.test(pub)) return pub;
  if (h === 'landrat' && /(landkreis|kreis)\b/iu.test(pub)) return pub;
  // Office-holders of the body that publishes (its director, board, spokesperson) speak for it;
  // in releases of a ministry or a city these titles may belong to guests, so not there.
  if (/^(leiter|geschäftsführer|vorstand|vorsitzende|vorsitzender|direktor|sprecher|abteilungsleiter|manager)$/u.test(h) && !ministry && !city) return pub;
  return null;
}

/**
 * A definite description refers back to a name given before: „Geschäftsführer des Instituts“
 * after „vom Institut für Sozialforschung und Gesellschaftspolitik“ → the full name.
 */
function namedEarlier(organisation: string, before: string): string {
  if (!/^\p{Lu}[\p{L}-]+$/u.test(organisation)) return organisation;
  const esc = organisation.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
  // „der Fraktion“ after „die SPD-Fraktion im Landtag …“: the compound's modifier belongs to the name.
  const re = new RegExp(
    `(?<![\\p{L}-])((?:[\\p{L}\\d]+-)?${esc})(?![\\p{L}])(?:\\s+(?:(für|der|des|zur|zum|am|im)\\s+)?(\\p{Lu}[\\p{L}-]*)(?:\\s+(?:und\\s+|für\\s+)?\\p{Lu}[\\p{L}-]*)*)?`,
    'gu',
  );
  let last: string | null = null;
  for (const m of before.matchAll(re)) {
    // A complement that only locates the body („das Jugendzentrum im Stadtteil Lamboy“, „der
    // Mieterbeirat der Siedlung …“) is a description, not part of its name.
    const located = m[3] !== undefined && m[2] !== undefined && PLACE_NOUN.test(m[3]);
    const full = m[3] !== undefined && !located ? m[0] : m[1]!;
    // The latest description wins; a bare mention („das Institut“) neither names nor locates.
    if (located) last = null;
    else if (full !== organisation) last = full;
  }
  return last ?? organisation;
}

interface Attribution {
  ref: PersonRef;
  /** Token index where the attribution clause ends (for continuation). */
  end: number;
  rule: ExtractedQuote['rule'];
}

export function extractQuotes(text: string, options: QuoteOptions = {}): ExtractedQuote[] {
  const paras = paragraphs(text);
  // Normalise line breaks inside paragraphs to spaces for analysis; offsets stay the same.
  const flat = text.replace(/\n/g, ' ');
  const reg = new Registry(flat);
  const paraTokens = paras.map((p) => tokenize(flat.slice(p.start, p.end), p.start));
  const paraSpans = paras.map((p, i) => findSpans(flat.slice(p.start, p.end), p.start, i));

  // 1. Mentions outside quotes: „Sozialministerin Heike Hofmann“, „Der Minister für …, Kaweh Mansoori“.
  paras.forEach((_, pi) => {
    const toks = paraTokens[pi]!;
    const spans = paraSpans[pi]!;
    const inQuote = (t: Token) => spans.some((s) => t.start >= s.textStart && t.end <= s.textEnd);
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i]!;
      if (inQuote(t) || !isCapitalised(t.text)) continue;
      const startsRef = roleHead(t.text) || /^(dr\.|prof\.|herr|frau)$/iu.test(t.text);
      const atSentenceStart = i === 0 || SENTENCE_END.has(toks[i - 1]!.text) || toks[i - 1]!.text === ',' || toks[i - 1]!.text === 'und';
      // A full name introduced as a predicate or an example: „Einer von ihnen ist Erwin Bader, der …“,
      // „Ehrenamtliche wie Klaus Becker“.
      // The relative clause („, der seit 40 Jahren …“) marks a person and gives the gender; a place
      // („Austragungsort ist Bad Vilbel, das …“) takes „das“.
      const introduced = i > 0 && /^(ist|war|heißt|wie)$/u.test(toks[i - 1]!.text) && isNameToken(t.text) && isNameToken(toks[i + 1]?.text ?? '');
      if (introduced) {
        const parsed = parsePersonPhrase(toks, i, reg, flat);
        const rel = parsed && toks[parsed.end]?.text === ',' ? toks[parsed.end + 1]?.text : undefined;
        if (parsed && parsed.ref.kind === 'named' && !parsed.ref.surnameOnly && (rel === 'der' || rel === 'die')) {
          const gender = parsed.ref.gender ?? (rel === 'der' ? 'm' : rel === 'die' ? 'f' : null);
          reg.note({ ...parsed.ref, gender }, t.start);
          i = Math.max(i, parsed.end - 1);
          continue;
        }
      }
      if (!startsRef && !atSentenceStart) continue;
      let from = i;
      if (i > 0 && ARTICLES.has(toks[i - 1]!.text.toLowerCase()) && startsRef) from = i - 1;
      const parsed = parsePersonPhrase(toks, from, reg, flat);
      if (parsed && parsed.ref.kind === 'named' && (startsRef || !parsed.ref.surnameOnly)) {
        if (!startsRef && atSentenceStart && !(parsed.ref.role || isLower(toks[parsed.end]?.text))) continue;
        reg.note(parsed.ref, t.start);
        i = Math.max(i, parsed.end - 1);
      }
    }
  });
  // Later mentions by surname alone („Fröhlich kündigte an“, „Von der Heide berichtete“) make that
  // person the most recent one for „er“/„sie“.
  for (const person of [...reg.people]) {
    const sur = person.surname;
    if (sur.length < 3) continue;
    const pattern = new RegExp(`(?<![\\p{L}])${sur.charAt(0)}${sur.slice(1).replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}(?![\\p{L}])`, 'giu');
    for (const m of flat.matchAll(pattern)) {
      const at = m.index;
      if (m[0].charAt(0) !== sur.charAt(0) && m[0].charAt(0) !== sur.charAt(0).toUpperCase()) continue;
      if (m[0].slice(1) !== sur.slice(1)) continue;
      const inQuote = paraSpans.some((spans) => spans.some((sp) => at >= sp.textStart && at < sp.textEnd));
      if (!inQuote && !reg.mentions.some((x) => x.person === person && Math.abs(x.at - at) < 60)) reg.mentions.push({ person, at });
    }
  }
  // Interview form without quotation marks: „Frau Pohl, warum …?“ / „Pohl: Viele Gebäude …“. The
  // answer paragraph starts with the name of someone introduced before and a colon; it counts as
  // the interviewee's words inside an interview (after a question, or with the label repeated).
  const labelOf = (pi: number): string | null => {
    const m = /^(?:(?:Frau|Herr|Dr\.|Prof\.)\s+)*(\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,2}):\s+(?=[\p{Lu}\d])/u.exec(flat.slice(paras[pi]!.start, paras[pi]!.end));
    if (!m) return null;
    const name = m[1]!;
    const known = reg.people.some((p) => p.surname === name || p.name === name);
    return known ? m[0] : null;
  };
  paras.forEach((p, pi) => {
    if (paraSpans[pi]!.length > 0) return;
    const label = labelOf(pi);
    if (!label) return;
    const prevText = pi > 0 ? flat.slice(paras[pi - 1]!.start, paras[pi - 1]!.end).trim() : '';
    const repeated = paras.some((_, qi) => qi !== pi && labelOf(qi) === label);
    if (!prevText.endsWith('?') && !repeated) return;
    const textStart = p.start + label.length;
    paraSpans[pi]!.push({ para: pi, open: textStart, close: p.end, textStart, textEnd: p.end, closed: true });
  });

  // Mentions are re-collected in text order while attributing, so anaphora see only what came before.
  const preMentions = reg.mentions;
  reg.mentions = [];
  const mentionQueue = [...preMentions].sort((a, b) => a.at - b.at);
  const flushMentions = (upTo: number) => {
    while (mentionQueue.length && mentionQueue[0]!.at < upTo) reg.mentions.push(mentionQueue.shift()!);
  };

  const quotes: (ExtractedQuote & { endTok: number; para: number; person: Person | null; closed: boolean; attrEnd: number })[] = [];

  const resolve = (ref: PersonRef, at: number): Person | null => {
    if (ref.kind === 'named') return reg.note(ref, at);
    return reg.resolve(ref, at);
  };

  // An unclosed quote without attribution yet; joined with its continuation in the next paragraph.
  let pending: { text: string; start: number; para: number } | null = null;

  for (let pi = 0; pi < paras.length; pi++) {
    const toks = paraTokens[pi]!;
    const spans = paraSpans[pi]!;
    const idxOfOffset = (off: number) => toks.findIndex((t) => t.start >= off);
    for (const span of spans) {
      flushMentions(span.open);
      let inner = normalizeLine(flat.slice(span.textStart, span.textEnd));
      // „…,“ sagte X – the comma of the attribution written inside the closing mark.
      const commaInside = span.closed && /,$/u.test(inner);
      if (commaInside) inner = inner.slice(0, -1).trimEnd();
      let textStart = span.textStart;
      if (pending && pending.para === pi - 1 && span.open === paras[pi]!.start) {
        inner = `${pending.text}\n\n${inner}`;
        textStart = pending.start;
      }
      pending = null;
      const words = inner.split(' ').filter((x) => /\p{L}/u.test(x)).length;
      const openTok = idxOfOffset(span.open);
      const closeTok = span.closed ? idxOfOffset(span.close - 1) : toks.length;
      let attr: Attribution | null = null;

      // A clause „…“, sagten die beiden attributes the quote, even when not to one person.
      const commaAt = commaInside ? closeTok : closeTok + 1;
      const ownClause =
        span.closed && (commaInside || toks[closeTok + 1]?.text === ',') && (isLower(toks[commaAt + 1]?.text) || /^so$/iu.test(toks[commaAt + 1]?.text ?? ''));
      // after: „…“, so X  /  „…“, sagte X  /  „…?“ So X.
      if (span.closed) {
        let a = closeTok + 1;
        const endsSentence = /[.!?]$/u.test(inner);
        // With the comma inside the mark („…,“ sagte X) the verb follows the mark directly.
        if (!commaInside) {
          if (toks[a]?.text === ',') a++;
          else if (!(endsSentence && /^so$/iu.test(toks[a]?.text ?? ''))) a = -1;
        }
        if (a > 0) {
          const verb = toks[a]?.text ?? '';
          if (isLower(verb) || /^so$/iu.test(verb)) {
            // A plural verb („sagten die beiden“) names a group: no single speaker.
            if (!PLURAL_SPEECH_VERB.test(verb) && (SPEECH_VERBS.has(verb.toLowerCase()) || /^\p{Ll}+(te|t)$/u.test(verb) || verb === 'so')) {
              let b = a + 1;
              if (toks[b]?.text === 'sich') b++;
              for (let skip = 0; skip < 3 && b < toks.length; skip++) {
                const p = parsePersonPhrase(toks, b, reg, flat);
                if (p) {
                  attr = { ref: p.ref, end: p.end, rule: 'after' };
                  break;
                }
                // Verb second after the quote: a lone proper name right after the verb is the
                // subject („„…“, sagt Becker und lacht.“).
                const lone = toks[b]!.text;
                const follow = toks[b + 1]?.text ?? '.';
                if (skip === 0 && isNameToken(lone) && (SENTENCE_END.has(follow) || follow === ',' || isLower(follow))) {
                  attr = {
                    ref: { kind: 'named', name: lone, honorific: null, role: null, roleHead: null, organisation: null, gender: null, surnameOnly: true },
                    end: b + 1,
                    rule: 'after',
                  };
                  break;
                }
                const t = toks[b]!.text;
                // skip adverbs: „sagte gestern Ministerin X“, „so abschließend X“
                if (!isLower(t) || ARTICLES.has(t) || t === 'er' || t === 'sie') break;
                b++;
              }
            }
          }
        }
      }

      // before: lead-in of the sentence ending with „:“ or a verb of saying plus „,“.
      if (!attr) {
        const prevQuote = quotes.length && quotes[quotes.length - 1]!.para === pi ? quotes[quotes.length - 1]! : null;
        let from = sentenceStart(toks, openTok);
        if (prevQuote && prevQuote.endTok + 1 > from) from = prevQuote.attrEnd > prevQuote.endTok ? prevQuote.attrEnd : prevQuote.endTok + 1;
        const lead = toks.slice(from, openTok);
        const last = lead[lead.length - 1]?.text;
        const beforeLast = lead[lead.length - 2]?.text ?? '';
        const colon = last === ':';
        const commaAfterVerb = last === ',' && (SPEECH_VERBS.has(beforeLast) || /^(hinzu|fest|klar|an|hervor)$/u.test(beforeLast));
        // „das Programm „Wachstum und nachhaltige Erneuerung““: a quoted name after a naming noun.
        const naming = toks[openTok - 1]?.text ?? '';
        const named = isCapitalised(naming) && NAMING_NOUN.test(naming);
        const embedded =
          !colon && !commaAfterVerb && words >= 3 && !named &&
          lead.some((t) => EMBEDDING_VERB.test(t.text));
        if (colon || commaAfterVerb || embedded) {
          const leadToks = toks.slice(0, openTok);
          const end = colon || commaAfterVerb ? openTok - 1 : openTok;
          let found: PersonRef | null = null;
          // Subject first (V2: subject, verb …), then after the verb (adverb, verb, subject …).
          let s = from;
          for (let skip = 0; skip < 2 && s < end && !found; skip++) {
            const p = parsePersonPhrase(leadToks, s, reg, flat);
            if (p && p.end <= end) {
              const nextTok = leadToks[p.end]?.text;
              if (p.end === end || isLower(nextTok) || nextTok === ',' || nextTok === ':') found = p.ref;
            }
            const t = leadToks[s]?.text ?? '';
            if (found || !(NOT_NAME_WORDS.has(t.toLowerCase()) && !ARTICLES.has(t.toLowerCase()) && t !== 'er' && t !== 'sie')) break;
            s++;
          }
          // Verb second: when the prefield is a noun phrase (article first: „Ein Sprecher … nannte
          // sie …“) it is the subject, and a pronoun after the verb is an object.
          const prefieldIsSubject = ARTICLES.has((leadToks[from]?.text ?? '').toLowerCase());
          if (!found && !prefieldIsSubject) {
            const v = leadToks.findIndex((t, idx) => idx >= from && idx < end && SPEECH_VERBS.has(t.text) && t.text !== 'so');
            if (v >= 0) {
              for (let b = v + 1; b < end && b < v + 4 && !found; b++) {
                const p = parsePersonPhrase(leadToks, b, reg, flat);
                if (p && p.end <= end) found = p.ref;
                else if (!isLower(leadToks[b]!.text) || ARTICLES.has(leadToks[b]!.text)) break;
              }
            }
          }
          if (!found && colon) {
            // „Der 84-jährige Stammgast Herbert Lindner brachte es auf den Punkt:“ – the first full name.
            // A noun before a name is an apposition („Stammgast Herbert Lindner“): first name and
            // surname are the last two words of the capitalised run before the verb.
            for (let b = from; b < end && !found; b++) {
              if (!isNameToken(leadToks[b]!.text) || !isNameToken(leadToks[b + 1]?.text ?? '')) continue;
              let runEnd = b;
              while (runEnd < end && isNameToken(leadToks[runEnd]!.text)) runEnd++;
              // A relative clause may stand between subject and verb: „Die 16-jährige Leonie Aksu,
              // die an allen Werkstätten teilgenommen hat, freut sich:“.
              let verbAt = runEnd;
              if (leadToks[runEnd]?.text === ',' && RELATIVE_PRONOUN.test(leadToks[runEnd + 1]?.text ?? '')) {
                const close = leadToks.findIndex((t, idx) => idx > runEnd + 1 && idx < end && t.text === ',');
                if (close > 0) verbAt = close + 1;
              }
              if (verbAt < end && !isLower(leadToks[verbAt]!.text)) {
                b = runEnd;
                continue;
              }
              const p = parsePersonPhrase(leadToks, runEnd - 2, reg, flat);
              if (p && p.ref.kind === 'named' && !p.ref.surnameOnly && (p.end <= end || verbAt > runEnd)) {
                found = p.ref;
                // Close apposition: „der 84-jährige Stammgast Herbert Lindner“ – a noun after a
                // determiner or adjective and before first name and surname names the role.
                const before = leadToks[b - 1]?.text ?? '';
                if (!found.role && runEnd - b === 3 && (isLower(before) || ARTICLES.has(before.toLowerCase()))) found = { ...found, role: leadToks[b]!.text };
              }
              b = runEnd;
            }
          }
          if (!found && colon && end - from === 1) {
            // Interview form: „Hofmann: „…““
            const p = parsePersonPhrase(leadToks, from, reg, flat);
            if (p && p.ref.kind === 'named' && (reg.isKnownSurname(p.ref.name) || !p.ref.surnameOnly)) found = p.ref;
          }
          if (found) attr = { ref: found, end: openTok, rule: embedded ? 'embedded' : 'before' };
        }
      }

      let person: Person | null = null;
      let role: string | null = null;
      let organisation: string | null = null;
      let rule: ExtractedQuote['rule'] | null = attr?.rule ?? null;
      if (attr) {
        person = resolve(attr.ref, span.open);
        if (attr.ref.kind === 'named') {
          role = attr.ref.role;
          organisation = attr.ref.organisation;
        }
      }

      // continued: the quote follows the previous one directly (same sentence chain or next paragraph).
      const prev = quotes[quotes.length - 1];
      if (!person && !ownClause && prev && prev.person) {
        const between = toks.slice(Math.max(prev.attrEnd, prev.endTok + 1), openTok);
        // After „…“, sagte X bei der Vorstellung. „…“ the rest of the attribution sentence may
        // stand between the two quotes, but no further sentence.
        const sentenceEnds = between.filter((t) => SENTENCE_END.has(t.text)).length;
        const sameParaDirect =
          prev.para === pi &&
          (between.every((t) => /^[.,;:!?–—-]$/u.test(t.text)) ||
            (prev.rule === 'after' && sentenceEnds === 1 && SENTENCE_END.has(between[between.length - 1]?.text ?? '') && !between.some((t) => ANY_QUOTE_MARK.test(t.text))) ||
            // „…“, so die Landrätin weiter, „…“: the same sentence resumes the quote.
            (prev.rule === 'after' && between.length > 0 && between[between.length - 1]!.text === ',' && between.slice(0, -1).every((t) => CLAUSE_ADVERB.test(t.text))));
        const nextParaDirect =
          prev.para === pi - 1 &&
          openTok === 0 &&
          (() => {
            const pt = paraTokens[pi - 1]!;
            const tail = pt.slice(Math.max(prev.attrEnd, prev.endTok + 1));
            return !prev.closed || tail.every((t) => /^[.,;:!?–—-]$/u.test(t.text));
          })();
        if (sameParaDirect || nextParaDirect) {
          // Only continue when this quote has no attribution of its own after it.
          person = prev.person;
          rule = 'continued';
          if (!prev.closed && nextParaDirect) {
            // One quote over several paragraphs: extend the previous one.
            prev.text = `${prev.text}\n\n${inner}`;
            prev.end = span.textEnd;
            prev.endTok = closeTok;
            prev.closed = span.closed;
            prev.attrEnd = closeTok + 1;
            prev.para = pi;
            continue;
          }
        }
      }

      if (!person || !rule) {
        if (!span.closed) pending = { text: inner, start: textStart, para: pi };
        continue;
      }
      if (words < 2 && rule !== 'after') continue;
      role = role ?? person.role;
      organisation = organisation ?? person.organisation ?? impliedOrganisation(role, person.roleHead, options.publisher);
      if (organisation) organisation = namedEarlier(organisation, flat.slice(0, span.open));
      const honorific = person.honorific;
      const attrEnd = attr && attr.rule === 'after' ? attr.end : closeTok + 1;
      quotes.push({
        text: inner,
        speaker: person.name,
        honorific,
        role,
        organisation,
        position: quotes.length,
        start: textStart,
        end: span.textEnd,
        rule,
        endTok: closeTok,
        para: pi,
        person,
        closed: span.closed,
        attrEnd,
      });
      // An unclosed quote whose attribution comes in the next paragraph's end is handled above.
      if (!span.closed) quotes[quotes.length - 1]!.attrEnd = toks.length;
    }
  }
  return quotes.map((q, i) => ({
    text: q.text,
    speaker: q.person?.name ?? q.speaker,
    honorific: q.person?.honorific ?? q.honorific,
    role: q.role,
    organisation: q.organisation,
    position: i,
    start: q.start,
    end: q.end,
    rule: q.rule,
  }));
}
