import { expect, test } from '@playwright/test';
import type { RichNode } from '../../shared/domain/document';
import { startHost, type Host } from './host/startHost';
import { DocumentPage } from './pages/DocumentPage';
import { LibraryPage } from './pages/LibraryPage';

const text = (value: string, marks?: RichNode['marks']): RichNode => (marks ? { type: 'text', text: value, marks } : { type: 'text', text: value });
const link = (href: string) => [{ type: 'link', attrs: { href } }];

/** Content a hostile or careless import could produce: the view must keep it inert. */
const content: RichNode = {
  type: 'doc',
  content: [
    { type: 'heading', attrs: { level: 1 }, content: [text('Abschnitt eins')] },
    {
      type: 'paragraph',
      content: [
        text('Siehe '),
        text('Projektseite', link('https://example.org/projekt')),
        text(', '),
        text('Gefahr', link('javascript:alert(1)')),
        text(', '),
        text('Datei', link('file:///etc/passwd')),
        text(' und '),
        text('Kontakt', link('mailto:quartier@example.org')),
        text('.'),
      ],
    },
    { type: 'paragraph', content: [text('<img src=x onerror="window.__pwned=1">', [{ type: 'bold' }])] },
    { type: 'paragraph', content: [text('Erste Zeile'), { type: 'hardBreak' }, text('Zweite Zeile')] },
    { type: 'horizontalRule' },
    {
      type: 'orderedList',
      attrs: { start: 3 },
      content: [{ type: 'listItem', content: [{ type: 'paragraph', content: [text('Punkt drei', [{ type: 'italic' }])] }] }],
    },
    { type: 'iframe', attrs: { src: 'https://example.org' }, content: [text('Inhalt eines unbekannten Knotens')] },
  ],
};

let host: Host;
test.beforeAll(async () => {
  host = await startHost({
    seed: (services) => {
      services.db.transaction(() => {
        services.documents.create({ kind: 'note', title: 'Reichhaltiger Inhalt', date: '2026-11-24', content }, { silent: true });
        services.documents.create(
          {
            kind: 'protocol',
            title: 'Protokoll als reiner Text',
            bodyText: 'TOP 1 – Begrüßung\nDie Sitzung wird eröffnet.\n\nTOP 2 – Bericht\n\n\nTOP 3 – Verschiedenes',
          },
          { silent: true },
        );
      })();
    },
  });
});
test.afterAll(async () => {
  await host?.close();
});

test('rich content is rendered node by node; only http(s) and mailto links survive', async () => {
  await host.open();
  const library = new LibraryPage(host.page);
  await library.open('Reichhaltiger Inhalt');
  const doc = new DocumentPage(host.page);
  await expect(doc.detail('Datum')).toHaveText('24.11.2026');
  await expect(doc.body.getByRole('heading', { level: 2, name: 'Abschnitt eins' })).toBeVisible();

  const web = doc.body.getByRole('link', { name: 'Projektseite' });
  await expect(web).toHaveAttribute('href', 'https://example.org/projekt');
  await expect(web).toHaveAttribute('rel', 'noopener noreferrer');
  await expect(doc.body.getByRole('link', { name: 'Kontakt' })).toHaveAttribute('href', 'mailto:quartier@example.org');
  // Unsafe schemes keep their words, lose the link.
  await expect(doc.body.getByText('Gefahr')).toBeVisible();
  await expect(doc.body.getByRole('link', { name: 'Gefahr' })).toHaveCount(0);
  await expect(doc.body.getByRole('link', { name: 'Datei' })).toHaveCount(0);
  await expect(doc.body.getByRole('link')).toHaveCount(2);

  // Markup inside text stays text.
  await expect(doc.body.locator('strong')).toHaveText('<img src=x onerror="window.__pwned=1">');
  await expect(doc.body.locator('img, iframe, script')).toHaveCount(0);
  expect(await host.page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

  await expect(doc.body.locator('br')).toHaveCount(1);
  await expect(doc.body.locator('hr')).toHaveCount(1);
  await expect(doc.body.locator('ol')).toHaveAttribute('start', '3');
  await expect(doc.body.locator('ol em')).toHaveText('Punkt drei');
  await expect(doc.body.getByText('Inhalt eines unbekannten Knotens')).toBeVisible();
});

test('plain body text: blank lines make paragraphs, single newlines line breaks', async () => {
  await host.open();
  const library = new LibraryPage(host.page);
  await expect(library.rowDate(library.row('Protokoll als reiner Text'))).toHaveText('ohne Datum');
  await library.open('Protokoll als reiner Text');
  const doc = new DocumentPage(host.page);
  await expect(doc.detail('Datum')).toHaveText('ohne Datum');
  const paragraphs = doc.body.locator('p');
  await expect(paragraphs).toHaveCount(3);
  await expect(paragraphs.nth(0)).toHaveText('TOP 1 – BegrüßungDie Sitzung wird eröffnet.');
  await expect(paragraphs.nth(0).locator('br')).toHaveCount(1);
  await expect(paragraphs.nth(2)).toHaveText('TOP 3 – Verschiedenes');
  await doc.backButton.click();
  await expect(library.heading).toHaveText('Bibliothek');
});
