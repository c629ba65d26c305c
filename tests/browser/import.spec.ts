import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { DROPPED_MD, writeImportFixtures, type ImportFixtures } from './fixtures/importFiles';
import { saveScreenshot, startHost, type Host } from './host/startHost';
import { DocumentPage } from './pages/DocumentPage';
import { FirstStartPage } from './pages/FirstStartPage';
import { ImportUi } from './pages/ImportUi';
import { LibraryPage } from './pages/LibraryPage';
import { QuotesPage } from './pages/QuotesPage';

const PRESS_TITLE = 'Stadtteilbüro Nordend öffnet im alten Bahnhof';
const EARLIER_TITLE = 'Nachbarschaftsverein Nordend sucht Räume für ein Stadtteilbüro';
const PAGE_TITLE = 'Sommerfest im Lindenhof';

let host: Host;
let files: ImportFixtures;
test.beforeEach(async () => {
  files = writeImportFixtures();
  host = await startHost();
  await host.open();
});
test.afterEach(async () => {
  await host.close();
  files.remove();
});

test('import by button from the first start: report lists imported and failed files; page scripts never run', async () => {
  const { page } = host;
  const welcome = new FirstStartPage(page);
  await expect(welcome.importButton).toBeEnabled();

  // "The user" picks three files in the open dialog of main.
  host.dialogs.nextFiles = [files.press, files.page, files.brokenPdf];
  await welcome.importButton.click();

  const ui = new ImportUi(page);
  await expect(ui.report).toBeVisible();
  await expect(ui.report.getByRole('heading', { name: 'Import abgeschlossen' })).toBeVisible();
  await expect(ui.imported).toHaveCount(2);
  await expect(ui.importedItem(PRESS_TITLE)).toContainText('Pressemitteilung');
  await expect(ui.importedItem(PAGE_TITLE)).toBeVisible();
  await expect(ui.failed).toHaveCount(1);
  await expect(ui.failed).toContainText('kaputt.pdf');
  await expect(ui.failed).toContainText('Die Datei ist beschädigt oder enthält keinen lesbaren Text.');
  await expect(ui.failed).toHaveAttribute('data-code', 'INVALID_FILE');
  expect(host.dialogs.opened).toBe(1);
  await saveScreenshot(page, 'import-report.png');

  // The report is a real modal dialog: Escape closes it, the library is there behind it.
  await page.keyboard.press('Escape');
  await expect(ui.report).toHaveCount(0);
  const library = new LibraryPage(page);
  await expect(library.heading).toHaveText('Bibliothek');
  await expect(library.count).toHaveText('2 Dokumente');

  // The saved web page shows its text; its scripts neither ran nor appear as text.
  await library.open(PAGE_TITLE);
  const doc = new DocumentPage(page);
  await expect(doc.body).toContainText('Am Samstag feiert der Lindenhof sein Sommerfest');
  await expect(page.locator('body')).not.toContainText('SKRIPTINHALT');
  await expect(page.locator('body')).not.toContainText('__qwSentinel');
  expect(await page.evaluate(() => (window as unknown as { __qwSentinel?: unknown }).__qwSentinel)).toBeUndefined();
  expect(await page.title()).not.toBe('SKRIPTINHALT');
  await page.keyboard.press('Escape');

  // The same files again: duplicates, and the broken PDF fails again.
  host.dialogs.nextFiles = [files.press, files.brokenPdf];
  await ui.filesButton.click();
  await expect(ui.duplicates).toHaveCount(1);
  await expect(ui.duplicates).toContainText(`Bereits vorhanden als „${PRESS_TITLE}“`);
  await expect(ui.imported).toHaveCount(0);
  await ui.closeButton.click();

  // A cancelled dialog imports nothing and shows no report.
  await ui.filesButton.click();
  await expect.poll(() => host.dialogs.opened).toBe(3);
  await expect(ui.report).toHaveCount(0);
});

test('dropping a file onto the window imports it', async () => {
  const { page } = host;
  await new FirstStartPage(page).startEmptyButton.click();
  const library = new LibraryPage(page);
  await expect(library.heading).toHaveText('Bibliothek');

  const ui = new ImportUi(page);
  await ui.drop([{ name: 'protokoll-stadtteilkonferenz.md', content: DROPPED_MD, type: 'text/markdown' }]);
  await expect(ui.report).toBeVisible();
  await expect(ui.importedItem('Protokoll Stadtteilkonferenz Nordend')).toBeVisible();
  await expect(ui.failed).toHaveCount(0);
  await ui.closeButton.click();
  await expect(library.count).toHaveText('1 Dokument');
  await expect(library.row('Protokoll Stadtteilkonferenz Nordend')).toBeVisible();
  // The original name is kept, no temp path.
  const [item] = host.services.documents.list({}).items;
  expect(item?.source).toBe('protokoll-stadtteilkonferenz.md');

  // An unreadable dropped file is reported by its own name.
  await ui.drop([{ name: 'leer.txt', content: '' }]);
  await expect(ui.failed).toHaveCount(1);
  await expect(ui.failed).toContainText('leer.txt');
  await expect(ui.failed).toContainText('Die Datei ist beschädigt oder enthält keinen lesbaren Text.');
});

test('Zitate: by person and organisation, filter, timeline; correcting a quote persists', async () => {
  const { page } = host;
  await new FirstStartPage(page).startEmptyButton.click();
  const ui = new ImportUi(page);
  host.dialogs.nextFiles = [files.press, files.pressEarlier];
  await ui.filesButton.click();
  await expect(ui.imported).toHaveCount(2);
  await ui.closeButton.click();

  const quotes = new QuotesPage(page);
  await quotes.goTo('Zitate');
  await expect(quotes.heading).toBeVisible();
  await expect(quotes.group('Lena Schubert')).toContainText('2 Zitate');
  await expect(quotes.group('Jan Berg')).toContainText('1 Zitat');

  // Lena Schubert (most statements first or alphabetical: choose her explicitly).
  await quotes.group('Lena Schubert').click();
  await expect(quotes.timeline.getByRole('heading', { name: 'Lena Schubert' })).toBeVisible();
  await expect(quotes.entries).toHaveCount(2);
  // Oldest first, each with date and document.
  await expect(quotes.entries.nth(0)).toContainText('08.09.2025');
  await expect(quotes.entries.nth(0)).toContainText('Wir brauchen einen Ort');
  await expect(quotes.entries.nth(0)).toContainText(EARLIER_TITLE);
  await expect(quotes.entries.nth(1)).toContainText('12.03.2026');
  await expect(quotes.entries.nth(1)).toContainText('Das Stadtteilbüro wird ein Ort der Begegnung für alle Generationen');
  await saveScreenshot(page, 'quotes.png');

  // Filter by name.
  await quotes.filter.fill('berg');
  await expect(quotes.groups).toHaveCount(1);
  await expect(quotes.group('Jan Berg')).toBeVisible();
  await quotes.filter.fill('');

  // By organisation.
  await quotes.groupBy('Organisation').check();
  await expect(quotes.group('Nachbarschaftsverein Nordend e.V.')).toContainText('2 Zitate');
  await quotes.group('Nachbarschaftsverein Nordend e.V.').click();
  await expect(quotes.entries).toHaveCount(2);
  await expect(quotes.entries.nth(0)).toContainText('Lena Schubert');

  // A click on the document title opens it; its quotes are listed there.
  await quotes.entries.nth(1).getByRole('button', { name: PRESS_TITLE }).click();
  const doc = new DocumentPage(page);
  await expect(doc.title).toHaveText(PRESS_TITLE);
  await expect(doc.detail('Ort')).toHaveText('Kellbach');
  const docQuotes = page.getByTestId('document-quote');
  await expect(docQuotes).toHaveCount(2);

  // Correct the speaker of the first quote.
  await page.getByRole('button', { name: /^Zitat von Lena Schubert, Quartiersmanagerin/ }).click();
  const form = page.getByRole('form', { name: 'Zitat korrigieren' });
  await form.getByLabel('Person').fill('Lena Schubert-Albers');
  await form.getByLabel('Rolle').fill('Quartiersmanagerin Nordend');
  await form.getByRole('button', { name: 'Speichern' }).click();
  await expect(docQuotes.nth(0)).toContainText('Lena Schubert-Albers, Quartiersmanagerin Nordend');
  await expect(docQuotes.nth(0)).toContainText('korrigiert');
  const docId = host.services.documents.list({}).items.find((d) => d.title === PRESS_TITLE)!.id;
  const stored = host.services.quotes.list({ documentId: docId }).find((q) => q.text.startsWith('Das Stadtteilbüro'))!;
  expect(stored).toMatchObject({ speaker: 'Lena Schubert-Albers', role: 'Quartiersmanagerin Nordend', corrected: true });

  // Correct the place through "Angaben bearbeiten".
  await page.getByRole('button', { name: 'Angaben bearbeiten' }).click();
  const meta = page.getByRole('dialog', { name: 'Angaben zum Dokument bearbeiten' });
  await meta.getByLabel('Ort').fill('Kellbach-Nordend');
  await meta.getByRole('button', { name: 'Speichern' }).click();
  await expect(meta).toHaveCount(0);
  await expect(doc.detail('Ort')).toHaveText('Kellbach-Nordend');
  expect(host.services.documents.get(docId).place).toBe('Kellbach-Nordend');

  // Deleted and imported again: deletion means deletion (issue 7), so the correction went with the
  // document and the re-imported release shows the speaker as extracted from its text.
  await page.keyboard.press('Escape');
  await ui.goTo('Bibliothek');
  host.services.documents.delete(docId);
  host.dialogs.nextFiles = [files.press];
  await ui.filesButton.click();
  await expect(ui.imported).toHaveCount(1);
  await ui.closeButton.click();
  const again = host.services.documents.list({}).items.find((d) => d.title === PRESS_TITLE)!.id;
  const speakers = host.services.quotes.list({ documentId: again }).map((q) => q.speaker);
  expect(speakers).toContain('Lena Schubert');
  expect(speakers).not.toContain('Lena Schubert-Albers');
});

test('a long import shows its progress and can be cancelled; what was written stays', async () => {
  const { page } = host;
  const big = path.join(files.dir, 'archiv.jsonl');
  const lines = Array.from({ length: 40_000 }, (_, i) =>
    JSON.stringify({ id: `n${i}`, title: `Notiz ${i}`, kind: 'note', text: `Notiz Nummer ${i} aus dem Archiv des Quartiersbüros. `.repeat(4) }),
  );
  fs.writeFileSync(big, `${lines.join('\n')}\n`);
  await new FirstStartPage(page).startEmptyButton.click();

  const ui = new ImportUi(page);
  host.dialogs.nextFiles = [big];
  await ui.filesButton.click();
  await expect(ui.progress).toBeVisible();
  await expect(ui.progress).toContainText(/0 von 1 Datei(?!en)/);
  // Announced politely (WCAG 4.1.3): a status region in the panel, and a progress bar with its value.
  await expect(ui.progress.getByRole('status')).toContainText(/^Import läuft: \d+ % erledigt$/);
  await expect(ui.progress.getByRole('progressbar')).toHaveAttribute('value', /\d+/);
  await expect(ui.progress).toContainText('Aktuell: archiv.jsonl');
  await expect(ui.progress).toContainText(/Dokumente\/s/);
  await expect(ui.filesButton).toBeDisabled();
  await saveScreenshot(page, 'import-progress.png');
  await ui.progress.getByRole('button', { name: 'Abbrechen' }).click();

  await expect(ui.report.getByRole('heading', { name: 'Import abgebrochen' })).toBeVisible();
  await expect(ui.progress).toHaveCount(0);
  const written = host.services.documents.countByKind().total;
  expect(written).toBeLessThan(40_000);
  await ui.closeButton.click();
  await expect(ui.filesButton).toBeEnabled();
});
