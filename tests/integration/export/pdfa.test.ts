/**
 * Issue 11, PDF/A: a draft dossier (watermark, quote box, links, footnote) exported with
 * `pdfa: true` passes PDFBox's preflight for PDF/A-1b (Debian libpdfbox2-java), run with the
 * system's Java; skipped with the reason when Java, javac or the PDFBox jars are missing.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChromiumPdfPrinter } from '../../../electron/services/export/ChromiumPdfPrinter';
import type { RichNode } from '../../../shared/domain/document';
import { openTestLibrary, type TestLibrary } from '../../support/testLibrary';
import { PDF_TOOLS_MISSING, pdfText } from './pdfTools';

const JARS = ['preflight', 'pdfbox2', 'fontbox2', 'xmpbox', 'commons-logging'].map((j) => `/usr/share/java/${j}.jar`);
const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const JAVA_MISSING = !has('java') || !has('javac')
  ? 'Java fehlt (java und javac, Debian default-jdk-headless)'
  : JARS.find((j) => !fs.existsSync(j))
    ? `PDFBox fehlt (${JARS.find((j) => !fs.existsSync(j))}, Debian libpdfbox2-java)`
    : null;
const SKIP = PDF_TOOLS_MISSING ?? JAVA_MISSING;

const t = (text: string, marks?: RichNode['marks']): RichNode => ({ type: 'text', text, ...(marks ? { marks } : {}) });
const p = (...content: RichNode[]): RichNode => ({ type: 'paragraph', content });

describe.skipIf(SKIP !== null)(`PDF/A-1b (übersprungen, wenn: ${SKIP ?? '—'})`, () => {
  let lib: TestLibrary;
  let printer: ChromiumPdfPrinter;
  let classes: string;

  beforeAll(() => {
    lib = openTestLibrary();
    printer = new ChromiumPdfPrinter();
    lib.services.ports.pdf = printer;
    classes = path.join(lib.dir, 'preflight-classes');
    const src = path.join(import.meta.dirname, 'preflight');
    const files = ['Preflight.java', 'javax/activation/DataSource.java', 'javax/activation/FileDataSource.java', 'javax/xml/bind/DatatypeConverter.java'].map((f) => path.join(src, f));
    const r = spawnSync('javac', ['-nowarn', '-d', classes, '-cp', JARS.join(':'), ...files], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
  }, 60_000);

  afterAll(async () => {
    await printer?.close();
    lib?.dispose();
  });

  const preflight = (file: string) => {
    const r = spawnSync('java', ['-cp', [classes, ...JARS].join(':'), 'Preflight', file], { encoding: 'utf8' });
    return { ok: r.status === 0 && r.stdout.trim() === 'VALID', errors: r.stdout.trim().split('\n'), stderr: r.stderr };
  };

  it('a draft dossier with watermark, quote box, links and a footnote validates; without --pdfa it does not claim PDF/A', async () => {
    const { documents } = lib.services;
    const draft = documents.create({
      kind: 'leitbild',
      title: 'Leitbild Lindenhof',
      status: 'draft',
      content: {
        type: 'doc',
        content: [
          { type: 'heading', attrs: { level: 1 }, content: [t('Ausgangslage')] },
          p(t('Die Quartiersentwicklung verbindet Beteiligung und Nachbarschaftshilfe; mehr im '), t('Portal', [{ type: 'link', attrs: { href: 'https://kellbach.example/portal' } }]), t('.'), { type: 'footnote', attrs: { text: 'Stand Mai 2026.' } }),
          { type: 'blockquote', content: [p(t('„Ein Platz für alle.“'))] },
          { type: 'bulletList', content: [{ type: 'listItem', content: [p(t('Höfe öffnen'))] }] },
        ],
      },
    });
    const press = documents.create({ kind: 'press_release', title: 'Förderzusage', publisher: 'Stadt Kellbach', bodyText: 'Die Stadt erhält Fördermittel.' });
    const archived = path.join(lib.dir, 'archiv.pdf');
    await lib.services.exports.pdf({ documentIds: [draft.id, press.id], title: 'Mappe für die E-Akte', outputPath: archived, options: { pdfa: true } });
    expect(pdfText(archived)).toContain('ENTWURF');
    const result = preflight(archived);
    expect(result.errors, result.stderr).toEqual(['VALID']);
    const meta = spawnSync('pdfinfo', ['-meta', archived], { encoding: 'utf8' }).stdout;
    expect(meta).toContain('<pdfaid:part>1</pdfaid:part>');

    const plain = path.join(lib.dir, 'normal.pdf');
    await lib.services.exports.pdf({ documentIds: [draft.id], outputPath: plain });
    expect(spawnSync('pdfinfo', ['-meta', plain], { encoding: 'utf8' }).stdout).not.toContain('pdfaid');
    expect(preflight(plain).ok).toBe(false);
  }, 120_000);
});
