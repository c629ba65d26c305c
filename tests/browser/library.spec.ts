import { expect, test } from '@playwright/test';
import type { DocumentKind, NewDocument } from '../../shared/domain/document';
import { startHost, type Host } from './host/startHost';
import { DocumentPage } from './pages/DocumentPage';
import { LibraryPage } from './pages/LibraryPage';

const TOTAL = 10_000;
const KINDS: DocumentKind[] = ['leitbild', 'press_release', 'speech', 'statement', 'protocol', 'note'];
const DAY = 86_400_000;

/**
 * 10,000 documents: one date per day from 1990-01-01 on (so newest first is index 9999, the
 * oldest is index 0), kinds in turn, and a few titles that only a German-aware sort orders right.
 */
function seedDocument(i: number): NewDocument {
  const special: Record<number, string> = {
    0: 'Gründungsprotokoll des Quartiersvereins',
    1: 'Äpfel im Gemeinschaftsgarten',
    2: 'Zebrastreifen vor der Grundschule',
    3: 'Ölspur auf der Mühlgrabenstraße',
  };
  return {
    kind: KINDS[i % KINDS.length]!,
    title: special[i] ?? `Vorgang ${String(i).padStart(5, '0')}`,
    date: new Date(Date.UTC(1990, 0, 1) + i * DAY).toISOString().slice(0, 10),
    bodyText: `Text des Vorgangs ${i}.`,
  };
}
const expectedCount = (kinds: DocumentKind[]) =>
  Array.from({ length: TOTAL }, (_, i) => KINDS[i % KINDS.length]!).filter((k) => kinds.includes(k)).length;
const german = (n: number) => new Intl.NumberFormat('de-DE').format(n);

test.describe.configure({ mode: 'serial' });

let host: Host;
test.beforeAll(async () => {
  host = await startHost({
    seed: (services) => {
      services.db.transaction(() => {
        for (let i = 0; i < TOTAL; i++) services.documents.create(seedDocument(i), { silent: true });
      })();
    },
  });
});
test.afterAll(async () => {
  await host?.close();
});
test.beforeEach(async () => {
  await host.open();
});

test('shows the total and keeps only a bounded number of rows in the DOM', async () => {
  const library = new LibraryPage(host.page);
  await expect(library.count).toHaveText(`${german(TOTAL)} Dokumente`);
  await expect(library.rowTitle(library.rowAt(1))).toHaveText('Vorgang 09999');
  await expect(library.rowAt(1)).toHaveAttribute('aria-setsize', String(TOTAL));
  const rendered = await library.rows.count();
  expect(rendered).toBeGreaterThan(5);
  expect(rendered).toBeLessThan(100);
});

test('scrolling to the end loads the last documents', async () => {
  const library = new LibraryPage(host.page);
  await expect(library.rowAt(1)).toBeVisible();
  await library.scrollToEnd();
  const last = library.rowAt(TOTAL);
  await expect(library.rowTitle(last)).toHaveText('Gründungsprotokoll des Quartiersvereins');
  await expect(library.rowDate(last)).toHaveText('01.01.1990');
  await expect(library.rowTitle(library.rowAt(TOTAL - 1))).toHaveText('Äpfel im Gemeinschaftsgarten');
  expect(await library.rows.count()).toBeLessThan(100);
  await expect(library.rowAt(1)).toHaveCount(0);
});

test('sorts by title in German dictionary order, both directions', async () => {
  const library = new LibraryPage(host.page);
  await library.sortSelect.selectOption({ label: 'Titel' });
  await expect(library.orderSelect).toHaveValue('asc');
  await expect(library.rowTitle(library.rowAt(1))).toHaveText('Äpfel im Gemeinschaftsgarten');
  await expect(library.rowTitle(library.rowAt(2))).toHaveText('Gründungsprotokoll des Quartiersvereins');
  await expect(library.rowTitle(library.rowAt(3))).toHaveText('Ölspur auf der Mühlgrabenstraße');
  await library.orderSelect.selectOption({ label: 'Absteigend' });
  await expect(library.rowTitle(library.rowAt(1))).toHaveText('Zebrastreifen vor der Grundschule');
  await expect(library.rowTitle(library.rowAt(2))).toHaveText('Vorgang 09999');
});

test('filters by kind, and Pressematerial shows press releases, speeches and statements', async () => {
  const library = new LibraryPage(host.page);
  await library.kindSelect.selectOption({ label: 'Leitbild' });
  await expect(library.count).toHaveText(`${german(expectedCount(['leitbild']))} Dokumente`);
  const kinds = await library.rows.getByTestId('row-kind').allTextContents();
  expect(kinds.length).toBeGreaterThan(5);
  expect(new Set(kinds)).toEqual(new Set(['Leitbild']));

  await library.goTo('Pressematerial');
  const pressKinds: DocumentKind[] = ['press_release', 'speech', 'statement'];
  await expect(library.count).toHaveText(`${german(expectedCount(pressKinds))} Dokumente`);
  expect(new Set(await library.rows.getByTestId('row-kind').allTextContents())).toEqual(
    new Set(['Pressemitteilung', 'Rede', 'Stellungnahme']),
  );
  await library.kindSelect.selectOption({ label: 'Rede' });
  await expect(library.count).toHaveText(`${german(expectedCount(['speech']))} Dokumente`);
  expect(new Set(await library.rows.getByTestId('row-kind').allTextContents())).toEqual(new Set(['Rede']));
});

test('keyboard: ArrowDown selects the next row, Enter opens it, back returns to it', async () => {
  const library = new LibraryPage(host.page);
  const second = library.rowAt(2);
  const title = (await library.rowTitle(second).textContent())!;
  await library.list.focus();
  await expect(library.rowAt(1)).toHaveAttribute('aria-selected', 'true');
  await host.page.keyboard.press('ArrowDown');
  await expect(second).toHaveAttribute('aria-selected', 'true');
  await expect(library.list).toHaveAttribute('aria-activedescendant', (await second.getAttribute('id'))!);
  await host.page.keyboard.press('Enter');

  const doc = new DocumentPage(host.page);
  await expect(doc.title).toHaveText(title);
  await expect(doc.body).toContainText('Text des Vorgangs 9998.');
  await doc.backButton.click();
  await expect(library.list).toBeFocused();
  await expect(library.rowAt(2)).toHaveAttribute('aria-selected', 'true');

  await host.page.keyboard.press('End');
  await expect(library.rowTitle(library.rowAt(TOTAL))).toHaveText('Gründungsprotokoll des Quartiersvereins');
  await expect(library.rowAt(TOTAL)).toHaveAttribute('aria-selected', 'true');
  await host.page.keyboard.press('Home');
  await expect(library.rowAt(1)).toHaveAttribute('aria-selected', 'true');
});

test('the bridge returns validation errors as values', async () => {
  const result = await host.page.evaluate(() =>
    (window as unknown as { kb: { invoke(c: string, i: unknown): Promise<unknown> } }).kb.invoke('documents.get', {
      id: 123,
    }),
  );
  expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  const details = (result as { error: { details: { issues: { path: string }[] } } }).error.details;
  expect(details.issues.map((i) => i.path)).toContain('id');
});

test('a document deleted meanwhile: the UI says so in German, chosen by error code', async () => {
  const library = new LibraryPage(host.page);
  const first = library.rowAt(1);
  await expect(library.rowTitle(first)).toHaveText('Vorgang 09999');
  // Another window deletes it; this page has not heard of it yet.
  host.forwardEvents = false;
  const page = host.services.documents.list({ sort: 'date', order: 'desc', limit: 1 });
  host.services.documents.delete(page.items[0]!.id);
  host.forwardEvents = true;
  await first.click();

  const doc = new DocumentPage(host.page);
  await expect(doc.problem).toBeVisible();
  const message = doc.messageWithCode('NOT_FOUND');
  await expect(message).toContainText('Das Dokument konnte nicht geöffnet werden.');
  await expect(message).toContainText('Der gesuchte Eintrag wurde nicht gefunden.');
  await message.getByRole('button', { name: 'Meldung schließen' }).click();
  await expect(message).toHaveCount(0);
});
