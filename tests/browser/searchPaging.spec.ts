import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { startHost, type Host } from './host/startHost';
import { DocumentPage } from './pages/DocumentPage';
import { SearchDialog } from './pages/SearchDialog';

/**
 * Search beyond hit 50 (issue 15): „Weitere Treffer laden“ and ArrowDown past the last hit load
 * the next page, keyboard only; query and filters stay when the dialog is reopened; the person a
 * user asks for is in the person facet even when dozens of others rank before it.
 */
const DOCS = 130;
let host: Host;
test.beforeAll(async () => {
  host = await startHost({
    seed: (services) => {
      const db = services.db;
      const now = new Date().toISOString();
      const person = db.prepare('INSERT INTO people (id, name, normalized_name, created_at) VALUES (?, ?, ?, ?)');
      const link = db.prepare("INSERT INTO document_people (document_id, person_id, relation) VALUES (?, ?, 'speaker')");
      db.transaction(() => {
        // 40 frequent speakers, each on three documents; Zora Ziegler on one only.
        const people = Array.from({ length: 40 }, (_, i) => {
          const id = randomUUID();
          const name = `Person ${String(i + 1).padStart(2, '0')} Muster`;
          person.run(id, name, name.toLowerCase(), now);
          return id;
        });
        const zora = randomUUID();
        person.run(zora, 'Zora Ziegler', 'zora ziegler', now);
        for (let i = 0; i < DOCS; i++) {
          const d = services.documents.create(
            { kind: 'speech', title: `Rede ${String(i + 1).padStart(3, '0')} zu Europa`, date: `2020-01-${String((i % 28) + 1).padStart(2, '0')}`, bodyText: `Europa und das Quartier, Teil ${i + 1}.` },
            { silent: true },
          );
          if (i < 120) link.run(d.id, people[i % 40]!);
          if (i === 125) link.run(d.id, zora);
        }
      })();
    },
  });
  await host.services.search.whenIdle();
});
test.afterAll(async () => {
  await host?.close();
});

test('reaches hit 51 by keyboard and opens it; the dialog keeps query and filters when reopened', async () => {
  await host.open();
  const page = host.page;
  const search = new SearchDialog(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bibliothek');
  await search.openWithKeyboard();
  await page.keyboard.type('Europa');
  await expect(search.total).toContainText(`${DOCS} Treffer`);
  await expect(search.hits).toHaveCount(50);
  const more = search.dialog.getByRole('button', { name: 'Weitere Treffer laden' });
  await expect(more).toBeVisible();
  await expect(search.dialog.getByText(`50 von ${DOCS} gezeigt`)).toBeVisible();

  // The 51st hit as the service ranks it (same prefix mode as the dialog).
  const expected = (await host.services.search.query({ q: 'Europa', prefix: true, limit: 1, offset: 50 })).hits[0]!;
  // Keyboard only: Ctrl+End to the 50th, ArrowDown loads the next page and selects hit 51.
  await page.keyboard.press('Control+End');
  await expect(search.hits.nth(49)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(search.hits).toHaveCount(100);
  await expect(search.hits.nth(50)).toHaveAttribute('aria-selected', 'true');
  await expect(search.hits.nth(50)).toContainText(expected.title);
  await expect(search.input).toBeFocused();
  // The button loads the rest, and the focus goes back to the field on the first new hit.
  await more.focus();
  await page.keyboard.press('Enter');
  await expect(search.hits).toHaveCount(DOCS);
  await expect(search.hits.nth(100)).toHaveAttribute('aria-selected', 'true');
  await expect(more).toHaveCount(0);
  await expect(new Set(await search.hits.evaluateAll((els) => els.map((e) => e.id))).size).toBe(DOCS);
  // Back to hit 51 and open it.
  for (let i = 0; i < 50; i++) await page.keyboard.press('ArrowUp');
  await expect(search.hits.nth(50)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(new DocumentPage(page).title).toHaveText(expected.title);

  // Reopened: the query and a filter are still there, the text selected for a new query.
  await search.openWithKeyboard();
  await expect(search.input).toHaveValue('Europa');
  await search.facet('Jahr', '2020').click();
  await expect(search.facet('Jahr', '2020')).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('Escape');
  await expect(search.dialog).toBeHidden();
  await search.openWithKeyboard();
  await expect(search.input).toHaveValue('Europa');
  await expect(search.input).toBeFocused();
  expect(await search.input.evaluate((el: HTMLInputElement) => [el.selectionStart, el.selectionEnd])).toEqual([0, 6]);
  await expect(search.facet('Jahr', '2020')).toHaveAttribute('aria-pressed', 'true');
  await expect(search.total).toContainText('1 Filter aktiv');
  await search.dialog.getByRole('button', { name: 'Alle Filter aufheben' }).click();
  await page.keyboard.press('Escape');
});

test('the person facet finds the person asked for: filter inside the facet, and named in the query', async () => {
  await host.open();
  const page = host.page;
  const search = new SearchDialog(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bibliothek');
  await search.openWithKeyboard();
  await search.input.fill('Europa');
  const people = search.dialog.getByRole('group', { name: 'Personen', exact: true });
  await expect(people.getByRole('button')).toHaveCount(8);
  await expect(people.getByRole('button', { name: /Zora Ziegler/ })).toHaveCount(0);
  const filter = people.getByRole('searchbox', { name: 'Personen filtern' });
  await filter.fill('zieg');
  await expect(people.getByRole('button')).toHaveCount(1);
  await people.getByRole('button', { name: /Zora Ziegler/ }).click();
  await expect(search.total).toContainText('1 Treffer');
  await expect(search.hits).toHaveCount(1);
  await expect(search.hits.first()).toContainText('Rede 126 zu Europa');
  // Emptied filter: the selected person stays visible among the top eight.
  await filter.fill('');
  await expect(people.getByRole('button', { name: /Zora Ziegler/ })).toHaveAttribute('aria-pressed', 'true');
  await search.dialog.getByRole('button', { name: 'Alle Filter aufheben' }).click();
  // Named in the query: shown without filtering, though 40 people rank before her.
  await search.input.fill('Europa Ziegler');
  await expect(people.getByRole('button', { name: /Zora Ziegler/ })).toBeVisible();
  await page.keyboard.press('Escape');
});
