import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import * as pdfjs from 'pdfjs-dist/legacy/build/pdf.mjs';
import { ChromiumPdfPrinter } from '../../../electron/services/export/ChromiumPdfPrinter';

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

/** Real print engine and real PDF readers, or the suite is skipped with this reason. */
export const PDF_TOOLS_MISSING: string | null = !ChromiumPdfPrinter.available()
  ? 'Chromium fehlt (/usr/bin/chromium oder CHROMIUM_PATH)'
  : !has('pdftotext') || !has('pdfinfo') || !has('pdffonts')
    ? 'poppler-utils (pdftotext, pdfinfo, pdffonts) fehlen'
    : null;

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** Text as a reader sees it: soft hyphens are invisible, whitespace runs are one space. */
export function norm(text: string): string {
  return text.replace(/\u00AD/g, '').replace(/\s+/g, ' ').trim();
}

export function pdfText(file: string, page?: number, layout = false): string {
  const range = page ? ['-f', String(page), '-l', String(page)] : [];
  return run('pdftotext', [...range, ...(layout ? ['-layout'] : []), file, '-']);
}

export function pdfInfo(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of run('pdfinfo', [file]).split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m) out[m[1]!.trim()] = m[2]!.trim();
  }
  return out;
}

export function pdfFonts(file: string): { name: string; emb: string }[] {
  return run('pdffonts', [file])
    .split('\n')
    .slice(2)
    .filter((l) => l.trim())
    .map((l) => {
      const cols = l.trim().split(/\s+/);
      // name type… encoding emb sub uni objectId gen: emb is the fifth column from the end.
      return { name: cols[0]!, emb: cols[cols.length - 5]! };
    });
}

export function qpdfCheck(file: string): { ok: boolean; output: string } | null {
  if (!has('qpdf')) return null;
  const r = spawnSync('qpdf', ['--check', file], { encoding: 'utf8' });
  return { ok: r.status === 0, output: r.stdout + r.stderr };
}

export interface PdfJsView {
  pages: number;
  /** Text items of each page, in reading order of the content stream. */
  items: { str: string; x: number; y: number }[][];
  outline: { title: string; depth: number; page: number | null }[];
  links: string[];
  info: Record<string, unknown>;
  pageWidth: number;
}

export async function readWithPdfJs(file: string): Promise<PdfJsView> {
  const doc = await pdfjs.getDocument({ data: new Uint8Array(fs.readFileSync(file)), disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
  try {
    const items: PdfJsView['items'] = [];
    const links: string[] = [];
    let pageWidth = 0;
    for (let i = 1; i <= doc.numPages; i++) {
      const page = await doc.getPage(i);
      pageWidth = page.view[2]!;
      const tc = await page.getTextContent();
      items.push(
        tc.items
          .filter((it): it is typeof it & { str: string; transform: number[] } => 'str' in it)
          .map((it) => ({ str: it.str.replace(/\u00AD/g, ''), x: it.transform[4]!, y: it.transform[5]! })),
      );
      for (const a of await page.getAnnotations()) if (a.subtype === 'Link') links.push(String(a.url ?? a.unsafeUrl ?? a.dest ?? ''));
    }
    const outline: PdfJsView['outline'] = [];
    type Item = { title: string; dest: string | unknown[] | null; items: Item[] };
    const walk = async (list: Item[], depth: number) => {
      for (const it of list) {
        const dest = typeof it.dest === 'string' ? await doc.getDestination(it.dest) : it.dest;
        const ref = Array.isArray(dest) ? dest[0] : null;
        outline.push({ title: it.title, depth, page: ref ? (await doc.getPageIndex(ref as { num: number; gen: number })) + 1 : null });
        await walk(it.items ?? [], depth + 1);
      }
    };
    await walk(((await doc.getOutline()) ?? []) as Item[], 0);
    const meta = await doc.getMetadata();
    return { pages: doc.numPages, items, outline, links, info: meta.info as Record<string, unknown>, pageWidth };
  } finally {
    await doc.cleanup();
    await doc.loadingTask.destroy();
  }
}
