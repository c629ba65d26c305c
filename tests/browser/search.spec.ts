import { expect, test } from '@playwright/test';
import { writeImportFixtures, type ImportFixtures } from './fixtures/importFiles';
import { saveScreenshot, startHost, type Host } from './host/startHost';
import { DocumentPage } from './pages/DocumentPage';
import { LibraryPage } from './pages/LibraryPage';
import { SearchDialog } from './pages/SearchDialog';

const PRESS_TITLE = 'Stadtteilbüro Nordend öffnet im alten Bahnhof';

let host: Host;
let files: ImportFixtures;
test.beforeAll(async () => {
  files = writeImportFixtures();
  host = await startHost({ seed: (services) => void services.sample.load() });
  const report = await host.services.importer.importPaths([files.press, files.pressEarlier, files.page]);
  expect(report.imported).toHaveLength(3);
  // The index catches up with the library before the first search.
  host.services.search.start();
  await host.services.search.whenIdle();
});
test.afterAll(async () => {
  await host?.close();
  files?.remove();
});

test('Ctrl+K searches as you type: highlighted snippets, facets narrow, keyboard opens the hit at its first match', async () => {
  const { page } = host;
  await host.open();
  const library = new LibraryPage(page);
  await expect(library.heading).toHaveText('Bibliothek');

  const search = new SearchDialog(page);
  await expect(search.field).toBeVisible();
  await search.openWithKeyboard();
  await expect(search.dialog).toBeVisible();
  await expect(search.input).toBeFocused();

  // A German word with an umlaut; the hit's snippet marks it (text, never HTML).
  await search.input.pressSequentially('Stadtteilbüro');
  await expect(search.hit(PRESS_TITLE)).toBeVisible();
  const snippet = search.hit(PRESS_TITLE).getByTestId('search-snippet');
  await expect(snippet.locator('mark').first()).toHaveText(/^Stadtteilbüro/i);
  const before = await search.hits.count();
  expect(before).toBeGreaterThan(2);
  await search.input.press('ArrowDown');
  await expect(search.hits.first()).toHaveAttribute('aria-selected', 'true');
  await saveScreenshot(page, 'search.png');

  // A facet narrows the hits to the documents that quote Lena Schubert.
  await search.facet('Personen', 'Lena Schubert').click();
  await expect(search.facet('Personen', 'Lena Schubert')).toHaveAttribute('aria-pressed', 'true');
  await expect(search.hits).toHaveCount(2);
  await expect(search.total).toContainText('1 Filter aktiv');
  await search.facet('Personen', 'Lena Schubert').click();
  await expect.poll(() => search.hits.count()).toBe(before);

  // A word far down in the text: ArrowDown + Enter opens the hit scrolled to it.
  await search.input.fill('');
  await search.input.pressSequentially('Kräutergarten');
  await expect(search.hits).toHaveCount(1);
  await expect(search.hits.first().locator('mark')).toHaveText('Kräutergarten');
  await search.input.press('ArrowDown');
  await expect(search.hits.first()).toHaveAttribute('aria-selected', 'true');
  await search.input.press('Enter');
  await expect(search.dialog).toHaveCount(0);
  const doc = new DocumentPage(page);
  await expect(doc.title).toHaveText(PRESS_TITLE);
  const first = doc.body.locator('mark[data-first-match]');
  await expect(first).toHaveText('Kräutergarten');
  await expect(first).toBeInViewport();
  await expect(doc.title).not.toBeInViewport();

  // Escape closes the search without leaving the document; the top bar field opens it again.
  await search.field.click();
  await expect(search.dialog).toBeVisible();
  await search.input.press('Escape');
  await expect(search.dialog).toHaveCount(0);
  await expect(doc.title).toHaveText(PRESS_TITLE);
});

test('umlaut spelled out, search hint, and "Zitate durchsuchen"', async () => {
  const { page } = host;
  await host.open();
  const search = new SearchDialog(page);
  await search.field.click();
  await search.input.pressSequentially('Kraeutergarten');
  await expect(search.hit(PRESS_TITLE)).toBeVisible();

  // Nothing found: the service's hint is shown.
  await search.input.fill('Xylophonwerkstatt');
  await expect(search.dialog.getByRole('status')).toContainText('Keine Treffer.');
  await expect(search.hits).toHaveCount(0);

  // Quotes: who said it, where.
  await search.mode('Zitate durchsuchen').click();
  await search.input.fill('Zusammenhalt');
  const hit = search.hits.filter({ hasText: 'Jan Berg' });
  await expect(hit).toBeVisible();
  await expect(hit).toContainText('Bürgermeister');
  await expect(hit).toContainText(PRESS_TITLE);
  await expect(hit.locator('mark').first()).toHaveText(/^Zusammenhalt/);
  await search.input.press('ArrowDown');
  await search.input.press('Enter');
  const doc = new DocumentPage(page);
  await expect(doc.title).toHaveText(PRESS_TITLE);
  await expect(doc.body.locator('mark[data-first-match]')).toBeInViewport();
});
