import { expect, test } from '@playwright/test';
import { startHost, type Host } from './host/startHost';
import { DocumentPage } from './pages/DocumentPage';
import { LibraryPage } from './pages/LibraryPage';

/**
 * On the document page (issue 15): pin and „Zuletzt geöffnet“ in the library, „Zitiert in“
 * (drafts citing the document), the status in „Angaben bearbeiten“ and an export without the
 * ENTWURF watermark once it is final.
 */
let host: Host;
let pressId = '';
test.beforeAll(async () => {
  host = await startHost({
    seed: (services) => {
      const press = services.documents.create({ kind: 'press_release', title: 'Pressemitteilung Zeppelinbrunnen', date: '2026-05-04', bodyText: 'Der Brunnen wird saniert.' }, { silent: true });
      pressId = press.id;
      services.documents.create({ kind: 'protocol', title: 'Protokoll Stadtteilkonferenz', date: '2026-06-01', bodyText: 'Die Konferenz tagte.' }, { silent: true });
      services.documents.create(
        {
          kind: 'note',
          title: 'Notiz mit Zitat',
          content: {
            type: 'doc',
            content: [
              {
                type: 'paragraph',
                content: [
                  { type: 'text', text: 'Siehe ' },
                  { type: 'citation', attrs: { documentId: press.id, kind: 'press_release', speaker: 'Katrin Jung', title: 'Pressemitteilung Zeppelinbrunnen', date: '2026-05-04' } },
                  { type: 'text', text: ' und noch einmal ' },
                  { type: 'citation', attrs: { documentId: press.id, kind: 'press_release', speaker: 'Katrin Jung', title: 'Pressemitteilung Zeppelinbrunnen', date: '2026-05-04' } },
                ],
              },
            ],
          },
        },
        { silent: true },
      );
      services.documents.create({ kind: 'leitbild', title: 'Leitbild Lindenhof', bodyText: 'Unser Quartier.', status: 'draft' }, { silent: true });
    },
  });
});
test.afterAll(async () => {
  await host?.close();
});

test('pinned and recently opened documents appear above the library list and open from there', async () => {
  await host.open();
  const page = host.page;
  const library = new LibraryPage(page);
  const doc = new DocumentPage(page);
  await library.open('Protokoll Stadtteilkonferenz');
  await expect(doc.title).toHaveText('Protokoll Stadtteilkonferenz');
  const pin = page.getByRole('button', { name: 'Anheften' });
  await pin.click();
  await expect(pin).toHaveAttribute('aria-pressed', 'true');
  await expect(pin).toBeFocused();
  await page.keyboard.press('Escape');
  await library.open('Pressemitteilung Zeppelinbrunnen');
  await expect(doc.title).toHaveText('Pressemitteilung Zeppelinbrunnen');
  await page.keyboard.press('Escape');

  const shelf = page.getByRole('region', { name: 'Schnellzugriff' });
  const pinned = shelf.getByRole('region', { name: 'Angeheftet' });
  const recent = shelf.getByRole('region', { name: 'Zuletzt geöffnet' });
  await expect(pinned.getByRole('button')).toHaveText([/Protokoll Stadtteilkonferenz/]);
  // The pinned one is not listed twice.
  await expect(recent.getByRole('button')).toHaveText([/Pressemitteilung Zeppelinbrunnen/]);
  await pinned.getByRole('button', { name: /Protokoll Stadtteilkonferenz/ }).focus();
  await page.keyboard.press('Enter');
  await expect(doc.title).toHaveText('Protokoll Stadtteilkonferenz');
  await expect(pin).toHaveAttribute('aria-pressed', 'true');
  await pin.click();
  await expect(pin).toHaveAttribute('aria-pressed', 'false');
  await page.keyboard.press('Escape');
  await expect(pinned).toHaveCount(0);
  await expect(recent.getByRole('button')).toHaveText([/Protokoll Stadtteilkonferenz/, /Pressemitteilung Zeppelinbrunnen/]);
});

test('„Zitiert in“ lists the drafts citing the document and opens them', async () => {
  await host.open();
  const page = host.page;
  const doc = new DocumentPage(page);
  await new LibraryPage(page).open('Pressemitteilung Zeppelinbrunnen');
  const cited = page.getByRole('region', { name: 'Zitiert in' });
  await expect(cited.getByRole('listitem')).toHaveCount(1);
  await expect(cited.getByRole('listitem')).toContainText('Notiz mit Zitat');
  await expect(cited.getByRole('listitem')).toContainText('2-mal zitiert');
  await cited.getByRole('button', { name: 'Notiz mit Zitat' }).click();
  await expect(doc.title).toHaveText('Notiz mit Zitat');
  await expect(page.getByRole('region', { name: 'Zitiert in' })).toContainText('Kein Entwurf zitiert dieses Dokument.');
  expect(host.services.shelf.backlinks(pressId).map((b) => b.title)).toEqual(['Notiz mit Zitat']);
});

test('the status is set in „Angaben bearbeiten“; a final Leitbild exports without the watermark', async () => {
  await host.open();
  const page = host.page;
  const doc = new DocumentPage(page);
  await new LibraryPage(page).open('Leitbild Lindenhof');
  await expect(doc.detail('Status')).toHaveText('Entwurf');
  await page.getByRole('button', { name: 'Angaben bearbeiten' }).click();
  const dialog = page.getByRole('dialog', { name: 'Angaben zum Dokument bearbeiten' });
  const status = dialog.getByLabel('Status');
  await expect(status).toHaveValue('draft');
  await status.selectOption('final');
  await dialog.getByRole('button', { name: 'Speichern' }).click();
  await expect(dialog).toBeHidden();
  await expect(doc.detail('Status')).toHaveText('Endfassung');
  const id = host.services.documents.list({}).items.find((d) => d.title === 'Leitbild Lindenhof')!.id;
  expect(host.services.documents.get(id).status).toBe('final');
  expect(host.services.exports.documentsModel([id], undefined).watermark).toBe(false);
  // The export dialog no longer preselects the watermark.
  await page.getByRole('button', { name: /Exportieren/ }).first().click();
  await expect(page.getByRole('checkbox', { name: /Wasserzeichen/ })).not.toBeChecked();
  await page.keyboard.press('Escape');
});
