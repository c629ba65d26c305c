import { expect, test } from '@playwright/test';
import path from 'node:path';
import { CORPUS_DIR, HAS_CORPUS } from '../support/testLibrary';
import { startHost, type Host } from './host/startHost';
import { FirstStartPage } from './pages/FirstStartPage';
import { ImportUi } from './pages/ImportUi';
import { SearchDialog } from './pages/SearchDialog';

/**
 * Issue 15 (journeys): after a first import, search must not look empty. A real corpus file is
 * imported through the window; the search dialog is opened and a word typed while the index is
 * still being built; the hits appear without typing again (the dialog asks again when the index
 * grows), and the window says that the index is still being built while it is.
 */

const NEWS = path.join(CORPUS_DIR, 'news.jsonl.gz');
let host: Host;

test.skip(!HAS_CORPUS, 'braucht ../shared/corpus (news.jsonl.gz)');

test.beforeAll(async () => {
  host = await startHost();
});
test.afterAll(async () => {
  await host?.close();
});

test('search opened during the first build fills itself as the index grows', async () => {
  const { page } = host;
  await host.open();
  await new FirstStartPage(page).startEmptyButton.click();
  const ui = new ImportUi(page);
  host.dialogs.nextFiles = [NEWS];
  await ui.filesButton.click();
  await expect(ui.report.getByRole('heading', { name: 'Import abgeschlossen' })).toBeVisible({ timeout: 60_000 });
  await page.keyboard.press('Escape');
  await expect(ui.report).toBeHidden();

  // The import is stored; the search index is built only now. Search at once, type once.
  const search = new SearchDialog(page);
  const asked = host.events.events.length;
  await search.openWithKeyboard();
  await search.input.pressSequentially('Regierung');
  await expect(search.hits.first()).toBeVisible({ timeout: 60_000 });
  await expect.poll(async () => Number((await search.total.textContent())?.replace(/\D/g, '') || 0), { timeout: 60_000 }).toBeGreaterThan(10);
  // Not typed again: the field still holds the one query, and the index reported its growth meanwhile.
  await expect(search.input).toHaveValue('Regierung');
  expect(host.events.events.slice(asked).some((e) => e.event === 'index.updated')).toBe(true);
});
