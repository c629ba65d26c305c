import {
  ABSTRACT_NOUN,
  ARTICLES,
  CLASSIFIER_NOUN,
  DECLINED_ADJECTIVE,
  HONORIFICS,
  LEGAL_FORM,
  NAME_PARTICLES,
  NOT_NAME_WORDS,
  ORGANISATION_WORD,
  NAME_SUFFIX,
  PARTY,
  ROLE_COMPLEMENT_STARTERS,
  roleHead,
  roleLabel,
  TRANSIENT_ADJECTIVE,
} from './germanLexicon';
import { isCapitalised, isLower, type Token } from './tokenize';

export type Gender = 'f' | 'm' | null;

export interface NamedRef {
  kind: 'named';
  name: string;
  honorific: string | null;
  role: string | null;
  roleHead: string | null;
  organisation: string | null;
  gender: Gender;
  /** Only a surname was written („Hofmann betonte“). */
  surnameOnly: boolean;
}

export interface AnaphorRef {
  kind: 'anaphor';
  /** „die Ministerin“ → minister; a pronoun has none. */
  roleHead: string | null;
  gender: Gender;
  /** The role noun as written („Rathauschefin“), for synonyms of the office; null for a pronoun. */
  roleWord?: string | null;
}

export type PersonRef = NamedRef | AnaphorRef;

export interface NameContext {
  /** True if a person with this surname was named before in the document or is known. */
  isKnownSurname(word: string): boolean;
}

export const noNames: NameContext = { isKnownSurname: () => false };

const w = (toks: Token[], i: number) => toks[i]?.text ?? '';

export function isHonorific(t: string): boolean {
  return HONORIFICS.has(t.toLowerCase()) || /^(dr|prof)\.[\p{L}.-]*$/iu.test(t);
}

export function isNameToken(t: string): boolean {
  if (!/^\p{Lu}[\p{Ll}\p{M}'’]+(?:-\p{Lu}[\p{Ll}\p{M}'’]+)*$/u.test(t)) return false;
  const lower = t.toLowerCase();
  if (NOT_NAME_WORDS.has(lower) || HONORIFICS.has(lower)) return false;
  if (roleHead(t) || ORGANISATION_WORD.test(t) || ABSTRACT_NOUN.test(t) || DECLINED_ADJECTIVE.test(t)) return false;
  return true;
}

/** A capitalised adjective form like „Hessische“, „Sozialen“ or a lower-case one („stellvertretende“). */
function isAdjective(t: string): boolean {
  if (/^\p{Ll}+(e|en|er|es)$/u.test(t) && !ARTICLES.has(t) && !ROLE_COMPLEMENT_STARTERS.has(t)) return true;
  return /^\p{Lu}\p{Ll}*(isch|lich|ig|al|ell|ar|är|iv|sch)(e|en|er|es)$/u.test(t);
}

const ADJ_STEM = /(isch|lich|ig|al|ell|ar|är|ös|iv|sch|frei|neu)en$/u;
const NEUTER_NOUN = /(ium|um|amt|haus|büro|werk|zentrum|bündnis|netzwerk|forum|institut|projekt|komitee|gremium|team|parlament|land)$/iu;

/**
 * Genitive or dative organisation phrase → nominative: „des Zukunftsbündnisses“ → „Zukunftsbündnis“,
 * „der Sozialen Stadt Frankfurt“ → „Soziale Stadt Frankfurt“. Proper names stay as written.
 */
export function nominativeOrganisation(words: string[], article: string): string {
  const out = [...words];
  let nounIdx = out.findIndex((t) => !ADJ_STEM.test(t));
  // „Kinder- und Jugendzentrums“: the last conjunct carries the ending.
  while (nounIdx >= 0 && out[nounIdx + 1] === '-' && /^(und|oder|bzw\.?|sowie)$/u.test(out[nounIdx + 2] ?? '') && out[nounIdx + 3]) nounIdx += 3;
  if (article === 'des' && nounIdx >= 0) {
    const noun = out[nounIdx]!;
    if (/^\p{Lu}/u.test(noun) && !/[.]/u.test(noun)) {
      if (/sses$/u.test(noun)) out[nounIdx] = noun.slice(0, -2);
      else if (/[^aeiouäöüs]es$/u.test(noun) && noun.length > 5) out[nounIdx] = noun.slice(0, -2);
      else if (/[^s]s$/u.test(noun) && noun.length > 4) out[nounIdx] = noun.slice(0, -1);
    }
  }
  const noun = nounIdx >= 0 ? out[nounIdx]! : '';
  for (let i = 0; i < out.length && ADJ_STEM.test(out[i]!); i++) {
    const stem = out[i]!.slice(0, -2);
    if (article === 'der' || article === 'zur') out[i] = `${stem}e`;
    else out[i] = NEUTER_NOUN.test(noun) ? `${stem}es` : `${stem}er`;
  }
  // „Schuldner- und Insolvenzberatung“: a suspended hyphen stays on its word.
  return out
    .join(' ')
    .replace(/\s+([.,])/gu, '$1')
    .replace(/(\p{L}) -(?= (?:und|oder|bzw\.?|sowie) )/gu, '$1-');
}




const MAX_COMPLEMENT_TOKENS = 25;

interface Complement {
  end: number;
  organisation: string | null;
  /** Words that belong to the role („für Wohnungsbau“). */
  portfolio: string | null;
}

/** Joins tokens back to text as written. */
export function joinTokens(toks: Token[], from: number, to: number, source?: string): string {
  if (from >= to) return '';
  if (source !== undefined) return source.slice(toks[from]!.start, toks[to - 1]!.end);
  return toks
    .slice(from, to)
    .map((t) => t.text)
    .join(' ')
    .replace(/\s+([.,)])/gu, '$1')
    .replace(/\(\s+/gu, '(');
}

/**
 * The complement of a role noun, up to a comma, a colon, a quote mark or the end: „für Wohnungsbau“,
 * „der LAG Soziale Brennpunkte Hessen e.V. und Mitglied des Zukunftsbündnisses“.
 */
function parseComplement(toks: Token[], i: number, stopAtName: boolean, source?: string): Complement | null {
  const starter = w(toks, i).toLowerCase();
  if (!ROLE_COMPLEMENT_STARTERS.has(starter) || !isLower(w(toks, i))) return null;
  let j = i + 1;
  let article = starter;
  if ((starter === 'von' || starter === 'bei' || starter === 'an' || starter === 'in') && ARTICLES.has(w(toks, j))) {
    article = w(toks, j);
    j++;
  }
  if (!isCapitalised(w(toks, j)) && !isAdjective(w(toks, j))) return null;
  const bodyStart = j;
  // Names of bodies are short; the bound keeps every phrase parse local (linear time overall).
  const limit = Math.min(toks.length, bodyStart + MAX_COMPLEMENT_TOKENS);
  let end = j;
  // „für Soziales, Jugend und Gesundheit“, also inside a body's name („im Ministerium für Heimat, Kommunales, Bau …“).
  let portfolioList = starter === 'für';
  for (; end < limit; end++) {
    const t = w(toks, end);
    // A portfolio lists its fields: „für Soziales, Jugend und Gesundheit“ – a comma before a noun
    // that a later „und“ joins is part of the list, not the end of the phrase.
    if (t === 'für') portfolioList = true;
    if (t === ',' && portfolioList && isCapitalised(w(toks, end + 1)) && !isNameToken2(toks, end + 1)) {
      let k = end + 1;
      while (k < limit && (isCapitalised(w(toks, k)) || w(toks, k) === ',')) k++;
      if (/^(und|sowie)$/u.test(w(toks, k)) && isCapitalised(w(toks, k + 1))) continue;
    }
    if (t === ',' || t === ':' || t === ';' || t === '(' || /^[„“”"»«]$/u.test(t)) break;
    if (t === '.' || t === '!' || t === '?') break;
    // A second role joined by „und“ („… e.V. und Mitglied des Bündnisses“) ends the organisation.
    if (t === 'und' && roleHead(w(toks, end + 1)) && end > bodyStart) break;
    if (LEGAL_FORM.test(t)) continue;
    const attributive = isAdjective(t) && isCapitalised(w(toks, end + 1));
    if (isLower(t) && t !== 'und' && t !== 'für' && !ROLE_COMPLEMENT_STARTERS.has(t) && !ARTICLES.has(t) && !attributive) break;
    // „Ministerin für Soziales Heike Hofmann“: a portfolio is one noun (or nouns joined by „und“).
    if (stopAtName && starter === 'für' && end > bodyStart && isCapitalised(t) && w(toks, end - 1) !== 'und' && isNameToken(t) && isNameToken(w(toks, end + 1))) break;
  }
  if (end === bodyStart) return null;
  // Continue over the second role up to the comma, but keep only the first as organisation.
  let outerEnd = end;
  if (w(toks, end) === 'und') {
    for (; outerEnd < Math.min(toks.length, end + MAX_COMPLEMENT_TOKENS); outerEnd++) {
      const t = w(toks, outerEnd);
      if (t === ',' || t === ':' || t === '.' || /^[„“”"»«]$/u.test(t)) break;
      if (isLower(t) && !['und', 'der', 'des', 'im', 'vom', 'für', 'von', 'die', 'das'].includes(t) && !isAdjective(t)) break;
    }
  }
  const words = toks.slice(bodyStart, end).map((t) => t.text);
  if (starter === 'für' || starter === 'zur' || starter === 'zum' || starter === 'aus') {
    // „Beigeordneter für Soziales der Stadt Cottbus“: the genitive after the portfolio names the body.
    let gen = -1;
    for (let idx = bodyStart + 1; idx < end && gen < 0; idx++) if (/^(der|des)$/u.test(w(toks, idx)) && isCapitalised(w(toks, idx + 1))) gen = idx;
    if (gen > 0 && toks.slice(gen + 1, end).some((t) => ORGANISATION_WORD.test(t.text) || LEGAL_FORM.test(t.text))) {
      const org = nominativeOrganisation(toks.slice(gen + 1, end).map((t) => t.text), w(toks, gen));
      return { end: outerEnd, organisation: org, portfolio: joinTokens(toks, i, gen, source) };
    }
    return { end: outerEnd, organisation: null, portfolio: joinTokens(toks, i, end, source) };
  }
  // „vom Träger Stadtteilwerk Cottbus gGmbH“ → the body's name without the classifier.
  if (CLASSIFIER_NOUN.test(words[0] ?? '') && words.length > 1 && isCapitalised(words[1])) words.shift();
  return { end: outerEnd, organisation: nominativeOrganisation(words, article), portfolio: null };
}

/** „der stellvertretende Vorsitzende“ → „stellvertretender Vorsitzender“ (strong forms as a label). */
function labelWithAdjectives(adjectives: string[], noun: string, article: string | null): string {
  const label = roleLabel(noun, article);
  const strong = article === 'der' || article === 'ein';
  const adjs = adjectives.filter((a) => !TRANSIENT_ADJECTIVE.test(a)).map((a) => (strong && /e$/u.test(a) ? `${a}r` : a));
  return [...adjs, label].join(' ');
}

const isNameToken2 = (toks: Token[], idx: number) => isNameToken(w(toks, idx)) && isNameToken(w(toks, idx + 1));

/** „vom Caritasverband Offenbach“ after a name: a body, not a name particle („Julia vom Stein“). */
function startsOrganisation(toks: Token[], idx: number): boolean {
  for (let k = idx + 1; k < idx + 6 && k < toks.length; k++) {
    const t = w(toks, k);
    if (!isCapitalised(t) && !LEGAL_FORM.test(t)) return false;
    if (ORGANISATION_WORD.test(t) || LEGAL_FORM.test(t) || CLASSIFIER_NOUN.test(t)) return true;
  }
  return false;
}

interface NameParse {
  parts: string[];
  honorifics: string[];
  end: number;
}

function parseName(toks: Token[], i: number): NameParse | null {
  let p = i;
  const honorifics: string[] = [];
  while (isHonorific(w(toks, p)) && isCapitalised(w(toks, p))) honorifics.push(w(toks, p++));
  const parts: string[] = [];
  while (p < toks.length && parts.length < 5) {
    const t = w(toks, p);
    if (isNameToken(t)) parts.push(t);
    else if (parts.length > 0 && NAME_PARTICLES.has(t) && !(/^(vom|von|zum)$/u.test(t) && startsOrganisation(toks, p)) && (isNameToken(w(toks, p + 1)) || (ARTICLES.has(w(toks, p + 1)) && isNameToken(w(toks, p + 2))))) parts.push(t);
    else if (parts.length > 0 && t === 'der' && NAME_PARTICLES.has(parts[parts.length - 1]!) && isNameToken(w(toks, p + 1))) parts.push(t);
    else if (parts.length > 0 && /^\p{Lu}\.$/u.test(t) && isNameToken(w(toks, p + 1))) parts.push(t);
    else break;
    p++;
  }
  if (parts.length === 0 || parts.length > 4) return null;
  return { parts, honorifics, end: p };
}

export interface PhraseParse {
  ref: PersonRef;
  end: number;
}

/** „er“ / „sie“ / „der 63-Jährige“: a reference back like a pronoun. */
function pronounRef(toks: Token[], i: number): PhraseParse | null {
  const lower = w(toks, i).toLowerCase();
  if (lower === 'er' || lower === 'sie') {
    if (w(toks, i + 1) === '-' || isCapitalised(w(toks, i + 1))) return null; // "Sie" polite/plural with name: rare, skip
    return { ref: { kind: 'anaphor', roleHead: null, gender: lower === 'er' ? 'm' : 'f' }, end: i + 1 };
  }
  if ((lower === 'der' || lower === 'die') && toks[i + 1]?.kind === 'num' && w(toks, i + 2) === '-' && /^Jährige[rn]?$/u.test(w(toks, i + 3))) {
    return { ref: { kind: 'anaphor', roleHead: null, gender: lower === 'der' ? 'm' : 'f' }, end: i + 4 };
  }
  return null;
}

interface RolePrefix {
  article: string | null;
  /** „Deren Vorsitzender“: the body named just before. */
  possessiveOrg: string | null;
  adjectives: string[];
  roleIdx: number;
  gender: Gender;
  head: string | null;
  honorifics: string[];
  /** Token after the prefix. */
  end: number;
}

const genderOfTitle = (t: string): Gender => (/^frau$/iu.test(t) ? 'f' : /^herr$/iu.test(t) ? 'm' : null);

/** [Artikel|deren|dessen] [Adjektiv]* [Titel|Rolle]* before a name; null for an article without a role. */
function rolePrefix(toks: Token[], i: number, source: string | undefined): RolePrefix | null {
  const lower = w(toks, i).toLowerCase();
  let j = i;
  let article: string | null = null;
  let possessiveOrg: string | null = null;
  if ((lower === 'deren' || lower === 'dessen') && source !== undefined && roleHead(w(toks, i + 1))) {
    possessiveOrg = lastOrganisationBefore(source, toks[i]!.start);
    // A possessive determiner says nothing of the person's gender („dessen Vorsitzende“).
    j++;
  } else if (ARTICLES.has(lower)) {
    article = lower;
    j++;
  }
  let k = j;
  const adjectives: string[] = [];
  while (k < j + 3 && isAdjective(w(toks, k)) && !roleHead(w(toks, k))) adjectives.push(w(toks, k++));
  let roleIdx = -1;
  let gender: Gender = null;
  let head: string | null = null;
  const honorifics: string[] = [];
  let m = k;
  for (; m < toks.length && m < k + 8; m++) {
    const t = w(toks, m);
    if (isHonorific(t) && isCapitalised(t)) {
      honorifics.push(t);
      gender = genderOfTitle(t) ?? gender;
      continue;
    }
    const r = isCapitalised(t) ? roleHead(t) : null;
    if (r && roleIdx === -1) {
      roleIdx = m;
      gender = r.gender ?? gender;
      head = r.head;
      continue;
    }
    break;
  }
  if (roleIdx === -1) {
    if (article) return null; // „die Bedeutung …“
    m = j; // no adjectives without a role
    honorifics.length = 0;
    while (isHonorific(w(toks, m)) && isCapitalised(w(toks, m)) && m < j + 8) {
      const t = w(toks, m++);
      honorifics.push(t);
      gender = genderOfTitle(t) ?? gender;
    }
  }
  if (article && gender === null && head) {
    if (article === 'die' || article === 'eine') gender = 'f';
    else if (article === 'der' || article === 'ein') gender = 'm';
  }
  return { article, possessiveOrg, adjectives, roleIdx, gender, head, honorifics, end: m };
}

/** Where the name starts after „Rolle [Ergänzung],“ – a second office and titles may come first. */
function nameStartAfterComma(toks: Token[], m: number, honorifics: string[]): number {
  // „die Präsidentin des Städtetages, Oberbürgermeisterin Dr. Elif Kaya“: the first office is the
  // one the sentence is about.
  const nameStart = m + 1;
  let n = nameStart;
  while (n < nameStart + 5 && ((isCapitalised(w(toks, n)) && roleHead(w(toks, n))) || (isHonorific(w(toks, n)) && isCapitalised(w(toks, n))))) {
    if (isHonorific(w(toks, n))) honorifics.push(w(toks, n));
    n++;
  }
  return n > nameStart && isNameToken(w(toks, n)) ? n : nameStart;
}

interface Apposition {
  role: string;
  organisation: string | null;
  gender: Gender;
  head: string;
  end: number;
}

/** „Fabienne Weihrauch, Geschäftsführerin der LAG …,“ – the office after the name. */
function appositionAt(toks: Token[], end: number, source: string | undefined): Apposition | null {
  if (w(toks, end) !== ',') return null;
  let a = end + 1;
  let appArticle: string | null = null;
  if (ARTICLES.has(w(toks, a))) appArticle = w(toks, a++);
  const adjs: string[] = [];
  while (isAdjective(w(toks, a)) && !roleHead(w(toks, a)) && adjs.length < 3) adjs.push(w(toks, a++));
  const r = roleHead(w(toks, a));
  if (!r || !isCapitalised(w(toks, a))) return null;
  let role = labelWithAdjectives(adjs.filter((x) => isLower(x)), w(toks, a), appArticle);
  let appEnd = a + 1;
  let organisation: string | null = null;
  const comp = parseComplement(toks, appEnd, false, source);
  if (comp) {
    appEnd = comp.end;
    organisation = comp.organisation;
    if (comp.portfolio) role = `${role} ${comp.portfolio}`;
  }
  const gender = r.gender ?? (appArticle === 'die' ? 'f' : appArticle === 'der' ? 'm' : null);
  return { role, organisation, gender, head: r.head, end: w(toks, appEnd) === ',' ? appEnd + 1 : appEnd };
}

/** „Mike Muster (SPD)“: a party is an affiliation; another body in brackets is the organisation. */
function bracketAt(toks: Token[], end: number, source: string | undefined): { inner: string | null; end: number } | null {
  if (w(toks, end) !== '(') return null;
  let close = -1;
  for (let idx = end + 1; idx <= end + 8 && idx < toks.length && close < 0; idx++) if (w(toks, idx) === ')') close = idx;
  if (close < 0) return null;
  const inner = joinTokens(toks, end + 1, close, source);
  return { inner: /^\p{Lu}/u.test(inner) && !/^\d/u.test(inner) && !PARTY.test(inner) ? inner : null, end: close + 1 };
}

/**
 * A person phrase starting at token `i`, in steps:
 *   pronoun:     er | sie | der 63-Jährige (an anaphor)
 *   prefix:      [Artikel] [Adjektiv]* [Titel|Rolle]* [Ergänzung] [,]
 *   name:        Name [Suffix] [vom Verband …] – or, without a name, [Artikel] Rolle (an anaphor)
 *   apposition:  [, Rolle Ergänzung ,]  and  [(Partei|Organisation)]
 */
export function parsePersonPhrase(toks: Token[], i: number, ctx: NameContext = noNames, source?: string): PhraseParse | null {
  const pronoun = pronounRef(toks, i);
  if (pronoun) return pronoun;
  const prefix = rolePrefix(toks, i, source);
  if (!prefix) return null;
  const { article, roleIdx, honorifics } = prefix;
  let { gender, head } = prefix;
  let m = prefix.end;
  let role = roleIdx >= 0 ? labelWithAdjectives(prefix.adjectives.filter((a) => isLower(a)), w(toks, roleIdx), article) : null;
  let organisation: string | null = prefix.possessiveOrg;
  if (roleIdx >= 0) {
    const comp = parseComplement(toks, m, true, source);
    if (comp) {
      if (comp.portfolio) role = `${role} ${comp.portfolio}`;
      organisation = comp.organisation;
      m = comp.end;
    }
  }
  const commaBeforeName = w(toks, m) === ',' && roleIdx >= 0;
  const nameStart = commaBeforeName ? nameStartAfterComma(toks, m, honorifics) : m;
  const name = parseName(toks, nameStart);
  const validName =
    name &&
    (roleIdx >= 0 ||
      honorifics.length > 0 ||
      name.honorifics.length > 0 ||
      name.parts.length >= 2 ||
      ctx.isKnownSurname(name.parts[0]!) ||
      (w(toks, name.end) === ',' && roleHead(w(toks, name.end + 1))) ||
      (w(toks, name.end) === ',' && ARTICLES.has(w(toks, name.end + 1)) && roleHead(w(toks, name.end + 2))));
  if (!name || !validName) {
    // An indefinite article introduces someone new („ein Sprecher der Fraktion“): no antecedent.
    if (article === 'ein' || article === 'eine' || article === 'einer' || article === 'eines') return null;
    if (roleIdx >= 0 && (article || honorifics.length === 0) && !commaBeforeName) {
      return { ref: { kind: 'anaphor', roleHead: head, gender, roleWord: w(toks, roleIdx) }, end: m };
    }
    return null;
  }
  let end = name.end;
  while (NAME_SUFFIX.test(w(toks, end))) end++;
  // „Leyla Demir vom Caritasverband Offenbach“
  if (/^(vom|von|beim|bei)$/u.test(w(toks, end)) && !organisation) {
    const comp = parseComplement(toks, end, false, source);
    // Only an organisation, not a circumstance („bei der Vorstellung der Projekte“).
    if (comp?.organisation && comp.organisation.split(/\s+/u).some((x) => ORGANISATION_WORD.test(x) || LEGAL_FORM.test(x))) {
      organisation = comp.organisation;
      end = comp.end;
    }
  }
  const app = appositionAt(toks, end, source);
  if (app) {
    // The apposition names the capacity in which someone speaks („Pfarrerin X, Vorstand des
    // Diakonischen Werks“): it wins over a bare title before the name.
    if (app.organisation && !organisation) {
      role = app.role;
      organisation = app.organisation;
    } else role = role ?? app.role;
    gender = gender ?? app.gender;
    head = head ?? app.head;
    end = app.end;
  }
  const bracket = bracketAt(toks, end, source);
  if (bracket) {
    if (!organisation && bracket.inner) organisation = bracket.inner;
    end = bracket.end;
  }
  const allHonorifics = [...honorifics, ...name.honorifics].filter((h) => !/^(herr|frau)$/iu.test(h));
  return {
    ref: {
      kind: 'named',
      name: name.parts.join(' '),
      honorific: allHonorifics.length ? allHonorifics.join(' ') : null,
      role,
      roleHead: head,
      organisation,
      gender,
      surnameOnly: name.parts.length === 1,
    },
    end,
  };
}

/**
 * The body named last before `at` in the same or the previous sentence („Kritik kam aus der
 * Kreistagsfraktion der Freien Wähler. Deren Vorsitzender …“), in the nominative.
 */
export function lastOrganisationBefore(source: string, at: number): string | null {
  const before = source.slice(Math.max(0, at - 300), at);
  const sentences = before.split(/(?<=[.!?])\s+(?=\p{Lu})/u);
  const scope = sentences.slice(-2).join(' ');
  const re = /\b(der|die|das|des|dem|den|vom|beim|zum|zur|im)\s+((?:\p{Lu}[\p{L}-]*\s+)*?\p{Lu}[\p{L}-]*)((?:\s+(?:der|des|für)\s+(?:\p{Lu}[\p{L}-]*\s*)+)?)/gu;
  let found: string | null = null;
  for (const m of scope.matchAll(re)) {
    const words = m[2]!.split(/\s+/u);
    if (!ORGANISATION_WORD.test(words[words.length - 1]!)) continue;
    const art = m[1] === 'vom' || m[1] === 'beim' || m[1] === 'im' || m[1] === 'zum' ? 'dem' : m[1] === 'zur' ? 'der' : m[1]!;
    const tail = (m[3] ?? '').trim();
    found = [nominativeOrganisation(words, art === 'der' || art === 'die' ? 'der' : art), tail].filter(Boolean).join(' ');
  }
  return found;
}
