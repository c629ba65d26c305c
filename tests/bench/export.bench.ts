/**
 * Export figures: a session dossier of 40 speeches from the corpus (about 200 pages), printed with
 * headless Chromium (two passes for the contents' page numbers). Time, pages, and peak memory of
 * this process and of the whole process tree (Chromium's renderer does the layout).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { createServices } from '../../electron/services/createServices';
import { ChromiumPdfPrinter } from '../../electron/services/export/ChromiumPdfPrinter';
import { accessiblePdf } from '../../electron/services/export/pdfAccessibility';
import { MemoryEventSink, silentLogger, systemClock } from '../../electron/services/ports';
import { peakRssMb, REPO_ROOT, timeMs, type BenchModule, type BenchRow } from './benchKit';

const DOCS = 40;

/** RSS of this process and all its descendants (Chromium's processes), in MB, from /proc. */
function treeRssMb(): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const status = fs.readFileSync(`/proc/${entry}/status`, 'utf8');
      rss.set(Number(entry), Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0));
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  const stack = [process.pid];
  while (stack.length) {
    const pid = stack.pop()!;
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return total / 1024;
}

const bench: BenchModule = {
  title: 'Export: Sitzungsdossier aus 40 Reden (~200 Seiten)',
  async run(ctx) {
    const rows: BenchRow[] = [];
    const file = ctx.corpusDir ? path.join(ctx.corpusDir, 'speeches.jsonl.gz') : null;
    if (!file || !fs.existsSync(file)) {
      ctx.log('Korpus fehlt (../shared/corpus/speeches.jsonl.gz): Export-Benchmark übersprungen');
      return rows;
    }
    if (!ChromiumPdfPrinter.available()) {
      ctx.log('Chromium fehlt: Export-Benchmark übersprungen');
      return rows;
    }
    const printer = new ChromiumPdfPrinter();
    const s = createServices(
      {
        paths: { resourcesDir: path.join(REPO_ROOT, 'resources'), backupsDir: path.join(ctx.tmpDir, 'backups') },
        events: new MemoryEventSink(),
        clock: systemClock,
        logger: silentLogger,
        pdf: printer,
      },
      { dbPath: path.join(ctx.tmpDir, 'export.sqlite') },
    );
    try {
      // 40 speeches of middling length, in corpus order: deterministic.
      const records = zlib
        .gunzipSync(fs.readFileSync(file))
        .toString('utf8')
        .split('\n')
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as { id: string; speaker: string; text: string; collection: string })
        .filter((r) => r.text.length >= 9_000 && r.text.length <= 18_000)
        .slice(0, DOCS);
      const ids = records.map(
        (r) =>
          s.documents.create(
            { kind: 'speech', title: `Rede von ${r.speaker} (${r.id})`, bodyText: r.text, externalId: r.id, collection: r.collection, source: r.collection },
            { silent: true },
          ).id,
      );
      const chars = records.reduce((n, r) => n + r.text.length, 0);
      const session = s.sessions.create({ title: 'Benchmark: Sitzung mit 40 Reden', committee: 'Auswahlgremium', date: '2026-06-18', place: 'Kellbach' });
      for (let t = 0; t < 8; t++) {
        const item = s.sessions.addItem(session.id, { title: `Themenblock ${t + 1}`, description: 'Reden aus dem Korpus der Bundesregierung.' });
        for (const id of ids.slice(t * 5, t * 5 + 5)) s.sessions.attachDocument(item.id, id);
      }
      ctx.log(`${records.length} Reden, ${(chars / 1000).toFixed(0)}k Zeichen`);
      let treePeak = treeRssMb();
      const sampler = setInterval(() => (treePeak = Math.max(treePeak, treeRssMb())), 100);
      const out = path.join(ctx.tmpDir, 'dossier.pdf');
      const { peakMb, value: timed } = await peakRssMb(() => timeMs(() => s.exports.pdf({ sessionId: session.id, outputPath: out })));
      clearInterval(sampler);
      const group = `${records.length} Reden, ${timed.value.pages} Seiten`;
      rows.push({ group, metric: 'Sitzungsdossier drucken (Chromium-Start, 2 Durchgänge, Metadaten)', value: timed.ms / 1000, unit: 's' });
      rows.push({ group, metric: 'Seiten', value: timed.value.pages, unit: 'Seiten' });
      rows.push({ group, metric: 'Dateigröße', value: fs.statSync(out).size / 1024 / 1024, unit: 'MB' });
      rows.push({ group, metric: 'Spitzenspeicher Node (RSS)', value: peakMb, unit: 'MB' });
      rows.push({ group, metric: 'Spitzenspeicher Node + Chromium (RSS, Prozessbaum)', value: treePeak, unit: 'MB' });
      const again = await timeMs(() => s.exports.regenerate(timed.value.dossierId!, path.join(ctx.tmpDir, 'wieder.pdf')));
      rows.push({ group, metric: 'aus Manifest neu erzeugen (Browser läuft schon)', value: again.ms / 1000, unit: 's' });
      // Issue 11: the share of the PDF post-pass (artifacts, soft hyphens, links, RoleMap), run
      // again over the finished file (idempotent: nothing is wrapped twice).
      const pass = await timeMs(() => accessiblePdf(new Uint8Array(fs.readFileSync(out))));
      rows.push({ group, metric: 'davon PDF-Nachlauf (Artefakte, Trennzeichen, Links; pdf-lib)', value: pass.ms / 1000, unit: 's' });
    } finally {
      s.close();
      await printer.close();
    }
    return rows;
  },
};

export default bench;
