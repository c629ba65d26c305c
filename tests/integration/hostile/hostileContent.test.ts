import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { JSDOM } from 'jsdom';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docToRich, draftSchema } from '../../../electron/services/collab/draftDoc';
import { draftDocName } from '../../../electron/services/collab/SyncServer';
import { UpdateLog } from '../../../electron/services/collab/UpdateLog';
import { createServices, type Services } from '../../../electron/services/createServices';
import { CHROMIUM_LAUNCH_ARGS, ChromiumPdfPrinter, DEFAULT_CHROMIUM } from '../../../electron/services/export/ChromiumPdfPrinter';
import { Dispatcher } from '../../../electron/services/ipc/Dispatcher';
import { createHandlers } from '../../../electron/services/ipc/handlers';
import { MemoryEventSink, silentLogger, systemClock, type PdfPrinter } from '../../../electron/services/ports';
import type { RichNode } from '../../../shared/domain/document';
import { toBase64 } from '../../../shared/editor/base64';
import { DRAFT_FRAGMENT } from '../../../shared/editor/draftExtensions';
import { hostileDocx, richFindings, startBeacon, storedHtmlFindings, yFindings, type Beacon } from '../../fixtures/hostile/hostileKit';
import { hostileUpdate, writeRawHostile, writeSchemaHostile, Y_MARKER } from '../../fixtures/hostile/hostileYjs';
import {
  HOSTILE_CATEGORIES,
  hostileHtmlPage,
  hostileMarkdown,
  hostilePayloads,
  isUnsafeHref,
  RAW_JS_URLS,
  SENTINEL_JS,
  SENTINEL_NAME,
} from '../../fixtures/hostile/payloads';
import { REPO_ROOT, tempDir } from '../../support/testLibrary';
import { inProcessServer, peers, TOKEN, waitFor } from '../collab/collabKit';

/**
 * Issue 7, promise 3 (hostile content), for the ways in that run in main: HTML, Markdown and DOCX
 * import into a real SQLite library, the PDF export (the printer's HTML rendered again *with*
 * JavaScript, and the PDF's own actions), and Yjs updates from another client through the
 * renderer's IPC channel and through a real Hocuspocus server. Every payload tries to set a
 * sentinel and to call a loopback beacon; the beacon must stay silent.
 */

const HAS_CHROMIUM = fs.existsSync(DEFAULT_CHROMIUM);
const HAS_QPDF = (() => {
  try {
    execFileSync('qpdf', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

/** The real print engine, with the exact HTML it was given kept for inspection. */
class RecordingPrinter implements PdfPrinter {
  readonly html: string[] = [];
  constructor(private readonly inner: ChromiumPdfPrinter) {}
  print(html: string, options: { landscape?: boolean; pageSize?: 'A4' }): Promise<Uint8Array> {
    this.html.push(html);
    return this.inner.print(html, options);
  }
}

let beacon: Beacon;
let dir: string;
let services: Services;
let chromiumPrinter: ChromiumPdfPrinter;
let printer: RecordingPrinter;
const files: string[] = [];

function rows(): { id: string; title: string; source: string | null; body_text: string; body_html: string | null; content_json: string | null }[] {
  return services.db.prepare('SELECT id, title, source, body_text, body_html, content_json FROM documents ORDER BY source').all() as never;
}

beforeAll(async () => {
  beacon = await startBeacon();
  dir = tempDir('qw-hostile-');
  const input = path.join(dir, 'eingang');
  fs.mkdirSync(input);
  for (const category of HOSTILE_CATEGORIES) {
    files.push(path.join(input, `feindlich-${category}.html`));
    fs.writeFileSync(files.at(-1)!, hostileHtmlPage(category, beacon.url));
    files.push(path.join(input, `feindlich-${category}.md`));
    fs.writeFileSync(files.at(-1)!, hostileMarkdown(category, beacon.url));
  }
  files.push(path.join(input, 'feindlich.docx'));
  fs.writeFileSync(files.at(-1)!, await hostileDocx(beacon.url));
  chromiumPrinter = new ChromiumPdfPrinter(DEFAULT_CHROMIUM);
  printer = new RecordingPrinter(chromiumPrinter);
  services = createServices(
    {
      paths: { resourcesDir: path.join(REPO_ROOT, 'resources'), backupsDir: path.join(dir, 'Sicherungen') },
      events: new MemoryEventSink(),
      clock: systemClock,
      logger: silentLogger,
      pdf: printer,
    },
    { dbPath: path.join(dir, 'bibliothek.sqlite'), appVersion: '0.0.0-test', collab: { textDebounceMs: 20 } },
  );
  const report = await services.importer.importPaths([input], { kind: 'statement' });
  expect(report.failed).toEqual([]);
  expect(report.imported).toHaveLength(files.length);
}, 60_000);

afterAll(async () => {
  services?.close();
  await chromiumPrinter?.close();
  await beacon?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('import of hostile HTML, Markdown and DOCX', () => {
  it(`has ${hostilePayloads('x').length} payloads in ${HOSTILE_CATEGORIES.length} categories (at least 200)`, () => {
    const all = hostilePayloads('http://127.0.0.1:1');
    expect(all.length).toBeGreaterThanOrEqual(200);
    for (const c of HOSTILE_CATEGORIES) expect(all.filter((p) => p.category === c).length, c).toBeGreaterThanOrEqual(10);
  });

  it('the checks find what they look for (they can fail)', () => {
    expect(storedHtmlFindings('<p>ok <a href="https://example.org/">x</a></p>')).toEqual([]);
    expect(storedHtmlFindings(`<a href="JaVa&#x09;ScRiPt:${SENTINEL_JS}">x</a>`).length).toBeGreaterThan(0);
    expect(storedHtmlFindings('<p onclick="x">y</p>')).toContain('p[onclick]');
    expect(storedHtmlFindings('<svg><image href="x"/></svg>')).toContain('<svg>');
    expect(richFindings({ type: 'doc', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: ' javascript:1' } }] }] }).length).toBeGreaterThan(0);
  });

  it('stores no script, no event handler, no foreign attribute and no javascript:/data: link', () => {
    const stored = rows();
    expect(stored).toHaveLength(files.length);
    for (const row of stored) {
      const where = row.source ?? row.id;
      if (row.body_html !== null) expect(storedHtmlFindings(row.body_html), where).toEqual([]);
      expect(richFindings(row.content_json ? (JSON.parse(row.content_json) as RichNode) : null), where).toEqual([]);
      // The title is text too (<title>/<h1> of the page); it never carries markup.
      expect(row.title, where).not.toMatch(/[<>]/);
    }
  });

  it('keeps the harmless text around the payloads', () => {
    let total = 0;
    let kept = 0;
    for (const category of HOSTILE_CATEGORIES) {
      const row = rows().find((r) => r.source === `feindlich-${category}.html`)!;
      const ids = hostilePayloads(beacon.url).filter((p) => p.category === category).map((p) => p.id);
      total += ids.length;
      kept += ids.filter((id) => row.body_text.includes(`Vor ${id}.`)).length;
      expect(row.body_html, category).toContain(`Vor ${ids[0]}.`);
    }
    // Some payloads (an unclosed <script>, an unclosed <math><style>) legitimately swallow the
    // following markers as script or foreign content; the rest of the text must survive.
    expect(kept / total).toBeGreaterThan(0.85);
  });

  it('DOCX: hyperlinks with javascript:/data: targets lose their link, web links stay', () => {
    const row = rows().find((r) => r.source === 'feindlich.docx')!;
    expect(row.body_html).toContain('href="https://example.org/gut"');
    expect(row.body_text).toContain('Ziel 0');
    const hrefs = elementsOf(row.body_html!, 'a[href]').map((a) => a.getAttribute('href')!);
    expect(hrefs).toContain('https://example.org/gut');
    for (const h of hrefs) expect(isUnsafeHref(h), h).toBe(false);
    expect(storedHtmlFindings(row.body_html!)).toEqual([]);
  });

  it('Markdown: link targets, images and inline HTML are not kept as markup', () => {
    for (const row of rows().filter((r) => r.source?.endsWith('.md'))) {
      expect(row.body_html, row.source!).toBeNull();
      expect(row.content_json, row.source!).toBeNull();
      for (const url of RAW_JS_URLS) expect(row.body_text.includes(`](${url}`), url).toBe(false);
      expect(row.body_text).toContain('Link 0');
    }
  });

  it('importing loaded nothing from the network', () => {
    expect(beacon.hits).toEqual([]);
  });
});

/** Elements of an HTML string matching `selector`, parsed as a browser would (no script, no loads). */
function elementsOf(html: string, selector: string): Element[] {
  return Array.from(new JSDOM(html).window.document.querySelectorAll(selector));
}

/** Renders `html` in Chromium WITH JavaScript on; returns the sentinel and every request made. */
async function renderWithScript(browser: Browser, html: string): Promise<{ sentinel: unknown; requests: string[] }> {
  const context = await browser.newContext({ javaScriptEnabled: true });
  const requests: string[] = [];
  try {
    const page = await context.newPage();
    page.on('request', (r) => requests.push(r.url()));
    await page.setContent(html, { waitUntil: 'load' });
    // Give timers, focus handlers, animations and meta refreshes a moment to fire.
    await page.focus('body').catch(() => undefined);
    await page.waitForTimeout(400);
    const sentinel = await page.evaluate((name) => (window as unknown as Record<string, unknown>)[name], SENTINEL_NAME).catch(() => 'navigated');
    return { sentinel, requests: requests.filter((u) => !u.startsWith('data:') && u !== 'about:blank') };
  } finally {
    await context.close();
  }
}

describe.skipIf(!HAS_CHROMIUM)('PDF export of hostile content', () => {
  let browser: Browser;
  let pdfPath: string;
  let draftHtmlIndex = -1;

  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: DEFAULT_CHROMIUM, args: CHROMIUM_LAUNCH_ARGS });
    // A document whose tiptap JSON itself carries hostile links and attributes (as an old or
    // foreign library could hold): the export must not emit them.
    const draft = services.documents.create({
      kind: 'statement',
      title: `Feindliche Links <img src=x onerror="${SENTINEL_JS}">`,
      content: {
        type: 'doc',
        content: [
          ...RAW_JS_URLS.map((u, i) => ({
            type: 'paragraph',
            attrs: { onclick: SENTINEL_JS, style: `background:url(${beacon.url}/pdf-style)` },
            content: [{ type: 'text', text: `PDF-Link ${i}`, marks: [{ type: 'link', attrs: { href: u.replaceAll('{{B}}', `${beacon.url}/pdf-${i}`) } }] }],
          })),
          { type: 'blockquote', attrs: { cite: `"><script>${SENTINEL_JS}</script>` }, content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Zitat' }] }] },
          { type: 'citation', attrs: { documentId: 'x', title: `</cite><img src=x onerror="${SENTINEL_JS}">` } },
          { type: 'paragraph', content: [{ type: 'text', text: 'Guter Link', marks: [{ type: 'link', attrs: { href: 'https://example.org/gut' } }] }] },
        ],
      } as RichNode,
    });
    pdfPath = path.join(dir, 'feindlich.pdf');
    const ids = rows().map((r) => r.id);
    const before = printer.html.length;
    await services.exports.pdf({ documentIds: ids, title: `Dossier <script>${SENTINEL_JS}</script>`, outputPath: pdfPath });
    expect(printer.html.length).toBeGreaterThan(before);
    draftHtmlIndex = printer.html.findIndex((h) => h.includes('PDF-Link 0'));
    expect(draftHtmlIndex, 'the hostile draft was printed').toBeGreaterThanOrEqual(0);
    expect(draft.id).toBeTruthy();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it('self-check: an unsanitised control payload does set the sentinel and call the beacon', async () => {
    const control = `<p>Kontrolle</p><img src=x onerror="${SENTINEL_JS}"><img src="${beacon.url}/control">`;
    const result = await renderWithScript(browser, control);
    expect(result.sentinel).toBe(1);
    expect(result.requests).toContain(`${beacon.url}/control`);
    await waitFor('Beacon zählt die Kontrolle', () => beacon.hits.includes('/control'));
    beacon.hits.splice(0);
  });

  it('the HTML given to the printer stays inert when rendered with JavaScript on', async () => {
    for (const html of printer.html) {
      const result = await renderWithScript(browser, html);
      expect(result.sentinel).toBeUndefined();
      expect(result.requests).toEqual([]);
    }
    const draftHtml = printer.html[draftHtmlIndex]!;
    const links = elementsOf(draftHtml, 'a[href]').map((a) => a.getAttribute('href')!);
    expect(links).toContain('https://example.org/gut');
    for (const h of links) if (!h.startsWith('#')) expect(isUnsafeHref(h), h).toBe(false);
    expect(elementsOf(draftHtml, 'script, img, iframe, object, embed, svg, math, link, base, form')).toEqual([]);
    const handlers = elementsOf(draftHtml, '*').flatMap((el) => Array.from(el.attributes).filter((a) => /^on/i.test(a.name)).map((a) => a.name));
    expect(handlers).toEqual([]);
    expect(beacon.hits).toEqual([]);
  });

  it.skipIf(!HAS_QPDF)('the PDF has no JavaScript, Launch or javascript: URI actions', () => {
    const qdf = execFileSync('qpdf', ['--qdf', '--object-streams=disable', pdfPath, '-'], { maxBuffer: 256 * 1024 * 1024 }).toString('latin1');
    expect(qdf).not.toMatch(/\/(JavaScript|JS|Launch|SubmitForm|ImportData|GoToR|RichMedia)\b/);
    const uris = [...qdf.matchAll(/\/URI\s*\(([^)]*)\)/g)].map((m) => m[1]!);
    for (const u of uris) expect(isUnsafeHref(u), u).toBe(false);
    expect(uris).toContain('https://example.org/gut');
    const text = execFileSync('pdftotext', [pdfPath, '-']).toString('utf8');
    expect(text).toContain('PDF-Link 0');
  });
});

/** Known attributes of each node type of the draft schema (null: not a node of the schema). */
function schemaAttrs(name: string): Set<string> | null {
  const type = draftSchema().nodes[name];
  return type && !type.isText ? new Set(Object.keys(type.spec.attrs ?? {})) : null;
}

function expectCleanDraft(s: Services, id: string): void {
  const live = s.collab.drafts.get(id).doc;
  expect(yFindings(live.getXmlFragment(DRAFT_FRAGMENT), schemaAttrs)).toEqual([]);
  expect(richFindings(s.collab.drafts.content(id))).toEqual([]);
  s.collab.drafts.flushText(id);
  const row = s.documents.get(id);
  expect(richFindings(row.content)).toEqual([]);
  expect(row.bodyText).toContain(Y_MARKER);
  // What a restart would load: the stored log replayed into a fresh doc, without main's live copy.
  const { updates } = new UpdateLog(s.db).since(id, 0);
  const fresh = new Y.Doc();
  for (const u of updates) Y.applyUpdate(fresh, u);
  expect(yFindings(fresh.getXmlFragment(DRAFT_FRAGMENT), schemaAttrs)).toEqual([]);
  fresh.destroy();
}

describe('Yjs updates from another client', () => {
  it('self-check: the crafted update really carries the hostile structures', () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, hostileUpdate(Y.encodeStateAsUpdate(new Y.Doc()), beacon.url, writeRawHostile));
    const found = yFindings(doc.getXmlFragment(DRAFT_FRAGMENT), schemaAttrs);
    expect(found.some((f) => f.startsWith('link '))).toBe(true);
    expect(found).toContain('paragraph[onclick]');
    expect(found).toContain('unknown element script');
    // Without main's clean-up the materialised JSON would carry the javascript: links.
    expect(richFindings(docToRich(doc)).some((f) => f.startsWith('link '))).toBe(true);
  });

  it('through the collab.update channel the renderer uses: cleaned in the Y.Doc, the row and the log', async () => {
    const dispatcher = new Dispatcher(createHandlers(services), silentLogger);
    for (const write of [writeRawHostile, writeSchemaHostile]) {
      const id = services.collab.drafts.createDraft({ title: 'Feindlicher Entwurf', kind: 'note', template: 'empty' }).id;
      const base = services.collab.drafts.stateAsUpdate(id);
      const update = hostileUpdate(base, beacon.url, (d, b) => {
        writeRawHostile(d, b);
        if (write !== writeRawHostile) write(d, b);
      });
      const result = (await dispatcher.dispatch('collab.update', { id, clientId: 'fenster-x', update: toBase64(update) })) as { ok: boolean };
      expect(result.ok).toBe(true);
      expectCleanDraft(services, id);
    }
  });

  it('through a real Hocuspocus server from a client without any checks', async () => {
    const env = peers('anna');
    const server = await inProcessServer(env.root);
    const [anna] = env.peers as [(typeof env.peers)[number]];
    const attackerDoc = new Y.Doc();
    let socket: HocuspocusProviderWebsocket | null = null;
    let provider: HocuspocusProvider | null = null;
    try {
      const id = anna.drafts.createDraft({ title: 'Entwurf unter Beschuss', kind: 'leitbild', template: 'empty' }).id;
      anna.connect(server.url);
      socket = new HocuspocusProviderWebsocket({ url: server.url, WebSocketPolyfill: globalThis.WebSocket });
      provider = new HocuspocusProvider({ name: draftDocName(id), document: attackerDoc, websocketProvider: socket, token: TOKEN });
      provider.attach();
      await waitFor('Angreifer hat den Entwurf', () => provider!.isSynced && attackerDoc.getXmlFragment(DRAFT_FRAGMENT).length > 0);
      attackerDoc.transact(() => writeRawHostile(attackerDoc, beacon.url));
      await waitFor('Anna hat die Änderung', () => anna.text(id).includes(Y_MARKER));
      expectCleanDraft(anna.services, id);
      // Anna's clean-up travels back: the server's copy (and so every other client) is clean too.
      await waitFor('Angreifer-Kopie bereinigt', () => yFindings(attackerDoc.getXmlFragment(DRAFT_FRAGMENT), schemaAttrs).length === 0);
    } finally {
      provider?.destroy();
      socket?.destroy();
      attackerDoc.destroy();
      anna.disconnect();
      await server.close();
      env.dispose();
    }
  }, 30_000);

  it('sent nothing to the network', () => {
    expect(beacon.hits).toEqual([]);
  });
});
