import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../electron/services/createServices';
import { DEFAULT_READER_LIMITS } from '../../../electron/services/import/readers/types';
import { MemoryEventSink, silentLogger, systemClock } from '../../../electron/services/ports';
import { changedTables, dbDigest } from '../../support/dbDigest';
import { writeDocx, writeZip } from '../../support/importFixtures';
import { mulberry32 } from '../../support/seededRandom';
import { REPO_ROOT, tempDir } from '../../support/testLibrary';

/**
 * Issue 17.3: a DOCX whose main text unpacks to more than the budget is refused with TOO_LARGE
 * naming the limit, before mammoth parses it (a 7 MB file with a 190 MB document.xml needed
 * 4.45 GB). The same mechanism at a small scale: a 1 MB budget and a 2 MB document.xml that
 * compresses like real text (so the ratio check alone would let it through).
 */

const open: { services: Services; dir: string }[] = [];
afterEach(() => {
  while (open.length) {
    const { services, dir } = open.pop()!;
    services.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

function library(maxDocumentXmlBytes: number): { services: Services; dir: string } {
  const dir = tempDir('qw-docx-budget-');
  const services = createServices(
    { paths: { resourcesDir: path.join(REPO_ROOT, 'resources'), backupsDir: path.join(dir, 'Sicherungen') }, events: new MemoryEventSink(), clock: systemClock, logger: silentLogger },
    { dbPath: path.join(dir, 'bibliothek.sqlite'), importer: { limits: { ...DEFAULT_READER_LIMITS, maxDocumentXmlBytes } } },
  );
  open.push({ services, dir });
  return { services, dir };
}

/** A Word container whose document.xml holds `bytes` of word-like text (compresses about 3:1). */
function bigDocx(bytes: number): Buffer {
  const rnd = mulberry32(17);
  const syllables = ['quar', 'tier', 'stadt', 'teil', 'nach', 'bar', 'schaft', 'haus', 'platz', 'mit', 'ein', 'an', 'der', 'sozi', 'al'];
  let body = '';
  while (body.length < bytes) {
    let sentence = '';
    for (let w = 0; w < 12; w++) sentence += `${syllables[Math.floor(rnd() * syllables.length)]}${syllables[Math.floor(rnd() * syllables.length)]} `;
    body += `<w:p><w:r><w:t>${sentence}</w:t></w:r></w:p>`;
  }
  const xml = `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;
  return writeZip([
    { name: '[Content_Types].xml', data: Buffer.from('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>') },
    { name: 'word/document.xml', data: Buffer.from(xml) },
  ]);
}

describe('DOCX memory budget', () => {
  it('refuses a main text above the budget with TOO_LARGE naming the limit; the library is unchanged', async () => {
    const { services, dir } = library(1024 * 1024);
    const small = path.join(dir, 'klein.docx');
    fs.writeFileSync(small, await writeDocx('Kleiner Bericht', ['Ein Absatz zur Nachbarschaft.']));
    expect((await services.importer.importPaths([small])).imported).toHaveLength(1);
    const before = dbDigest(services.db);
    const big = path.join(dir, 'gross.docx');
    fs.writeFileSync(big, bigDocx(2 * 1024 * 1024));
    const report = await services.importer.importPaths([big]);
    expect(report.imported).toEqual([]);
    expect(report.failed).toMatchObject([{ code: 'TOO_LARGE', reason: 'too-large' }]);
    expect(report.failed[0]!.message).toMatch(/gross\.docx.*höchstens 1 MB/su);
    expect(changedTables(before, dbDigest(services.db))).toEqual([]);
  });

  it('the app’s budget is far above a real report and far below what a bomb needs', () => {
    expect(DEFAULT_READER_LIMITS.maxDocumentXmlBytes).toBe(32 * 1024 * 1024);
  });
});
