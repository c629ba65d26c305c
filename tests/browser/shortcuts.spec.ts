import { expect, test } from '@playwright/test';
import { startHost, type Host } from './host/startHost';
import { DocumentPage } from './pages/DocumentPage';
import { LibraryPage } from './pages/LibraryPage';

/** The list of keyboard shortcuts (issue 15): „?“ outside text fields and Hilfe → Tastenkürzel. */
let host: Host;
test.beforeAll(async () => {
  host = await startHost({
    seed: (services) => {
      services.documents.create({ kind: 'note', title: 'Notiz Sprechstunde', date: '2026-07-01', bodyText: 'Sprechstunde.' }, { silent: true });
    },
  });
});
test.afterAll(async () => {
  await host?.close();
});

test('? opens the shortcut list, Escape closes it and returns the focus; typing ? in a field does not', async () => {
  await host.open();
  const page = host.page;
  const library = new LibraryPage(page);
  await expect(library.row('Notiz Sprechstunde')).toBeVisible();
  await library.list.focus();
  await page.keyboard.press('Shift+?');
  const dialog = page.getByRole('dialog', { name: 'Tastenkürzel' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Schließen' })).toBeFocused();
  for (const row of [['Strg+K', 'Suche öffnen'], ['Strg+F', 'Im Dokument suchen'], ['Entf', 'Dokument in den Papierkorb legen'], ['Strg+Eingabetaste', 'Fußnote, Kommentar oder Link speichern']]) {
    await expect(dialog.getByRole('row').filter({ hasText: row[0]! }).filter({ hasText: row[1]! }).first()).toBeVisible();
  }
  await expect(dialog.getByRole('table', { name: 'Editor' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(library.list).toBeFocused();

  // In a text field „?“ is a character.
  await page.keyboard.press('Control+k');
  const search = page.getByRole('dialog', { name: 'Suche' }).getByRole('combobox');
  await expect(search).toBeFocused();
  await page.keyboard.type('Wer?');
  await expect(search).toHaveValue('Wer?');
  await expect(dialog).toBeHidden();
  await page.keyboard.press('Escape');
});

test('the Help menu entry opens the same list (app.commandInvoked help.shortcuts), also on a document page', async () => {
  await host.open();
  const page = host.page;
  await new LibraryPage(page).open('Notiz Sprechstunde');
  await expect(new DocumentPage(page).title).toBeFocused();
  await page.evaluate(() => (window as unknown as { __kbEmit: (e: string, p: unknown) => void }).__kbEmit('app.commandInvoked', { command: 'help.shortcuts' }));
  const dialog = page.getByRole('dialog', { name: 'Tastenkürzel' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Schließen' }).press('Enter');
  await expect(dialog).toBeHidden();
  // Closing returned to the document, not back to the list.
  await expect(new DocumentPage(page).title).toHaveText('Notiz Sprechstunde');
});
