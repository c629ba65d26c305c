import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { REPO_ROOT, startHost, type Host } from './host/startHost';
import { LibraryPage } from './pages/LibraryPage';

/**
 * Issue 15's views in English: trash, tags, shelf, backlinks, find bar and shortcut list show no
 * text of their German blocks (each German string that differs from its English one is looked for).
 */
const BLOCKS = ['trash', 'tags', 'shelf', 'backlinks', 'findInDoc', 'shortcuts', 'searchMore', 'metadataStatus'];

function strings(file: string): Map<string, string> {
  const json = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'renderer', 'src', 'i18n', file), 'utf8')) as Record<string, unknown>;
  const out = new Map<string, string>();
  const walk = (prefix: string, v: unknown) => {
    if (typeof v === 'string') out.set(prefix, v);
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(`${prefix}.${k}`, x);
  };
  for (const b of BLOCKS) walk(b, json[b]);
  return out;
}

/** German texts to look for: without placeholders, only the longest fixed part of each. */
function germanNeedles(): string[] {
  const de = strings('de.json');
  const en = strings('en.json');
  const needles = new Set<string>();
  for (const [key, text] of de) {
    if (en.get(key) === text) continue;
    const longest = text.split(/\{\{[^}]+\}\}/).map((p) => p.trim()).sort((a, b) => b.length - a.length)[0] ?? '';
    if (longest.length >= 6) needles.add(longest);
  }
  return [...needles];
}

let host: Host;
test.beforeAll(async () => {
  host = await startHost({
    seed: (services) => {
      services.settings.set({ key: 'language', value: 'en' });
      const press = services.documents.create({ kind: 'press_release', title: 'Zeppelinbrunnen', date: '2026-05-04', bodyText: 'Der Brunnen wird saniert.', tags: ['Wohnen'] }, { silent: true });
      const gone = services.documents.create({ kind: 'note', title: 'Alt', bodyText: 'Alt.' }, { silent: true });
      services.trash.moveToTrash([gone.id]);
      services.shelf.setPinned(press.id, true);
    },
  });
});
test.afterAll(async () => {
  await host?.close();
});

test('the trash, tags, shelf, document page, find bar and shortcut list speak English', async () => {
  const needles = germanNeedles();
  expect(needles.length).toBeGreaterThan(50);
  await host.open();
  const page = host.page;
  const library = new LibraryPage(page);
  const german = async (where: string) => {
    const text = await page.evaluate(() => document.body.innerText);
    expect(needles.filter((n) => text.includes(n)), where).toEqual([]);
  };
  await expect(library.heading).toHaveText('Library');
  await expect(page.getByRole('region', { name: 'Quick access' })).toBeVisible();
  await german('library');
  await library.goTo('Trash');
  await expect(page.getByRole('list', { name: 'Documents in the trash' }).getByRole('listitem')).toHaveCount(1);
  await german('trash');
  await page.getByRole('button', { name: 'Empty trash …' }).click();
  await expect(page.getByRole('dialog', { name: 'Empty the trash?' })).toContainText('1 document will be deleted for good');
  await german('empty dialog');
  await page.keyboard.press('Escape');
  await library.goTo('Tags');
  await expect(page.getByRole('list', { name: 'Tags' })).toContainText('1 document');
  await german('tags');
  await library.goTo('Library');
  await library.open('Zeppelinbrunnen');
  // The document page takes Ctrl+F once it has loaded (its heading is shown and focused).
  await expect(page.getByRole('heading', { level: 1, name: 'Zeppelinbrunnen' })).toBeFocused();
  const findBar = page.getByRole('search', { name: 'Find in document' });
  await expect(async () => {
    await page.keyboard.press('Control+f');
    await expect(findBar.getByRole('searchbox')).toBeFocused({ timeout: 1_000 });
  }).toPass({ timeout: 10_000 });
  await page.keyboard.type('Brunnen');
  await expect(page.getByRole('search', { name: 'Find in document' }).getByRole('status')).toHaveText('1 of 1');
  await expect(page.getByRole('region', { name: 'Cited in' })).toContainText('No draft cites this document.');
  await german('document');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Shift+?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toContainText('Ctrl+F');
  await german('shortcuts');
});
