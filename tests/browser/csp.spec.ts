import { expect, test } from '@playwright/test';
import { startHost, type Host } from './host/startHost';
import { AppShell } from './pages/AppShell';
import { EditorPage } from './pages/EditorPage';
import { LibraryPage } from './pages/LibraryPage';
import { SearchDialog } from './pages/SearchDialog';

/**
 * Issue 17: the renderer runs under the app's own Content-Security-Policy (served by the host as
 * app:// serves it in Electron) without a single violation — in particular zod never probes
 * `new Function` (jitless), on any page, in the editor and in the search dialog.
 */

let host: Host;

test.beforeAll(async () => {
  host = await startHost({
    seed: (s) => {
      s.documents.create({
        kind: 'leitbild',
        title: 'Leitbild Nordstadt',
        content: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Nachbarschaft lebt vom Mitmachen.' }] }] },
      });
      s.documents.create({ kind: 'press_release', title: 'Quartiersfonds startet', bodyText: 'Die Stadt fördert Nachbarschaftsprojekte.' });
    },
  });
  // The index catches up with the library before the first search.
  host.services.search.start();
  await host.services.search.whenIdle();
});
test.afterAll(async () => {
  await host?.close();
});

const violations = () => host.page.evaluate(() => [...((window as unknown as { __cspViolations: string[] }).__cspViolations)]);

test('every page, the editor and the search run without a CSP violation', async () => {
  await host.open();
  const shell = new AppShell(host.page);
  await expect(shell.navigation).toBeVisible();
  for (const entry of ['Bibliothek', 'Leitbilder', 'Pressematerial', 'Zitate', 'Sitzungen', 'Einstellungen']) {
    await shell.goTo(entry);
    await expect(host.page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  }
  const library = new LibraryPage(host.page);
  await library.goTo('Leitbilder');
  await library.open('Leitbild Nordstadt');
  const editor = new EditorPage(host.page);
  await editor.editButton.click();
  await expect(editor.text).toBeVisible();
  await editor.text.click();
  await host.page.keyboard.type(' Neu.');
  // Search from the library (Ctrl+K inside the editor makes a link).
  await shell.goTo('Bibliothek');
  const search = new SearchDialog(host.page);
  await search.openWithKeyboard();
  await search.input.pressSequentially('Quartiersfonds');
  await expect(search.hit('Quartiersfonds startet')).toBeVisible();
  expect(await violations()).toEqual([]);
});

test('the policy is really in force: an inline script is refused and reported', async () => {
  await host.open();
  await host.page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true;';
    document.body.append(s);
  });
  await expect.poll(async () => (await violations()).some((v) => v.startsWith('script-src'))).toBe(true);
  expect(await host.page.evaluate(() => (window as unknown as { __inlineRan?: boolean }).__inlineRan)).toBeUndefined();
});
