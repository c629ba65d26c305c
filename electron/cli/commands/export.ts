import path from 'node:path';
import type { PdfExportResult } from '../../../shared/ipc/areas/export';
import { UsageError, type Command } from '../command';
import type { CliContext } from '../context';

const USAGE =
  'export pdf ID… -o DATEI [--title T] [--landscape] [--watermark|--no-watermark] [--pdfa] | export docx|md|html ID -o DATEI | ' +
  'export synopse DOK_ID FASSUNG_A FASSUNG_B -o DATEI | export dossier DOSSIER_ID -o DATEI';

export function outputOf(values: Record<string, unknown>): string {
  const o = values.output;
  if (typeof o !== 'string' || !o) throw new UsageError('Zieldatei fehlt: -o DATEI');
  return path.resolve(o);
}

export function watermarkOf(values: Record<string, unknown>): boolean | undefined {
  if (values.watermark && values['no-watermark']) throw new UsageError('--watermark und --no-watermark schließen sich aus.');
  return values.watermark ? true : values['no-watermark'] ? false : undefined;
}

export function reportPdf(ctx: CliContext, r: PdfExportResult, json: boolean): void {
  if (json) {
    ctx.json(r);
    return;
  }
  ctx.io.out(`${r.outputPath}\n`);
  ctx.io.err(`PDF geschrieben: ${r.pages} Seite(n), ${(r.bytes / 1024).toFixed(0)} KB${r.dossierId ? `, Dossier ${r.dossierId}` : ''}\n`);
}

/** Prints, then always ends the print browser: the process would otherwise not exit. */
export async function withPrinter<T>(ctx: CliContext, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } finally {
    await ctx.closePdf();
  }
}

export const exportCommand: Command = {
  name: 'export',
  summary: 'Dokumente exportieren: PDF (mehrere IDs = Dossier), Synopse, DOCX, Markdown, HTML',
  usage: USAGE,
  options: {
    output: { type: 'string', short: 'o' },
    title: { type: 'string' },
    landscape: { type: 'boolean' },
    watermark: { type: 'boolean' },
    'no-watermark': { type: 'boolean' },
    pdfa: { type: 'boolean' },
    json: { type: 'boolean' },
  },
  async run(ctx, { values, positionals }) {
    const [format, ...ids] = positionals;
    const json = Boolean(values.json);
    switch (format) {
      case 'pdf': {
        if (ids.length === 0) throw new UsageError('export pdf erwartet mindestens eine Dokument-ID.');
        const output = outputOf(values);
        const r = await withPrinter(ctx, () =>
          ctx.open().exports.pdf({
            documentIds: ids,
            title: values.title as string | undefined,
            outputPath: output,
            options: { landscape: Boolean(values.landscape), watermark: watermarkOf(values), pdfa: Boolean(values.pdfa) },
          }),
        );
        reportPdf(ctx, r, json);
        return 0;
      }
      case 'synopse': {
        if (ids.length !== 3) throw new UsageError('export synopse erwartet DOK_ID FASSUNG_A FASSUNG_B (Fassung „current“ = aktueller Stand).');
        const output = outputOf(values);
        const [documentId, from, to] = ids as [string, string, string];
        const r = await withPrinter(ctx, () => ctx.open().exports.synopsis({ documentId, from, to, outputPath: output }));
        reportPdf(ctx, r, json);
        return 0;
      }
      case 'dossier': {
        if (ids.length !== 1) throw new UsageError('export dossier erwartet genau eine Dossier-ID.');
        const output = outputOf(values);
        const r = await withPrinter(ctx, () => ctx.open().exports.regenerate(ids[0]!, output));
        reportPdf(ctx, r, json);
        return 0;
      }
      case 'docx':
      case 'md':
      case 'html': {
        if (ids.length !== 1) throw new UsageError(`export ${format} erwartet genau eine Dokument-ID.`);
        const output = outputOf(values);
        const s = ctx.open().exports;
        const r = format === 'docx' ? await s.docx(ids[0]!, output) : format === 'md' ? s.markdown(ids[0]!, output) : s.html(ids[0]!, output);
        if (json) ctx.json(r);
        else ctx.io.out(`${r.outputPath}\n`);
        return 0;
      }
      default:
        throw new UsageError(`Unbekanntes Format „${format ?? ''}“ – Aufruf: quartierswissen ${USAGE}`);
    }
  },
};
