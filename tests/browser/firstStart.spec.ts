import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, saveScreenshot, startHost, type Host } from './host/startHost';
import { DocumentPage } from './pages/DocumentPage';
import { FirstStartPage } from './pages/FirstStartPage';
import { LibraryPage } from './pages/LibraryPage';
import { SettingsPage } from './pages/SettingsPage';

interface SampleDocument {
  kind: string;
  title: string;
  date?: string | null;
}
const sample = JSON.parse(
  fs.readFileSync(path.join(REPO_ROOT, 'resources', 'sample-library', 'library.json'), 'utf8'),
) as { documents: SampleDocument[] };

let host: Host;
test.beforeEach(async () => {
  host = await startHost();
  await host.open();
});
test.afterEach(async () => {
  await host.close();
});

test('first start: load the sample library, read the Leitbild, switch to English and keep it', async () => {
  const { page } = host;
  const welcome = new FirstStartPage(page);
  await expect(welcome.heading).toBeVisible();
  // Import is offered from the start (tests/browser/import.spec.ts imports through it).
  await expect(welcome.importButton).toBeEnabled();
  await expect(welcome.importNote).toBeVisible();
  await saveScreenshot(page, 'first-start.png');

  await welcome.loadSampleButton.click();

  const library = new LibraryPage(page);
  await expect(library.heading).toHaveText('Bibliothek');
  await expect(library.count).toHaveText(`${sample.documents.length} Dokumente`);
  await expect(library.rows).toHaveCount(sample.documents.length);
  expect((await library.titlesInDom()).sort()).toEqual(sample.documents.map((d) => d.title).sort());

  // Newest first; German date format and German kind labels.
  const newest = [...sample.documents].filter((d) => d.date).sort((a, b) => b.date!.localeCompare(a.date!))[0]!;
  await expect(library.rowTitle(library.rowAt(1))).toHaveText(newest.title);
  const press = library.row('Stadtteilbüro Lindenhof öffnet in der ehemaligen Sparkassenfiliale');
  await expect(library.rowKind(press)).toHaveText('Pressemitteilung');
  await expect(library.rowDate(press)).toHaveText('04.02.2026');
  await expect(library.rowDate(library.row('Notiz: Ideensammlung Spielplatz am Mühlgraben'))).toHaveText('ohne Datum');
  await saveScreenshot(page, 'library.png');

  // Leitbilder shows only kind 'leitbild'.
  await library.goTo('Leitbilder');
  await expect(library.heading).toHaveText('Leitbilder');
  const leitbilder = sample.documents.filter((d) => d.kind === 'leitbild');
  await expect(library.rows).toHaveCount(leitbilder.length);
  for (const kind of await library.rows.getByTestId('row-kind').allTextContents()) expect(kind).toBe('Leitbild');

  await library.open('Leitbild Quartier Lindenhof 2035 (Entwurf)');
  const doc = new DocumentPage(page);
  await expect(doc.title).toHaveText('Leitbild Quartier Lindenhof 2035 (Entwurf)');
  await expect(doc.detail('Status')).toHaveText('Entwurf');
  await expect(doc.detail('Datum')).toHaveText('12.03.2026');
  for (const heading of ['Präambel', 'Leitziele', 'Handlungsfelder', 'Maßnahmen', 'Indikatoren']) {
    await expect(doc.bodyHeading(heading)).toBeVisible();
  }
  // The Indikatoren table is rendered as a real table.
  await expect(doc.body.getByRole('columnheader', { name: 'Ziel 2030' })).toBeVisible();
  await saveScreenshot(page, 'leitbild.png');

  await page.keyboard.press('Escape');
  await expect(library.heading).toHaveText('Leitbilder');
  await expect(library.list).toBeFocused();

  // Switch the language in the settings.
  await library.goTo('Einstellungen');
  const settings = new SettingsPage(page);
  await expect(settings.info('Dokumente in der Bibliothek')).toHaveText(String(sample.documents.length));
  // The radio is controlled: it turns on once the choice is saved (a round trip), so click and wait.
  await settings.languageOption('English').click();
  await expect(settings.languageOption('English')).toBeChecked();
  await expect(settings.navEntry('Library')).toBeVisible();
  await expect(settings.navEntry('Settings')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  expect(host.services.settings.get('language')).toBe('en');

  await settings.goTo('Library');
  await expect(library.count).toHaveText(`${sample.documents.length} documents`);
  await expect(library.rowKind(press)).toHaveText('Press release');
  await saveScreenshot(page, 'english.png');

  // After a restart of the page the saved language is used again.
  await page.reload();
  await expect(settings.navEntry('Library')).toHaveAttribute('aria-current', 'page');
  await expect(library.heading).toHaveText('Library');
  await expect(settings.navEntry('Bibliothek')).toHaveCount(0);
});

test('first start: begin with an empty library, placeholders tell what comes later', async () => {
  const { page } = host;
  const welcome = new FirstStartPage(page);
  await welcome.startEmptyButton.click();

  const library = new LibraryPage(page);
  await expect(page.getByRole('heading', { name: 'Noch keine Dokumente in der Bibliothek' })).toBeVisible();
  expect(host.services.settings.get('firstRunDone')).toBe(true);

  await library.goTo('Zitate');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Zitate');
  await expect(page.getByRole('heading', { name: 'Noch keine Zitate erfasst' })).toBeVisible();
  await library.goTo('Sitzungen');
  await expect(page.getByRole('heading', { name: 'Noch keine Sitzungen angelegt' })).toBeVisible();

  // The welcome screen does not come back once the choice is made.
  await page.reload();
  await expect(library.heading).toHaveText('Bibliothek');
  await expect(welcome.heading).toHaveCount(0);

  // The empty library still offers the sample; the list refreshes on `documents.changed`.
  await page.getByRole('button', { name: 'Beispielbibliothek laden' }).click();
  await expect(library.count).toHaveText(`${sample.documents.length} Dokumente`);
});
