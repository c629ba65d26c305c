import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServices, type Services } from '../services/createServices';
import { ChromiumPdfPrinter } from '../services/export/ChromiumPdfPrinter';
import { MemoryEventSink, systemClock, type Logger, type Ports } from '../services/ports';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export function packageVersion(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** CLI logger: warnings and errors to stderr, never document text (callers pass metadata only). */
export const stderrLogger: Logger = {
  info() {},
  warn(message, fields) {
    process.stderr.write(`Warnung: ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}\n`);
  },
  error(message, fields) {
    process.stderr.write(`Fehler: ${message}${fields ? ` ${JSON.stringify(fields)}` : ''}\n`);
  },
};

export interface CliIO {
  out(text: string): void;
  err(text: string): void;
}

export const processIO: CliIO = {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
};

/** What a command gets: the library path, lazily opened services, and output streams. */
export class CliContext {
  private services: Services | null = null;
  readonly events = new MemoryEventSink();
  /** Headless Chromium for PDF export; started on the first print only. */
  private readonly pdf = new ChromiumPdfPrinter();

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
  closePdf(): Promise<void> {
    return this.pdf.close();
  }

  json(value: unknown): void {
    this.io.out(`${JSON.stringify(value, null, 2)}\n`);
  }
}
