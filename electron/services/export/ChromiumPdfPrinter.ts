import fs from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { AppError } from '../../../shared/errors';
import type { PdfPrinter } from '../ports';

/** Debian's Chromium unless `CHROMIUM_PATH` (or the older `QW_CHROMIUM`) names another. */
export const DEFAULT_CHROMIUM = process.env.CHROMIUM_PATH ?? process.env.QW_CHROMIUM ?? '/usr/bin/chromium';

/** Flags for headless Chromium on a closed network (no background traffic, no updates, as root). */
export const CHROMIUM_LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/**
 * The PdfPrinter of the CLI, the tests and the benchmark: headless Chromium through playwright-core,
 * the same engine (Skia/PDF, same layout) as Electron's printToPDF in the app. One browser is started
 * on the first print and reused; every print gets a fresh context and is closed after.
 */
export class ChromiumPdfPrinter implements PdfPrinter {
  private browser: Promise<Browser> | null = null;

  constructor(private readonly executablePath: string = DEFAULT_CHROMIUM) {}

  static available(executablePath: string = DEFAULT_CHROMIUM): boolean {
    return fs.existsSync(executablePath);
  }

  private launch(): Promise<Browser> {
    if (!this.browser) {
      if (!ChromiumPdfPrinter.available(this.executablePath)) {
        throw new AppError('IO', `Für den PDF-Export wird Chromium benötigt (nicht gefunden: ${this.executablePath}; CHROMIUM_PATH setzt den Pfad).`);
      }
      this.browser = chromium.launch({ executablePath: this.executablePath, args: CHROMIUM_LAUNCH_ARGS, headless: true });
      this.browser.catch(() => (this.browser = null));
    }
    return this.browser;
  }

  async print(html: string, options: { landscape?: boolean; pageSize?: 'A4' }): Promise<Uint8Array> {
    const browser = await this.launch();
    // SECURITY: the print page runs no script, works offline, and every request is refused:
    // fonts come inline as data: URLs, content is escaped HTML without external references.
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true, serviceWorkers: 'block' });
    try {
      await context.route('**/*', (route) => route.abort('blockedbyclient'));
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load' });
      // Load every font face before printing: a face used only in the header or footer is otherwise
      // still loading when Chromium prints, and its text stays invisible. This runs in DevTools'
      // evaluation, not as page script (the page's own scripts stay disabled).
      await page.evaluate('Promise.all(Array.from(document.fonts, (f) => f.load())).then(() => document.fonts.ready).then(() => document.fonts.size)');
      const pdf = await page.pdf({
        format: options.pageSize ?? 'A4',
        landscape: options.landscape ?? false,
        printBackground: true,
        preferCSSPageSize: true,
        // The exporter writes its own bookmarks (exact titles, nesting by dossier structure).
        outline: false,
        tagged: true,
      });
      return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
    } finally {
      await context.close();
    }
  }

  async close(): Promise<void> {
    const b = this.browser;
    this.browser = null;
    if (b) await (await b.catch(() => null))?.close();
  }
}
