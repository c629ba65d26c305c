/**
 * Step 2 of quote extraction: who is mentioned where. People named outside quotes with their
 * roles and organisations („Sozialministerin Heike Hofmann“, „Der Minister für …, Kaweh
 * Mansoori“, „Deren Leiter Sven Harmsen“), later mentions by surname, and unnamed people („Ein
 * Sprecher der Verwaltung“) that a following „er“ refers to. References by role noun or pronoun
 * are resolved against these mentions (`Registry.resolve`, `sameOffice`).
 *
 * Every look-up is by map or binary search, and every phrase parse is local: the whole step is
 * linear in the length of the text (a surname-only mention no longer rescans the text before it).
 */
import { ARTICLES, officesOf, POLITICAL_BODY, POLITICAL_HYPERNYMS, POLITICAL_OFFICES, roleHead } from '../germanLexicon';
import { personKey, surnameOf } from '../personName';
import { isNameToken, parsePersonPhrase, type AnaphorRef, type Gender, type NamedRef } from '../personPhrase';
import { isCapitalised, isLower, type Token } from '../tokenize';
import type { QuoteText } from './text';

export interface Person {
  key: string;
  name: string;
  surname: string;
  honorific: string | null;
  role: string | null;
  roleHead: string | null;
  organisation: string | null;
  gender: Gender;
  /** Someone mentioned without a name („ein Sprecher der Verwaltung“): never a speaker. */
  anonymous?: boolean;
}

export interface Mention {
  person: Person;
  at: number;
}

/** How far back a pronoun or role noun looks for its person (mentions, newest first). */
const RESOLVE_WINDOW = 40;

/**
 * „der Rathauschef“ / „die Ministerin“ / „der Abgeordnete“ refers to `p` when it names p's
 * office: the same head („Ministerin“ → „Sozialministerin“), a synonym of the office
 * („Rathauschefin“ → „Bürgermeisterin“, „Stadtoberhaupt“ → „Oberbürgermeister“), or a hypernym
 * of a political office („die Grünen-Politikerin“ → the group's spokeswoman).
 */
export function sameOffice(ref: Pick<AnaphorRef, 'roleHead' | 'roleWord'>, p: Pick<Person, 'role' | 'roleHead' | 'organisation'>): boolean {
  if (ref.roleHead === null) return true;
  const role = (p.role ?? '').toLowerCase();
  if (p.roleHead === ref.roleHead || (ref.roleHead.length >= 4 && role.includes(ref.roleHead))) return true;
  const refOffices = officesOf(ref.roleWord ?? null, ref.roleHead);
  const personWord = role.split(/\s+/u).find((w) => roleHead(w)) ?? null;
  const personOffices = officesOf(personWord, p.roleHead);
  if (refOffices.some((o) => personOffices.includes(o))) return true;
  const hypernym = POLITICAL_HYPERNYMS.has(ref.roleHead) || POLITICAL_HYPERNYMS.has((ref.roleWord ?? '').toLowerCase().replace(/in$/u, ''));
  if (hypernym) return personOffices.some((o) => POLITICAL_OFFICES.has(o)) || (p.organisation !== null && POLITICAL_BODY.test(p.organisation));
  return false;
}

/** Positions of „Vorname Name“ pairs by surname, to complete a later surname-only mention. */
class FullNameIndex {
  private readonly bySurname = new Map<string, { at: number; first: string }[]>();

  constructor(text: string) {
    const re = /(?<![\p{L}])(\p{Lu}[\p{Ll}'’-]+(?:-\p{Lu}\p{Ll}+)?)\s+(?=(\p{Lu}[\p{L}'’-]*))/gu;
    for (const m of text.matchAll(re)) {
      if (!isNameToken(m[1]!)) continue;
      const surname = m[2]!;
      const at = m.index + m[0].length;
      const list = this.bySurname.get(surname);
      if (list) list.push({ at, first: m[1]! });
      else this.bySurname.set(surname, [{ at, first: m[1]! }]);
    }
  }

  /** „Becker“ alone at `at`, named „Klaus Becker“ earlier: the latest such full name. */
  before(surname: string, at: number): string | null {
    const list = this.bySurname.get(surname);
    if (!list) return null;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.at < at) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 ? `${list[lo - 1]!.first} ${surname}` : null;
  }
}

export class Registry {
  people: Person[] = [];
  mentions: Mention[] = [];
  private readonly byKey = new Map<string, Person>();
  /** Latest person with this surname. */
  private readonly bySurname = new Map<string, Person>();
  private readonly fullNames: FullNameIndex;

  constructor(text: string) {
    this.fullNames = new FullNameIndex(text);
  }

  isKnownSurname = (word: string): boolean => this.bySurname.has(word);

  /** People with this surname (for the surname pass). */
  withSurname(surname: string): Person[] {
    return this.people.filter((p) => p.surname === surname);
  }

  /** Adds or updates a person for a named reference and records the mention. */
  note(ref: NamedRef, at: number): Person {
    const key = personKey(ref.name);
    let person = this.byKey.get(key);
    if (!person && ref.surnameOnly) person = this.bySurname.get(ref.name);
    if (!person && !ref.surnameOnly) {
      // A full name for someone named before by surname only.
      const sur = surnameOf(ref.name);
      const bare = this.bySurname.get(sur);
      if (bare && bare.key === bare.surname.toLowerCase()) {
        this.byKey.delete(bare.key);
        bare.key = key;
        bare.name = ref.name;
        this.byKey.set(key, bare);
        person = bare;
      }
    }
    if (!person && ref.surnameOnly) {
      const full = this.fullNames.before(ref.name, at);
      if (full) return this.note({ ...ref, name: full, surnameOnly: false }, at);
    }
    if (!person) {
      person = { key, name: ref.name, surname: surnameOf(ref.name), honorific: null, role: null, roleHead: null, organisation: null, gender: null };
      this.people.push(person);
      this.byKey.set(key, person);
    }
    this.bySurname.set(person.surname, person);
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

  /** Someone mentioned without a name: a later „er“/„sie“ may mean them, so no one else. */
  noteAnonymous(head: string, gender: Gender, at: number): void {
    const person: Person = { key: `?${at}`, name: '', surname: '', honorific: null, role: null, roleHead: head, organisation: null, gender, anonymous: true };
    this.mentions.push({ person, at });
  }

  /**
   * The last person mentioned before `at` who fits „die Ministerin“ / „er“ / „sie“ (same office,
   * same gender; a person of unknown gender in a second round). Mentions are kept in text order.
   */
  resolve(ref: AnaphorRef, at: number): Person | null {
    let end = this.mentions.length;
    while (end > 0 && this.mentions[end - 1]!.at >= at) end--;
    const from = Math.max(0, end - RESOLVE_WINDOW);
    const fits = (p: Person, strictGender: boolean) =>
      (ref.roleHead === null || (!p.anonymous && sameOffice(ref, p)) || (p.anonymous === true && p.roleHead === ref.roleHead)) &&
      (ref.gender === null || p.gender === ref.gender || (!strictGender && p.gender === null));
    for (const strict of [true, false]) {
      for (let i = end - 1; i >= from; i--) {
        const p = this.mentions[i]!.person;
        if (fits(p, strict)) return p;
      }
    }
    return null;
  }
}

const SENTENCE_END = new Set(['.', '!', '?']);
const INDEFINITE = /^(ein|eine)$/iu;

/**
 * Mentions outside quotes, in text order: role phrases and titles anywhere, names at the start
 * of a sentence or clause, names introduced as a predicate („ist die 16-jährige Schülerin Mira
 * Yilmaz“), unnamed people at the start of a sentence; then later mentions by surname alone.
 */
export function collectMentions(doc: QuoteText, reg: Registry): void {
  doc.paras.forEach((_, pi) => {
    const toks = doc.toks[pi]!;
    const inQuote = doc.inQuote[pi]!;
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i]!;
      if (inQuote[i] || !isCapitalised(t.text)) continue;
      const prev = toks[i - 1]?.text ?? '';
      const atSentenceStart = i === 0 || SENTENCE_END.has(prev) || prev === ',' || prev === 'und' || prev === ':';
      if (INDEFINITE.test(t.text) && (i === 0 || SENTENCE_END.has(prev))) {
        // „Ein Sprecher der Verwaltung sagte …“: someone without a name.
        let k = i + 1;
        while (k < i + 3 && isLower(toks[k]?.text) && !ARTICLES.has(toks[k]!.text)) k++;
        const r = isCapitalised(toks[k]?.text) ? roleHead(toks[k]!.text) : null;
        if (r && !parsePersonPhrase(toks, i, reg, doc.flat)) {
          reg.noteAnonymous(r.head, r.gender ?? (t.text.toLowerCase() === 'eine' ? 'f' : 'm'), t.start);
          i = k;
          continue;
        }
      }
      const startsRef = roleHead(t.text) !== null || /^(dr\.|prof\.|herr|frau)$/iu.test(t.text);
      // A full name introduced as a predicate or an example: „Einer von ihnen ist Erwin Bader, der …“,
      // „Ehrenamtliche wie Klaus Becker“. The relative clause („, der seit 40 Jahren …“) marks a
      // person and gives the gender; a place („Austragungsort ist Bad Vilbel, das …“) takes „das“.
      const introduced = i > 0 && /^(ist|war|heißt|wie)$/u.test(prev) && isNameToken(t.text) && isNameToken(toks[i + 1]?.text ?? '');
      if (introduced) {
        const parsed = parsePersonPhrase(toks, i, reg, doc.flat);
        const rel = parsed && toks[parsed.end]?.text === ',' ? toks[parsed.end + 1]?.text : undefined;
        if (parsed && parsed.ref.kind === 'named' && !parsed.ref.surnameOnly && (rel === 'der' || rel === 'die')) {
          const gender = parsed.ref.gender ?? (rel === 'der' ? 'm' : 'f');
          reg.note({ ...parsed.ref, gender }, t.start);
          i = Math.max(i, parsed.end - 1);
          continue;
        }
      }
      if (!startsRef && !atSentenceStart) continue;
      let from = i;
      if (i > 0 && ARTICLES.has(prev.toLowerCase()) && startsRef) from = i - 1;
      // „ist die 16-jährige Schülerin Mira Yilmaz“: article and adjectives before the role.
      if (startsRef && i > 1 && isLower(prev) && !ARTICLES.has(prev) && ARTICLES.has(toks[i - 2]!.text.toLowerCase())) from = i - 2;
      const parsed = parsePersonPhrase(toks, from, reg, doc.flat) ?? (from !== i ? parsePersonPhrase(toks, i, reg, doc.flat) : null);
      if (parsed && parsed.ref.kind === 'named' && (startsRef || !parsed.ref.surnameOnly)) {
        if (!startsRef && atSentenceStart && !(parsed.ref.role || isLower(toks[parsed.end]?.text))) continue;
        reg.note(parsed.ref, t.start);
        i = Math.max(i, parsed.end - 1);
      }
    }
  });
  noteSurnameMentions(doc, reg);
}

/**
 * Later mentions by surname alone („Fröhlich kündigte an“, „Von der Heide berichtete“) make that
 * person the most recent one for „er“/„sie“. One pass over the tokens.
 */
function noteSurnameMentions(doc: QuoteText, reg: Registry): void {
  // First word of each surname (sentence-initial capitals allowed) → people.
  const byFirstWord = new Map<string, { person: Person; words: string[] }[]>();
  for (const person of reg.people) {
    if (person.surname.length < 3) continue;
    const words = person.surname.split(' ');
    const k = words[0]!.charAt(0).toUpperCase() + words[0]!.slice(1);
    const list = byFirstWord.get(k) ?? [];
    list.push({ person, words });
    byFirstWord.set(k, list);
  }
  if (byFirstWord.size === 0) return;
  const known = [...reg.mentions].sort((a, b) => a.at - b.at);
  const positions = new Map<Person, number[]>();
  for (const m of known) {
    const list = positions.get(m.person) ?? [];
    list.push(m.at);
    positions.set(m.person, list);
  }
  const near = (person: Person, at: number): boolean => {
    const list = positions.get(person);
    if (!list) return false;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]! < at) lo = mid + 1;
      else hi = mid;
    }
    return (lo < list.length && Math.abs(list[lo]! - at) < 60) || (lo > 0 && Math.abs(list[lo - 1]! - at) < 60);
  };
  const added: Mention[] = [];
  doc.paras.forEach((_, pi) => {
    const toks: Token[] = doc.toks[pi]!;
    const inQuote = doc.inQuote[pi]!;
    for (let i = 0; i < toks.length; i++) {
      if (inQuote[i]) continue;
      const t = toks[i]!.text;
      const cands = byFirstWord.get(t.charAt(0).toUpperCase() + t.slice(1));
      if (!cands) continue;
      for (const { person, words } of cands) {
        // As written, or capitalised at the start of a sentence („Von der Heide berichtete“).
        if (t !== words[0] && t !== words[0]!.charAt(0).toUpperCase() + words[0]!.slice(1)) continue;
        if (!words.every((w, k) => k === 0 || toks[i + k]?.text === w)) continue;
        const at = toks[i]!.start;
        if (!near(person, at)) added.push({ person, at });
      }
    }
  });
  reg.mentions.push(...added);
}
