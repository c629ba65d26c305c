import { expect, test } from '@playwright/test';
import * as Y from 'yjs';
import { docToRich } from '../../electron/services/collab/draftDoc';
import { UpdateLog } from '../../electron/services/collab/UpdateLog';
import { draftToPlain } from '../../shared/editor/draftText';
import { startHost, type Host } from './host/startHost';
import { EditorPage } from './pages/EditorPage';
import { LibraryPage } from './pages/LibraryPage';

let host: Host;
let draftId = '';
let versionsId = '';

/** What SQLite holds for the draft: its Yjs log replayed into a fresh doc (not main's live doc). */
function storedText(id = draftId): string {
  const { updates } = new UpdateLog(host.services.db).since(id, 0);
  const doc = new Y.Doc();
  for (const u of updates) Y.applyUpdate(doc, u);
  return draftToPlain(docToRich(doc));
}

test.beforeAll(async () => {
  host = await startHost({
    seed: (s) => {
      draftId = s.documents.create({
        kind: 'leitbild',
        title: 'Leitbild Teststadt',
        date: '2026-03-01',
        content: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Das Quartier ist lebendig.' }] }] },
      }).id;
      versionsId = s.documents.create({
        kind: 'note',
        title: 'Fassungstest',
        content: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Das Quartier ist lebendig.' }] }] },
      }).id;
      s.documents.create({ kind: 'statement', title: 'Stellungnahme zum Spielplatz', date: '2026-02-11', source: 'Ortsbeirat 3', bodyText: 'Wir brauchen mehr Spielplätze.' });
    },
  });
});
test.afterAll(async () => {
  await host?.close();
});

async function openEditor(title = 'Leitbild Teststadt', section = 'Leitbilder'): Promise<EditorPage> {
  await host.open();
  const library = new LibraryPage(host.page);
  await library.goTo(section);
  await library.open(title);
  const editor = new EditorPage(host.page);
  await editor.editButton.click();
  await expect(editor.text).toBeVisible();
  return editor;
}

test('typing is stored in SQLite through the real services and survives a reload', async () => {
  const editor = await openEditor();
  // The text is marked German and spell-checkable (Electron itself has spell-check off: no dictionary is fetched, issue 17).
  await expect(editor.text).toHaveAttribute('spellcheck', 'true');
  await expect(editor.text).toHaveAttribute('lang', 'de');

  await editor.caretAfter('Das Quartier ist lebendig.');
  await host.page.keyboard.type(' Neu getippt im Browser.');
  await expect(editor.status).toContainText('gespeichert');
  await expect.poll(storedText).toBe('Das Quartier ist lebendig. Neu getippt im Browser.');
  // Search text of the document row follows (debounced through DocumentStore).
  await expect.poll(() => host.services.documents.get(draftId).bodyText).toBe('Das Quartier ist lebendig. Neu getippt im Browser.');

  await host.page.keyboard.press('Enter');
  await editor.tool('Überschrift').click();
  await host.page.keyboard.type('Handlungsfelder');
  await expect(editor.text.getByRole('heading', { name: 'Handlungsfelder' })).toBeVisible();
  await expect.poll(storedText).toContain('Handlungsfelder');

  const again = await openEditor();
  await expect(again.text).toContainText('Das Quartier ist lebendig. Neu getippt im Browser.');
  await expect(again.text.getByRole('heading', { name: 'Handlungsfelder' })).toBeVisible();
});

test('a change made elsewhere (CLI, server) appears live in the open editor', async () => {
  const editor = await openEditor();
  host.services.collab.drafts.appendParagraph(draftId, 'Von der Kommandozeile angehängt.');
  await expect(editor.text).toContainText('Von der Kommandozeile angehängt.');
});

test('a citation is inserted by searching the library and opens its source', async () => {
  const editor = await openEditor();
  await editor.caretAfter('Das Quartier ist lebendig.');
  await editor.tool('Quelle zitieren').click();
  await host.page.getByLabel('Zitat oder Pressematerial suchen (Wortlaut, Person, Organisation, Datum, Titel)').fill('Spielplatz');
  await host.page.getByRole('button', { name: /Stellungnahme zum Spielplatz/ }).click();
  const cite = editor.text.locator('cite');
  await expect(cite).toHaveText('Ortsbeirat 3: „Stellungnahme zum Spielplatz“ (11.02.2026)');
  await cite.click();
  await expect(host.page.getByRole('article', { name: 'Zitierte Quelle' })).toContainText('Wir brauchen mehr Spielplätze.');
  await expect.poll(storedText).toContain('[Ortsbeirat 3: „Stellungnahme zum Spielplatz“ (11.02.2026)]');
});

test('Fassungen: save one, edit, and the Synopse marks removed and added words', async () => {
  const editor = await openEditor('Fassungstest', 'Bibliothek');
  const stored = () => storedText(versionsId);
  await editor.tab('Fassungen').click();
  await host.page.getByLabel('Neue Fassung').fill('Entwurf 1');
  await host.page.getByRole('button', { name: 'Fassung speichern' }).click();
  await expect(host.page.getByRole('list', { name: 'Gespeicherte Fassungen' })).toContainText('Entwurf 1');

  await editor.caretAfter('Das Quartier ist lebendig.');
  for (let i = 0; i < 'lebendig.'.length; i++) await host.page.keyboard.press('Shift+ArrowLeft');
  await host.page.keyboard.type('bunt.');
  await expect.poll(stored).toBe('Das Quartier ist bunt.');

  await host.page.getByLabel('Von', { exact: true }).selectOption({ label: 'Entwurf 1' });
  await host.page.getByLabel('Zu', { exact: true }).selectOption({ label: 'Aktueller Stand' });
  await host.page.getByRole('button', { name: 'Synopse zeigen' }).click();
  await expect(editor.synopse.locator('del')).toHaveText(['lebendig']);
  await expect(editor.synopse.locator('ins')).toHaveText(['bunt']);
  await expect(editor.synopse).toContainText('1 Wort entfernt, 1 Wort hinzugefügt');

  // Restoring is a new edit on the current draft.
  await host.page.getByRole('button', { name: 'Fassung „Entwurf 1“ wiederherstellen (als neue Änderung)' }).click();
  await expect(editor.text).toHaveText('Das Quartier ist lebendig.');
  await expect.poll(stored).toBe('Das Quartier ist lebendig.');
});

test('Leitbilder list: "Neues Leitbild (Vorlage)" creates a draft from the template and opens the editor', async () => {
  await host.open();
  const library = new LibraryPage(host.page);
  await library.goTo('Leitbilder');
  await host.page.getByRole('button', { name: 'Neues Leitbild (Vorlage)' }).click();
  const editor = new EditorPage(host.page);
  await expect(editor.text).toBeVisible();
  for (const h of ['Präambel', 'Leitziele', 'Handlungsfelder', 'Maßnahmen', 'Indikatoren']) {
    await expect(editor.text.getByRole('heading', { name: h, exact: true })).toBeVisible();
  }
  await expect(editor.text.locator('table')).toBeVisible();
});
