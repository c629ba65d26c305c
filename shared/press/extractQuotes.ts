import { normalizeLine } from '../text/normalizeText';
import type { PersonRef } from './personPhrase';
import { addInterviewSpans } from './quotes/interview';
import { collectMentions, Registry, type Person } from './quotes/mentions';
import { impliedOrganisation, namedEarlier } from './quotes/organisation';
import {
  attributeAfter,
  attributeBefore,
  attributeColonLine,
  attributePreviousParagraph,
  attributePreviousSentence,
  continuation,
  hasOwnClause,
  spanAt,
  type Attribution,
  type PreviousQuote,
  type RuleName,
} from './quotes/rules';
import type { QuoteSpan } from './quotes/spans';
import { prepareText, sentenceStart, type QuoteText } from './quotes/text';

export { paragraphs } from './quotes/spans';
export { impliedOrganisation } from './quotes/organisation';

/**
 * Direct quotes of a German press text with speaker, role and organisation, as a pipeline of
 * small steps (each in shared/press/quotes/ with its own tests):
 *   1. spans     – quotation marks of every style, nested marks, wrapped lines, open ends
 *   2. mentions  – people named outside quotes with roles and organisations, surname mentions
 *   3. rules     – one attribution rule at a time: after, before/embedded, colon line,
 *                  continuation, previous sentence, interview; role nouns and pronouns are
 *                  resolved to the person mentioned last with that office (synonyms included)
 *   4. organisation – the publisher a role speaks for, bodies named earlier
 * A quoted phrase without an attribution („Sozialer Zusammenhalt“ as a programme name) is not a
 * quote. Linear in the length of the text.
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
  rule: RuleName;
}

export interface QuoteOptions {
  /** Publisher line: a minister speaking in a ministry's release speaks for that ministry. */
  publisher?: string | null;
}

interface Found extends PreviousQuote {
  text: string;
  person: Person;
  role: string | null;
  organisation: string | null;
  start: number;
  end: number;
}

/** How far back a definite description („des Instituts“) looks for the body's full name. */
const NAMED_EARLIER_WINDOW = 4000;

export function extractQuotes(text: string, options: QuoteOptions = {}): ExtractedQuote[] {
  const doc = prepareText(text);
  const reg = new Registry(doc.flat);
  collectMentions(doc, reg);
  addInterviewSpans(doc, reg);
  return attributeSpans(doc, reg, options).map((q, i) => ({
    text: q.text,
    speaker: q.person.name,
    honorific: q.person.honorific,
    role: q.role,
    organisation: q.organisation,
    position: i,
    start: q.start,
    end: q.end,
    rule: q.rule,
  }));
}

/** Step 3: attributes every span in text order; mentions become visible as the text is read. */
function attributeSpans(doc: QuoteText, reg: Registry, options: QuoteOptions): Found[] {
  // Mentions are re-collected in text order, so pronouns and role nouns see only what came before.
  const queue = [...reg.mentions].sort((a, b) => a.at - b.at);
  reg.mentions = [];
  let q = 0;
  const flushMentions = (upTo: number) => {
    while (q < queue.length && queue[q]!.at < upTo) reg.mentions.push(queue[q++]!);
  };
  const found: Found[] = [];
  // An unclosed quote without attribution yet; joined with its continuation in the next paragraph.
  let pending: { text: string; start: number; para: number } | null = null;

  for (let pi = 0; pi < doc.paras.length; pi++) {
    for (const span of doc.spans[pi]!) {
      flushMentions(span.open);
      let inner = normalizeLine(doc.flat.slice(span.textStart, span.textEnd));
      const s = spanAt(doc, span, inner);
      if (s.commaInside) inner = inner.slice(0, -1).trimEnd();
      let textStart = span.textStart;
      if (pending && pending.para === pi - 1 && span.resumes) {
        inner = `${pending.text}\n\n${inner}`;
        textStart = pending.start;
      }
      pending = null;
      const prev = found[found.length - 1];
      const samePara = prev && prev.para === pi ? prev : undefined;
      const outcome = attributeOne(doc, reg, s, inner, samePara, prev);
      if (outcome === 'extend' && prev) {
        // One quote over several paragraphs: extend the previous one.
        prev.text = `${prev.text}\n\n${inner}`;
        prev.end = span.textEnd;
        prev.endTok = s.closeTok;
        prev.closed = span.closed;
        prev.attrEnd = span.closed ? s.closeTok + 1 : s.toks.length;
        prev.para = pi;
        continue;
      }
      if (!outcome || outcome === 'extend') {
        if (!span.closed) pending = { text: inner, start: textStart, para: pi };
        continue;
      }
      const { person, rule, attr } = outcome;
      if (s.words < 2 && rule !== 'after') continue;
      let role = attr?.ref.kind === 'named' ? attr.ref.role : null;
      let organisation = attr?.ref.kind === 'named' ? attr.ref.organisation : null;
      role = role ?? person.role;
      organisation = organisation ?? person.organisation ?? impliedOrganisation(role, person.roleHead, options.publisher);
      // The publisher named in short („im Ministerium für Heimat, Kommunales, Bau und Digitalisierung“).
      const pub = options.publisher?.trim();
      if (organisation && pub && organisation.length >= 8 && pub.length > organisation.length && pub.startsWith(organisation)) organisation = pub;
      // A body's name never runs over a paragraph break (a headline above the dateline).
      if (organisation) organisation = namedEarlier(organisation, doc.text.slice(Math.max(0, span.open - NAMED_EARLIER_WINDOW), span.open).replace(/\n[ \t]*\n/gu, ' ¶ ').replace(/\n/gu, ' '));
      found.push({
        text: inner,
        person,
        role,
        organisation,
        start: textStart,
        end: span.textEnd,
        rule: span.interview ? 'interview' : rule,
        endTok: s.closeTok,
        para: pi,
        closed: span.closed,
        attrEnd: !span.closed ? s.toks.length : attr && attr.rule === 'after' ? attr.end : s.closeTok + 1,
      });
    }
  }
  return found;
}

type Outcome = { person: Person; rule: RuleName; attr: Attribution | null } | 'extend' | null;

/** The rules in order; the first that names someone decides. */
function attributeOne(doc: QuoteText, reg: Registry, s: ReturnType<typeof spanAt>, inner: string, samePara: Found | undefined, prev: Found | undefined): Outcome {
  const ctx = reg;
  const flat = doc.flat;
  const resolve = (ref: PersonRef): Person | null => (ref.kind === 'named' ? reg.note(ref, s.span.open) : reg.resolve(ref, s.span.open));
  // The lead-in of a quote starts after an earlier quote's attribution in the same sentence.
  let from = sentenceStart(s.toks, s.openTok);
  if (samePara && samePara.endTok + 1 > from) from = samePara.attrEnd > samePara.endTok ? samePara.attrEnd : samePara.endTok + 1;
  const attr = attributeAfter(s, ctx, flat, inner) ?? attributeBefore(s, from, ctx, flat) ?? attributeColonLine(doc, s, ctx);
  if (attr) {
    const person = resolve(attr.ref);
    // An unnamed person („ein Sprecher … fügte er hinzu“) said it: no one to attribute it to.
    if (person?.anonymous) return null;
    if (person) return { person, rule: attr.rule, attr };
  }
  if (hasOwnClause(s)) return null;
  if (prev) {
    const c = continuation(doc, s, prev);
    if (c === 'extend') return 'extend';
    if (c === 'same') return { person: prev.person, rule: 'continued', attr: null };
  }
  const floor = samePara ? Math.max(samePara.attrEnd, samePara.endTok + 1) : 0;
  const narrated = attributePreviousSentence(s, ctx, flat, floor) ?? attributePreviousParagraph(doc, s, ctx);
  if (narrated) {
    const person = resolve(narrated.ref);
    return person && !person.anonymous ? { person, rule: narrated.rule, attr: narrated } : null;
  }
  return null;
}

export type { QuoteSpan };
