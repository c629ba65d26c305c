import { expect, test, type Locator, type Page } from '@playwright/test';
import { writeImportFixtures, type ImportFixtures } from './fixtures/importFiles';
import { startHost, type Host } from './host/startHost';
import { AppShell } from './pages/AppShell';
import { ImportUi } from './pages/ImportUi';
import { LibraryPage } from './pages/LibraryPage';
import { SessionsPage } from './pages/SessionsPage';

/**
 * Focus order (WCAG 2.4.3, issue 15), by keyboard only: after each action the focus is on the
 * element a person expects, asserted by role and name, never left on <body>. Controls are reached
 * with focus() and worked with keys (Enter, Space, Escape, arrows) — no clicks.
 */
const PRESS = 'Stadtteilbüro Nordend öffnet im alten Bahnhof';

let host: Host;
let files: ImportFixtures;
test.describe.configure({ mode: 'serial' });
test.beforeAll(async () => {
  files = writeImportFixtures();
  host = await startHost({ seed: (services) => void services.sample.load() });
});
test.afterAll(async () => {
  await host?.close();
  files?.remove();
});

async function press(page: Page, control: Locator, key = 'Enter'): Promise<void> {
  await control.focus();
  await page.keyboard.press(key);
}
async function expectFocusNotOnBody(page: Page): Promise<void> {
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(false);
}

test('closing the import report returns to "Importieren…"', async () => {
  await host.open();
  const imports = new ImportUi(host.page);
  host.dialogs.nextFiles = [files.press, files.pressEarlier];
  await press(host.page, imports.filesButton);
  await expect(imports.report).toBeVisible();
  await press(host.page, imports.closeButton);
  await expect(imports.report).toBeHidden();
  await expect(imports.filesButton).toBeFocused();
  // Escape closes it the same way.
  host.dialogs.nextFiles = [files.press];
  await press(host.page, imports.filesButton);
  await expect(imports.report).toBeVisible();
  await host.page.keyboard.press('Escape');
  await expect(imports.report).toBeHidden();
  await expect(imports.filesButton).toBeFocused();
});

test('saving and cancelling a quote correction return to its "Bearbeiten"', async () => {
  const { page } = host;
  await host.open();
  const library = new LibraryPage(page);
  await library.open(PRESS);
  const edit = page.getByRole('button', { name: 'Zitat von Lena Schubert, Quartiersmanagerin, Nachbarschaftsverein Nordend e.V. bearbeiten' });
  await press(page, edit);
  const speaker = page.getByRole('textbox', { name: 'Person' }).or(page.getByLabel(/Person|Sprecher/)).first();
  await expect(speaker).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(edit).toBeFocused();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(PRESS);

  await press(page, edit);
  await expect(speaker).toBeFocused();
  await page.keyboard.type(' (korrigiert)');
  await page.keyboard.press('Enter');
  const corrected = page.getByRole('button', { name: /^Zitat von Lena Schubert \(korrigiert\).* bearbeiten$/ });
  await expect(corrected).toBeFocused();
});

test('creating a draft puts the caret into the editor', async () => {
  const { page } = host;
  await host.open();
  const shell = new AppShell(page);
  await shell.goTo('Leitbilder');
  await press(page, page.getByRole('button', { name: 'Neuer Entwurf', exact: true }));
  const text = page.getByRole('textbox', { name: 'Text des Entwurfs' });
  await expect(text).toBeFocused();
  await page.keyboard.type('Erste Zeile des Entwurfs');
  await expect(text).toContainText('Erste Zeile des Entwurfs');
});

test('"Synopse zeigen" moves to the comparison; the side tabs and the toolbar move with arrow keys', async () => {
  const { page } = host;
  // Still in the draft from the test before: the tabs.
  const comments = page.getByRole('tab', { name: 'Kommentare' });
  const versions = page.getByRole('tab', { name: 'Fassungen' });
  await expect(comments).toHaveAttribute('aria-selected', 'true');
  await expect(versions).toHaveAttribute('tabindex', '-1');
  await press(page, comments, 'ArrowRight');
  await expect(versions).toBeFocused();
  await expect(versions).toHaveAttribute('aria-selected', 'true');
  await expect(versions).toHaveAttribute('tabindex', '0');
  await page.keyboard.press('End');
  await expect(page.getByRole('tab', { name: 'Quelle' })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(comments).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowLeft');
  await expect(versions).toBeFocused();
  await expect(page.getByRole('tabpanel', { name: 'Fassungen' })).toBeVisible();

  // The toolbar is one Tab stop; arrows move along it.
  const toolbar = page.getByRole('toolbar', { name: 'Formatierung' });
  const stops = await toolbar.getByRole('button').evaluateAll((els) => els.filter((el) => (el as HTMLElement).tabIndex === 0).length);
  expect(stops).toBe(1);
  const bold = toolbar.getByRole('button', { name: 'Fett', exact: true });
  await press(page, bold, 'ArrowRight');
  await expect(toolbar.getByRole('button', { name: 'Kursiv', exact: true })).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(bold).toBeFocused();
  await page.keyboard.press('End');
  await expect(toolbar.getByRole('button').filter({ has: page.locator(':scope:not([disabled])') }).last()).toBeFocused();
  // Tab leaves the toolbar in one step, Shift+Tab comes back to the button last used.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  expect(await toolbar.evaluate((el) => el.contains(document.activeElement))).toBe(true);

  // A Fassung, then "Synopse zeigen".
  const name = page.getByLabel('Neue Fassung');
  await name.focus();
  await page.keyboard.type('Entwurf 1');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('list', { name: 'Gespeicherte Fassungen' })).toContainText('Entwurf 1');
  await press(page, page.getByRole('button', { name: 'Synopse zeigen' }));
  await expect(page.getByRole('region', { name: 'Synopse der Fassungen' })).toBeFocused();
});

test('Ctrl+K in the editor opens the link prompt, not the search, and the link is made', async () => {
  const { page } = host;
  const text = page.getByRole('textbox', { name: 'Text des Entwurfs' });
  await text.focus();
  await expect(text).toContainText('Erste Zeile des Entwurfs');
  // A selection to link: the whole text of the draft.
  await page.keyboard.press('Control+a');
  await page.keyboard.press('Control+k');
  const address = page.getByLabel('Adresse des Links (https:// oder mailto:)');
  await expect(address).toBeFocused();
  await expect(page.getByRole('dialog', { name: 'Suche' })).toBeHidden();
  await address.fill('https://example.org/entwurf');
  await page.keyboard.press('Enter');
  await expect(text.getByRole('link')).toHaveAttribute('href', 'https://example.org/entwurf');
});

test('creating a session moves to its title', async () => {
  const { page } = host;
  await host.open();
  const sessions = new SessionsPage(page);
  await sessions.open();
  await press(page, sessions.newSessionButton);
  await expect(sessions.form).toBeVisible();
  await page.keyboard.type('Stadtteilkonferenz Nordend');
  await page.keyboard.press('Enter');
  await expect(sessions.form).toBeHidden();
  await expect(page.getByRole('heading', { level: 2, name: 'Stadtteilkonferenz Nordend' })).toBeFocused();
});

test('switching the language keeps the focus on the chosen language', async () => {
  const { page } = host;
  await host.open();
  const shell = new AppShell(page);
  await shell.goTo('Einstellungen');
  await press(page, page.getByRole('radio', { name: 'Deutsch' }), 'ArrowDown');
  const english = page.getByRole('radio', { name: 'English' });
  await expect(english).toBeChecked();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
  await expect(english).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(page.getByRole('radio', { name: 'Deutsch' })).toBeChecked();
  await expect(page.getByRole('radio', { name: 'Deutsch' })).toBeFocused();
});

test('"Sicherung jetzt" keeps the focus on the button', async () => {
  const { page } = host;
  const now = page.getByRole('button', { name: 'Sicherung jetzt' });
  await press(page, now);
  await expect(page.getByTestId('backup-done')).toBeVisible();
  await expect(now).toBeFocused();
});

test('going back from a document opened from the search returns to the search field', async () => {
  const { page } = host;
  await host.open();
  host.services.search.start();
  await host.services.search.whenIdle();
  await page.keyboard.press('Control+k');
  const dialog = page.getByRole('dialog', { name: 'Suche' });
  await expect(dialog).toBeVisible();
  await page.keyboard.type('Kräutergarten');
  await expect(dialog.getByRole('option').first()).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(PRESS);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: /durchsuchen/ })).toBeFocused();
  await expectFocusNotOnBody(page);
});

test('the sync status announces states, not every keystroke', async () => {
  const { page } = host;
  await host.open();
  const shell = new AppShell(page);
  await shell.goTo('Leitbilder');
  await press(page, page.getByRole('button', { name: 'Neuer Entwurf', exact: true }));
  const text = page.getByRole('textbox', { name: 'Text des Entwurfs' });
  await expect(text).toBeFocused();
  // Count the changes of every live region's text while typing.
  await page.evaluate(() => {
    const w = window as unknown as { __liveChanges: number };
    w.__liveChanges = 0;
    const observer = new MutationObserver((records) => {
      for (const r of records) {
        const el = (r.target.nodeType === Node.TEXT_NODE ? r.target.parentElement : r.target) as HTMLElement | null;
        if (el?.closest('[role="status"], [aria-live="polite"], [aria-live="assertive"]')) w.__liveChanges++;
      }
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  const typed = 'Der Quartiersbeirat tagt im Bürgerhaus';
  await page.keyboard.type(typed);
  await expect(text).toContainText(typed);
  await expect(page.getByTestId('sync-status')).toContainText('gespeichert');
  const changes = await page.evaluate(() => (window as unknown as { __liveChanges: number }).__liveChanges);
  expect(changes).toBeLessThanOrEqual(2);
});

test('narrow window: the menu button opens the navigation, a choice closes it, Escape returns to the button', async () => {
  const { page } = host;
  await host.open();
  await page.setViewportSize({ width: 320, height: 640 });
  try {
    const shell = new AppShell(page);
    await expect(shell.navEntry('Bibliothek')).toBeHidden();
    await expect(shell.menuButton).toHaveAttribute('aria-expanded', 'false');
    await press(page, shell.menuButton);
    await expect(shell.menuButton).toHaveAttribute('aria-expanded', 'true');
    // The drawer starts at the current place.
    await expect(shell.navEntry('Bibliothek')).toBeFocused();
    await press(page, shell.navEntry('Zitate'));
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Zitate');
    await expect(shell.navEntry('Zitate')).toBeHidden();
    await expect(page.getByRole('main')).toBeFocused();
    await press(page, shell.menuButton);
    await expect(shell.navEntry('Zitate')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(shell.menuButton).toHaveAttribute('aria-expanded', 'false');
    await expect(shell.menuButton).toBeFocused();
  } finally {
    await page.setViewportSize({ width: 1280, height: 800 });
  }
});
