import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { readDocx } from '../../../electron/services/import/readers/docx';
import { readEml } from '../../../electron/services/import/readers/eml';
import { readHtml } from '../../../electron/services/import/readers/html';
import { readMarkdown } from '../../../electron/services/import/readers/markdown';
import { readPdf } from '../../../electron/services/import/readers/pdf';
import { readTxt } from '../../../electron/services/import/readers/txt';
import { DEFAULT_READER_LIMITS } from '../../../electron/services/import/readers/types';
import { layoutParagraphs, quotedPrintable, writeDocx, writePdf, writeZip } from '../../support/importFixtures';
import { tempDir } from '../../support/testLibrary';

const TEXT = '„Gemeinsam für das Quartier“ – Straße, Größe, Bürger € 5';

async function code(p: Promise<unknown> | (() => unknown)): Promise<string> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return (err as AppError).code;
  }
  throw new Error('Fehler erwartet');
}

describe('txt: encodings', () => {
  it.each([
    ['UTF-8', Buffer.from(TEXT, 'utf8')],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT, 'utf8')])],
    ['UTF-16 LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')])],
    ['UTF-16 BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(TEXT, 'utf16le').swap16()])],
    ['Windows-1252', iconv.encode(TEXT, 'windows-1252')],
  ])('%s', (label, bytes) => {
    const r = readTxt(bytes);
    expect(r.text).toBe(TEXT);
    expect(r.notes?.[0]).toContain(label.startsWith('UTF-8') ? 'UTF-8' : label.replace(' with BOM', '').replace('UTF-16 LE', 'UTF-16 (LE)').replace('UTF-16 BE', 'UTF-16 (BE)'));
  });

  it('ISO-8859-1 (no Windows-only characters) and CRLF', () => {
    const r = readTxt(iconv.encode('Größe\r\nStraße', 'latin1'));
    expect(r.text).toBe('Größe\r\nStraße'); // CRLF is normalised by normalizeText at import
    expect(r.notes?.[0]).toContain('ISO-8859-1');
  });

  it('refuses binary garbage named .txt', async () => {
    const garbage = Buffer.alloc(4096);
    for (let i = 0; i < garbage.length; i++) garbage[i] = (i * 7919 + 13) % 256;
    expect(await code(() => readTxt(garbage))).toBe('INVALID_FILE');
    const pngish = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), Buffer.alloc(100, 0), Buffer.from('IHDR')]);
    expect(await code(() => readTxt(pngish))).toBe('INVALID_FILE');
  });
});

describe('markdown', () => {
  it('keeps text, drops markup and link targets; first heading is the title', () => {
    const r = readMarkdown(Buffer.from('# Neues Stadtteilbüro\n\nEin **offener** Ort, [mehr](https://example.org) ![Bild](http://x/y.png)\n\n- Beratung\n', 'utf8'));
    expect(r.titleHint).toBe('Neues Stadtteilbüro');
    expect(r.text).toContain('Ein offener Ort, mehr Bild');
    expect(r.text).not.toContain('example.org');
    expect(r.text).toContain('• Beratung');
  });
});

describe('html: main content, sanitized, nothing fetched', () => {
  const page = `<!doctype html><html><head><meta charset="utf-8"><title>Seite – Stadt Kassel</title>
    <meta name="date" content="2026-11-24"><meta property="og:site_name" content="Stadt Kassel">
    <script>window.evil = 1</script><style>p{color:red}</style>
    <link rel="stylesheet" href="http://127.0.0.1:9/x.css"></head>
    <body onload="alert(1)"><header><nav><a href="/">Startseite</a> Menü</nav></header>
    <main><article><h1>Quartiersfonds vergeben</h1>
      <p onclick="steal()">„Ein guter Tag“, sagte <b>Stadträtin Eva Roth</b>.</p>
      <img src="http://127.0.0.1:9/tracker.png" onerror="alert(2)">
      <p><a href="javascript:alert(3)">Klick</a> <a href="https://kassel.de/fonds">Mehr</a></p>
      <iframe src="http://127.0.0.1:9/"></iframe><script>document.write('x')</script>
    </article></main><aside>Werbung</aside><footer>Impressum</footer></body></html>`;

  it('extracts the article and strips scripts, handlers, javascript: URLs and remote images', () => {
    const r = readHtml(Buffer.from(page, 'utf8'));
    expect(r.titleHint).toBe('Quartiersfonds vergeben');
    expect(r.dateHint).toBe('2026-11-24');
    expect(r.publisherHint).toBe('Stadt Kassel');
    expect(r.text).toContain('„Ein guter Tag“, sagte Stadträtin Eva Roth.');
    for (const bad of ['Startseite', 'Werbung', 'Impressum', 'evil', 'color:red']) expect(r.text).not.toContain(bad);
    for (const bad of ['<script', 'onclick', 'onerror', 'onload', 'javascript:', '<img', 'tracker', '<iframe', 'style']) expect(r.html).not.toContain(bad);
    expect(r.html).toContain('href="https://kassel.de/fonds"');
  });

  it('decodes a declared legacy charset', () => {
    const bytes = iconv.encode('<html><head><meta charset="windows-1252"></head><body><p>Größe „Zitat“</p></body></html>', 'windows-1252');
    expect(readHtml(bytes).text).toBe('Größe „Zitat“');
  });
});

describe('eml: MIME, quoted-printable, base64, charsets', () => {
  const body = 'Kassel, 24. November 2026 – Der Fonds startet.\n\n„Wir freuen uns sehr über die vielen Ideen“, sagte Stadträtin Eva Roth.';
  it('multipart/alternative with quoted-printable UTF-8 text and an encoded subject', () => {
    const eml = [
      'From: "Pressestelle Stadt Kassel" <presse@kassel.example>',
      'To: redaktion@example.org',
      'Subject: =?utf-8?Q?Pressemitteilung:_Quartiersfonds_f=C3=BCr_die_Nordstadt?=',
      'Date: Tue, 24 Nov 2026 10:15:00 +0100',
      'MIME-Version: 1.0',
      'Content-Type: multipart/alternative; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain; charset=utf-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      quotedPrintable(body),
      '--b1',
      'Content-Type: text/html; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('<p>HTML-Fassung</p>', 'utf8').toString('base64'),
      '--b1--',
      '',
    ].join('\r\n');
    const r = readEml(Buffer.from(eml, 'latin1'));
    expect(r.text.replace(/\r\n/gu, '\n')).toBe(body);
    expect(r.titleHint).toBe('Pressemitteilung: Quartiersfonds für die Nordstadt');
    expect(r.dateHint).toBe('2026-11-24');
    expect(r.publisherHint).toBe('Pressestelle Stadt Kassel');
  });

  it('single-part base64 in ISO-8859-1', () => {
    const eml = `From: a@b.example\r\nSubject: Test\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: base64\r\n\r\n${iconv.encode('Größe und Straße', 'latin1').toString('base64')}\r\n`;
    expect(readEml(Buffer.from(eml, 'latin1')).text.trim()).toBe('Größe und Straße');
  });

  it('refuses a file that is not an e-mail', async () => {
    expect(await code(() => readEml(Buffer.from('Nur ein Text ohne Kopfzeilen.\n', 'utf8')))).toBe('INVALID_FILE');
  });
});

describe('pdf (pdfjs-dist)', () => {
  it('reads text with umlauts and German quotes, repairs hyphenation at line ends, keeps „Bürger- und“', async () => {
    const lines = [
      { x: 72, y: 760, size: 11, text: '„Die Quartiers-' },
      { x: 72, y: 746, size: 11, text: 'entwicklung braucht Bürger- und' },
      { x: 72, y: 732, size: 11, text: 'Jugendhäuser“, sagte Stadträtin Eva Roth.' },
      { x: 72, y: 690, size: 11, text: 'Zweiter Absatz über Größe.' },
    ];
    const r = await readPdf(writePdf([lines], { title: 'Testdokument' }), DEFAULT_READER_LIMITS);
    expect(r.text).toBe('„Die Quartiersentwicklung braucht Bürger- und Jugendhäuser“, sagte Stadträtin Eva Roth.\n\nZweiter Absatz über Größe.');
    expect(r.titleHint).toBe('Testdokument');
  });

  it('reads a two-column page column by column, not line by line across', async () => {
    const left = layoutParagraphs(['Links beginnt der erste Absatz mit mehreren Zeilen Text über die Nordstadt und ihre Höfe, die gemeinsam begrünt werden.'], { x: 50, width: 38 });
    const right = layoutParagraphs(['Rechts steht der zweite Absatz mit eigenen Zeilen über den Quartiersbeirat und seine Sitzungen im Stadtteilbüro.'], { x: 320, width: 38 });
    const r = await readPdf(writePdf([[...left, ...right]]), DEFAULT_READER_LIMITS);
    expect(r.text).toContain('Links beginnt der erste Absatz mit mehreren Zeilen Text über die Nordstadt und ihre Höfe, die gemeinsam begrünt werden.');
    expect(r.text).toContain('Rechts steht der zweite Absatz mit eigenen Zeilen über den Quartiersbeirat und seine Sitzungen im Stadtteilbüro.');
    expect(r.text.indexOf('Links')).toBeLessThan(r.text.indexOf('Rechts'));
  });

  it('refuses a truncated PDF and a file that is not a PDF', async () => {
    const full = writePdf([[{ x: 72, y: 700, text: 'Hallo Welt' }]]);
    expect(await code(readPdf(full.subarray(0, Math.floor(full.length * 0.6)), DEFAULT_READER_LIMITS))).toBe('INVALID_FILE');
    expect(await code(readPdf(Buffer.from('kein pdf'), DEFAULT_READER_LIMITS))).toBe('INVALID_FILE');
  });

  const hasQpdf = (() => {
    try {
      execFileSync('qpdf', ['--version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));
  it.skipIf(!hasQpdf)('refuses an encrypted PDF with a clear message (needs Debian package qpdf)', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const plain = path.join(dir, 'plain.pdf');
    const enc = path.join(dir, 'enc.pdf');
    fs.writeFileSync(plain, writePdf([[{ x: 72, y: 700, text: 'Geheim' }]]));
    execFileSync('qpdf', ['--encrypt', 'nutzer', 'besitzer', '256', '--', plain, enc]);
    try {
      await readPdf(fs.readFileSync(enc), DEFAULT_READER_LIMITS);
      throw new Error('Fehler erwartet');
    } catch (err) {
      expect((err as AppError).code).toBe('INVALID_FILE');
      expect((err as AppError).message).toContain('verschlüsselt');
    }
  });
});

describe('docx (mammoth) and ZIP checks', () => {
  it('reads a real DOCX with heading and paragraphs', async () => {
    const buf = await writeDocx('Quartiersfonds vergeben', ['„Ein guter Tag“, sagte Stadträtin Eva Roth.', 'Zweiter Absatz.']);
    const r = await readDocx(buf, DEFAULT_READER_LIMITS);
    expect(r.titleHint).toBe('Quartiersfonds vergeben');
    expect(r.text).toBe('Quartiersfonds vergeben\n\n„Ein guter Tag“, sagte Stadträtin Eva Roth.\n\nZweiter Absatz.');
  });

  it('refuses a ZIP that is not a DOCX, and bytes that are no ZIP', async () => {
    const zip = writeZip([{ name: 'readme.txt', data: Buffer.from('hallo') }]);
    expect(await code(readDocx(zip, DEFAULT_READER_LIMITS))).toBe('INVALID_FILE');
    expect(await code(readDocx(Buffer.from('PK kein zip wirklich'), DEFAULT_READER_LIMITS))).toBe('INVALID_FILE');
  });

  it('refuses a decompression bomb from the central directory, before mammoth runs', async () => {
    const zeros = Buffer.alloc(20 * 1024 * 1024); // deflates ~1000:1
    const bomb = writeZip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'word/document.xml', data: zeros },
    ]);
    expect(bomb.length).toBeLessThan(100_000);
    const err = await readDocx(bomb, DEFAULT_READER_LIMITS).catch((e: AppError) => e);
    expect((err as AppError).code).toBe('TOO_LARGE');
    expect((err as AppError).message).toMatch(/ZIP-Bombe/u);
  });

  it('catches a central directory that lies about sizes', async () => {
    const liar = writeZip([
      { name: 'word/document.xml', data: Buffer.alloc(3 * 1024 * 1024, 0x41), declaredSize: 2000 },
    ]);
    expect(await code(readDocx(liar, DEFAULT_READER_LIMITS))).toBe('INVALID_FILE');
  });
});
