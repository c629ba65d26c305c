import { describe, expect, it } from 'vitest';
import { extractQuotes } from '../../../shared/press/extractQuotes';
import { officesOf } from '../../../shared/press/germanLexicon';
import { interviewLabel } from '../../../shared/press/quotes/interview';
import { collectMentions, Registry, sameOffice } from '../../../shared/press/quotes/mentions';
import { impliedOrganisation } from '../../../shared/press/quotes/organisation';
import {
  attributeAfter,
  attributeBefore,
  attributeColonLine,
  attributePreviousParagraph,
  attributePreviousSentence,
  continuation,
  hasOwnClause,
  spanAt,
} from '../../../shared/press/quotes/rules';
import { findAllSpans, findSpans, paragraphs } from '../../../shared/press/quotes/spans';
import { prepareText, sentenceStart } from '../../../shared/press/quotes/text';
import { normalizeLine, normalizeText } from '../../../shared/text/normalizeText';

/** The quote texts between the marks of one paragraph. */
const spanTexts = (s: string) => findSpans(s, 0, 0).map((sp) => [s.slice(sp.textStart, sp.textEnd), sp.closed]);

describe('step 1: quote spans', () => {
  it('finds every quotation style', () => {
    expect(spanTexts('Er sagte „Ja“ und dann »Nein« und "Vielleicht".')).toEqual([
      ['Ja', true],
      ['Nein', true],
      ['Vielleicht', true],
    ]);
    // English-style marks, in a text without „: “ opens.
    expect(spanTexts('Sie sagte “Gut” und ging.')).toEqual([['Gut', true]]);
    expect(spanTexts('«Ja» und «Nein»')).toEqual([
      ['Ja', true],
      ['Nein', true],
    ]);
  });

  it('keeps quotation marks nested inside a quote', () => {
    expect(spanTexts('„Mit dem Programm „Soziale Stadt“ haben wir viel erreicht“, sagte sie.')).toEqual([['Mit dem Programm „Soziale Stadt“ haben wir viel erreicht', true]]);
    expect(spanTexts('»Die Stadt hat ›keine Kapazitäten‹, sagt man«, so er.')).toEqual([['Die Stadt hat ›keine Kapazitäten‹, sagt man', true]]);
    expect(spanTexts('»Er sagte: „Zieh doch aus.“ So geht es nicht.«')).toEqual([['Er sagte: „Zieh doch aus.“ So geht es nicht.', true]]);
    expect(spanTexts('"Mit dem Programm "Soziale Stadt" geht es", sagte sie.')).toEqual([['Mit dem Programm "Soziale Stadt" geht es', true]]);
    expect(spanTexts('„Unser Haus ‚Alte Post‘ ist offen“')).toEqual([['Unser Haus ‚Alte Post‘ ist offen', true]]);
  });

  it('a straight quote closes only before a non-letter; a comma may stand inside the closing mark', () => {
    expect(spanTexts('"Die Kosten sind überschaubar," erklärte er.')).toEqual([['Die Kosten sind überschaubar,', true]]);
  });

  it('keeps a quote that is still open at the end of the text', () => {
    expect(spanTexts('„Wir haben vorgeschlagen, einen Fonds einzurichten, aus dem')).toEqual([['Wir haben vorgeschlagen, einen Fonds einzurichten, aus dem', false]]);
  });

  it('resumes a quote left open at a paragraph end (with or without a new opening mark)', () => {
    for (const text of ['„Erster Teil.\n\n„Zweiter Teil.“', '„Erster Teil.\n\nZweiter Teil.“ Danach kam nichts.']) {
      const paras = paragraphs(text);
      const spans = findAllSpans(text, paras);
      expect(spans[0]![0]!.closed).toBe(false);
      expect(spans[1]![0]!.resumes).toBe(true);
      expect(text.slice(spans[1]![0]!.textStart, spans[1]![0]!.textEnd)).toBe('Zweiter Teil.');
    }
  });

  it('reads a hard-wrapped quote as one line', () => {
    const doc = prepareText('„Gerade ältere Menschen haben es schwer,\nins Kreishaus zu kommen“, sagte\nOltmanns.');
    expect(normalizeLine(doc.flat.slice(doc.spans[0]![0]!.textStart, doc.spans[0]![0]!.textEnd))).toBe('Gerade ältere Menschen haben es schwer, ins Kreishaus zu kommen');
  });
});

/** Mentions of a text, read in full. */
function registry(text: string) {
  const doc = prepareText(normalizeText(text));
  const reg = new Registry(doc.flat);
  collectMentions(doc, reg);
  return { doc, reg };
}

describe('step 2: mentions and references by role', () => {
  it('records people with role and organisation, and completes a surname-only mention', () => {
    const { reg } = registry('Der Vorsitzende des Bürgerbusvereins, Eckhard Lindemann, kam. Klaus Becker kam später. Becker blieb.');
    expect(reg.people.map((p) => [p.name, p.role, p.organisation])).toEqual([
      ['Eckhard Lindemann', 'Vorsitzender', 'Bürgerbusverein'],
      ['Klaus Becker', null, null],
    ]);
  });

  it('a name introduced after „ist“ with article and adjective before the role is a mention', () => {
    const { reg } = registry('Mit dabei ist auch die 16-jährige Schülerin Mira Yilmaz aus Kaiserslautern.');
    expect(reg.people.map((p) => [p.name, p.role])).toEqual([['Mira Yilmaz', 'Schülerin']]);
  });

  it('an unnamed person at the start of a sentence is what a following pronoun refers to', () => {
    const { reg } = registry('Tilo Wendt kam. Ein Sprecher der Verwaltung sagte, man prüfe das.');
    const p = reg.resolve({ kind: 'anaphor', roleHead: null, gender: 'm' }, 1000);
    expect(p?.anonymous).toBe(true);
  });

  it('role nouns name the same office by head, by synonym and by hypernym, not another office', () => {
    const person = (role: string, roleHead: string, organisation: string | null = null) => ({ role, roleHead, organisation });
    expect(sameOffice({ roleHead: 'minister', roleWord: 'Ministerin' }, person('Bauministerin', 'minister'))).toBe(true);
    expect(sameOffice({ roleHead: 'chef', roleWord: 'Rathauschefin' }, person('Erste Bürgermeisterin', 'bürgermeister'))).toBe(true);
    expect(sameOffice({ roleHead: 'oberhaupt', roleWord: 'Stadtoberhaupt' }, person('Oberbürgermeister', 'bürgermeister'))).toBe(true);
    expect(sameOffice({ roleHead: 'chef', roleWord: 'Fraktionschef' }, person('Fraktionsvorsitzender', 'vorsitzender'))).toBe(true);
    expect(sameOffice({ roleHead: 'politiker', roleWord: 'Grünen-Politikerin' }, person('wohnungspolitische Sprecherin', 'sprecher', 'Landtagsfraktion'))).toBe(true);
    expect(sameOffice({ roleHead: 'abgeordneter', roleWord: 'Abgeordnete' }, person('familienpolitischer Sprecher', 'sprecher', 'CDU-Bürgerschaftsfraktion'))).toBe(true);
    expect(sameOffice({ roleHead: 'chef', roleWord: 'Rathauschef' }, person('Landrat', 'landrat'))).toBe(false);
    expect(sameOffice({ roleHead: 'politiker', roleWord: 'Politikerin' }, person('Geschäftsführerin', 'geschäftsführer', 'Mieterverein'))).toBe(false);
    expect(officesOf('Verwaltungschefin', 'chef')).toEqual(['chef', 'bürgermeister', 'landrat', 'direktor']);
  });

  it('a role noun resolves to the latest person with that office, gender first', () => {
    const { reg } = registry('Bürgermeisterin Claudia Strixner und Landrat Jens Berg kamen. Vorsitzender Anton Huber sprach.');
    expect(reg.resolve({ kind: 'anaphor', roleHead: 'chef', gender: 'f', roleWord: 'Rathauschefin' }, 10_000)?.name).toBe('Claudia Strixner');
    expect(reg.resolve({ kind: 'anaphor', roleHead: 'landrat', gender: 'm', roleWord: 'Landrat' }, 10_000)?.name).toBe('Jens Berg');
    expect(reg.resolve({ kind: 'anaphor', roleHead: null, gender: 'm' }, 10_000)?.name).toBe('Anton Huber');
  });
});

/** The first span of a text with its context, mentions read up to it. */
function first(text: string, spanIndex = 0) {
  const { doc, reg } = registry(text);
  const spans = doc.spans.flat();
  const span = spans[spanIndex]!;
  const inner = normalizeLine(doc.flat.slice(span.textStart, span.textEnd));
  return { doc, reg, s: spanAt(doc, span, inner), inner };
}
const nameOf = (ref: { kind: string; name?: string; roleHead?: string | null } | undefined | null) => (ref ? (ref.kind === 'named' ? ref.name : `→${ref.roleHead}`) : null);

describe('step 3: attribution rules, each on its own', () => {
  it('after: „…“, sagte/so/unterstrich/freute sich X; a plural verb names a group', () => {
    for (const [text, who] of [
      ['„Wir bauen das Haus gemeinsam um“, so Stadtrat Jan Berg.', 'Jan Berg'],
      ['„Ein Laden ist ein Ort der Begegnung“, unterstrich Pöppelmann.', 'Pöppelmann'],
      ['„Ich freue mich über jede Gemeinde“, freute sich Marion Többen.', 'Marion Többen'],
      ['„Das ist gut so,“ erwiderte der Staatssekretär.', '→staatssekretär'],
      ['»Solche Projekte wollen wir überall«, so der Senator.', '→senator'],
      ['„Wir erwarten einen Zeitplan“, erklärten Esser und Opitz.', null],
      ['„Für uns ist das ein Versuch“ – so Landrat Bernd Oltmanns.', 'Bernd Oltmanns'],
      ['„Wir bleiben dran.“ Das sagte Bürgermeisterin Eva Roth am Montag.', 'Eva Roth'],
      ['„Wir bleiben dran.“ Das Haus ist alt.', null],
    ] as const) {
      const { s, reg, doc, inner } = first(text);
      expect(nameOf(attributeAfter(s, reg, doc.flat, inner)?.ref), text).toBe(who);
    }
  });

  it('before: X ergänzte: „…“ / X betonte, „…“ / Für Landrat X ist klar: „…“; embedded: X warf vor, „…“', () => {
    for (const [text, who, rule] of [
      ['Eva Roth ergänzte: „Wir bleiben dran.“', 'Eva Roth', 'before'],
      ['Eva Roth betonte, „ohne Nachbarschaft gibt es keine Stadt“.', 'Eva Roth', 'before'],
      ['Für Landrat Christoph Mehler ist klar: „Pflege findet zu Hause statt.“', 'Christoph Mehler', 'before'],
      ['Staatssekretär Uwe Brömel kam. Brömel warb dafür, die Häuser zu öffnen: „Ein Haus kann vieles sein.“', 'Brömel', 'before'],
      ['Eva Roth warf der Regierung vor, „die Menschen im Stich zu lassen“.', 'Eva Roth', 'embedded'],
    ] as const) {
      const { s, reg, doc } = first(text);
      const a = attributeBefore(s, sentenceStart(s.toks, s.openTok), reg, doc.flat);
      expect([nameOf(a?.ref), a?.rule], text).toEqual([who, rule]);
    }
    const named = first('Ministerin Eva Roth erklärte, das Programm „Wachstum und nachhaltige Erneuerung“ werde fortgesetzt.');
    expect(attributeBefore(named.s, 0, named.reg, named.doc.flat)).toBeNull();
  });

  it('colonLine: a paragraph ending with „Name, long role:“ names the speaker of the next paragraph', () => {
    for (const [text, who] of [
      ['Mehrdad Karimi, Sprecher für Sozialpolitik und Armutsbekämpfung der Grünen Fraktion im Landtag Nordrhein-Westfalen:\n\n„Wer hier spart, zahlt doppelt.“', 'Mehrdad Karimi'],
      ['Annika Brüggemann (SPD), Sprecherin für Wohnen der SPD-Landtagsfraktion:\n\n„Wir geben Sicherheit.“', 'Annika Brüggemann'],
      ['Dazu sagt Claudia Oberhauser, wohnungspolitische Sprecherin der Landtagsfraktion:\n\n"Jedes Jahr fallen Wohnungen weg."', 'Claudia Oberhauser'],
      ['Die Vorsitzende der BAG W, Prof. Dr. Miriam Stolle, kommentiert:\n\n"Die Zahlen sind alarmierend."', 'Miriam Stolle'],
      ['Dazu erklären die Abgeordneten:\n\n„Wir sind dagegen.“', null],
    ] as const) {
      const { s, reg, doc } = first(normalizeText(text));
      expect(nameOf(attributeColonLine(doc, s, reg)?.ref), text).toBe(who);
    }
  });

  it('previousSentence: a quote after a sentence about the speaker, also over indirect speech', () => {
    for (const [text, who] of [
      ['Die Senatorin ging auch auf die Mieten ein. "Wer hier wohnt, soll bleiben können."', '→senator'],
      ['Hünfelds Bürgermeister Benjamin Thiel zeigte sich zufrieden. „Die Räume sind barrierefrei.“', 'Benjamin Thiel'],
      ['Der Leiter des Büros, Timo Westerhoff, berichtete von den ersten Wochen. »Gestern kam eine Frau zu uns.«', 'Timo Westerhoff'],
      ['Der Fraktionschef verwies auf die Zahlen. Demnach seien die Fahrgastzahlen gestiegen. „Die Nachfrage ist da.“', '→chef'],
      ['Die Frauen wurden vom Verein geschult. „Am Anfang waren viele unsicher.“', null],
      ['Bürgermeister Jan Berg eröffnete das Fest. „Herzlich willkommen allerseits“ stand auf dem Banner.', null],
      ['Jan Berg kam. Danach regnete es stark. „Wir bleiben trotzdem hier.“', null],
    ] as const) {
      const { s, reg, doc } = first(text);
      expect(nameOf(attributePreviousSentence(s, reg, doc.flat, 0)?.ref), text).toBe(who);
    }
  });

  it('previousSentence over a paragraph break: a quote paragraph after a paragraph about the speaker', () => {
    for (const [text, who] of [
      ['Sozialministerin Eva Roth besuchte am Montag das Quartier.\n\n„Hier zeigt sich, was Nachbarschaft leisten kann.“', 'Eva Roth'],
      ['Das Quartier hat 4.000 Einwohner.\n\n„Hier zeigt sich, was Nachbarschaft leisten kann.“', null],
      ['Eva Roth kam. „Gut so“, sagte sie.\n\n„Hier zeigt sich, was Nachbarschaft leisten kann.“', null],
    ] as const) {
      const spans = first(text).doc.spans.flat();
      const { s, reg, doc } = first(text, spans.length - 1);
      expect(nameOf(attributePreviousParagraph(doc, s, reg)?.ref), text).toBe(who);
    }
  });

  it('continuation: the same sentence chain or the next paragraph, never past another sentence', () => {
    const prevOf = (text: string) => {
      const { s } = first(text, 0);
      return { para: s.span.para, rule: 'after' as const, closed: s.span.closed, endTok: s.closeTok, attrEnd: s.closeTok + 4 };
    };
    const chain = '„Das ist der erste Schritt“, sagte Jan Berg. „Weitere werden folgen.“';
    expect(continuation(first(chain, 1).doc, first(chain, 1).s, prevOf(chain))).toBe('same');
    const clause = '„Sie entscheiden mit“, sagte Jan Berg am Rande der Sitzung, „über viel Geld.“';
    expect(continuation(first(clause, 1).doc, first(clause, 1).s, prevOf(clause))).toBe('same');
    const far = '„Das ist der erste Schritt“, sagte Jan Berg. Es regnete. Alle gingen. „Weitere werden folgen.“';
    expect(continuation(first(far, 1).doc, first(far, 1).s, prevOf(far))).toBeNull();
    const open = '„Einsamkeit ist ein Risiko.\n\n„Ein Anruf hilft.“';
    const o = first(open, 1);
    expect(continuation(o.doc, o.s, { para: 0, rule: 'colonLine', closed: false, endTok: 99, attrEnd: 99 })).toBe('extend');
  });

  it('hasOwnClause: a clause after the quote attributes it, even to no one', () => {
    expect(hasOwnClause(first('„Wir sind bereit“, sagten die beiden.').s)).toBe(true);
    expect(hasOwnClause(first('„Wir sind bereit.“ Dann gingen sie.').s)).toBe(false);
  });

  it('interview: an answer labelled with the name of someone introduced before', () => {
    const { reg } = registry('Wir sprachen mit Rechtsberaterin Annett Vogler.');
    expect(interviewLabel('Vogler: Belege einsehen, immer.', reg)).toBe('Vogler: ');
    expect(interviewLabel('Hintergrund: Das Programm läuft.', reg)).toBeNull();
  });
});

describe('step 4: the organisation a role speaks for', () => {
  it('a senator or minister without portfolio speaks for the authority that publishes', () => {
    expect(impliedOrganisation('Senatorin', 'senator', 'Senatsverwaltung für Stadtentwicklung, Bauen und Wohnen')).toBe('Senatsverwaltung für Stadtentwicklung, Bauen und Wohnen');
    expect(impliedOrganisation('Stadtentwicklungssenatorin', 'senator', 'Behörde für Stadtentwicklung und Wohnen Hamburg')).toBe('Behörde für Stadtentwicklung und Wohnen Hamburg');
    expect(impliedOrganisation('Fraktionschef', 'chef', 'FDP-Kreistagsfraktion Rhein-Sieg')).toBe('FDP-Kreistagsfraktion Rhein-Sieg');
    expect(impliedOrganisation('Kultusministerin', 'minister', 'Ministerium für Soziales und Integration')).toBeNull();
  });
});

describe('role phrases', () => {
  const full = (text: string, publisher?: string) => extractQuotes(normalizeText(text), { publisher }).map((q) => [q.speaker, q.role, q.organisation]);

  it('a portfolio list inside a body’s name is not a name; the publisher named in short is the publisher', () => {
    expect(full('Staatssekretärin im Ministerium für Heimat, Kommunales, Bau und Digitalisierung, Dr. Petra Ohm:\n\n»Niemand soll warten müssen.«', 'Ministerium für Heimat, Kommunales, Bau und Digitalisierung des Landes Nordrhein-Westfalen')).toEqual([
      ['Petra Ohm', 'Staatssekretärin', 'Ministerium für Heimat, Kommunales, Bau und Digitalisierung des Landes Nordrhein-Westfalen'],
    ]);
  });

  it('a temporal adjective is not part of the role; a place in a headline is not part of a body’s name', () => {
    expect(full('Die neue Sprecherin des Beirats, Fatma Yıldız, kam. „Wir fangen heute an“, sagte sie.')).toEqual([['Fatma Yıldız', 'Sprecherin', 'Beirat']]);
    expect(full('Neues Familienbüro im Riemekeviertel\n\nPaderborn – Die Leiterin des Familienbüros, Sabine Hüttemann, kam. „Wir beraten ohne Termin“, sagte sie.')).toEqual([['Sabine Hüttemann', 'Leiterin', 'Familienbüro']]);
  });
});

describe('not names (found on the speeches of the corpus)', () => {
  const who = (text: string) => extractQuotes(normalizeText(text)).map((q) => q.speaker);
  it('determiners, declined adjectives, numbers and modal verbs do not start a name', () => {
    expect(who('Folgendes Zitat stammt vom Mai 1917: „Das Leben ist es, was alles birgt.“')).toEqual([]);
    expect(who('Ästhetische Bildung bedeutet: „Sehen lernen, jeden Tag neu.“')).toEqual([]);
    expect(who('Dreißig Jahre später heißt es: „Wir haben viel erreicht hier.“')).toEqual([]);
    expect(who('Der 84-jährige Stammgast Herbert Lindner brachte es auf den Punkt: „Hier bin ich zu Hause.“')).toEqual(['Herbert Lindner']);
  });
});

describe('whole pipeline on the kinds of sentences the issue lists', () => {
  const who = (text: string, publisher?: string) => extractQuotes(normalizeText(text), { publisher }).map((q) => [q.speaker, q.text]);

  it('an unnamed speaker takes the pronoun: no quote is given to the person named before', () => {
    expect(who('Tilo Wendt sprach. Ein Sprecher der Verwaltung sagte, man prüfe den Antrag. "Wir sehen aber Hürden", fügte er hinzu.')).toEqual([]);
  });

  it('one quote over two paragraphs, the second without an opening mark', () => {
    expect(who('Annika Brüggemann, Sprecherin der SPD-Landtagsfraktion:\n\n„Wir geben Sicherheit.\n\nWir danken allen.“')).toEqual([['Annika Brüggemann', 'Wir geben Sicherheit.\n\nWir danken allen.']]);
  });

  it('a cut-off release keeps the open quote, continued from the quote before', () => {
    const q = who('"Wenn die Sperre droht, kann man nicht warten", betonte Stefanie Brandl. "Dann hilft nur Beratung, aus der');
    expect(q).toEqual([
      ['Stefanie Brandl', 'Wenn die Sperre droht, kann man nicht warten'],
      ['Stefanie Brandl', 'Dann hilft nur Beratung, aus der'],
    ]);
  });
});

describe('linear time (input ×2 → CPU time at most ×2.5)', () => {
  /** Distinct capitalised names: Kbaer, Kcaer, … */
  const name = (i: number) => {
    let s = '';
    for (let n = i + 1; n > 0; n = Math.floor(n / 26)) s += String.fromCharCode(97 + (n % 26));
    return `K${s}er`;
  };
  const cpu = (text: string) => {
    let best = Infinity;
    for (let r = 0; r < 3; r++) {
      const c0 = process.cpuUsage();
      extractQuotes(text);
      const c = process.cpuUsage(c0);
      best = Math.min(best, c.user + c.system);
    }
    return best;
  };
  const ratio = (make: (n: number) => string, n: number) => {
    cpu(make(n / 4)); // warm-up
    const r = cpu(make(2 * n)) / cpu(make(n));
    console.log(`Zitate: Laufzeitverhältnis bei doppelter Eingabe ${r.toFixed(2)}`);
    return r;
  };

  it('surname-only mentions (each one used to rescan the text before it)', () => {
    const text = (n: number) => Array.from({ length: n }, (_, i) => `„Das ist ein guter Tag für das Viertel“, sagt ${name(i)}. ${name(i)} lacht.`).join('\n\n');
    expect(ratio(text, 1500)).toBeLessThan(2.5);
  });

  it('long text without quotes, in one paragraph', () => {
    const text = (n: number) => Array.from({ length: n }, (_, i) => `Bürgermeisterin Eva Roth eröffnete das Haus der Stadt ${name(i)}. Die Gäste kamen aus dem Viertel.`).join(' ');
    expect(ratio(text, 1500)).toBeLessThan(2.5);
  });

  it('many quotes in one paragraph', () => {
    const text = (n: number) => Array.from({ length: n }, (_, i) => `„Wir machen weiter“, sagte Jan Berg. Er kam aus ${name(i)}.`).join(' ');
    expect(ratio(text, 1500)).toBeLessThan(2.5);
  });
});
