import { expect, test, type Request } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { richFindings, hostileDocx, startBeacon, type Beacon } from '../fixtures/hostile/hostileKit';
import { hostileUpdate, writeRawHostile, writeSchemaHostile, Y_MARKER } from '../fixtures/hostile/hostileYjs';
import { HOSTILE_CATEGORIES, hostileHtmlPage, hostileMarkdown, hostilePayloads, isUnsafeHref, SENTINEL_JS } from '../fixtures/hostile/payloads';
import type { LibraryDocument } from '../../shared/domain/document';
import { startHost, type Host } from './host/startHost';
import { HostilePage } from './pages/HostilePage';

/**
 * Issue 7, promise 3 in the real renderer (Chromium, real services behind `window.kb`): imported
 * hostile documents are opened, hostile HTML is pasted into a draft, and a hostile Yjs update
 * from "another client" reaches an open editor. Every payload tries to set `__qwPwned` and to
 * call a loopback beacon; no request may leave the app's origin.
 */

let host: Host;
let beacon: Beacon;
let pasteId = '';
let yjsId = '';
const imported: { id: string; title: string }[] = [];
const foreign: string[] = [];

test.beforeAll(async () => {
  beacon = await startBeacon();
  host = await startHost({
    // Without the CSP: the sanitiser alone must keep every payload inert.
    csp: false,
    seed: (s) => {
      pasteId = s.collab.drafts.createDraft({ title: 'Einfügeziel', kind: 'note', template: 'empty' }).id;
      yjsId = s.collab.drafts.createDraft({ title: 'Synchronisiertes Ziel', kind: 'note', template: 'empty' }).id;
    },
  });
  const input = path.join(host.dir, 'eingang');
  fs.mkdirSync(input);
  for (const c of HOSTILE_CATEGORIES) fs.writeFileSync(path.join(input, `feindlich-${c}.html`), hostileHtmlPage(c, beacon.url));
  fs.writeFileSync(path.join(input, 'feindlich.md'), hostileMarkdown('jsurl', beacon.url));
  fs.writeFileSync(path.join(input, 'feindlich.docx'), await hostileDocx(beacon.url));
  const report = await host.services.importer.importPaths([input], { kind: 'statement' });
  expect(report.failed).toEqual([]);
  imported.push(...report.imported.map((i) => ({ id: i.id, title: i.title })));
  // Every request of the app page; anything not to the app's own origin is a leak.
  const origin = new URL(host.url).origin;
  host.page.on('request', (r: Request) => {
    const url = r.url();
    if (url.startsWith('data:') || url.startsWith('blob:') || url === 'about:blank') return;
    if (new URL(url).origin !== origin) foreign.push(url);
  });
});

test.afterAll(async () => {
  await host?.close();
  await beacon?.close();
});

test('self-check: in a scratch page an unsanitised payload does set the sentinel and reach the beacon', async () => {
  const scratch = await host.page.context().newPage();
  try {
    await scratch.setContent(`<img src=x onerror="${SENTINEL_JS}"><img src="${beacon.url}/selbsttest">`);
    await expect.poll(() => scratch.evaluate(() => (window as unknown as { __qwPwned?: number }).__qwPwned)).toBe(1);
    await expect.poll(() => beacon.hits).toContain('/selbsttest');
  } finally {
    await scratch.close();
  }
  beacon.hits.splice(0);
});

test('imported hostile HTML, Markdown and DOCX open in the app without running or loading anything', async () => {
  test.setTimeout(120_000);
  expect(imported).toHaveLength(HOSTILE_CATEGORIES.length + 2);
  await host.open();
  const app = new HostilePage(host.page);
  for (const doc of imported) {
    await app.openFromList(doc.title);
    await expect(app.title).toHaveText(doc.title);
    await expect(app.body).toContainText(/\S/);
    // Let error/load/focus/animation handlers fire if any element had survived.
    await host.page.waitForTimeout(150);
    expect(await app.sentinel(), doc.title).toBeUndefined();
    await expect(app.forbidden(app.body), doc.title).toHaveCount(0);
    expect(await app.handlers(host.page.locator('body')), doc.title).toEqual([]);
    for (const href of await app.hrefs(app.body)) expect(isUnsafeHref(href), href).toBe(false);
    await app.backButton.click();
  }
  expect(foreign).toEqual([]);
  expect(beacon.hits).toEqual([]);
});

test('pasting hostile HTML into a draft runs nothing and stores no javascript: link', async () => {
  test.setTimeout(120_000);
  await host.open();
  const app = new HostilePage(host.page);
  await app.goTo('Leitbilder').catch(() => undefined);
  await app.goTo('Bibliothek');
  await app.openFromList('Einfügeziel');
  await app.editButton.click();
  await expect(app.text).toBeVisible();
  await app.text.click();
  for (const category of HOSTILE_CATEGORIES) {
    const items = hostilePayloads(beacon.url).filter((p) => p.category === category);
    await app.pasteHtml(items.map((p) => `<p>Vor ${p.id}.</p>${p.html}`).join(''));
    await expect(app.text).toContainText(`Vor ${items[0]!.id}.`);
    await host.page.waitForTimeout(100);
    expect(await app.sentinel(), category).toBeUndefined();
  }
  // A pasted web link stays a link: the paste path really parses HTML.
  await app.pasteHtml('<p><a href="https://example.org/gut">Guter Verweis</a></p>');
  await expect(app.text.locator('a[href="https://example.org/gut"]')).toHaveCount(1);
  await expect(app.forbidden(app.text)).toHaveCount(0);
  expect(await app.handlers(host.page.locator('body'))).toEqual([]);
  for (const href of await app.hrefs(app.text)) expect(isUnsafeHref(href), href).toBe(false);
  await expect(app.status).toContainText('gespeichert');

  // What is stored, read back through window.kb as the app reads it.
  host.services.collab.drafts.flushText(pasteId);
  const stored = await host.page.evaluate(async (id) => {
    const kb = (window as unknown as { kb: { invoke(c: string, i: unknown): Promise<{ ok: boolean; data: unknown }> } }).kb;
    return (await kb.invoke('documents.get', { id })).data;
  }, pasteId) as LibraryDocument;
  expect(stored.bodyText).toContain('Vor script-plain.');
  expect(JSON.stringify(stored.content)).toContain('https://example.org/gut');
  expect(richFindings(stored.content)).toEqual([]);
  expect(richFindings(host.services.collab.drafts.content(pasteId))).toEqual([]);
  expect(foreign).toEqual([]);
  expect(beacon.hits).toEqual([]);
});

test('a hostile Yjs update from another client reaches the open editor harmless and is cleaned in storage', async () => {
  await host.open();
  const app = new HostilePage(host.page);
  await app.openFromList('Synchronisiertes Ziel');
  await app.editButton.click();
  await expect(app.text).toBeVisible();
  const drafts = host.services.collab.drafts;
  const update = hostileUpdate(drafts.stateAsUpdate(yjsId), beacon.url, (d, b) => {
    writeRawHostile(d, b);
    writeSchemaHostile(d);
  });
  // As the sync provider delivers it: an origin that is not ours counts as remote.
  drafts.applyUpdate(yjsId, update, { source: 'remote' });
  await expect(app.text).toContainText(Y_MARKER);
  await expect(app.text).toContainText('Schema-Link 0');
  await host.page.waitForTimeout(300);
  expect(await app.sentinel()).toBeUndefined();
  await expect(app.forbidden(app.text)).toHaveCount(0);
  expect(await app.handlers(host.page.locator('body'))).toEqual([]);
  for (const href of await app.hrefs(app.text)) expect(isUnsafeHref(href), href).toBe(false);
  drafts.flushText(yjsId);
  const row = host.services.documents.get(yjsId);
  expect(row.bodyText).toContain(Y_MARKER);
  expect(richFindings(row.content)).toEqual([]);
  expect(foreign).toEqual([]);
  expect(beacon.hits).toEqual([]);
});
