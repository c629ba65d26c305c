/**
 * Issue 7, promise 4 (fuzzed inputs) for the importer: every format gets random bytes and mutated
 * valid files, run through the real Importer into a real SQLite library on disk. Whatever comes
 * in, the import answers with a report whose failures carry typed, German errors; it never throws,
 * never hangs, and never writes half: a failed file leaves the library byte-for-byte unchanged,
 * a successful one adds exactly the reported documents (and no orphaned originals).
 *
 * Reproduce a failure with the seed printed by fast-check: QW_FUZZ_SEED=<seed> npx vitest run <this file>.
 */
import fc from 'fast-check';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../../shared/domain/import';
import { changedTables, dbDigest, integrityProblems } from '../../support/dbDigest';
import {
  corruptGzip,
  corruptPdf,
  corruptZip,
  FUZZ_SEED,
  fuzzParams,
  gzip,
  gzipCorruption,
  mutate,
  mutations,
  pdfCorruption,
  reencode,
  textEncoding,
  typedErrorProblem,
  withinTime,
  zipCorruption,
} from '../../support/fuzzKit';
import { readZipDirectory, readZipEntry } from '../../../electron/services/import/readers/zipInspect';
import { layoutParagraphs, quotedPrintable, writeDocx, writePdf, writeZip } from '../../support/importFixtures';
import { openTestLibrary, type TestLibrary } from '../../support/testLibrary';

const TIMEOUT_MS = 10_000;

const TITLE = 'Quartiersfonds fördert Nachbarschaftsprojekte';
const PARAGRAPHS = [
  'Frankfurt am Main, 12. Juni 2024. Der Quartiersfonds Nordstadt fördert in diesem Jahr 14 Nachbarschaftsprojekte mit insgesamt 86.000 Euro.',
  '„Wir stärken das Miteinander im Quartier“, sagte Stadträtin Dr. Miriam Albers (Grüne) bei der Vorstellung.',
  'Gefördert werden unter anderem ein Reparaturcafé, Sprachkurse und die Begrünung von Höfen – § 171e BauGB gilt entsprechend.',
];
const TEXT = `${TITLE}\n\n${PARAGRAPHS.join('\n\n')}\n`;

type Format = 'txt' | 'md' | 'html' | 'docx' | 'pdf' | 'eml' | 'jsonl' | 'jsonl.gz';
const FORMATS: Format[] = ['txt', 'md', 'html', 'docx', 'pdf', 'eml', 'jsonl', 'jsonl.gz'];

/** Small valid files of every format, built from scratch (no corpus needed). */
async function validFiles(): Promise<Record<Format, Buffer>> {
  const jsonl = [
    { id: 1, title: TITLE, text: PARAGRAPHS.join('\n\n'), date: '2024-06-12', kind: 'press_release' },
    { id: 'r-2', speaker: 'Dr. Miriam Albers', text: 'Sehr geehrte Damen und Herren, das Quartier lebt von seinen Menschen.', place: 'Frankfurt' },
    { id: 3, text: 'Kurzmeldung: Sprechstunde am Dienstag.', category: 'Termine', collection: 'presse' },
  ]
    .map((r) => JSON.stringify(r))
    .join('\n');
  return {
    txt: Buffer.from(TEXT, 'utf8'),
    md: Buffer.from(`# ${TITLE}\n\n${PARAGRAPHS.map((p, i) => (i === 1 ? `> ${p}` : `**${p.slice(0, 20)}**${p.slice(20)}`)).join('\n\n')}\n\n- [Link](https://example.org)\n`, 'utf8'),
    html: Buffer.from(
      `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>${TITLE}</title><meta name="date" content="2024-06-12"></head>` +
        `<body><nav>Menü</nav><main><h1>${TITLE}</h1>${PARAGRAPHS.map((p) => `<p>${p}</p>`).join('')}<ul><li>eins</li><li><a href="https://example.org">zwei</a></li></ul></main><footer>Impressum</footer></body></html>`,
      'utf8',
    ),
    docx: await writeDocx(TITLE, PARAGRAPHS),
    pdf: writePdf([layoutParagraphs([TITLE, ...PARAGRAPHS], { hyphenate: true })], { title: TITLE }),
    eml: Buffer.from(
      `From: Pressestelle <presse@example.org>\r\nTo: redaktion@example.org\r\nSubject: =?utf-8?Q?Quartiersfonds_f=C3=B6rdert?=\r\nDate: Wed, 12 Jun 2024 09:00:00 +0200\r\nMIME-Version: 1.0\r\n` +
        `Content-Type: multipart/alternative; boundary="b1"\r\n\r\n--b1\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n${quotedPrintable(TEXT)}\r\n` +
        `--b1\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from(`<p>${TEXT}</p>`, 'utf8').toString('base64')}\r\n--b1--\r\n`,
      'latin1',
    ),
    jsonl: Buffer.from(`${jsonl}\n`, 'utf8'),
    // Other records than the plain file (the same records would be recognised as duplicates).
    // Other records than the plain seed's: a record with the same id, collection and text is the
    // same record, whatever its bytes (issue 18 §7), so record 3's own collection is renamed too.
    'jsonl.gz': gzip(Buffer.from(`${jsonl.replaceAll('"id":', '"collection":"archiv","id":').replaceAll('"collection":"presse"', '"collection":"archiv-presse"')}\n`, 'utf8')),
  };
}

/** Magic bytes that get random data past the first check of each reader. */
const MAGIC: Record<Format, Buffer> = {
  txt: Buffer.alloc(0),
  md: Buffer.from('# '),
  html: Buffer.from('<!doctype html><meta charset="'),
  docx: Buffer.from([0x50, 0x4b, 0x03, 0x04]),
  pdf: Buffer.from('%PDF-1.7\n'),
  eml: Buffer.from('From: a@b\r\nContent-Type: multipart/mixed; boundary='),
  jsonl: Buffer.from('{"text":'),
  'jsonl.gz': Buffer.from([0x1f, 0x8b, 0x08, 0x00]),
};

/** Strings that break naive code: empty after normalising, control characters, lone surrogates, huge. */
const nasty: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', ' ', '\u00AD', '\u200B\u200D', '\uFEFF', '\u0000', '\ud800', '\u202E', '__proto__', 'constructor', '§ 171e BauGB', '„Zitat“', 'a'.repeat(70_000)),
  fc.string({ unit: 'binary', maxLength: 80 }),
  fc.string({ unit: 'grapheme-composite', maxLength: 80 }),
);

interface Outcome {
  imported: number;
  failed: number;
  duplicates: number;
  codes: Record<string, number>;
}

describe('Fuzz: every importer format, random and mutated files, into a real library', () => {
  let lib: TestLibrary;
  let valid: Record<Format, Buffer>;
  let inbox: string;
  let n = 0;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  const outcomes: Record<string, Outcome> = {};

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    lib = openTestLibrary();
    inbox = path.join(lib.dir, 'eingang');
    fs.mkdirSync(inbox);
    valid = await validFiles();
    console.info(`Fuzz-Seed (Importer): ${FUZZ_SEED} – wiederholen mit QW_FUZZ_SEED=${FUZZ_SEED}`);
  });
  afterAll(() => {
    process.off('unhandledRejection', onUnhandled);
    console.info(`Fuzz-Ergebnisse (Importer): ${JSON.stringify(outcomes)}`);
    lib?.dispose();
  });

  const docIds = () => new Set(lib.services.db.prepare('SELECT id FROM documents').pluck().all() as string[]);

  /** One file through the real importer, with every property of promise 4 checked. */
  async function importChecked(format: Format, bytes: Buffer, label: string): Promise<ImportReport> {
    const { db, importer } = lib.services;
    const file = path.join(inbox, `f${++n}.${format}`);
    fs.writeFileSync(file, bytes);
    const before = dbDigest(db);
    const idsBefore = docIds();
    let report: ImportReport;
    try {
      report = await withinTime(`${format} ${label}`, TIMEOUT_MS, () => importer.importPaths([file]));
    } finally {
      fs.rmSync(file, { force: true });
    }
    const o = (outcomes[`${format}/${label}`] ??= { imported: 0, failed: 0, duplicates: 0, codes: {} });
    o.imported += report.imported.length;
    o.duplicates += report.duplicates.length;
    o.failed += report.failed.length;
    for (const f of report.failed) o.codes[f.code] = (o.codes[f.code] ?? 0) + 1;

    expect(report.files).toBe(1);
    for (const f of report.failed) {
      expect(typedErrorProblem(f), `${format}: ${JSON.stringify(f).slice(0, 400)}`).toBeNull();
      expect(f.path).toBe(file);
    }
    if (format !== 'jsonl' && format !== 'jsonl.gz') {
      // One file is one document: imported, a duplicate, or failed — exactly one of them.
      expect(report.imported.length + report.duplicates.length + report.failed.length).toBe(1);
    }
    expect(integrityProblems(db)).toEqual([]);
    const after = dbDigest(db);
    if (report.imported.length === 0) {
      // A failed (or duplicate, or empty) import leaves no trace.
      expect(changedTables(before, after)).toEqual([]);
    } else {
      const added = [...docIds()].filter((id) => !idsBefore.has(id)).sort();
      expect(added).toEqual(report.imported.map((d) => d.id).sort());
      const unmarked = db.prepare(`SELECT count(*) FROM documents WHERE id IN (${added.map(() => '?').join(',')}) AND import_sha256 IS NULL`).pluck().get(...added);
      expect(unmarked).toBe(0);
    }
    // Never an original without a document that refers to it (a half-written import).
    const orphans = db.prepare('SELECT count(*) FROM originals o WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.original_sha256 = o.sha256)').pluck().get();
    expect(orphans, 'verwaiste Originale').toBe(0);
    expect(unhandled).toEqual([]);
    return report;
  }

  it('the valid seed file of every format imports (the fuzz starts from real files)', async () => {
    for (const format of FORMATS) {
      const report = await importChecked(format, valid[format], 'valid');
      expect(report.failed, format).toEqual([]);
      expect(report.imported.length, format).toBe(format.startsWith('jsonl') ? 3 : 1);
    }
  });

  const FORMAT_RUNS: Record<Format, number> = { txt: 100, md: 100, html: 100, docx: 120, pdf: 120, eml: 100, jsonl: 100, 'jsonl.gz': 100 };

  for (const [i, format] of FORMATS.entries()) {
    it(`${format}: random bytes (with and without the format's magic) → result or typed error`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ minLength: 1, maxLength: 3000 }), fc.boolean(), async (random, withMagic) => {
          const bytes = withMagic ? Buffer.concat([MAGIC[format], random, format === 'pdf' ? Buffer.from('\n%%EOF\n') : Buffer.alloc(0)]) : Buffer.from(random);
          await importChecked(format, bytes, 'random');
        }),
        fuzzParams(FORMAT_RUNS[format] / 2, i),
      );
    });

    it(`${format}: mutated valid files (flips, truncation, splices, duplicated ranges, format structures) → result or typed error`, async () => {
      const specific: fc.Arbitrary<(b: Buffer) => Buffer> =
        format === 'docx'
          ? zipCorruption.map((c) => (b: Buffer) => corruptZip(b, c))
          : format === 'pdf'
            ? pdfCorruption.map((c) => (b: Buffer) => corruptPdf(b, c))
            : format === 'jsonl.gz'
              ? gzipCorruption.map((c) => (b: Buffer) => corruptGzip(b, c))
              : textEncoding.map((e) => () => reencode(valid[format].toString('utf8'), e));
      await fc.assert(
        fc.asyncProperty(fc.option(specific, { nil: undefined }), fc.option(mutations, { nil: undefined }), async (structural, ms) => {
          let bytes = valid[format];
          if (structural) bytes = structural(bytes);
          if (ms) bytes = mutate(bytes, ms);
          if (bytes.length === 0) bytes = Buffer.from([0]);
          await importChecked(format, bytes, 'mutated');
        }),
        fuzzParams(FORMAT_RUNS[format], 100 + i),
      );
    });
  }

  it('jsonl: records with hostile field values (empty after normalising, wrong types, odd dates, huge) → result or typed error', async () => {
    const record = fc.record(
      {
        id: fc.oneof(nasty, fc.integer(), fc.double(), fc.constant(null), fc.boolean()),
        title: fc.oneof(nasty, fc.constant(null)),
        text: fc.oneof(nasty, fc.constant(TEXT)),
        date: fc.oneof(nasty, fc.constantFrom('2024-06-12', '2024-13-45', '31.02.2024', '12. Juni 2024', '0000-00-00', '99. Dezember 99999')),
        speaker: fc.oneof(nasty, fc.constant(null)),
        place: nasty,
        source_url: fc.oneof(nasty, fc.constantFrom('javascript:alert(1)', 'https://example.org/a')),
        collection: nasty,
        kind: fc.oneof(fc.constantFrom('press_release', 'speech', 'note', 'leitbild', 'statement', 'protocol'), nasty),
        category: nasty,
        __proto__: fc.constant({ polluted: true }),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(record.map((r) => JSON.stringify(r)), fc.jsonValue().map((v) => JSON.stringify(v)), nasty), { minLength: 1, maxLength: 6 }), fc.boolean(), async (lines, gz) => {
        const body = Buffer.from(lines.join('\n'), 'utf8');
        await importChecked(gz ? 'jsonl.gz' : 'jsonl', gz ? gzip(body) : body, 'records');
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      fuzzParams(150, 200),
    );
  });

  it('docx: stored (uncompressed) Word files with mutated XML and random document.xml fragments → result or typed error', async () => {
    // Stored entries put the XML itself under the mutations (deflated data mostly breaks outright).
    const entries = readZipDirectory(valid.docx).map((e) => ({ name: e.name, data: readZipEntry(valid.docx, e), store: true }));
    const stored = writeZip(entries);
    const xmlPiece = fc.oneof(
      nasty.map((t) => `<w:r><w:t>${t.replace(/[<&]/gu, '')}</w:t></w:r>`),
      fc.constantFrom('<w:p>', '</w:p>', '<w:r>', '</w:r>', '<w:t>', '</w:t>', '<w:tbl><w:tr><w:tc>', '<w:hyperlink r:id="rIdX">', '<w:numPr><w:ilvl w:val="99"/></w:numPr>', '<!DOCTYPE x [<!ENTITY a "aaaa">]>', '&a;', '<w:drawing>', '<![CDATA[', '<w:pStyle w:val="Heading1"/>'),
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutations.map((ms) => ({ ms, xml: null })), fc.array(xmlPiece, { maxLength: 40 }).map((xml) => ({ ms: null, xml }))), async ({ ms, xml }) => {
        const bytes = ms
          ? mutate(stored, ms)
          : writeZip(
              entries.map((e) =>
                e.name === 'word/document.xml'
                  ? { ...e, data: Buffer.from(`<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body>${xml!.join('')}</w:body></w:document>`, 'utf8') }
                  : e,
              ),
            );
        await importChecked('docx', bytes, 'stored');
      }),
      fuzzParams(120, 400),
    );
  });

  it('html and eml: random markup and header fragments → result or typed error', async () => {
    const htmlPiece = fc.oneof(
      nasty,
      fc.constantFrom(
        '<p>', '</p>', '<main>', '</main>', '<article>', '<h1>', '</h1>', '<script>alert(1)</script>', '<!--', '-->', '<meta charset="', 'utf-16', 'x-unbekannt', '">',
        '<title>', '</title>', '<time datetime="', '<meta name="date" content="', '<header><nav>', '<table><tr><td>', '<svg><foreignObject>', '<a href="javascript:x">', '&amp;', '&#0;', '&#x110000;', '<![CDATA[', '<br>', '<li>',
      ),
    );
    const emlPiece = fc.oneof(
      nasty,
      fc.constantFrom(
        'From: a@b\r\n', 'Subject: =?utf-8?B?', '=?x-unbekannt?Q?a=FF?=', '?=', 'Date: 31 Feb 20245\r\n', 'Content-Type: multipart/mixed; boundary="', 'Content-Type: text/html; charset=', 'utf-16be', '\r\n\r\n',
        '--', 'Content-Transfer-Encoding: base64\r\n', 'Content-Transfer-Encoding: quoted-printable\r\n', '=\r\n', '=ZZ', 'Content-Disposition: attachment\r\n', '\r\n ',
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('html' as const, 'eml' as const), fc.array(htmlPiece, { maxLength: 40 }), fc.array(emlPiece, { maxLength: 40 }), async (format, h, e) => {
        const text = format === 'html' ? h.join('') : `From: presse@example.org\r\n${e.join('')}`;
        await importChecked(format, Buffer.from(text || ' ', 'utf8'), 'fragments');
      }),
      fuzzParams(150, 300),
    );
  });
});
