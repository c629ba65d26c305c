/**
 * Step 3 of quote extraction: attribution rules, one per pattern of German reporting style. Each
 * rule looks at one quote span and returns who said it (a named or an anaphoric reference) or
 * null; `extractQuotes` tries them in order. Every rule looks only at a bounded neighbourhood of
 * the span (the sentence around it, the previous sentence or paragraph).
 *
 *   after:     „…“, so X.  |  „…“, sagte Ministerin X.  |  „…“, betonte sie.  |  „…,“ sagte X
 *   before:    X ergänzte: „…“  |  X betonte, „…“  |  Abschließend sagte X: „…“  |  X: „…“
 *   embedded:  X warf der Regierung vor, „…“ (a partial quote after a verb of saying)
 *   colonLine: „Vorname Name, Sprecher für … der …-Fraktion:“ ⏎ „…“ (quote in the next paragraph)
 *   previousSentence: „Die Senatorin ging auch auf … ein. „…““ (a sentence about the speaker, no verb of saying)
 *   continued: „…“, sagte X. „…“  |  „…“, so X, „…“  |  a paragraph that only continues the quote
 *   interview: „Pohl: Viele Gebäude …“ without marks, after a question (see interview.ts)
 */
import {
  ARTICLES,
  EMBEDDING_VERB,
  NAMING_NOUN,
  NOT_A_VERB,
  NOT_NAME_WORDS,
  PLURAL_SPEECH_VERB,
  RELATIVE_PRONOUN,
  REPORTED_SPEECH_VERB,
  roleHead,
  SPEECH_VERBS,
} from '../germanLexicon';
import { isNameToken, parsePersonPhrase, type NameContext, type PersonRef } from '../personPhrase';
import { isCapitalised, isLower, type Token } from '../tokenize';
import type { QuoteSpan } from './spans';
import { sentenceStart, tokenAt, type QuoteText } from './text';

export type RuleName = 'after' | 'before' | 'embedded' | 'colonLine' | 'previousSentence' | 'continued' | 'interview';

export interface Attribution {
  ref: PersonRef;
  /** Token index (in the span's paragraph) where the attribution clause ends (for continuation). */
  end: number;
  rule: RuleName;
}

/** A span with its token positions in its paragraph. */
export interface SpanAt {
  span: QuoteSpan;
  toks: Token[];
  openTok: number;
  /** Index of the closing mark (tokens.length for an open span). */
  closeTok: number;
  /** „…,“ sagte X: the attribution's comma inside the closing mark. */
  commaInside: boolean;
  /** Words in the quote. */
  words: number;
}

export function spanAt(doc: QuoteText, span: QuoteSpan, text: string): SpanAt {
  const toks = doc.toks[span.para]!;
  const openTok = tokenAt(toks, span.open);
  const closeTok = span.closed ? tokenAt(toks, span.close - 1) : toks.length;
  return { span, toks, openTok, closeTok, commaInside: span.closed && /,$/u.test(text), words: text.split(' ').filter((x) => /\p{L}/u.test(x)).length };
}

const SENTENCE_END = new Set(['.', '!', '?']);
const DASH = /^[–—-]$/u;
const isSo = (t: string | undefined) => /^so$/iu.test(t ?? '');
const pronoun = (t: string) => t === 'er' || t === 'sie';


/** A clause „…“, sagten die beiden / „…“, so X attributes the quote (even when not to one person). */
export function hasOwnClause(s: SpanAt): boolean {
  if (!s.span.closed) return false;
  const commaAt = s.commaInside ? s.closeTok : s.closeTok + 1;
  if (!s.commaInside && s.toks[s.closeTok + 1]?.text !== ',' && !DASH.test(s.toks[s.closeTok + 1]?.text ?? '')) return false;
  const next = s.toks[commaAt + 1]?.text;
  return isLower(next) || isSo(next);
}

/** after: „…“, so X  /  „…“, sagte X  /  „…?“ So X.  /  „…,“ sagte X. Verb second after the quote. */
export function attributeAfter(s: SpanAt, ctx: NameContext, flat: string, inner: string): Attribution | null {
  if (!s.span.closed) return null;
  const { toks } = s;
  let a = s.closeTok + 1;
  const endsSentence = /[.!?]$/u.test(inner);
  if (!s.commaInside) {
    // „…“, sagte X  /  „…“ – so X  /  „…?“ So X.  /  „…“ Das sagte X.
    if (toks[a]?.text === ',' || DASH.test(toks[a]?.text ?? '')) a++;
    else if (endsSentence && /^(das|dies)$/iu.test(toks[a]?.text ?? '') && SPEECH_VERBS.has(toks[a + 1]?.text ?? '')) a++;
    else if (!(endsSentence && isSo(toks[a]?.text))) return null;
  }
  const verb = toks[a]?.text ?? '';
  if (!(isLower(verb) || isSo(verb))) return null;
  // A plural verb („sagten die beiden“) names a group: no single speaker.
  if (PLURAL_SPEECH_VERB.test(verb)) return null;
  if (!(SPEECH_VERBS.has(verb.toLowerCase()) || /^\p{Ll}+(te|t)$/u.test(verb))) return null;
  let b = a + 1;
  if (toks[b]?.text === 'sich') b++;
  for (let skip = 0; skip < 3 && b < toks.length; skip++) {
    const p = parsePersonPhrase(toks, b, ctx, flat);
    if (p) return { ref: p.ref, end: p.end, rule: 'after' };
    // A lone proper name right after the verb is the subject („„…“, sagt Becker und lacht.“).
    const lone = toks[b]!.text;
    const follow = toks[b + 1]?.text ?? '.';
    if (skip === 0 && isNameToken(lone) && (SENTENCE_END.has(follow) || follow === ',' || isLower(follow))) {
      return {
        ref: { kind: 'named', name: lone, honorific: null, role: null, roleHead: null, organisation: null, gender: null, surnameOnly: true },
        end: b + 1,
        rule: 'after',
      };
    }
    // skip adverbs: „sagte gestern Ministerin X“, „so abschließend X“
    if (!isLower(lone) || ARTICLES.has(lone) || pronoun(lone)) break;
    b++;
  }
  return null;
}

/**
 * The speaker in a lead-in `toks[from, end)` before a quote: the subject first (verb second:
 * subject, verb …), then a subject after the verb (adverb, verb, subject …), then – before a
 * colon – the first full name of a capitalised run („Der 84-jährige Stammgast Herbert Lindner
 * brachte es auf den Punkt:“), then a bare label („Hofmann:“).
 */
export function speakerOfLead(toks: Token[], from: number, end: number, colon: boolean, ctx: NameContext, flat: string): PersonRef | null {
  return subjectFirst(toks, from, end, ctx, flat) ?? subjectAfterVerb(toks, from, end, ctx, flat) ?? (colon ? (nameInRun(toks, from, end, ctx, flat) ?? bareLabel(toks, from, end, ctx, flat)) : null);
}

function subjectFirst(toks: Token[], from: number, end: number, ctx: NameContext, flat: string): PersonRef | null {
  let s = from;
  for (let skip = 0; skip < 2 && s < end; skip++) {
    const p = parsePersonPhrase(toks, s, ctx, flat);
    if (p && p.end <= end) {
      const next = toks[p.end]?.text;
      if (p.end === end || isLower(next) || next === ',' || next === ':') return p.ref;
    }
    const t = toks[s]?.text ?? '';
    if (!(NOT_NAME_WORDS.has(t.toLowerCase()) && !ARTICLES.has(t.toLowerCase()) && !pronoun(t))) return null;
    s++;
  }
  return null;
}

function subjectAfterVerb(toks: Token[], from: number, end: number, ctx: NameContext, flat: string): PersonRef | null {
  // When the prefield is a noun phrase (article first: „Ein Sprecher … nannte sie …“) it is the
  // subject, and a pronoun after the verb is an object.
  if (ARTICLES.has((toks[from]?.text ?? '').toLowerCase())) return null;
  let v = -1;
  for (let i = from; i < end && v < 0; i++) if (SPEECH_VERBS.has(toks[i]!.text) && toks[i]!.text !== 'so') v = i;
  if (v < 0) return null;
  for (let b = v + 1; b < end && b < v + 4; b++) {
    const p = parsePersonPhrase(toks, b, ctx, flat);
    if (p && p.end <= end) return p.ref;
    if (!isLower(toks[b]!.text) || ARTICLES.has(toks[b]!.text)) break;
  }
  return null;
}

function nameInRun(toks: Token[], from: number, end: number, ctx: NameContext, flat: string): PersonRef | null {
  for (let b = from; b < end; b++) {
    if (!isNameToken(toks[b]!.text) || !isNameToken(toks[b + 1]?.text ?? '')) continue;
    let runEnd = b;
    while (runEnd < end && isNameToken(toks[runEnd]!.text)) runEnd++;
    // A relative clause may stand between subject and verb: „Die 16-jährige Leonie Aksu, die an
    // allen Werkstätten teilgenommen hat, freut sich:“.
    let verbAt = runEnd;
    if (toks[runEnd]?.text === ',' && RELATIVE_PRONOUN.test(toks[runEnd + 1]?.text ?? '')) {
      for (let i = runEnd + 2; i < end; i++) {
        if (toks[i]!.text === ',') {
          verbAt = i + 1;
          break;
        }
      }
    }
    // The subject is followed by its finite verb, not by a preposition or „zu“ („in welch
    // abscheulicher Weise Honecker auf … reagierte“, „meine Sprache Blumen zu holen“).
    if (verbAt < end && (!isLower(toks[verbAt]!.text) || NOT_A_VERB.test(toks[verbAt]!.text))) {
      b = runEnd;
      continue;
    }
    const p = parsePersonPhrase(toks, runEnd - 2, ctx, flat);
    if (p && p.ref.kind === 'named' && !p.ref.surnameOnly && (p.end <= end || verbAt > runEnd)) {
      // Close apposition: „der 84-jährige Stammgast Herbert Lindner“ – a noun after a determiner
      // or adjective and before first name and surname names the role.
      const before = toks[b - 1]?.text ?? '';
      if (!p.ref.role && runEnd - b === 3 && (isLower(before) || ARTICLES.has(before.toLowerCase()))) return { ...p.ref, role: toks[b]!.text };
      return p.ref;
    }
    b = runEnd;
  }
  return null;
}

/** Interview form: „Hofmann: „…““ – a label of someone named before, or a full name. */
function bareLabel(toks: Token[], from: number, end: number, ctx: NameContext, flat: string): PersonRef | null {
  if (end - from !== 1) return null;
  const p = parsePersonPhrase(toks, from, ctx, flat);
  if (p && p.ref.kind === 'named' && (ctx.isKnownSurname(p.ref.name) || !p.ref.surnameOnly)) return p.ref;
  return null;
}

/**
 * before / embedded: the lead-in of the sentence ends with „:“ or a verb of saying plus „,“, or
 * a verb of saying frames a partial quote („X warf der Regierung vor, „…““). `from` is where the
 * lead-in may start (after an earlier quote's attribution in the same sentence).
 */
export function attributeBefore(s: SpanAt, from: number, ctx: NameContext, flat: string): Attribution | null {
  const { toks, openTok } = s;
  if (openTok - from < 1) return null;
  const last = toks[openTok - 1]?.text;
  const beforeLast = toks[openTok - 2]?.text ?? '';
  const colon = last === ':';
  const commaAfterVerb = last === ',' && openTok - 2 >= from && (SPEECH_VERBS.has(beforeLast) || /^(hinzu|fest|klar|an|hervor)$/u.test(beforeLast));
  // „das Programm „Wachstum und nachhaltige Erneuerung““: a quoted name after a naming noun.
  const naming = toks[openTok - 1]?.text ?? '';
  const named = isCapitalised(naming) && NAMING_NOUN.test(naming);
  let embedded = false;
  if (!colon && !commaAfterVerb && s.words >= 3 && !named) {
    for (let i = from; i < openTok && !embedded; i++) embedded = EMBEDDING_VERB.test(toks[i]!.text);
  }
  if (!colon && !commaAfterVerb && !embedded) return null;
  const end = colon || commaAfterVerb ? openTok - 1 : openTok;
  const ref = speakerOfLead(toks, from, end, colon, ctx, flat);
  return ref ? { ref, end: openTok, rule: embedded ? 'embedded' : 'before' } : null;
}

/**
 * colonLine: the quote opens a paragraph and the paragraph before ends with a colon: its last
 * sentence names the speaker („Mehrdad Karimi, Sprecher für Sozialpolitik der Grünen Fraktion:“,
 * „Dazu sagt Claudia Oberhauser, wohnungspolitische Sprecherin der Landtagsfraktion:“).
 */
export function attributeColonLine(doc: QuoteText, s: SpanAt, ctx: NameContext): Attribution | null {
  const pi = s.span.para;
  if (pi === 0 || s.openTok !== 0) return null;
  const prev = doc.toks[pi - 1]!;
  if (prev.length < 2 || prev[prev.length - 1]!.text !== ':') return null;
  // The colon line itself holds no quote (else it is a quote of its own).
  if (doc.spans[pi - 1]!.length > 0) return null;
  const end = prev.length - 1;
  const from = sentenceStart(prev, end);
  const ref = speakerOfLead(prev, from, end, true, ctx, doc.flat) ?? appositionLine(prev, from, end, ctx, doc.flat);
  return ref ? { ref, end: 0, rule: 'colonLine' } : null;
}

/** „Annika Brüggemann (SPD), Sprecherin für … der SPD-Landtagsfraktion:“ – a name with its office. */
function appositionLine(toks: Token[], from: number, end: number, ctx: NameContext, flat: string): PersonRef | null {
  for (let b = from; b < end && b < from + 3; b++) {
    const p = parsePersonPhrase(toks, b, ctx, flat);
    if (p && p.ref.kind === 'named' && (p.ref.role || !p.ref.surnameOnly)) return p.ref;
  }
  return null;
}

/**
 * previousSentence: a quote that begins a sentence, with no attribution of its own, after a
 * sentence whose subject is a person („Die Senatorin ging auch auf die Mieten ein. „…““,
 * „Hünfelds Bürgermeister Benjamin Thiel zeigte sich zufrieden. „…““). Sentences of indirect
 * speech in between still report that person („Demnach seien die Zahlen gestiegen.“).
 */
export function attributePreviousSentence(s: SpanAt, ctx: NameContext, flat: string, floor: number): Attribution | null {
  const { toks, openTok } = s;
  if (openTok === 0 || !SENTENCE_END.has(toks[openTok - 1]!.text) || s.words < 3) return null;
  // The quote is a sentence of its own: „„Willkommen“ stand auf dem Banner“ is not.
  if (s.span.closed) {
    const next = toks[s.closeTok + 1]?.text;
    if (next !== undefined && (isLower(next) || next === ',')) return null;
  }
  let end = openTok - 1;
  for (let hops = 0; hops < 3 && end > floor; hops++) {
    const from = Math.max(floor, sentenceStart(toks, end));
    if (from >= end) return null;
    const ref = sentenceSubject(toks, from, end, ctx, flat);
    if (ref) return { ref, end: openTok, rule: 'previousSentence' };
    // Only indirect speech without a person of its own may stand between.
    let reported = false;
    for (let i = from; i < end; i++) {
      const t = toks[i]!.text;
      if (/^[„“”"»«]$/u.test(t)) return null;
      if (REPORTED_SPEECH_VERB.test(t)) reported = true;
    }
    if (!reported) return null;
    end = from - 1;
    if (end < 0 || !SENTENCE_END.has(toks[end]!.text)) return null;
  }
  return null;
}

/** The subject of a sentence when it is a person: a person phrase first, then a finite verb. */
function sentenceSubject(toks: Token[], from: number, end: number, ctx: NameContext, flat: string): PersonRef | null {
  for (let b = from; b < from + 2 && b < end; b++) {
    const p = parsePersonPhrase(toks, b, ctx, flat);
    // „Der Leiter des Büros, Timo Westerhoff, berichtete …“: the apposition's comma before the verb.
    const verbAt = p && toks[p.end]?.text === ',' && isLower(toks[p.end + 1]?.text) ? p.end + 1 : (p?.end ?? end);
    if (p && verbAt < end && isLower(toks[verbAt]!.text) && !pronounObject(toks[verbAt]!.text)) {
      // A pronoun subject („Er verwies …“) or a role noun refers back; a name names.
      if (p.ref.kind === 'anaphor' && p.ref.roleHead === null && b !== from) return null;
      return p.ref;
    }
    // Skip a genitive or adverb before the subject („Hünfelds Bürgermeister …“, „Auch die Ministerin …“).
    const t = toks[b]!.text;
    if (!(/s$/u.test(t) && isCapitalised(t) && roleHead(toks[b + 1]?.text ?? '')) && !/^(auch|zudem|dann|danach|später|anschließend)$/iu.test(t)) return null;
  }
  return null;
}

const pronounObject = (t: string) => /^(und|oder|sowie)$/u.test(t);

const ANY_QUOTE_MARK = /^[„“”"»«]$/u;

/** The previous quote as `continuation` needs it. */
export interface PreviousQuote {
  para: number;
  rule: RuleName;
  closed: boolean;
  /** Token index of its closing mark and where its attribution clause ends. */
  endTok: number;
  attrEnd: number;
}

/**
 * continued: the quote follows the previous one directly – in the same sentence chain („…“,
 * sagte X. „…“ / „…“, so X weiter, „…“) or as the next paragraph when nothing follows the
 * previous quote. 'extend' when the previous quote was left open: one quote over paragraphs.
 */
export function continuation(doc: QuoteText, s: SpanAt, prev: PreviousQuote): 'same' | 'extend' | null {
  const pi = s.span.para;
  if (prev.para === pi) {
    const between = s.toks.slice(Math.max(prev.attrEnd, prev.endTok + 1), s.openTok);
    if (between.every((t) => /^[.,;:!?–—-]$/u.test(t.text))) return 'same';
    if (prev.rule !== 'after') return null;
    // After „…“, sagte X bei der Vorstellung. „…“ the rest of the attribution sentence may
    // stand between the two quotes, but no further sentence.
    const sentenceEnds = between.filter((t) => SENTENCE_END.has(t.text)).length;
    const lastTok = between[between.length - 1]?.text ?? '';
    if (sentenceEnds === 1 && SENTENCE_END.has(lastTok) && !between.some((t) => ANY_QUOTE_MARK.test(t.text))) return 'same';
    // „…“, so die Landrätin weiter, „…“ / „…“, sagte X am Rande der Sitzung, „…“: the same
    // sentence resumes the quote after the attribution clause.
    if (lastTok === ',' && sentenceEnds === 0 && !between.some((t) => ANY_QUOTE_MARK.test(t.text))) return 'same';
    return null;
  }
  if (prev.para !== pi - 1 || s.openTok !== 0) return null;
  if (!prev.closed) return 'extend';
  const tail = doc.toks[pi - 1]!.slice(Math.max(prev.attrEnd, prev.endTok + 1));
  return tail.every((t) => /^[.,;:!?–—-]$/u.test(t.text)) ? 'same' : null;
}

/**
 * previousSentence over a paragraph break: a paragraph that is only a quote, after a paragraph
 * without quotes whose last sentence is about the speaker („Ministerin X besuchte das Quartier.“
 * ⏎ „„Hier zeigt sich …““).
 */
export function attributePreviousParagraph(doc: QuoteText, s: SpanAt, ctx: NameContext): Attribution | null {
  const pi = s.span.para;
  if (pi === 0 || s.openTok !== 0 || s.span.resumes || s.words < 3 || doc.spans[pi - 1]!.length > 0) return null;
  if (s.span.closed && s.closeTok + 1 < s.toks.length && !/^[.!?]$/u.test(s.toks[s.closeTok + 1]!.text)) return null;
  const prev = doc.toks[pi - 1]!;
  if (prev.length < 3 || !SENTENCE_END.has(prev[prev.length - 1]!.text)) return null;
  const end = prev.length - 1;
  const from = sentenceStart(prev, end);
  const ref = sentenceSubject(prev, from, end, ctx, doc.flat);
  return ref ? { ref, end: 0, rule: 'previousSentence' } : null;
}
