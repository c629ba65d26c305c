import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CORPUS_DIR } from '../support/testLibrary';
import { startHost, type Host } from './host/startHost';
import { DocumentPage } from './pages/DocumentPage';
import { EditorPage } from './pages/EditorPage';
import { ExportDialog } from './pages/ExportDialog';
import { LibraryPage } from './pages/LibraryPage';
import { QuotesPage } from './pages/QuotesPage';

/**
 * Issue 12: a statement is cited with the right name – in the editor, the read view and the
 * exported PDF – and a statement is corrected where it is shown (Zitate), surviving a re-import.
 */
const REAL = path.join(CORPUS_DIR, 'press', 'zukunftsbuendnis-sozialer-zusammenhalt.txt');
const FIXTURE = path.resolve(import.meta.dirname, '..', 'fixtures', 'press', '08-sanierungsfahrplan-siedlung.txt');
const DRAFT = 'Pressespiegel Zusammenhalt';
const HAS_PDF_TOOLS = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

let host: Host;
test.beforeAll(async () => {
  host = await startHost({
    seed: (s) => {
      s.documents.create({
        kind: 'note',
        title: DRAFT,
        content: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Die Landesregierung sagt dazu:' }] }] },
      });
    },
  });
  const files = [FIXTURE, ...(fs.existsSync(REAL) ? [REAL] : [])];
  await host.services.importer.importPaths(files);
});
test.afterAll(async () => {
  await host?.close();
});

test('a quote by Heike Hofmann from the real press release is cited with her name in editor, read view and PDF', async () => {
  test.skip(!fs.existsSync(REAL), `the real press release is missing (${REAL})`);
  test.skip(!HAS_PDF_TOOLS, 'pdftotext is missing (Debian package poppler-utils)');
  await host.open();
  const library = new LibraryPage(host.page);
  await library.goTo('Bibliothek');
  await library.open(DRAFT);
  const editor = new EditorPage(host.page);
  await editor.editButton.click();
  await expect(editor.text).toBeVisible();
  await editor.caretAfter('Die Landesregierung sagt dazu:');
  await host.page.keyboard.type(' ');

  // Search the statement register by speaker and part of the wording; choose her quote.
  await editor.tool('Quelle zitieren').click();
  await host.page.getByLabel('Zitat oder Pressematerial suchen (Wortlaut, Person, Organisation, Datum, Titel)').fill('Hofmann Zusammenhalt');
  const quotes = host.page.getByRole('list', { name: 'Zitate' });
  await expect(quotes.getByRole('button')).toHaveCount(1);
  await expect(quotes.getByRole('button')).toContainText('Heike Hofmann, Sozialministerin');
  await quotes.getByRole('button').click();

  const cite = editor.text.locator('cite');
  await expect(cite).toHaveCount(1);
  await expect(cite).toContainText('Heike Hofmann (Sozialministerin): „Sozialer Zusammenhalt fußt nicht zuletzt');
  await expect(cite).toContainText('– „Neues Zukunftsbündnis sieht soziale Quartiersentwicklung als Gemeinschaftsaufgabe“');
  for (const other of ['Mansoori', 'Weihrauch']) await expect(cite).not.toContainText(other);
  const draftId = host.services.documents.list({ limit: 100 }).items.find((d) => d.title === DRAFT)!.id;
  await expect.poll(() => host.services.documents.get(draftId).bodyText ?? '').toContain('[Heike Hofmann (Sozialministerin): „Sozialer Zusammenhalt');

  // The read view shows the same citation.
  await host.page.getByRole('button', { name: 'Lesen', exact: true }).click();
  const doc = new DocumentPage(host.page);
  await expect(doc.body.locator('cite')).toContainText('Heike Hofmann (Sozialministerin): „Sozialer Zusammenhalt fußt nicht zuletzt');

  // The exported PDF names her too (pdftotext of the real file).
  await host.page.keyboard.press('Control+e');
  const dialog = new ExportDialog(host.page);
  await dialog.expectOpen();
  await dialog.format('PDF').check();
  const pdf = path.join(host.dir, 'Pressespiegel.pdf');
  host.dialogs.nextSavePath = pdf;
  await dialog.saveButton.click();
  await expect(dialog.done).toBeVisible({ timeout: 60_000 });
  const text = execFileSync('pdftotext', ['-raw', pdf, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ').replace(/- /g, '-');
  expect(text).toContain('Heike Hofmann (Sozialministerin)');
  expect(text).toContain('Sozialer Zusammenhalt fußt nicht zuletzt');
  expect(text).not.toContain('Mansoori');
  expect(text).not.toContain('Weihrauch');
  await dialog.closeButton.click();
});

test('Zitate: a statement is corrected in place (speaker, role, organisation) and stays corrected on re-import', async () => {
  await host.open();
  const page = host.page;
  const quotes = new QuotesPage(page);
  await quotes.goTo('Zitate');
  await quotes.group('Derya Aksoy').click();
  await expect(quotes.timeline.getByRole('heading', { name: 'Derya Aksoy' })).toBeVisible();
  const entry = quotes.entries.first();
  const wording = (await entry.locator('blockquote').textContent())!.slice(1, 40);

  await entry.getByRole('button', { name: /^Zitat von Derya Aksoy.* bearbeiten$/ }).click();
  const form = page.getByRole('form', { name: 'Zitat korrigieren' });
  await form.getByLabel('Person').fill('Dr. Derya Aksoy-Berg');
  await form.getByLabel('Rolle').fill('Vorsitzende');
  await form.getByLabel('Organisation').fill('Mieterbeirat Am Kavalleriesand');
  await form.getByRole('button', { name: 'Speichern' }).click();

  // The statement moved to the corrected person, with the new role and organisation.
  await quotes.group('Derya Aksoy-Berg').click();
  await expect(quotes.timeline.getByRole('heading', { name: 'Derya Aksoy-Berg' })).toBeVisible();
  const moved = quotes.entries.filter({ hasText: wording });
  await expect(moved).toContainText('Vorsitzende');
  await expect(moved).toContainText('korrigiert');
  const stored = host.services.quotes.list({ speaker: 'aksoy-berg' });
  expect(stored).toHaveLength(1);
  expect(stored[0]).toMatchObject({ speaker: 'Derya Aksoy-Berg', role: 'Vorsitzende', organisation: 'Mieterbeirat Am Kavalleriesand', corrected: true });

  // Imported again (the same original): the correction stays.
  const again = await host.services.importer.importPaths([FIXTURE]);
  expect(again.duplicates).toHaveLength(1);
  await host.open();
  await quotes.goTo('Zitate');
  await quotes.group('Derya Aksoy-Berg').click();
  await expect(quotes.entries.filter({ hasText: wording })).toContainText('Mieterbeirat Am Kavalleriesand');
  expect(host.services.quotes.get(stored[0]!.id)).toMatchObject({ speaker: 'Derya Aksoy-Berg', corrected: true });
});
