import { createRequire } from 'node:module';
import lunr from 'lunr';

/**
 * The one German analysis pipeline of the search (ARCHITECTURE §5, issue "German full-text
 * search"): the same functions turn document text into index terms and query words into query
 * terms, so both sides always agree.
 *
 *   text ─ tokenize (NFC, soft hyphens and zero-width characters dropped, § references and
 *          hyphenated words kept together, coordination ellipsis "Bürger- und Jugendhäuser")
 *        ─ lower-case, fold ä/ö/ü/ß to ae/oe/ue/ss ("folded" form: stop words, compound
 *          splitting and exact-spelling checks work on it, so "Gruesse" = "Grüße")
 *        ─ stop words dropped
 *        ─ German Snowball stemmer (lunr-languages) on the "german2" form (ae/oe/ue read as
 *          umlauts), so "Häuser", "Haeuser" and "Haus" share the stem "haus"
 *        ─ compound parts (split against the index's own vocabulary) as extra, lower-weighted terms
 *
 * Abbreviations (BauGB, SGB, EU) and numbers (171e, 2030) are kept unstemmed; "§ 171e" becomes
 * the term "§171e" as well as "171e".
 */

/**
 * Bump when anything here changes what terms a text produces, or when the stored segment format
 * (Segment.ts) changes: the index is rebuilt once.
 */
export const PIPELINE_VERSION = 5;

/**
 * The exact written form of a word as an index term: folded (ä = ae, ß = ss: those are
 * spellings, not different words), hyphens dropped, marked with "=" so it never collides with a
 * stem ("=politikers" beside "politik"). Indexed in a field of its own; a query word's exact form
 * there adds to its stem match, so "Politikers" ranks documents that say "Politikers" above those
 * that only say "Politik", while "Politik" still finds both.
 */
export function exactForm(written: string): string {
  return `=${fold(written.replace(/[-\u2010\u2011]/g, ''))}`;
}

/**
 * The spelling of a word whose letters could be written another way (ä/ae, ö/oe, ü/ue, ß/ss),
 * lower-case, marked with "~"; null for other words. A small bonus for the spelling as typed:
 * "Masse" ranks "Masse" above "Maße", "Maße" the other way round.
 */
export function spelling(written: string): string | null {
  const lower = written.toLowerCase().replace(/[-\u2010\u2011]/g, '');
  return /[äöüß]|ae|oe|ue|ss/.test(lower) ? `~${lower}` : null;
}

const require = createRequire(import.meta.url);
type Stemmer = (token: lunr.Token) => lunr.Token;
interface LunrDe {
  de: { stemmer: Stemmer; stopWordFilter: (token: lunr.Token) => lunr.Token | undefined };
}
const lunrDe = lunr as unknown as typeof lunr & LunrDe;
if (!(lunrDe as unknown as { de?: unknown }).de) {
  (require('lunr-languages/lunr.stemmer.support.js') as (l: unknown) => void)(lunr);
  (require('lunr-languages/lunr.de.js') as (l: unknown) => void)(lunr);
}
const snowball: Stemmer = lunrDe.de.stemmer;

/** Lower-case and fold German special letters: the form compared across spellings. */
export function fold(word: string): string {
  const lower = word.toLowerCase();
  // Fast path: most words are ASCII.
  if (!/[äöüßẞ]/.test(lower)) return lower;
  let out = '';
  for (const ch of lower) {
    if (ch === 'ä') out += 'ae';
    else if (ch === 'ö') out += 'oe';
    else if (ch === 'ü') out += 'ue';
    else if (ch === 'ß' || ch === 'ẞ') out += 'ss';
    else out += ch;
  }
  return out;
}

/** Folded → the spelling the Snowball stemmer understands best ("german2": ae/oe/ue as umlauts). */
function unfold(folded: string): string {
  return folded.replace(/ae/g, 'ä').replace(/oe/g, 'ö').replace(/(?<!q)ue/g, 'ü');
}

// The lunr-languages German stop word list, folded (so "fuer" is as much a stop word as "für"),
// plus a few function words that are never useful as search terms in this domain.
const STOP_WORDS = new Set<string>(
  (
    'aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes anderm andern anderr anders auch auf aus bei bin bis bist da damit dann das dasselbe dazu daß dein deine deinem deinen deiner deines dem demselben den denn denselben der derer derselbe derselben des desselben dessen dich die dies diese dieselbe dieselben diesem diesen dieser dieses dir doch dort du durch ein eine einem einen einer eines einig einige einigem einigen einiger einiges einmal er es etwas euch euer eure eurem euren eurer eures für gegen gewesen hab habe haben hat hatte hatten hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer ihres im in indem ins ist jede jedem jeden jeder jedes jene jenem jenen jener jenes jetzt kann kein keine keinem keinen keiner keines können könnte machen man manche manchem manchen mancher manches mein meine meinem meinen meiner meines mich mir mit muss musste nach nicht nichts noch nun nur ob oder ohne sehr sein seine seinem seinen seiner seines selbst sich sie sind so solche solchem solchen solcher solches soll sollte sondern sonst um und uns unse unsem unsen unser unses unter viel vom von vor war waren warst was weg weil weiter welche welchem welchen welcher welches wenn werde werden wie wieder will wir wird wirst wo wollen wollte während würde würden zu zum zur zwar zwischen über ' +
    'sowie bzw beim zum zur wurde wurden worden sei seien ja'
  )
    .split(/\s+/)
    .filter(Boolean)
    .map(fold),
);

export function isStopWord(folded: string): boolean {
  return STOP_WORDS.has(folded);
}

/** Words joining the halves of a coordination ellipsis: "Bürger- und Jugendhäuser". */
const ELLIPSIS_JOINERS = new Set(['und', 'oder', 'sowie', 'bzw', 'bis', 'wie', ',', '&', '/']);

/**
 * A copy of `s` that shares no memory with the text it was cut from. V8 keeps a substring (and a
 * concatenation) as a view of its source: a word cached or stored as an index term would keep the
 * whole document text alive (hundreds of MB in a full build). Used where strings are kept: cache
 * misses and new index terms, never per token.
 */
export function detach(s: string): string {
  // The concatenation is flattened into a fresh string by the slice, which then views only it.
  return ` ${s}`.slice(1);
}

const stemCache = new Map<string, string>();
const STEM_CACHE_MAX = 500_000;

/** Stem of a folded word (cached: word frequencies are Zipfian, most calls hit). */
export function stemFolded(folded: string): string {
  let s = stemCache.get(folded);
  if (s === undefined) {
    folded = detach(folded);
    s = snowball(new lunr.Token(unfold(folded), {})).toString();
    // The stemmer removes umlauts only in some positions; fold what is left so both spellings meet.
    s = s.replace(/ä/g, 'a').replace(/ö/g, 'o').replace(/ü/g, 'u');
    if (stemCache.size >= STEM_CACHE_MAX) stemCache.clear();
    stemCache.set(folded, s);
  }
  return s;
}

/**
 * The alphabet of index terms without stemming: used for prefix expansion while typing, where a
 * stem of a half-typed word would be wrong ("entwicklu" is a prefix of the term "entwickl…"?
 * no: "entwickl" is a prefix of it; both directions are handled by the query builder).
 */
export function termAlphabet(folded: string): string {
  return unfold(folded).replace(/ä/g, 'a').replace(/ö/g, 'o').replace(/ü/g, 'u');
}

// ——— Tokenizer ———————————————————————————————————————————————————————————————————————————————

export type TokenKind = 'word' | 'abbr' | 'number' | 'legal';

export interface RawToken {
  /** Offsets into the analysed text: [start, end). */
  start: number;
  end: number;
  /** The token as written, NFC, without soft hyphens/zero-width characters. */
  text: string;
  kind: TokenKind;
  /** "Bürger-" (a prefix waiting for its head) or "-büros" (a head waiting for its modifier). */
  openEnd?: boolean;
  openStart?: boolean;
}

// Letters, combining marks, digits; soft hyphen and zero-width characters may sit inside a word.
const RUN_RE = /[\p{L}\p{M}\p{N}\u00AD\u200B-\u200D\u2060]+|[§,&/]/gu;
const INVISIBLE_RE = /[\u00AD\u200B-\u200D\u2060]/g;
const WORDCHAR_RE = /[\p{L}\p{M}\p{N}]/u;

function classify(word: string): TokenKind {
  const c = word.charCodeAt(0);
  if (c >= 48 && c <= 57) return 'number';
  // BauGB, SGB, EU, KiTa: an upper-case letter after the first, or all capitals and short.
  const rest = word.slice(1);
  if (rest.toLowerCase() === rest) return 'word';
  if (/\p{Ll}/u.test(rest) || word.length <= 5) {
    // Hyphenated words are classified by their pieces ("Bürger-Initiative" is a word).
    if (/[-\u2010\u2011]/.test(word)) return 'word';
    return 'abbr';
  }
  return 'word';
}

function clean(word: string): string {
  let w = word;
  if (w.length > 0 && /[\u00AD\u200B-\u200D\u2060]/.test(w)) w = w.replace(INVISIBLE_RE, '');
  if (/[^\p{ASCII}]/u.test(w)) w = w.normalize('NFC');
  return w;
}

/** Flags of a scanned token (see RawToken). */
export const OPEN_START = 1;
export const OPEN_END = 2;

/**
 * Called per token by `scanTokens`: `raw` is the token as it stands in the text (not yet
 * cleaned: see `cleanToken`), or "§171e" for a legal reference (`legal` true).
 */
export type TokenSink = (start: number, end: number, raw: string, legal: boolean, flags: number) => void;

// Letter runs of the text being scanned, as offsets (reused between calls: no object per run).
let runStart = new Int32Array(4096);
let runEnd = new Int32Array(4096);

function isHyphen(c: number): boolean {
  return c === 45 || c === 0x2010 || c === 0x2011;
}

/**
 * The tokenizer's scan: words (hyphenated ones kept whole), "§ 171e", and the joiners ",", "&",
 * "/" that matter for a coordination ellipsis, each handed to `emit` without building an object.
 * `tokenize` builds RawTokens from it; index builds key their per-word analysis by `raw`.
 */
export function scanTokens(text: string, emit: TokenSink): void {
  let n = 0;
  RUN_RE.lastIndex = 0;
  for (let m = RUN_RE.exec(text); m !== null; m = RUN_RE.exec(text)) {
    if (n === runStart.length) {
      const s2 = new Int32Array(n * 2);
      s2.set(runStart);
      runStart = s2;
      const e2 = new Int32Array(n * 2);
      e2.set(runEnd);
      runEnd = e2;
    }
    runStart[n] = m.index;
    runEnd[n] = m.index + m[0].length;
    n++;
  }
  // Local views: `emit` may scan another text (the arrays would be replaced under us).
  const starts = runStart.slice(0, n);
  const ends = runEnd.slice(0, n);
  for (let i = 0; i < n; i++) {
    const rs = starts[i]!;
    const re = ends[i]!;
    const first = text.charCodeAt(rs);
    if (re - rs === 1 && (first === 0xa7 || first === 44 || first === 38 || first === 47)) {
      if (first === 0xa7) {
        // "§ 171e", "§§ 34": the § with the number that follows.
        let j = i + 1;
        while (j < n && text.charCodeAt(starts[j]!) === 0xa7 && starts[j] === ends[j - 1]) j++;
        if (j < n && /^\s*$/.test(text.slice(ends[j - 1]!, starts[j]!)) && /^\d+[a-z]?$/.test(text.slice(starts[j]!, ends[j]!))) {
          emit(rs, ends[j]!, `§${text.slice(starts[j]!, ends[j]!)}`, true, 0);
          i = j;
        }
        continue;
      }
      emit(rs, re, text[rs]!, false, 0);
      continue;
    }
    let end = re;
    // Join hyphenated words: run '-' run '-' run.
    while (i + 1 < n && isHyphen(text.charCodeAt(end)) && starts[i + 1] === end + 1 && WORDCHAR_RE.test(text[end + 1]!)) {
      i++;
      end = ends[i]!;
    }
    let flags = 0;
    if (rs > 0 && isHyphen(text.charCodeAt(rs - 1)) && (rs < 2 || /\s/.test(text[rs - 2]!))) flags |= OPEN_START;
    if (end < text.length && isHyphen(text.charCodeAt(end)) && (end + 1 >= text.length || /[\s,]/.test(text[end + 1]!))) flags |= OPEN_END;
    emit(rs, end, text.slice(rs, end), false, flags);
  }
}

/** A scanned word as the analysis sees it (soft hyphens and zero-width characters dropped, NFC); may be empty. */
export function cleanToken(raw: string): string {
  return clean(raw);
}

/** The kind of a cleaned word token (number, abbreviation, word). */
export function tokenKind(word: string): TokenKind {
  return classify(word);
}

/**
 * Splits text into tokens with their offsets: words (hyphenated ones kept whole), "§ 171e",
 * and the joiners ",", "&", "/" that matter for a coordination ellipsis.
 */
export function tokenize(text: string): RawToken[] {
  const out: RawToken[] = [];
  scanTokens(text, (start, end, raw, legal, flags) => {
    if (legal) {
      out.push({ start, end, text: raw, kind: 'legal' });
      return;
    }
    const word = clean(raw);
    if (word.length === 0) return;
    const tok: RawToken = { start, end, text: word, kind: classify(word) };
    if (flags & OPEN_START) tok.openStart = true;
    if (flags & OPEN_END) tok.openEnd = true;
    out.push(tok);
  });
  return out;
}

// ——— Compound splitting ——————————————————————————————————————————————————————————————————————

/** Fugen-elements between compound parts, longest first ("Quartier-s-entwicklung"). */
const FUGEN = ['es', 'en', 'er', 'ns', 's', 'n', 'e', ''];
export const MIN_PART = 4;
/** Three-letter parts ("Amt", "Bau", "Rat") only when the word is this many times above minDf. */
const SHORT_PART_FACTOR = 5;
const MIN_COMPOUND = 7;
/** Derivational suffixes are not compound parts ("Gesell-schaft", "Wissen-schaft"). */
const NOT_PARTS = new Set(['schaft', 'schaften', 'heit', 'heiten', 'keit', 'keiten', 'ung', 'ungen', 'lich', 'liche', 'lichen', 'ling', 'tum', 'nis', 'nisse', 'chen', 'lein', 'isch', 'ische', 'ischen']);

export interface VocabularyJSON {
  minDf: number;
  words: [string, number][];
  stems?: [string, number][];
}

/**
 * The vocabulary compounds are split against: frequent folded words of the index itself (and
 * their stems, so "wohn" from "wohnen" counts as a modifier and "häuser" as the head "haus").
 * Built with each base segment and stored in it; deltas and queries use the base's vocabulary.
 */
export class CompoundVocabulary {
  private readonly cache = new Map<string, string[] | null>();
  constructor(
    readonly words: Map<string, number>,
    readonly stems: Map<string, number>,
    readonly minDf: number,
  ) {}

  static empty(): CompoundVocabulary {
    return new CompoundVocabulary(new Map(), new Map(), 2);
  }

  /** From document frequencies of folded words. */
  static fromWordDf(df: Map<string, number>, docCount: number): CompoundVocabulary {
    // A word must recur to count as a part; with few documents, twice is enough.
    const minDf = Math.max(2, Math.min(5, Math.round(docCount / 500)));
    const words = new Map<string, number>();
    const stems = new Map<string, number>();
    for (const [w, n] of df) {
      if (n < minDf || w.length < 3 || w.length > 24 || STOP_WORDS.has(w) || /\d/.test(w)) continue;
      if (w.length === 3 && n < minDf * SHORT_PART_FACTOR) continue;
      words.set(w, n);
      const s = stemFolded(w);
      if (s.length >= 3) stems.set(s, (stems.get(s) ?? 0) + n);
    }
    return new CompoundVocabulary(words, stems, minDf);
  }

  /** `stems` is stored too: recomputing it means stemming every word at each load. */
  toJSON(): VocabularyJSON {
    return { minDf: this.minDf, words: [...this.words], stems: [...this.stems] };
  }

  static fromJSON(j: VocabularyJSON): CompoundVocabulary {
    const words = new Map(j.words);
    if (j.stems) return new CompoundVocabulary(words, new Map(j.stems), j.minDf);
    // Stored before the stems were: derived as fromWordDf does.
    const stems = new Map<string, number>();
    for (const [w, n] of words) {
      const s = stemFolded(w);
      if (s.length >= 3) stems.set(s, (stems.get(s) ?? 0) + n);
    }
    return new CompoundVocabulary(words, stems, j.minDf);
  }

  get size(): number {
    return this.words.size;
  }

  /** partDf per candidate part, as modifier and as head: a compound split tries every cut, and the same candidates recur across words. */
  private readonly modifierDf = new Map<string, number>();
  private readonly headDf = new Map<string, number>();

  private partDf(part: string, asHead: boolean): number {
    const memo = asHead ? this.headDf : this.modifierDf;
    let n = memo.get(part);
    if (n === undefined) {
      n = this.partDfUncached(part, asHead);
      if (memo.size > 400_000) memo.clear();
      memo.set(detach(part), n);
    }
    return n;
  }

  private partDfUncached(part: string, asHead: boolean): number {
    if (!mayBePart(part)) return 0;
    const direct = this.words.get(part) ?? 0;
    if (part.length === 3) return direct >= this.minDf * SHORT_PART_FACTOR ? direct : 0;
    // Heads may be inflected ("häuser"); modifiers may be verb stems ("wohn" in "Wohnraum",
    // "stütz" in "Stützpfeiler": stems are stored without umlauts, so look the modifier up so).
    const viaStem = this.stems.get(asHead ? stemFolded(part) : termAlphabet(part)) ?? 0;
    const n = Math.max(direct, viaStem);
    if (part.length === 3 && n < this.minDf * SHORT_PART_FACTOR) return 0;
    return n;
  }

  /** Splits a folded word against this vocabulary (see splitCompound), or null; cached. */
  split(folded: string): string[] | null {
    if (folded.length < MIN_COMPOUND || this.words.size === 0) return null;
    const hit = this.cache.get(folded);
    if (hit !== undefined) return hit;
    folded = detach(folded);
    const result = splitCompound(folded, (part, asHead) => this.partDf(part, asHead));
    if (this.cache.size > 200_000) this.cache.clear();
    this.cache.set(folded, result);
    return result;
  }

  /** The head (last part) of a compound, or the word itself. */
  head(folded: string): string {
    const parts = this.split(folded);
    return parts ? parts[parts.length - 1]! : folded;
  }
}

/** How often `part` is known as a word (a head may be inflected); 0 for what is no part. */
export type PartDf = (part: string, asHead: boolean) => number;

/** True for words that may be compound parts at all (no stop words, no derivational suffixes). */
export function mayBePart(part: string): boolean {
  return part.length >= 3 && !STOP_WORDS.has(part) && !NOT_PARTS.has(part);
}

/**
 * Splits a folded word into parts (folded, without Fugen-elements), or null, against the part
 * frequencies `partDf`. Among the possible splits the one with fewest parts wins, then the
 * highest geometric mean of part frequencies (Koehn & Knight 2003). Parts have at least MIN_PART
 * letters, or three where `partDf` admits them.
 */
export function splitCompound(folded: string, partDf: PartDf): string[] | null {
  if (folded.length < MIN_COMPOUND) return null;
  const best = splitRec(folded, 0, 0, partDf, new Map());
  return best && best.parts.length > 1 ? best.parts : null;
}

type Split = { parts: string[]; logSum: number };

/**
 * Best split of the suffix of `word` from `from` at recursion `depth`. Every rest tried is a
 * suffix of the word, so each (suffix, depth) is worked out once (`memo`), not once per cut
 * before it.
 */
function splitRec(word: string, from: number, depth: number, partDf: PartDf, memo: Map<number, Split | null>): Split | null {
  const key = from * 4 + depth;
  const known = memo.get(key);
  if (known !== undefined) return known;
  let best: Split | null = null;
  const better = (c: Split) =>
    !best ||
    c.parts.length < best.parts.length ||
    (c.parts.length === best.parts.length && c.logSum / c.parts.length > best.logSum / best.parts.length);
  const len = word.length - from;
  for (let i = 3; i <= len - 3; i++) {
    const mod = word.slice(from, from + i);
    const modDf = partDf(mod, false);
    if (modDf === 0) continue;
    for (const f of FUGEN) {
      if (f && !word.startsWith(f, from + i)) continue;
      const restFrom = from + i + f.length;
      if (word.length - restFrom < 3) continue;
      const rest = word.slice(restFrom);
      const headDf = partDf(rest, true);
      if (headDf > 0) {
        const c = { parts: [mod, rest], logSum: Math.log(modDf) + Math.log(headDf) };
        if (better(c)) best = c;
      } else if (depth < 2 && rest.length >= MIN_COMPOUND - 1) {
        const sub = splitRec(word, restFrom, depth + 1, partDf, memo);
        if (sub) {
          const c = { parts: [mod, ...sub.parts], logSum: Math.log(modDf) + sub.logSum };
          if (better(c)) best = c;
        }
      }
    }
  }
  if (best) {
    // MIN_PART: short parts only where the frequency rule admitted them.
    for (const p of (best as Split).parts) {
      if (p.length < MIN_PART && p.length !== 3) {
        best = null;
        break;
      }
    }
  }
  memo.set(key, best);
  return best;
}

// ——— Analysis ————————————————————————————————————————————————————————————————————————————————

export interface AnalyzedWord {
  /** The index term: stem of the word (or the abbreviation/number/§ reference itself). */
  term: string;
  /** Folded surface form (for exact-spelling checks and compound splitting). */
  folded: string;
  /** Stems of compound parts and of the head compounds ("tagesstätte" in "Kindertagesstätte"). */
  parts: string[];
  /** Exact forms of the compound parts as written (see exactForm): "=freizuegigkeit". */
  partForms: string[];
  stop: boolean;
}

export class GermanAnalyzer {
  private vocab: CompoundVocabulary;
  private readonly cache = new Map<string, AnalyzedWord>();

  constructor(vocabulary: CompoundVocabulary = CompoundVocabulary.empty()) {
    this.vocab = vocabulary;
  }

  get vocabulary(): CompoundVocabulary {
    return this.vocab;
  }

  set vocabulary(v: CompoundVocabulary) {
    this.vocab = v;
    this.cache.clear();
  }

  /** One written word (no spaces) → its term and compound parts (cached: words repeat). */
  analyzeWord(text: string, kind: TokenKind = classify(text)): AnalyzedWord {
    const key = kind === 'word' ? text : `${kind}\u0000${text}`;
    let a = this.cache.get(key);
    if (a === undefined) {
      a = this.analyzeUncached(detach(text), kind);
      if (this.cache.size > 300_000) this.cache.clear();
      this.cache.set(detach(key), a);
    }
    return a;
  }

  private analyzeUncached(text: string, kind: TokenKind): AnalyzedWord {
    if (kind === 'legal') return { term: text.toLowerCase(), folded: text.toLowerCase(), parts: [], partForms: [], stop: false };
    const pieces = text.split(/[-\u2010\u2011]/).filter((p) => p.length > 0);
    const folded = fold(pieces.join(''));
    if (kind === 'number' || kind === 'abbr') return { term: folded, folded, parts: [], partForms: [], stop: false };
    if (pieces.length > 1) {
      // Hyphenated compound ("Bürger-Initiative", "SGB-II-Leistungen"): the whole as the term,
      // each piece (and its own parts) as parts.
      const parts = new Set<string>();
      const partForms = new Set<string>();
      for (const p of pieces) {
        const a = this.analyzeWord(p);
        if (!a.stop && a.term.length >= 2) {
          parts.add(a.term);
          partForms.add(exactForm(p));
        }
        for (const q of a.parts) parts.add(q);
        for (const q of a.partForms) partForms.add(q);
      }
      return { term: stemFolded(folded), folded, parts: [...parts], partForms: [...partForms], stop: false };
    }
    if (STOP_WORDS.has(folded)) return { term: folded, folded, parts: [], partForms: [], stop: true };
    const partForms = new Set<string>();
    const walk = (w: string, depth: number) => {
      for (const p of this.vocab.split(w) ?? []) {
        if (p.length >= 3) partForms.add(`=${p}`);
        if (depth < 2) walk(p, depth + 1);
      }
    };
    walk(folded, 0);
    return { term: stemFolded(folded), folded, parts: this.compoundParts(folded), partForms: [...partForms], stop: false };
  }

  /**
   * Stems of the parts of a folded compound and of its head compounds, or []. Parts that are
   * compounds themselves are split too ("Freihandelsabkommen" → frei, handelsabkommen, handel,
   * abkommen), so a query for any part at any level finds the compound.
   */
  compoundParts(folded: string, depth = 0): string[] {
    const split = this.vocab.split(folded);
    if (!split) return [];
    const out = new Set<string>();
    for (const p of split) {
      out.add(stemFolded(p));
      if (depth < 2) for (const q of this.compoundParts(p, depth + 1)) out.add(q);
    }
    // Suffix compounds: "kindertagesstaette" → also "tagesstaette" (its position in the word).
    let pos = folded.length;
    for (let i = split.length - 1; i >= 1; i--) {
      pos = folded.lastIndexOf(split[i]!, pos - split[i]!.length);
      if (i < split.length - 1 && pos > 0) out.add(stemFolded(folded.slice(pos)));
    }
    return [...out].filter((t) => t.length >= 3);
  }

  /**
   * Index terms of a text: `terms` (the words) and `parts` (compound parts, weighted lower), plus
   * the words completed from a coordination ellipsis ("Bürger- und Jugendhäuser" → "bürgerhaus"),
   * and `forms`: the exact written forms and spellings (see exactForm, spelling).
   */
  analyze(text: string): { terms: string[]; parts: string[]; forms: string[] } {
    const tokens = tokenize(text);
    const terms: string[] = [];
    const parts: string[] = [];
    const forms: string[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i]!;
      if (t.kind === 'legal') {
        terms.push(t.text.toLowerCase(), t.text.slice(1).toLowerCase());
        continue;
      }
      const a = this.analyzeWord(t.text, t.kind);
      if (!a.stop && (a.term.length >= 2 || t.kind === 'number')) {
        terms.push(a.term);
        forms.push(exactForm(t.text));
        const sp = spelling(t.text);
        if (sp) forms.push(sp);
      }
      for (const p of a.parts) parts.push(p);
      for (const p of a.partForms) parts.push(p);
      const completed = this.completeEllipsis(tokens, i);
      if (completed) terms.push(completed);
    }
    return { terms, parts, forms };
  }

  /** "Bürger-" + joiner + "Jugendhäuser" → stem of "bürgerhäuser"; "-büros" after "Stadtteilzentren und". */
  completeEllipsis(tokens: RawToken[], i: number): string | null {
    const t = tokens[i]!;
    if (t.openEnd && !t.openStart) {
      const j = tokens[i + 1];
      const next = tokens[i + 2];
      if (j && next && ELLIPSIS_JOINERS.has(fold(j.text)) && next.kind === 'word' && !next.openEnd) {
        const head = this.vocab.head(fold(next.text.replace(/[-\u2010\u2011]/g, '')));
        if (head !== fold(next.text)) return stemFolded(fold(t.text.replace(/[-\u2010\u2011]/g, '')) + head);
        // Head unknown: the next word is itself the head ("Kinder- und Jugendarbeit" has
        // "jugendarbeit" → head "arbeit"; "Bau- und Planungsrecht" → "recht" needs the split).
      }
    }
    if (t.openStart && !t.openEnd && i >= 2) {
      const j = tokens[i - 1]!;
      const prev = tokens[i - 2]!;
      if (ELLIPSIS_JOINERS.has(fold(j.text)) && prev.kind === 'word') {
        const pf = fold(prev.text.replace(/[-\u2010\u2011]/g, ''));
        const split = this.vocab.split(pf);
        if (split) {
          const head = split[split.length - 1]!;
          const modifier = pf.slice(0, pf.lastIndexOf(head));
          return stemFolded(modifier + fold(t.text));
        }
      }
    }
    return null;
  }

  /** Folded words of a text, for the compound vocabulary (document frequency pass). */
  static foldedWords(text: string, into: Set<string>): void {
    for (const t of tokenize(text)) {
      if (t.kind !== 'word') continue;
      for (const p of t.text.split(/[-\u2010\u2011]/)) if (p.length >= 3) into.add(fold(p));
    }
  }
}
