import { expect, test, type Locator, type Page } from '@playwright/test';
import { checkState } from './a11y/conformance';
import { writeImportFixtures, type ImportFixtures } from './fixtures/importFiles';
import { saveScreenshot, startHost, type Host } from './host/startHost';
import { AppShell } from './pages/AppShell';
import { FirstStartPage } from './pages/FirstStartPage';
import { ImportUi } from './pages/ImportUi';
import { LibraryPage } from './pages/LibraryPage';
import { SearchDialog } from './pages/SearchDialog';
import { SessionsPage } from './pages/SessionsPage';

/**
 * BITV 2.0 / WCAG 2.1 AA (issue 15): axe-core's A/AA rules on every page and every dialog, in the
 * light and the dark theme, at 1280×800 and at 320×640 (reflow, with no sideways scrolling and
 * every control within reach). One browser, one page, walked through in order: the set of pages
 * and dialogs is written out below, so a new screen is added here on purpose.
 */
const LEITBILD = 'Leitbild Quartier Lindenhof 2035 (Entwurf)';
const SESSION = 'Quartiersbeirat Lindenhof – 5. Sitzung';

let host: Host;
let files: ImportFixtures;
test.beforeAll(async () => {
  files = writeImportFixtures();
  host = await startHost();
});
test.afterAll(async () => {
  await host?.close();
  files?.remove();
});

const problems: string[] = [];
async function check(page: Page, name: string, dialog?: Locator): Promise<void> {
  if (dialog) await expect(dialog).toBeVisible();
  const t0 = Date.now();
  const found = await checkState(page, name, dialog ? { dialog } : {});
  if (process.env.QW_A11Y_TRACE) console.log(name, Date.now() - t0, 'ms', found.join('\n'));
  problems.push(...found);
}
async function closeDialog(page: Page, dialog: Locator): Promise<void> {
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
}

test('every page and every dialog: 0 axe violations (WCAG 2.1 A/AA), light and dark, 1280 and 320 px', async () => {
  test.setTimeout(240_000);
  const { page } = host;
  const shell = new AppShell(page);
  await host.open();

  // Erster Start
  const welcome = new FirstStartPage(page);
  await expect(welcome.heading).toBeVisible();
  await check(page, 'Erster Start');
  await welcome.loadSampleButton.click();
  const library = new LibraryPage(page);
  await expect(library.heading).toHaveText('Bibliothek');

  // Import: the report dialog (two press releases with quotes for the Zitate page).
  const imports = new ImportUi(page);
  host.dialogs.nextFiles = [files.press, files.pressEarlier, files.brokenPdf];
  await imports.filesButton.click();
  await check(page, 'Import-Bericht', imports.report);
  await imports.closeButton.click();
  await expect(imports.report).toBeHidden();

  // The list pages.
  for (const [nav, heading] of [['Bibliothek', 'Bibliothek'], ['Leitbilder', 'Leitbilder'], ['Pressematerial', 'Pressematerial']] as const) {
    await shell.goTo(nav);
    await expect(library.heading).toHaveText(heading);
    await expect(library.rows.first()).toBeVisible();
    await check(page, nav);
    if (nav === 'Bibliothek') {
      await saveScreenshot(page, 'library-1280.png');
      await page.setViewportSize({ width: 320, height: 640 });
      await saveScreenshot(page, 'library-320.png');
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  }
  await page.setViewportSize({ width: 320, height: 640 });
  await shell.menuButton.click();
  await expect(shell.navEntry('Bibliothek')).toBeVisible();
  await check(page, 'Navigation (Menü offen)');
  await page.setViewportSize({ width: 320, height: 640 });
  await saveScreenshot(page, 'navigation-320.png');
  await page.keyboard.press('Escape');
  await expect(shell.menuButton).toHaveAttribute('aria-expanded', 'false');
  await page.setViewportSize({ width: 1280, height: 800 });

  // Search dialog with hits (the index catches up with the library first).
  host.services.search.start();
  await host.services.search.whenIdle();
  const search = new SearchDialog(page);
  await search.field.click();
  await search.input.fill('Stadtteilbüro');
  await expect(search.hits.first()).toBeVisible();
  await check(page, 'Suche', search.dialog);
  // Narrow: the facets are a drawer behind "Filter".
  await page.setViewportSize({ width: 320, height: 640 });
  const filters = search.dialog.getByRole('button', { name: 'Filter', exact: true });
  await expect(search.dialog.getByRole('complementary', { name: 'Treffer eingrenzen' })).toBeHidden();
  await filters.click();
  await expect(filters).toHaveAttribute('aria-expanded', 'true');
  await saveScreenshot(page, 'search-320.png');
  await check(page, 'Suche · Filter offen', search.dialog);
  await closeDialog(page, search.dialog);

  // A document: read view, its dialogs.
  await shell.goTo('Leitbilder');
  await library.open(LEITBILD);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(LEITBILD);
  await check(page, 'Dokument');
  await page.setViewportSize({ width: 320, height: 640 });
  await saveScreenshot(page, 'leitbild-320.png');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole('button', { name: 'Angaben bearbeiten' }).click();
  const metadata = page.getByRole('dialog', { name: 'Angaben zum Dokument bearbeiten' });
  await check(page, 'Angaben bearbeiten', metadata);
  await closeDialog(page, metadata);
  await page.getByRole('button', { name: 'Exportieren …' }).or(page.getByRole('button', { name: /^Exportieren/ })).first().click();
  const exportDialog = page.getByRole('dialog').filter({ has: page.getByRole('heading', { name: /exportieren/ }) });
  await check(page, 'Export', exportDialog);
  await closeDialog(page, exportDialog);
  await page.getByRole('button', { name: /^Löschen/ }).first().click();
  const deleteDialog = page.getByRole('dialog');
  await check(page, 'Löschen bestätigen', deleteDialog);
  await closeDialog(page, deleteDialog);

  // The editor of the draft, its side panels and the citation dialog.
  await page.getByRole('button', { name: 'Bearbeiten', exact: true }).click();
  const text = page.getByRole('textbox', { name: 'Text des Entwurfs' });
  await expect(text).toBeVisible();
  await check(page, 'Editor');
  await page.setViewportSize({ width: 320, height: 640 });
  await saveScreenshot(page, 'editor-320.png');
  await page.setViewportSize({ width: 1280, height: 800 });
  for (const tab of ['Fassungen', 'Quelle']) {
    await page.getByRole('tab', { name: tab }).click();
    await check(page, `Editor · ${tab}`);
  }
  await text.click();
  await page.getByRole('toolbar', { name: 'Formatierung' }).getByRole('button', { name: 'Quelle zitieren' }).click();
  const citation = page.getByRole('dialog', { name: 'Quelle zitieren' });
  await check(page, 'Quelle zitieren', citation);
  await closeDialog(page, citation);
  await page.getByRole('button', { name: 'Lesen', exact: true }).click();
  await page.getByRole('button', { name: 'Zurück zur Liste' }).click();

  // Zitate.
  await shell.goTo('Zitate');
  await expect(page.getByRole('heading', { level: 1, name: 'Zitate' })).toBeVisible();
  await expect(page.getByTestId('quote-timeline')).toBeVisible();
  await check(page, 'Zitate');
  await page.setViewportSize({ width: 320, height: 640 });
  await saveScreenshot(page, 'quotes-320.png');
  await page.setViewportSize({ width: 1280, height: 800 });

  // Sitzungen: empty, the form, a session with an agenda, the document picker.
  const sessions = new SessionsPage(page);
  await sessions.open();
  await check(page, 'Sitzungen (leer)');
  await sessions.newSessionButton.click();
  await check(page, 'Sitzung anlegen', sessions.form);
  await sessions.fillForm({ title: SESSION, committee: 'Quartiersbeirat Lindenhof', date: '2026-10-14' });
  await sessions.form.getByRole('button', { name: 'Sitzung anlegen' }).click();
  await expect(sessions.detailTitle).toHaveText(SESSION);
  await sessions.addItem('Bericht aus dem Stadtteilbüro');
  await check(page, 'Sitzung');
  await page.setViewportSize({ width: 320, height: 640 });
  await saveScreenshot(page, 'sessions-320.png');
  await page.setViewportSize({ width: 1280, height: 800 });
  await sessions.item('Bericht aus dem Stadtteilbüro').getByRole('button', { name: /Unterlage hinzufügen/ }).click();
  await check(page, 'Unterlage hinzufügen', sessions.picker);
  await closeDialog(page, sessions.picker);

  // Einstellungen, with a backup and the restore question.
  await shell.goTo('Einstellungen');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Einstellungen');
  await page.getByRole('button', { name: 'Sicherung jetzt' }).click();
  const restore = page.getByRole('button', { name: /^Sicherung vom .* wiederherstellen …$/ }).first();
  await expect(restore).toBeVisible();
  await check(page, 'Einstellungen');
  await restore.click();
  const confirm = page.getByRole('dialog', { name: 'Sicherung wiederherstellen?' });
  await check(page, 'Wiederherstellen bestätigen', confirm);
  await closeDialog(page, confirm);

  expect(problems).toEqual([]);
});
