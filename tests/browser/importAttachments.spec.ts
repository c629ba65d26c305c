import { expect, test } from '@playwright/test';
import { startHost, type Host } from './host/startHost';
import { FirstStartPage } from './pages/FirstStartPage';
import { ImportUi } from './pages/ImportUi';
import { LibraryPage } from './pages/LibraryPage';

/** Issue 18 §5: a dropped e-mail's attachments are documents of their own, named in the report. */
let host: Host;
test.beforeEach(async () => {
  host = await startHost();
  await host.open();
});
test.afterEach(async () => {
  await host.close();
});

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
const MAIL = [
  'From: Pressestelle <presse@kassel.example>',
  'To: redaktion@example.org',
  'Subject: WG: Pressemitteilung Quartiersfest',
  'Date: Tue, 3 Mar 2026 10:00:00 +0100',
  'MIME-Version: 1.0',
  'Content-Type: multipart/mixed; boundary="grenze"',
  '',
  '--grenze',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Hallo zusammen, anbei die Mitteilung.',
  '--grenze',
  'Content-Type: text/html; charset=utf-8; name="mitteilung.html"',
  'Content-Disposition: attachment; filename="mitteilung.html"',
  'Content-Transfer-Encoding: base64',
  '',
  b64('<html><body><p>Stadt Kassel</p><h1>Quartiersfest am Lindenplatz</h1><p>Kassel, 2. März 2026 – Das Fest beginnt um 14 Uhr.</p></body></html>'),
  '--grenze',
  'Content-Type: image/png; name="plakat.png"',
  'Content-Disposition: attachment; filename="plakat.png"',
  'Content-Transfer-Encoding: base64',
  '',
  'iVBORw0KGgo=',
  '--grenze--',
  '',
].join('\r\n');

test('dropping an e-mail imports its attachment as a linked document and lists the unsupported one with its reason', async () => {
  const { page } = host;
  await new FirstStartPage(page).startEmptyButton.click();
  const library = new LibraryPage(page);
  await expect(library.heading).toHaveText('Bibliothek');
  const ui = new ImportUi(page);
  await ui.drop([{ name: 'weitergeleitet.eml', content: MAIL, type: 'message/rfc822' }]);
  await expect(ui.report).toBeVisible();
  const attachments = ui.report.getByTestId('report-attachment');
  await expect(attachments).toHaveCount(2);
  await expect(attachments.filter({ hasText: 'mitteilung.html' })).toContainText('als eigenes Dokument importiert');
  await expect(attachments.filter({ hasText: 'plakat.png' })).toContainText('nicht gelesen');
  await expect(attachments.filter({ hasText: 'plakat.png' })).toHaveAttribute('data-status', 'unsupported');
  // The report names the e-mail by its own name, not a temp path.
  await expect(attachments.first()).toContainText('weitergeleitet.eml › ');
  await expect(ui.importedItem('Quartiersfest am Lindenplatz')).toBeVisible();
  await ui.closeButton.click();
  await expect(library.count).toHaveText('2 Dokumente');
});
