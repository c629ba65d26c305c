import { describe, expect, it } from 'vitest';
import { classifyGenre } from '../../../shared/press/documentGenre';
import { documentHead, isRealInfoTitle } from '../../../shared/press/documentHead';

describe('documentHead: headline as title, letterhead as publisher (issue 18 §3)', () => {
  it('a structural headline wins; the name line above it is the publisher, labels and dates are skipped', () => {
    const text = 'Landesverband der Kleingärtner\n\nPressemitteilung\n\n12.03.2026\n\nGärten für alle\n\nDer Verband öffnet seine Anlagen.';
    expect(documentHead(text, { headline: 'Gärten für alle' })).toEqual({ title: 'Gärten für alle', publisher: 'Landesverband der Kleingärtner', titleFrom: 'headline' });
  });

  it('plain text: a letterhead naming a body, then the first headline-like paragraph', () => {
    expect(documentHead('Stadt Kassel\nDer Oberbürgermeister\n\nNeue Bänke am Königsplatz\n\nKassel, 3. März 2026 – Zwölf Bänke kommen hinzu, teilte die Stadt mit.')).toMatchObject({
      title: 'Neue Bänke am Königsplatz',
      publisher: 'Stadt Kassel',
    });
    // A first line that is a headline and not a name stays the title.
    expect(documentHead('Protokoll der Sitzung des Ortsbeirats\n\nBeginn: 19 Uhr\n\nTOP 1: Begrüßung')).toMatchObject({ title: 'Protokoll der Sitzung des Ortsbeirats', publisher: null });
  });

  it('the header block of a forwarded e-mail is neither title nor publisher', () => {
    const body = '---------- Forwarded message ---------\nVon: Pressestelle <presse@kassel.example>\nDate: Di., 3. März 2026 um 10:00\nSubject: PM Spielplätze\nTo: Redaktion <r@example.org>\n\nStadt Kassel\n\nNeue Spielplätze für die Nordstadt\n\nKassel, 3. März 2026 – Die Stadt baut drei neue Spielplätze, wie sie am Dienstag mitteilte.';
    expect(documentHead(body)).toMatchObject({ title: 'Neue Spielplätze für die Nordstadt', publisher: 'Stadt Kassel' });
    expect(classifyGenre(body).kind).toBe('press_release');
  });

  it('an Info title counts only when it is a real one', () => {
    const text = 'Neue Radwege in der Nordstadt\n\nDie Stadt baut zwei Radwege.';
    expect(isRealInfoTitle('Neue Radwege in der Nordstadt', text)).toBe(true);
    expect(isRealInfoTitle('Microsoft Word - pm_radwege_v3.docx', text)).toBe(false);
    expect(isRealInfoTitle('Unbenannt', text)).toBe(false);
    expect(isRealInfoTitle('pm-2026-03', text, 'pm-2026-03')).toBe(false);
    expect(isRealInfoTitle('Vorlage Pressemitteilung Referat 4', text)).toBe(false);
  });
});

describe('classifyGenre: the kind from the text', () => {
  it('a letter with a salutation and a closing is not a speech', () => {
    expect(classifyGenre('Einladung zur Mitgliederversammlung\n\nSehr geehrte Damen und Herren,\n\nwir laden Sie herzlich ein.\n\nMit freundlichen Grüßen\nDer Vorstand').kind).toBe('note');
  });
  it('a plenary speech, a protocol, a statement', () => {
    expect(classifyGenre('Frau Präsidentin! Meine Damen und Herren!\n\nDer Haushalt ist solide.\n\nVielen Dank.').kind).toBe('speech');
    expect(classifyGenre('Sitzung am 4. März\n\nAnwesend: Frau Keller, Herr Yilmaz\n\nTOP 1: Begrüßung\n\nTOP 2: Haushalt\n\nEnde: 21 Uhr').kind).toBe('protocol');
    expect(classifyGenre('Der Verband nimmt Stellung.', { headline: 'Stellungnahme zum Entwurf der Satzung' }).kind).toBe('statement');
  });
  it('never a press release by default', () => {
    expect(classifyGenre('Wie wir den Hof begrünt haben\n\nIm Frühjahr haben wir angefangen.').kind).toBe('note');
  });

  it('a picture caption above the letterhead is not the title, and a headline naming an alliance is no letterhead', () => {
    const text =
      'Zwei Frauen schneiden ein Band durch\n\nMinisterium für Soziales und Integration\n\nNeues Quartiersbündnis sieht die Nachbarschaft in der Pflicht\n\n' +
      'Die Ministerin und der Oberbürgermeister haben das Bündnis heute gegründet. Es soll in den kommenden Jahren die Quartiere der Stadt begleiten und beraten.';
    expect(documentHead(text)).toMatchObject({ title: 'Neues Quartiersbündnis sieht die Nachbarschaft in der Pflicht', publisher: 'Ministerium für Soziales und Integration' });
  });
  it('a release without label or date: letterhead and reported speech („…“, so X / X ergänzte: „…“)', () => {
    const head = 'Landkreis Fulda\n\nMehr Geld für Dorfläden\n\nDer Kreistag hat das Programm verlängert. Es läuft nun bis 2028 weiter und steht allen Gemeinden offen.\n\n';
    expect(classifyGenre(`${head}„Dorfläden halten unsere Orte lebendig“, so Landrat Bernd Woide.`).kind).toBe('press_release');
    expect(classifyGenre(`${head}Landrat Bernd Woide ergänzte: „Dorfläden halten unsere Orte lebendig.“`).kind).toBe('press_release');
    // Without a letterhead the same text is a note.
    expect(classifyGenre(`Mehr Geld für Dorfläden\n\nDer Kreistag hat das Programm verlängert. Es läuft weiter.\n\n„Gut so“, so ein Bürger.`).kind).toBe('note');
  });
});
