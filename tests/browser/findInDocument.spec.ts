import { expect, test, type Page } from '@playwright/test';
import { startHost, type Host } from './host/startHost';
import { DocumentPage } from './pages/DocumentPage';
import { EditorPage } from './pages/EditorPage';
import { LibraryPage } from './pages/LibraryPage';

/** Find in document (issue 15): Strg+F, Enter/Umschalt+Enter, F3/Umschalt+F3, count; read view and editor. */
let host: Host;
test.beforeAll(async () => {
  host = await startHost({
    seed: (services) => {
      services.documents.create(
        {
          kind: 'press_release',
          title: 'Brunnen im Quartier',
          date: '2026-05-04',
          bodyText: 'Der Brunnen am Markt wird saniert.\n\nEin zweiter Brunnen folgt.\n\nAm Ende: drei BRUNNEN und ein Brünnlein.',
        },
        { silent: true },
      );
      const d = services.collab.drafts.createDraft({ title: 'Notiz Brunnen', kind: 'note', template: 'empty' });
      services.collab.drafts.appendParagraph(d.id, 'Erster Brunnen hier, zweiter Brunnen dort.');
      services.collab.drafts.appendParagraph(d.id, 'Straße und Strasse.');
      services.collab.drafts.flushText(d.id);
    },
  });
});
test.afterAll(async () => {
  await host?.close();
});

const highlights = (page: Page) =>
  page.evaluate(() => ({ all: CSS.highlights.get('qw-find')?.size ?? 0, current: [...(CSS.highlights.get('qw-find-current') ?? [])].map((r) => (r as Range).toString()) }));

test('read view: Ctrl+F finds every match, Enter/F3 walk forward, Shift back, Escape returns focus', async () => {
  await host.open();
  const page = host.page;
  const doc = new DocumentPage(page);
  await new LibraryPage(page).open('Brunnen im Quartier');
  await expect(doc.title).toBeFocused();
  await page.keyboard.press('Control+f');
  const field = page.getByRole('searchbox', { name: 'Im Dokument suchen' });
  await expect(field).toBeFocused();
  await page.keyboard.type('brunnen');
  const count = page.getByRole('search', { name: 'Im Dokument suchen' }).getByRole('status');
  // The text's three: Brunnen, Brunnen, BRUNNEN (case ignored; "Brünnlein" is no match).
  await expect(count).toHaveText('1 von 3');
  await expect.poll(() => highlights(page)).toEqual({ all: 3, current: ['Brunnen'] });
  await page.keyboard.press('Enter');
  await expect(count).toHaveText('2 von 3');
  await page.keyboard.press('F3');
  await expect(count).toHaveText('3 von 3');
  await expect.poll(async () => (await highlights(page)).current).toEqual(['BRUNNEN']);
  await page.keyboard.press('F3');
  await expect(count).toHaveText('1 von 3');
  await page.keyboard.press('Shift+Enter');
  await expect(count).toHaveText('3 von 3');
  await page.keyboard.press('Shift+F3');
  await expect(count).toHaveText('2 von 3');
  await field.fill('gibt es nicht');
  await expect(count).toHaveText('Keine Treffer');
  // Escape closes the bar (not the document) and gives the focus back.
  await page.keyboard.press('Escape');
  await expect(field).toBeHidden();
  await expect(doc.title).toHaveText('Brunnen im Quartier');
  await expect(doc.title).toBeFocused();
  await expect.poll(() => highlights(page)).toEqual({ all: 0, current: [] });
});

test('editor: Ctrl+F marks matches as decorations across the draft, ß matches ss, edits recount', async () => {
  await host.open();
  const page = host.page;
  const editor = new EditorPage(page);
  await new LibraryPage(page).open('Notiz Brunnen');
  await editor.editButton.click();
  await editor.text.click();
  await page.keyboard.press('Control+f');
  const field = page.getByRole('searchbox', { name: 'Im Dokument suchen' });
  await expect(field).toBeFocused();
  await page.keyboard.type('Brunnen');
  const count = page.getByRole('search', { name: 'Im Dokument suchen' }).getByRole('status');
  await expect(count).toHaveText('1 von 2');
  await expect(editor.text.locator('.qw-find-match')).toHaveCount(2);
  await expect(editor.text.locator('.qw-find-current')).toHaveText('Brunnen');
  await page.keyboard.press('F3');
  await expect(count).toHaveText('2 von 2');
  await field.fill('strasse');
  await expect(count).toHaveText('1 von 2');
  await expect(editor.text.locator('.qw-find-match')).toHaveText(['Straße', 'Strasse']);
  // An edit elsewhere in the text: the count follows.
  await editor.caretAfter('Straße und Strasse.');
  await page.keyboard.type(' Noch eine Strasse.');
  await expect(count).toHaveText(/von 3$/);
  await field.focus();
  await page.keyboard.press('Escape');
  await expect(editor.text.locator('.qw-find-match')).toHaveCount(0);
  // The find marks were never saved into the draft.
  await expect.poll(() => JSON.stringify(host.services.documents.list({}).items.map((d) => host.services.documents.get(d.id).content))).not.toContain('qw-find');
});
