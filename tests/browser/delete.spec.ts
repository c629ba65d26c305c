import { expect, test } from '@playwright/test';
import { saveScreenshot, startHost, type Host } from './host/startHost';
import { DocumentPage } from './pages/DocumentPage';
import { EditorPage } from './pages/EditorPage';
import { LibraryPage } from './pages/LibraryPage';
import { SearchDialog } from './pages/SearchDialog';

/**
 * Deleting a document in the app (issue 7 §7, issue 15): „Löschen …“ or the Delete key asks
 * first, says that it goes to the trash for 30 days, what goes with it when it is deleted for good
 * and what backups still hold; Escape and „Abbrechen“ keep it; „In den Papierkorb“ removes it
 * from the library, the list and the search, and says so. The trash itself: trash.spec.ts.
 */
let host: Host;
test.beforeAll(async () => {
  host = await startHost({
    seed: (services) => {
      services.db.transaction(() => {
        services.documents.create({ kind: 'press_release', title: 'Pressemitteilung Zeppelinbrunnen', date: '2026-05-04', bodyText: 'Der Zeppelinbrunnen im Lindenhof wird saniert.' }, { silent: true });
        services.documents.create({ kind: 'protocol', title: 'Protokoll Stadtteilkonferenz', date: '2026-06-01', bodyText: 'Die Stadtteilkonferenz tagte im Lindenhof.' }, { silent: true });
        services.documents.create({ kind: 'note', title: 'Notiz Sprechstunde', date: '2026-07-01', bodyText: 'Sprechstunde im Stadtteilbüro.' }, { silent: true });
      })();
      services.collab.drafts.createDraft({ title: 'Leitbild Lindenhof (Entwurf)', kind: 'leitbild', template: 'empty' });
    },
  });
});
test.afterAll(async () => {
  await host?.close();
});

test('Löschen asks first; cancelling keeps the document, confirming removes it from list and search', async () => {
  await host.open();
  const library = new LibraryPage(host.page);
  const doc = new DocumentPage(host.page);
  const title = 'Pressemitteilung Zeppelinbrunnen';
  const id = host.services.documents.list({}).items.find((d) => d.title === title)!.id;
  await library.open(title);
  await expect(doc.title).toHaveText(title);

  const dialog = host.page.getByRole('dialog', { name: 'In den Papierkorb legen?' });
  const deleteButton = host.page.getByRole('button', { name: 'Löschen …' });
  await deleteButton.click();
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(`„${title}“ kommt in den Papierkorb`);
  await expect(dialog).toContainText('Sicherungen von vorher enthalten das Dokument noch');
  await expect(dialog).not.toContainText('Fassungen');
  // Focus starts on „Abbrechen“: Enter right away keeps the document.
  await expect(dialog.getByRole('button', { name: 'Abbrechen' })).toBeFocused();
  await host.page.keyboard.press('Enter');
  await expect(dialog).toBeHidden();
  await expect(doc.title).toHaveText(title);
  // The Delete key asks the same; Escape closes the question, not the document.
  await host.page.keyboard.press('Delete');
  await expect(dialog).toBeVisible();
  await host.page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(doc.title).toHaveText(title);
  expect(host.services.documents.get(id).title).toBe(title);

  await deleteButton.click();
  await saveScreenshot(host.page, 'loeschen.png');
  await dialog.getByRole('button', { name: 'In den Papierkorb' }).click();
  await expect(host.page.getByRole('status').filter({ hasText: `„${title}“ liegt jetzt im Papierkorb` })).toBeVisible();
  await expect(library.heading).toHaveText('Bibliothek');
  await expect(library.row('Protokoll Stadtteilkonferenz')).toBeVisible();
  await expect(library.row(title)).toHaveCount(0);
  await expect(library.count).toContainText('3 Dokumente');
  expect(host.services.documents.get(id).trashedAt, 'in the trash, not yet deleted').not.toBeNull();

  // The search no longer finds its words; the other document still is found.
  await host.services.search.whenPurged();
  const search = new SearchDialog(host.page);
  await search.openWithKeyboard();
  await search.input.fill('Zeppelinbrunnen');
  await expect(search.dialog.getByText('Keine Treffer.', { exact: false })).toBeVisible();
  await search.input.fill('Lindenhof');
  await expect(search.hits).toHaveCount(2);
  await expect(search.hit(title)).toHaveCount(0);
  await host.page.keyboard.press('Escape');
});

test('a draft says that its versions go too; Delete while typing in the editor deletes text, not the document', async () => {
  await host.open();
  const library = new LibraryPage(host.page);
  const editor = new EditorPage(host.page);
  const title = 'Leitbild Lindenhof (Entwurf)';
  await library.open(title);
  await expect(editor.title).toHaveText(title);
  const dialog = host.page.getByRole('dialog', { name: 'In den Papierkorb legen?' });
  // In the editor the key belongs to the text.
  await editor.editButton.click();
  await editor.text.click();
  await host.page.keyboard.type('Nachbarschaftx');
  await expect(editor.text).toContainText('Nachbarschaftx');
  // Once main has the text (the first keystrokes of an empty draft settle its structure).
  const draftId = host.services.documents.list({}).items.find((d) => d.title === title)!.id;
  await expect.poll(() => host.services.documents.get(draftId).bodyText).toContain('Nachbarschaftx');
  await host.page.keyboard.press('ArrowLeft');
  await host.page.keyboard.press('Delete');
  await expect(editor.text).not.toContainText('Nachbarschaftx');
  await expect(editor.text).toContainText('Nachbarschaft');
  await expect(dialog).toBeHidden();

  await host.page.getByRole('button', { name: 'Löschen …' }).click();
  await expect(dialog).toContainText('alle Fassungen und die ganze Änderungsgeschichte');
  await dialog.getByRole('button', { name: 'In den Papierkorb' }).click();
  await expect(host.page.getByRole('status').filter({ hasText: `„${title}“ liegt jetzt im Papierkorb` })).toBeVisible();
  await expect(library.row(title)).toHaveCount(0);
  expect(host.services.documents.get(draftId).trashedAt).not.toBeNull();
  // Opening another document clears the notice.
  await library.open('Protokoll Stadtteilkonferenz');
  await expect(host.page.getByText(`„${title}“ liegt jetzt im Papierkorb`)).toHaveCount(0);
});

test('in the list, Delete asks about the selected row and removes it; Escape keeps it', async () => {
  await host.open();
  const library = new LibraryPage(host.page);
  await expect(library.row('Notiz Sprechstunde')).toBeVisible();
  await library.list.focus();
  // Sorted by date, newest first: the note is the first row.
  await host.page.keyboard.press('Home');
  await expect(library.rowAt(1)).toHaveAttribute('aria-selected', 'true');
  await expect(library.rowTitle(library.rowAt(1))).toHaveText('Notiz Sprechstunde');
  const dialog = host.page.getByRole('dialog', { name: 'In den Papierkorb legen?' });
  await host.page.keyboard.press('Delete');
  await expect(dialog).toContainText('„Notiz Sprechstunde“ kommt in den Papierkorb');
  await host.page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(library.list).toBeFocused();
  await expect(library.row('Notiz Sprechstunde')).toBeVisible();

  await host.page.keyboard.press('Delete');
  await dialog.getByRole('button', { name: 'In den Papierkorb' }).click();
  await expect(host.page.getByRole('status').filter({ hasText: '„Notiz Sprechstunde“ liegt jetzt im Papierkorb' })).toBeVisible();
  await expect(library.row('Notiz Sprechstunde')).toHaveCount(0);
  await expect(library.row('Protokoll Stadtteilkonferenz')).toBeVisible();
  const left = host.services.documents.list({}).items.map((d) => d.title);
  expect(left).not.toContain('Notiz Sprechstunde');
  expect(left).toContain('Protokoll Stadtteilkonferenz');
});
