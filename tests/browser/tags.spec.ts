import { expect, test } from '@playwright/test';
import { saveScreenshot, startHost, type Host } from './host/startHost';
import { LibraryPage } from './pages/LibraryPage';

/** The tag view (issue 15): counts, a tag filters the library, rename, merge — by keyboard. */
let host: Host;
test.beforeAll(async () => {
  host = await startHost({
    seed: (services) => {
      services.db.transaction(() => {
        services.documents.create({ kind: 'press_release', title: 'Mieten im Lindenhof', date: '2026-05-04', bodyText: 'Mieten.', tags: ['Wohnen', 'Mieten'] }, { silent: true });
        services.documents.create({ kind: 'protocol', title: 'Protokoll Wohnraum', date: '2026-06-01', bodyText: 'Wohnraum.', tags: ['wohnraum'] }, { silent: true });
        services.documents.create({ kind: 'note', title: 'Notiz Sprechstunde', date: '2026-07-01', bodyText: 'Sprechstunde.', tags: ['Mieten'] }, { silent: true });
      })();
    },
  });
});
test.afterAll(async () => {
  await host?.close();
});

test('tags with counts; a tag shows its documents; rename and merge change every document', async () => {
  await host.open();
  const page = host.page;
  const library = new LibraryPage(page);
  await library.goTo('Schlagwörter');
  await expect(library.heading).toHaveText('Schlagwörter');
  const list = page.getByRole('list', { name: 'Schlagwörter' });
  await expect(list.getByRole('listitem')).toHaveCount(3);
  await expect(list.getByRole('listitem').filter({ hasText: 'Mieten' })).toContainText('2 Dokumente');
  await expect(list.getByRole('listitem').filter({ hasText: 'wohnraum' })).toContainText('1 Dokument');
  await saveScreenshot(page, 'schlagwoerter.png');

  // A tag opens the library filtered by it.
  await page.getByRole('button', { name: 'Dokumente mit „Mieten“ zeigen' }).focus();
  await page.keyboard.press('Enter');
  await expect(library.heading).toHaveText('Bibliothek');
  await expect(library.count).toContainText('2 Dokumente');
  await expect(page.getByLabel('Schlagwort', { exact: true })).toHaveValue('Mieten');
  await expect(library.row('Protokoll Wohnraum')).toHaveCount(0);
  // The filter goes with „Alle Schlagwörter“.
  await page.getByLabel('Schlagwort', { exact: true }).selectOption('');
  await expect(library.count).toContainText('3 Dokumente');

  // Rename "wohnraum" to "Wohnen": merged into the existing tag.
  await library.goTo('Schlagwörter');
  await page.getByRole('button', { name: '„wohnraum“ umbenennen …' }).click();
  const rename = page.getByRole('dialog', { name: 'Schlagwort „wohnraum“ umbenennen' });
  const field = rename.getByLabel('Neuer Name');
  await expect(field).toBeFocused();
  await field.fill('wohnen');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: '„wohnraum“ wurde mit „wohnen“ zusammengeführt.' })).toBeVisible();
  await expect(library.heading).toBeFocused();
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(list.getByRole('listitem').filter({ hasText: 'Wohnen' })).toContainText('2 Dokumente');

  // Merge "Mieten" into "Wohnen" with the merge dialog.
  await page.getByRole('button', { name: '„Mieten“ mit einem anderen Schlagwort zusammenführen …' }).click();
  const merge = page.getByRole('dialog', { name: '„Mieten“ zusammenführen' });
  await expect(merge.getByLabel('Zusammenführen mit')).toHaveValue('Wohnen');
  await merge.getByRole('button', { name: 'Zusammenführen' }).click();
  await expect(list.getByRole('listitem')).toHaveCount(1);
  await expect(list.getByRole('listitem')).toContainText('3 Dokumente');
  const tags = host.services.documents.list({}).items.map((d) => host.services.documents.get(d.id).tags);
  expect(tags).toEqual([['Wohnen'], ['Wohnen'], ['Wohnen']]);
});
