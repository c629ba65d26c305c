import path from 'node:path';
import { createServices, type Services } from '../services/createServices';
import type { ChromiumPdfPrinter } from '../services/export/ChromiumPdfPrinter';
import { MemoryEventSink, systemClock, type PdfPrinter, type Ports } from '../services/ports';
import { packageVersion, REPO_ROOT, stderrLogger, type CliIO } from './io';

export { packageVersion, processIO, REPO_ROOT, stderrLogger, type CliIO } from './io';

/** What a command gets: the library path, lazily opened services, and output streams. */
export class CliContext {
  private services: Services | null = null;
  readonly events = new MemoryEventSink();
  /** Headless Chromium for PDF export; loaded (playwright-core) and started on the first print only. */
  private printer: Promise<ChromiumPdfPrinter> | null = null;
  private readonly pdf: PdfPrinter = {
    print: async (html, options) => {
      this.printer ??= import('../services/export/ChromiumPdfPrinter').then((m) => new m.ChromiumPdfPrinter());
      return (await this.printer).print(html, options);
    },
  };

  constructor(
    readonly dbPath: string,
    readonly io: CliIO,
  ) {}

  get ports(): Ports {
    return {
      paths: {
        resourcesDir: path.join(REPO_ROOT, 'resources'),
        backupsDir: path.join(path.dirname(this.dbPath), 'Sicherungen'),
      },
      events: this.events,
      clock: systemClock,
      logger: stderrLogger,
      pdf: this.pdf,
    };
  }

  open(): Services {
    if (!this.services) {
      this.services = createServices(this.ports, { dbPath: this.dbPath, appVersion: packageVersion() });
      // A damaged library replaced by its newest good backup at this start: say so, with the time.
      const notice = this.services.backup.currentNotice();
      if (notice) this.io.err(`Hinweis: ${notice.message}\n`);
    }
    return this.services;
  }

  close(): void {
    this.services?.close();
    this.services = null;
  }

  /** Ends the print browser if one was started; commands that print await it before returning. */
  async closePdf(): Promise<void> {
    if (this.printer) await (await this.printer).close();
  }

  json(value: unknown): void {
    this.io.out(`${JSON.stringify(value, null, 2)}\n`);
  }
}
