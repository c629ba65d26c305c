/**
 * The PDF reader's rules one by one (issue 18 §1–3, §8): tokens and rotation, the XY-cut keeping
 * every token exactly once, artifacts, paragraph joining, Info titles, typed errors.
 */
import { describe, expect, it } from 'vitest';
import { readPdf } from '../../../electron/services/import/readers/pdf';
import { isPageNumberLine, removeArtifacts, type PageLayout } from '../../../electron/services/import/readers/pdf/artifacts';
import { isUpright, pageTokens, type Token } from '../../../electron/services/import/readers/pdf/geometry';
import { headings, headline, realInfoTitle } from '../../../electron/services/import/readers/pdf/headings';
import { buildLines, layoutPage } from '../../../electron/services/import/readers/pdf/layout';
import { joinLine, toParagraphs } from '../../../electron/services/import/readers/pdf/paragraphs';
import { DEFAULT_READER_LIMITS } from '../../../electron/services/import/readers/types';
import { rng } from '../../support/pdfLayoutFixtures';
import { writePdf } from '../../support/importFixtures';

const PAGE = [1, 0, 0, -1, 0, 842]; // pdfjs' viewport transform of an A4 page at scale 1

function tok(text: string, x0: number, base: number, size = 10, item = Math.floor(Math.random() * 1e9)): Token {
  const w = text.length * size * 0.5;
  return { text, x0, x1: x0 + w, base, top: base - size * 0.8, bottom: base + size * 0.2, size, font: 'f', item, spaceBefore: false };
}

/** A column of justified-looking lines of words, each word its own item. */
function column(x0: number, width: number, top: number, lines: number, r: () => number, size = 10): Token[] {
  const out: Token[] = [];
  for (let l = 0; l < lines; l++) {
    let x = x0;
    const base = top + l * size * 1.3;
    while (true) {
      const w = `w${Math.floor(r() * 1e6)}`.slice(0, 3 + Math.floor(r() * 6));
      const t = tok(w, x, base, size);
      if (t.x1 > x0 + width) break;
      out.push(t);
      x = t.x1 + size * 0.3;
    }
  }
  return out;
}

describe('geometry', () => {
  it('splits items into word tokens and sets rotated text aside', () => {
    const items = [
      { str: 'Kennt- nisse der Stadt', transform: [10, 0, 0, 10, 100, 700], width: 110, height: 10 },
      { str: 'ENTWURF', transform: [42.4, 42.4, -42.4, 42.4, 200, 400], width: 290, height: 60 },
      { str: '   ', transform: [10, 0, 0, 10, 300, 700], width: 10, height: 10 },
    ];
    const t = pageTokens(items, PAGE, 595, 842);
    expect(t.upright.map((x) => x.text)).toEqual(['Kennt-', 'nisse', 'der', 'Stadt']);
    expect(t.rotated.map((x) => x.text)).toEqual(['ENTWURF']);
    expect(t.upright[0]!.base).toBeCloseTo(142, 5);
    // A page whose text mostly runs sideways is read sideways; the one upright line is then the stamp.
    const side = [0, 1, 2, 3].map((i) => ({ str: `Zeile ${i} eines gedrehten Blatts`, transform: [0, 10, -10, 0, 100 + i * 14, 100], width: 150, height: 10 }));
    const turned = pageTokens([...side, { str: 'quer', transform: [10, 0, 0, 10, 50, 50], width: 20, height: 10 }], PAGE, 595, 842);
    expect(turned.rotated.map((x) => x.text)).toEqual(['quer']);
    expect(turned.upright.filter((x) => x.text === 'Zeile')).toHaveLength(4);
    expect([turned.width, turned.height]).toEqual([842, 595]);
    expect(isUpright([10, 0, 0, -10, 0, 0])).toBe(true);
    expect(isUpright([0, 10, -10, 0, 0, 0])).toBe(false); // 90°
    expect(isUpright([-10, 0, 0, 10, 0, 0])).toBe(false); // upside down
  });
});

describe('layout (XY-cut)', () => {
  it('keeps every token exactly once, whatever the layout', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const r = rng(seed);
      const tokens: Token[] = [];
      const cols = 1 + Math.floor(r() * 3);
      const width = 480 / cols - 12;
      if (r() < 0.7) tokens.push(tok('Überschrift', 60, 80, 20), tok('quer', 300, 80, 20));
      for (let c = 0; c < cols; c++) tokens.push(...column(60 + c * (width + 12), width, 120 + r() * 20, 10 + Math.floor(r() * 30), r));
      // Noise: stray tokens anywhere, some ending inside a gutter.
      for (let k = 0; k < 5; k++) tokens.push(tok('x'.repeat(1 + Math.floor(r() * 8)), 60 + r() * 480, 100 + r() * 600, 6 + r() * 8));
      const blocks = layoutPage(tokens);
      const seen = blocks.flatMap((b) => b.lines.flatMap((l) => l.tokens));
      expect(seen.length).toBe(tokens.length);
      expect(new Set(seen)).toEqual(new Set(tokens));
    }
  });

  it('reads two columns column by column, with a full-width headline first and a line that ends in the gutter kept', () => {
    const r = rng(7);
    const left = column(60, 230, 120, 20, r);
    const right = column(302, 230, 120, 20, r);
    const head = [tok('Große', 60, 80, 20), tok('Überschrift', 130, 80, 20), tok('über', 260, 80, 20), tok('allem', 320, 80, 20)];
    left[0]!.text = 'LINKS';
    right[0]!.text = 'RECHTS';
    const protruding = tok('Gutter', 292 - 25, 120 + 21 * 13, 10); // ends 2 pt right of the left column
    const blocks = layoutPage([...right, ...head, ...left, protruding]);
    const text = blocks.map((b) => b.lines.map((l) => l.text).join(' '));
    expect(text[0]).toBe('Große Überschrift über allem');
    const leftIdx = text.findIndex((t) => t.includes('LINKS'));
    const rightIdx = text.findIndex((t) => t.includes('RECHTS'));
    expect(leftIdx).toBeGreaterThan(0);
    expect(rightIdx).toBeGreaterThan(leftIdx);
    expect(text.join(' ')).toContain('Gutter');
  });

  it('does not cut a table of labels and values into two columns', () => {
    const rows = ['Telefon', 'E-Mail', 'Ort', 'Datum', 'Ansprechpartnerin'].map((k, i) => [tok(`${k}:`, 60, 100 + i * 14), tok(`Wert${i} und mehr Text hier`, 200, 100 + i * 14)]);
    const lines = layoutPage(rows.flat()).flatMap((b) => b.lines.map((l) => l.text));
    expect(lines[0]).toBe('Telefon: Wert0 und mehr Text hier');
  });

  it('reads a table of figures row by row', () => {
    const rows = ['Spielplatz Nord', 'Radweg am Fluss', 'Stadtteilbüro', 'Baumpflanzungen', 'Summe'].map((k, i) => [
      tok(k, 60, 100 + i * 14),
      tok(`${(i + 1) * 1200} €`, 300, 100 + i * 14),
      tok(`${(i + 2) * 900} €`, 420, 100 + i * 14),
    ]);
    const lines = layoutPage(rows.flat()).flatMap((b) => b.lines.map((l) => l.text));
    expect(lines[0]).toBe('Spielplatz Nord 1200 € 1800 €');
  });

  it('folds a raised footnote mark into its line', () => {
    const lines = buildLines([tok('Text', 60, 100), tok('1', 85, 96, 6), tok('weiter', 90, 100)]);
    expect(lines).toHaveLength(1);
  });
});

describe('artifacts', () => {
  const page = (lines: [string, number][]): PageLayout => ({
    width: 595,
    height: 842,
    blocks: [{ lines: buildLines(lines.flatMap(([t, y], i) => t.split(' ').map((w, k) => tok(w, 60 + k * 60, y, 10, i * 100 + k)))), x0: 60, x1: 500, top: 0, bottom: 842 }],
  });

  it('drops page numbers and running headers repeated on several pages, keeps body lines', () => {
    const pages = [1, 2, 3].map((n) => page([['Stadt Musterhausen Pressestelle', 30], [`Text der Seite ${n} beginnt hier`, 120], [`Seite ${n} von 3`, 820]]));
    const { pages: out, removed } = removeArtifacts(pages);
    const texts = out.flatMap((p) => p.blocks.flatMap((b) => b.lines.map((l) => l.text)));
    expect(texts).toEqual(['Text der Seite 1 beginnt hier', 'Text der Seite 2 beginnt hier', 'Text der Seite 3 beginnt hier']);
    expect(removed).toEqual({ repeated: 3, pageNumbers: 3 });
  });

  it('knows page-number lines', () => {
    for (const t of ['7', '- 7 -', 'Seite 7', 'Seite 7 von 12', 'S. 3', '3 / 10', 'Page 2 of 5']) expect(isPageNumberLine(t), t).toBe(true);
    for (const t of ['7 Tage', 'Artikel 3', '2026 wird gebaut']) expect(isPageNumberLine(t), t).toBe(false);
  });
});

describe('paragraphs', () => {
  it('undoes a line-end hyphen only where a word was broken', () => {
    expect(joinLine('Kennt-', 'nisse')).toBe('Kenntnisse');
    expect(joinLine('Bürger-', 'und Einwohnerschaft')).toBe('Bürger- und Einwohnerschaft');
    expect(joinLine('Nord-', 'Süd-Verbindung')).toBe('Nord-Süd-Verbindung');
    expect(joinLine('Quartiers\u00AD', 'entwicklung')).toBe('Quartiersentwicklung');
    expect(joinLine('Die Stadt', 'plant')).toBe('Die Stadt plant');
  });

  it('joins a paragraph over a page break and skips the footnote in between', () => {
    const para = (lines: string[], top: number, size = 10) => ({ lines: buildLines(lines.flatMap((l, i) => l.split(' ').map((w, k, a) => tok(w, 60 + (k * 440) / Math.max(1, a.length - 1) - (k === a.length - 1 ? w.length * 5 : 0), top + i * 13, size, i * 1000 + k + top)))) });
    const block = (b: { lines: ReturnType<typeof buildLines> }) => ({ ...b, x0: Math.min(...b.lines.map((l) => l.x0)), x1: Math.max(...b.lines.map((l) => l.x1)), top: b.lines[0]!.top, bottom: b.lines[b.lines.length - 1]!.bottom });
    const p1: PageLayout = {
      width: 595,
      height: 842,
      blocks: [block(para(['Der Ausschuss berät heute über die neuen', 'Pläne der Verwaltung für das Quartier und die', 'weiteren Schritte der Beteiligung mit den Kennt-'], 100)), block(para(['1 Eine Fußnote am Fuß der Seite.'], 780, 7))],
    };
    const p2: PageLayout = { width: 595, height: 842, blocks: [block(para(['nissen der Anwohner sowie der Vereine vor Ort.'], 80))] };
    const out = toParagraphs([p1, p2]).map((p) => p.text);
    expect(out[0]).toBe('Der Ausschuss berät heute über die neuen Pläne der Verwaltung für das Quartier und die weiteren Schritte der Beteiligung mit den Kenntnissen der Anwohner sowie der Vereine vor Ort.');
    expect(out[1]).toBe('1 Eine Fußnote am Fuß der Seite.');
  });

  it('ranks headings by size', () => {
    const hs = headings([
      { text: 'Haupttitel', size: 20, page: 1, top: 50 },
      { text: 'Text '.repeat(80), size: 10, page: 1, top: 90 },
      { text: 'Abschnitt eins', size: 14, page: 1, top: 300 },
      { text: 'Text '.repeat(80), size: 10, page: 1, top: 330 },
      { text: 'Abschnitt zwei', size: 14, page: 2, top: 60 },
    ]);
    expect(hs.map((h) => [h.text, h.level, h.page])).toEqual([
      ['Haupttitel', 1, 1],
      ['Abschnitt eins', 2, 1],
      ['Abschnitt zwei', 2, 2],
    ]);
  });

  it('joins a paragraph over a page break past the footnotes at the foot of a one-column page', () => {
    const line = (text: string, base: number, size = 10) => buildLines(text.split(' ').map((w, k, a) => tok(w, 60 + (k * 440) / Math.max(1, a.length - 1) - (k === a.length - 1 ? w.length * size * 0.5 : 0), base, size, base * 100 + k)))[0]!;
    const lines = [line('Der Ausschuss berät heute über die neuen Pläne', 100), line('der Verwaltung für das Quartier und die weiteren', 113), line('2 Siehe die Vorlage der Verwaltung vom Mai.', 790, 7)];
    const page1: PageLayout = { width: 595, height: 842, blocks: [{ lines, x0: 60, x1: 500, top: 92, bottom: 792 }] };
    const page2: PageLayout = { width: 595, height: 842, blocks: [{ lines: [line('Schritte mit den Anwohnern vor Ort.', 80)], x0: 60, x1: 500, top: 72, bottom: 82 }] };
    expect(toParagraphs([page1, page2]).map((p) => p.text)).toEqual([
      'Der Ausschuss berät heute über die neuen Pläne der Verwaltung für das Quartier und die weiteren Schritte mit den Anwohnern vor Ort.',
      '2 Siehe die Vorlage der Verwaltung vom Mai.',
    ]);
  });

  it('finds the headline by size on the first page', () => {
    expect(headline([{ text: 'Stadt Beispiel', size: 9, page: 1, top: 40 }, { text: 'Neue Wege im Quartier', size: 20, page: 1, top: 90 }, { text: 'Text '.repeat(50), size: 10, page: 1, top: 130 }], () => 842)).toBe('Neue Wege im Quartier');
    expect(headline([{ text: 'Nur Text '.repeat(20), size: 10, page: 1, top: 100 }], () => 842)).toBeNull();
  });
});

describe('Info title', () => {
  it('takes a real title and refuses file names and placeholders', () => {
    expect(realInfoTitle('Haushalt 2026: Schwerpunkte im Stadtteil')).toBe('Haushalt 2026: Schwerpunkte im Stadtteil');
    for (const t of ['', 'Microsoft Word - PM_final.docx', 'PM_2026_03_final', 'Unbenannt', 'Dokument1', 'untitled', 'about:blank', 'C:\\Daten\\pm.doc', 'brief.pdf', 'https://example.org/x'])
      expect(realInfoTitle(t), t).toBeNull();
  });
});

describe('metadata of a letter-like PDF', () => {
  it('gives the headline, the letterhead above it and the Info title only when it is a real one', async () => {
    const page = [
      { x: 72, y: 790, size: 9, text: 'Hessisches Ministerium für Soziales' },
      { x: 72, y: 740, size: 20, text: 'Neue Mittel für Nachbarschaftszentren' },
      ...['Wiesbaden. Das Land fördert ab sofort Begegnungsorte in den Quartieren,', 'die Bürgerinnen und Bürger selbst betreiben, mit einem neuen Programm.'].map((text, i) => ({ x: 72, y: 700 - i * 14, size: 11, text })),
    ];
    const r = await readPdf(writePdf([page], { title: 'Microsoft Word - PM_2026_17.docx' }), DEFAULT_READER_LIMITS);
    expect(r.infoTitle).toBeNull();
    expect(r.headline).toBe('Neue Mittel für Nachbarschaftszentren');
    expect(r.titleHint).toBe('Neue Mittel für Nachbarschaftszentren');
    expect(r.aboveHeadline).toEqual(['Hessisches Ministerium für Soziales']);
    expect(r.headings.map((h) => h.text)).toContain('Neue Mittel für Nachbarschaftszentren');
    expect(r.textSource).toBe('text');
  });
});

describe('typed errors', () => {
  const reason = (p: Promise<unknown>) => p.then(() => null, (e: { code: string; details?: { reason?: string }; message: string }) => ({ code: e.code, reason: e.details?.reason, message: e.message }));
  it('names the file and what to do', async () => {
    const full = writePdf([[{ x: 72, y: 700, text: 'Hallo Welt' }]]);
    const cut = await reason(readPdf(full.subarray(0, Math.floor(full.length * 0.6)), DEFAULT_READER_LIMITS, { fileName: 'halb.pdf' }));
    expect(cut).toMatchObject({ code: 'INVALID_FILE', reason: 'PDF_TRUNCATED' });
    expect(cut!.message).toMatch(/^„halb\.pdf“: .*neu herunterladen/u);
    expect(await reason(readPdf(Buffer.from('kein pdf'), DEFAULT_READER_LIMITS))).toMatchObject({ code: 'INVALID_FILE', reason: 'PDF_NOT_PDF' });
    // Garbage where the objects should be, but header and end marker intact.
    const broken = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(3000, 0x41), Buffer.from('\nstartxref\n99999\n%%EOF\n')]);
    expect(await reason(readPdf(broken, DEFAULT_READER_LIMITS, { fileName: 'kaputt.pdf' }))).toMatchObject({ code: 'INVALID_FILE', reason: expect.stringMatching(/PDF_DAMAGED|PDF_NO_TEXT/) });
  });
});
