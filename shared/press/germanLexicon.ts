/**
 * Small closed word classes of German press language used by the attribution rules. These are
 * grammar (articles, pronouns, verbs of saying, heads of role nouns), not names from any text:
 * German compounds are head-final, so „Wohnungsbauminister“ and „Quartiersmanagerin“ are
 * recognised by their last part.
 */

/** Heads of role nouns (masculine form; feminine forms add „-in“, see `roleHead`). */
const ROLE_HEADS_M = [
  'minister', 'präsident', 'bürgermeister', 'geschäftsführer', 'leiter', 'sprecher', 'direktor',
  'dezernent', 'referent', 'koordinator', 'staatssekretär', 'landrat', 'stadtrat', 'senator',
  'kanzler', 'rektor', 'dekan', 'intendant', 'professor', 'manager', 'sozialarbeiter', 'pfarrer',
  'pastor', 'bewohner', 'mieter', 'gründer', 'initiator', 'vertreter', 'berater', 'planer',
  'architekt', 'vorsteher', 'obmann', 'chef', 'kämmerer', 'botschafter', 'bischof', 'sekretär',
  'vorstand', 'abteilungsleiter', 'pädagoge', 'erzieher', 'moderator', 'organisator', 'trainer',
  'experte', 'wissenschaftler', 'forscher', 'beigeordnete', 'beigeordneter', 'stadtverordneter',
  'abgeordneter', 'vorsitzender', 'beauftragter', 'mitarbeiter', 'ehrenamtlicher', 'stellvertreter',
  'politiker', 'parlamentarier', 'schüler', 'student', 'rentner', 'anwohner', 'teilnehmer', 'besucher', 'helfer',
];
/** Forms that are the same word for both genders or have irregular feminine forms. */
const ROLE_WORDS_EXTRA: Record<string, 'f' | 'm' | null> = {
  vorsitzende: null, beauftragte: null, abgeordnete: null, stadtverordnete: null, beigeordnete: null,
  ehrenamtliche: null, landrätin: 'f', stadträtin: 'f', obfrau: 'f', bischöfin: 'f', kämmerin: 'f',
  mitglied: null, vorständin: 'f', expertin: 'f', pädagogin: 'f', erzieherin: 'f',
  oberhaupt: null,
};

/** Irregular feminine forms share the masculine lemma: „die Landrätin“ holds the office „Landrat“. */
const FEMININE_LEMMA: Record<string, string> = {
  landrätin: 'landrat', stadträtin: 'stadtrat', obfrau: 'obmann', bischöfin: 'bischof', kämmerin: 'kämmerer',
  vorständin: 'vorstand', expertin: 'experte', pädagogin: 'pädagoge', erzieherin: 'erzieher',
};

/**
 * Nouns declined like adjectives („der Vorsitzende“, „ein Vorsitzender“, „die Vorsitzende“): after
 * a definite article the masculine form is weak; as a label the strong form is used.
 */
export const ADJECTIVAL_ROLE = /(vorsitzende|beauftragte|abgeordnete|beigeordnete|stadtverordnete|ehrenamtliche|angestellte|bevollmächtigte|delegierte)$/iu;

/** „Vorsitzende“ after „der“ (a man) → „Vorsitzender“; feminine and strong forms stay. */
export function roleLabel(role: string, article: string | null): string {
  if (article !== null && /^(der|ein)$/iu.test(article) && ADJECTIVAL_ROLE.test(role)) return `${role}r`;
  return role;
}

/** Parties after a name („Anna Thielen (SPD)“) are an affiliation, not the organisation of the role. */
export const PARTY =
  /^(SPD|CDU|CSU|FDP|AfD|BSW|ÖDP|SSW|FW|Volt|Piraten|Die PARTEI|Grüne|GRÜNE|Die Grünen|DIE GRÜNEN|Bündnis 90\/Die Grünen|BÜNDNIS 90\/DIE GRÜNEN|B90\/Grüne|Linke|Die Linke|DIE LINKE|Freie Wähler|FREIE WÄHLER|parteilos|fraktionslos|unabhängig)$/u;

/** Written after a name, never part of it: „Dr. Thomas Riedel MdL“, „Hans Berg a. D.“. */
export const NAME_SUFFIX = /^(MdL|MdB|MdEP|MdA|MdBB|MdHB|a\.\s?D\.|jun\.|sen\.|jr\.)$/u;

export interface RoleWord {
  head: string;
  gender: 'f' | 'm' | null;
}

/** Role look-ups by word: press text repeats its nouns, and every capitalised word is asked. */
const roleCache = new Map<string, RoleWord | null>();
const ROLE_CACHE_MAX = 50_000;

/** If `word` is a role noun (possibly a compound), its head and grammatical gender. */
export function roleHead(word: string): RoleWord | null {
  const cached = roleCache.get(word);
  if (cached !== undefined) return cached;
  const found = findRoleHead(word);
  if (roleCache.size >= ROLE_CACHE_MAX) roleCache.clear();
  roleCache.set(word, found);
  return found;
}

const EXTRA_WORDS = Object.entries(ROLE_WORDS_EXTRA);
const EXTRA_INDEX = new Map(EXTRA_WORDS.map(([w], i) => [w, i]));
const HEAD_INDEX = new Map(ROLE_HEADS_M.map((h, i) => [h, i]));
const MAX_HEAD = Math.max(...ROLE_HEADS_M.map((h) => h.length + 5), ...EXTRA_WORDS.map(([w]) => w.length));

/**
 * The first role word (in list order) that `w` ends with, found by looking up the word's
 * suffixes instead of trying every role word.
 */
function findRoleHead(word: string): RoleWord | null {
  const w = word.toLowerCase().replace(/[.,;:]+$/, '');
  if (w.length < 4 || !/^\p{L}[\p{L}-]*$/u.test(w)) return null;
  let extra = -1;
  let head = -1;
  for (let n = 1; n <= Math.min(w.length, MAX_HEAD); n++) {
    const suffix = w.slice(w.length - n);
    const e = EXTRA_INDEX.get(suffix);
    if (e !== undefined && (extra < 0 || e < extra)) extra = e;
    for (const cut of [0, 2, 5]) {
      if (cut > 0 && !suffix.endsWith(cut === 2 ? 'in' : 'innen')) continue;
      const h = HEAD_INDEX.get(suffix.slice(0, suffix.length - cut));
      if (h !== undefined && (head < 0 || h < head)) head = h;
    }
  }
  if (extra >= 0) {
    // Extra words match the whole word or a compound ending (more than 2 letters before them).
    for (const [x, gender] of EXTRA_WORDS.slice(extra)) {
      if (w === x || (w.endsWith(x) && w.length > x.length + 2)) return { head: FEMININE_LEMMA[x] ?? x, gender };
    }
  }
  if (head < 0) return null;
  for (const h of ROLE_HEADS_M.slice(head)) {
    if (w.endsWith(`${h}in`) && (w.length === h.length + 2 || w.length > h.length + 4)) return { head: h, gender: 'f' };
    if (w.endsWith(`${h}innen`)) return null; // plural: „Ministerinnen“ names a group
    if (w === h || (w.endsWith(h) && w.length > h.length + 2)) return { head: h, gender: h.endsWith('e') ? null : 'm' };
  }
  return null;
}

/** Academic and courtesy titles before a name; never part of the person's identity. */
export const HONORIFICS = new Set([
  'dr.', 'prof.', 'professor', 'professorin', 'dipl.-ing.', 'dipl.-päd.', 'dipl.', 'ing.', 'mag.', 'h.c.',
  'pd', 'priv.-doz.', 'rer.', 'nat.', 'med.', 'phil.', 'pol.', 'jur.', 'oec.', 'habil.', 'herr', 'frau',
]);

export const ARTICLES = new Set(['der', 'die', 'das', 'des', 'dem', 'den', 'ein', 'eine', 'einer', 'eines']);

/** Words that open a complement of a role noun: „Ministerin für Soziales“, „Leiterin des Amtes“. */
export const ROLE_COMPLEMENT_STARTERS = new Set([
  'für', 'der', 'des', 'im', 'vom', 'von', 'beim', 'bei', 'am', 'an', 'in', 'zur', 'zum', 'aus',
]);

export const NAME_PARTICLES = new Set(['von', 'van', 'de', 'zu', 'vom', 'zum', 'ten', 'ter', 'di', 'da', 'del', 'della', 'le', 'la', 'du', 'al', 'el', 'bin']);

/** Capitalised words that begin sentences and never start a person's name. */
export const NOT_NAME_WORDS = new Set(
  (
    'der die das den dem des ein eine einer eines im in am an auf aus bei mit nach von vom zum zur für ' +
    'auch und doch aber so dies diese dieser dieses dazu zudem außerdem abschließend zuletzt zunächst ' +
    'weiter weiterhin ebenfalls besonders gleichzeitig damit daher deshalb denn wir ich sie er es man als ' +
    'wie wenn dass laut gemeinsam heute gestern morgen hier dort nun jetzt bereits schon insgesamt vor ' +
    'während seit unter über zwischen ihr sein seine ihre unser unsere mein meine alle viele neben ' +
    'anschließend später danach darüber dabei hierzu erst rund mehr zahlreiche einige beide dafür ' +
    'ziel hintergrund foto bild quelle kontakt pressekontakt pressestelle rückfragen schlagworte ' +
    'montag dienstag mittwoch donnerstag freitag samstag sonntag januar februar märz april mai juni ' +
    'juli august september oktober november dezember ' +
    // Determiners and quantifiers declined like adjectives („Folgendes Zitat“, „Herzlichen Dank“).
    'folgende folgender folgendes folgenden herzliche herzlichen herzlicher weitere weiterer weiteres weiteren ' +
    'andere anderer anderes anderen jede jeder jedes jeden manche mancher solche solcher solches welche welcher ' +
    'welches sämtliche verschiedene gewisse bestimmte wenige mehrere etliche ' +
    'seinen seinem seiner seines ihren ihrem ihrer ihres unseren unserem unserer unseres meinen meinem meiner meines euren eurem ' +
    'kein keine keinen keinem keiner keines liebe lieber liebes lieben neue neuer neues neuen deutsche deutscher deutschen ' +
    'können kann konnte müssen muss musste sollen soll sollte wollen will wollte dürfen darf durfte ' +
    'zwei drei vier fünf sechs sieben acht neun zehn elf zwölf zwanzig dreißig vierzig fünfzig hundert tausend'
  ).split(/\s+/),
);

/** Endings of abstract nouns; a capitalised word with them is not a surname. */
export const ABSTRACT_NOUN = /(heit|keit|schaft|tion|tät|ismus|nisse?s?|ungen|ierung|entwicklung|arbeit|politik|programm|projekt|initiative|förderung)$/iu;

/**
 * Verbs of saying, 3rd person singular (present and past). The rules also accept any other finite
 * verb in verb-second position right after a quote (`„…“, resümierte X`), so this list only has to
 * cover the lead-in before a colon.
 */
export const SPEECH_VERBS = new Set(
  (
    'sagt sagte sagten ergänzt ergänzte betont betonte erklärt erklärte fügt fügte meint meinte ' +
    'unterstreicht unterstrich hebt hob bekräftigt bekräftigte versichert versicherte warnt warnte ' +
    'mahnt mahnte fordert forderte appelliert appellierte erläutert erläuterte berichtet berichtete ' +
    'schildert schilderte resümiert resümierte bilanziert bilanzierte fasst fasste freut freute zeigt ' +
    'zeigte erinnert erinnerte kommentiert kommentierte lobt lobte dankt dankte begrüßt begrüßte ' +
    'kündigt kündigte stellt stellte fragt fragte ruft rief schreibt schrieb verdeutlicht verdeutlichte ' +
    'verspricht versprach hofft hoffte spricht sprach äußert äußerte beschreibt beschrieb formuliert ' +
    'formulierte verweist verwies bestätigt bestätigte würdigt würdigte zitiert zitierte weiß wusste ' +
    'ist war zieht zog macht machte bringt brachte antwortet antwortete wünscht wünschte ' +
    'sieht sah findet fand denkt dachte glaubt glaubte nennt nannte bezeichnet bezeichnete so'
  ).split(/\s+/),
);

/** Verbs after a quote that name a group, not one speaker: „…“, sagten die beiden. */
export const PLURAL_SPEECH_VERB = /^(sagten|betonten|erklärten|ergänzten|meinten|waren|sind|betonen|sagen|erklären|fügten|zeigten|unterstrichen|bekräftigten)$/u;

/** Head words of organisation names. */
export const ORGANISATION_WORD =
  /(ministerium|ministeriums|staatskanzlei|landesregierung|bundesregierung|magistrat|senat|stadt|gemeinde|landkreis|kreis|amt|amtes|behörde|dezernat|referat|verband|verbandes|verbands|verein|vereins|stiftung|gesellschaft|genossenschaft|gmbh|ggmbh|e\.\s?v\.|ag|kg|initiative|bündnis|bündnisses|netzwerk|netzwerks|forum|akademie|universität|hochschule|institut|zentrum|zentrums|caritas|diakonie|awo|arbeitsgemeinschaft|lag|bag|landesarbeitsgemeinschaft|kirche|gemeinschaft|rat|beirat|ausschuss|fraktion|partei|spd|cdu|csu|fdp|afd|grünen|linke|quartiersbüro|quartiersbüros|nachbarschaftshaus|werk|bank|kammer|agentur|büro|bezirksamt|landeshauptstadt|verwaltung|mission|wohnungsbaugesellschaft|unternehmen|holding|gruppe|management|landratsamt|bund|bundes|landtag|kreistag|städtetag|städtetages|landkreistag|gemeindetag)$/iu;

/** Abbreviations that end with a dot but do not end a sentence. */
export const ABBREVIATIONS = new Set(
  (
    'dr prof dipl ing mag nr st str bzw ggf ca abs mio mrd hr fr geb vgl sog inkl evtl usw etc z.b u.a d.h ' +
    'e.v e.v. e. v. gem lt bzgl jh jhd tel min max std ff s. o. u. a. v. z. h.c. med phil pol jur oec habil ' +
    'rer nat priv.-doz doz pd mdb mdl sen jun verw'
  ).split(/\s+/),
);

/**
 * Other words for the same office, for a reference by role noun only: „die Rathauschefin“ is the
 * mayor named before, „der Ressortchef“ the minister. Keys are role words (lower case, masculine
 * or without gender suffix), values the heads (see `roleHead`) of the offices they can name.
 */
export const OFFICE_SYNONYMS: Record<string, readonly string[]> = {
  rathauschef: ['bürgermeister'],
  stadtchef: ['bürgermeister'],
  stadtoberhaupt: ['bürgermeister'],
  gemeindeoberhaupt: ['bürgermeister'],
  verwaltungschef: ['bürgermeister', 'landrat', 'direktor'],
  kreischef: ['landrat'],
  ressortchef: ['minister', 'senator'],
  fraktionschef: ['vorsitzender', 'vorsitzende'],
  parteichef: ['vorsitzender', 'vorsitzende'],
  verbandschef: ['vorsitzender', 'vorsitzende', 'präsident', 'geschäftsführer'],
  vereinschef: ['vorsitzender', 'vorsitzende'],
  amtschef: ['leiter', 'direktor'],
};

/** Hypernyms: „die Politikerin“, „der Abgeordnete“ name whoever holds a political office. */
export const POLITICAL_HYPERNYMS = new Set(['politiker', 'parlamentarier', 'abgeordneter', 'abgeordnete']);
export const POLITICAL_OFFICES = new Set([
  'minister', 'senator', 'staatssekretär', 'bürgermeister', 'landrat', 'stadtrat', 'dezernent', 'beigeordnete', 'beigeordneter',
  'abgeordneter', 'abgeordnete', 'stadtverordneter', 'stadtverordnete', 'politiker', 'parlamentarier', 'kanzler',
]);
/** A spokesperson or chair of one of these bodies holds a political office too. */
export const POLITICAL_BODY = /(fraktion|landtag|bundestag|bürgerschaft|abgeordnetenhaus|kreistag|stadtrat|gemeinderat|partei|spd|cdu|csu|fdp|grüne|linke|afd|bsw)/iu;

/** The offices a role word can name: its head plus the heads its synonyms stand for. */
export function officesOf(roleWord: string | null, head: string | null): string[] {
  const out = head ? [head] : [];
  if (!roleWord) return out;
  const w = roleWord.toLowerCase().replace(/in$/u, '');
  for (const [word, heads] of Object.entries(OFFICE_SYNONYMS)) if (w.endsWith(word)) out.push(...heads);
  return out;
}

/**
 * Finite verbs of indirect speech (Konjunktiv I/II): a sentence with them after a named speaker
 * still reports that speaker („Demnach seien die Zahlen gestiegen.“).
 */
export const REPORTED_SPEECH_VERB =
  /^(sei|seien|habe|hätte|hätten|werde|würde|würden|könne|könnten|müsse|müssten|solle|sollten|wolle|dürfe|gebe|gäbe|liege|stehe|gehe|komme|brauche|fehle)$/u;

/** Adjectives that say when someone holds an office, not which: „die neue Sprecherin“ is a Sprecherin. */
export const TRANSIENT_ADJECTIVE = /^(neu|langjährig|bisherig|scheidend|künftig|designiert|wiedergewählt|neugewählt|frischgewählt|frischgebacken)(e|er|en|es)?$/u;

/** Declined adjectives with a derivational suffix („Ästhetische“, „Herzliche“, „Zahlreiche“) are never names. */
export const DECLINED_ADJECTIVE = /^\p{Lu}\p{Ll}*(isch|lich|ig)(e|en|er|es|em)$/u;

// ---- word classes of the attribution rules (shared/press/quotes/rules.ts, personPhrase.ts) ----

/**
 * Verbs that frame a partial quote inside the sentence: „X sprach von einem „…““, „X warf der
 * Regierung vor, „…““, „X nannte den Plan „…““.
 */
export const EMBEDDING_VERB =
  /^(nannte|nennt|bezeichnete|bezeichnet|sprach|spricht|lobte|lobt|kritisierte|kritisiert|warnte|warnt|forderte|fordert|warf|wirft|mahnte|mahnt|verlangte|verlangt|beklagte|beklagt|bemängelte|bemängelt|beschrieb|beschreibt|versprach|verspricht|kündigte|kündigt|betonte|betont|erklärte|erklärt|sagte|sagt)$/u;

/** Nouns before a quoted name („das Programm „Soziale Stadt““): the marks quote a name, not a person. */
export const NAMING_NOUN =
  /(programms?|programmes|mottos?|titels?|projekts?|projektes|initiative|kampagne|slogans?|aktion|reihe|wettbewerbs?|leitbilds?|preis(es)?|fonds|bündnis(ses)?|namens?|stichworts?|überschrift|motiv|label|siegels?|gesetz(es)?|strategie|konzepts?|plans?|pakts?|offensive)$/iu;

/** Relative pronouns: a clause between a subject and its verb („X, die …, freut sich:“). */
export const RELATIVE_PRONOUN = /^(der|die|das|den|dem|deren|dessen|welche|welcher|welches|wo)$/u;

/** Words that follow a noun but are no finite verb: a name before them is no subject. */
export const NOT_A_VERB = /^(zu|und|oder|als|wie|in|im|mit|von|vom|für|an|am|auf|aus|bei|beim|nach|über|um|unter|vor|durch|gegen|ohne|seit|bis|zum|zur|der|die|das|den|dem|des|ein|eine|einen|einem|einer)$/u;

/** Place nouns: a complement with them locates a body („im Stadtteil X“), it does not name it. */
export const PLACE_NOUN = /^(\p{L}*(stadtteil|ortsteil|viertel|quartier|siedlung|kiez|bezirk|straße|platz)s?|nachbarschaft)$/iu;

/** Generic nouns in front of a body's proper name: „vom Träger Stadtteilwerk gGmbH“. */
export const CLASSIFIER_NOUN = /^(Träger|Trägerverein|Projektträger|Dachverband)$/u;

/** Legal forms written in lower case inside organisation names. */
export const LEGAL_FORM = /^(e\.V\.|e\.\s?V\.|gGmbH|gUG|mbH|e\.G\.|eG|a\.D\.)$/u;
