import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { saveScreenshot, startHost, type Host } from './host/startHost';
import { DocumentPage } from './pages/DocumentPage';
import { EditorPage } from './pages/EditorPage';
import { ExportDialog } from './pages/ExportDialog';
import { LibraryPage } from './pages/LibraryPage';
import { SessionsPage } from './pages/SessionsPage';

const SESSION = 'Quartiersbeirat Lindenhof – 5. Sitzung';
const TOPS = ['Begrüßung und Feststellung der Tagesordnung', 'Bericht aus dem Stadtteilbüro', 'Leitbild Lindenhof 2035: Beratung des Entwurfs'];
const LEITBILD = 'Leitbild Quartier Lindenhof 2035 (Entwurf)';

let host: Host;
let out: string;
test.beforeAll(async () => {
  host = await startHost({
    seed: (services) => {
      services.sample.load();
      const byTitle = (t: string) => services.documents.list({ limit: 100 }).items.find((d) => d.title.startsWith(t))!.id;
      const s = services.sessions.create({ title: SESSION, committee: 'Quartiersbeirat Lindenhof', date: '2026-10-14', place: 'Stadtteilbüro Lindenhof' });
      const [, report, leitbild] = TOPS.map((title) => services.sessions.addItem(s.id, { title }));
      services.sessions.attachDocument(report!.id, byTitle('Stadtteilbüro Lindenhof öffnet'));
      services.sessions.attachDocument(report!.id, byTitle('Notiz: Rückmeldungen'));
      services.sessions.attachDocument(leitbild!.id, byTitle(LEITBILD));
    },
  });
  out = path.join(host.dir, 'Exporte');
  fs.mkdirSync(out);
});
test.afterAll(async () => {
  await host?.close();
});

test('the session dossier is exported as PDF through the dialog, with progress, and shown in its folder', async () => {
  await host.open();
  const sessions = new SessionsPage(host.page);
  await sessions.open();
  await expect(sessions.detailTitle).toHaveText(SESSION);
  await sessions.exportButton.click();
  const dialog = new ExportDialog(host.page);
  await dialog.expectOpen();
  await expect(dialog.dialog.getByRole('heading', { name: 'Sitzungsdossier exportieren' })).toBeVisible();
  // A session in draft: A4, portrait, watermark preselected.
  await expect(dialog.paper).toHaveValue('A4');
  await expect(dialog.portrait).toBeChecked();
  await expect(dialog.watermark).toBeChecked();

  // "The user" picks a place in the save dialog of main; the renderer never names a path.
  const target = path.join(out, 'Sitzungsdossier.pdf');
  host.dialogs.nextSavePath = target;
  const eventsBefore = host.events.events.length;
  await dialog.saveButton.click();
  await expect(dialog.progress).toBeVisible();
  await expect(dialog.progress.getByRole('progressbar')).toBeVisible();
  await expect(dialog.done).toBeVisible({ timeout: 60_000 });
  await expect(dialog.done).toContainText('Gespeichert als „Sitzungsdossier.pdf“.');
  await expect(dialog.openFileButton).toBeFocused();
  expect(host.dialogs.saveRequests.at(-1)).toEqual({
    suggestedName: `2026-10-14 ${SESSION}.pdf`,
    filters: [{ name: 'PDF-Dokument', extensions: ['pdf'] }],
  });
  const progressed = host.events.events.slice(eventsBefore).filter((e) => e.event === 'export.progressed');
  expect(progressed.length).toBeGreaterThan(1);

  // The file: pages, the session title, the agenda in order and page numbers.
  expect(fs.existsSync(target)).toBe(true);
  const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [target], { encoding: 'utf8' }))?.[1]);
  expect(pages).toBeGreaterThan(1);
  await expect(dialog.done).toContainText(`${pages} Seiten`);
  // -raw keeps the order of the content stream: the diagonal watermark does not cut into lines.
  const text = execFileSync('pdftotext', ['-raw', target, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  expect(text).toContain(SESSION);
  // The cover page carries no number (export design); the count starts there: "Seite 2 von n" … "Seite n von n".
  expect(text).toContain(`Seite 2 von ${pages}`);
  expect(text).toContain(`Seite ${pages} von ${pages}`);
  const positions = TOPS.map((t) => text.indexOf(t));
  expect(positions.every((p) => p >= 0)).toBe(true);
  expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  expect(text).toContain('ENTWURF');

  // "Im Ordner zeigen" and "Datei öffnen" reach the Shell port with that file.
  await dialog.showInFolderButton.click();
  await dialog.openFileButton.click();
  await expect.poll(() => host.shell.calls).toEqual([
    { action: 'folder', path: target },
    { action: 'open', path: target },
  ]);
  await dialog.closeButton.click();
  await expect(dialog.dialog).toBeHidden();
});

test('a document is exported as DOCX from the document view (Ctrl+E); a cancelled save dialog writes nothing', async () => {
  await host.open();
  const library = new LibraryPage(host.page);
  await library.open(LEITBILD);
  const doc = new DocumentPage(host.page);
  await expect(doc.title).toHaveText(LEITBILD);

  await host.page.keyboard.press('Control+e');
  const dialog = new ExportDialog(host.page);
  await dialog.expectOpen();
  await expect(dialog.dialog.getByRole('heading', { name: 'Dokument exportieren' })).toBeVisible();
  await expect(dialog.format('PDF')).toBeChecked();
  await expect(dialog.watermark).toBeChecked();
  await dialog.landscape.check();
  await saveScreenshot(host.page, 'export-dialog.png');

  // PDF in landscape: A4 turned, numbered from "Seite 1 von n".
  const pdf = path.join(out, 'Leitbild quer.pdf');
  host.dialogs.nextSavePath = pdf;
  await dialog.saveButton.click();
  await expect(dialog.done).toBeVisible({ timeout: 60_000 });
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  const [, width, height] = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info)!;
  expect(Number(width)).toBeGreaterThan(Number(height));
  expect(info).toMatch(/\(A4\)/);
  expect(execFileSync('pdftotext', ['-raw', '-f', '1', '-l', '1', pdf, '-'], { encoding: 'utf8' })).toMatch(/Seite 1 von \d+/);
  await dialog.closeButton.click();
  await expect(dialog.dialog).toBeHidden();

  // Word, from the button this time: the PDF page options do not apply and are disabled.
  await host.page.getByRole('button', { name: 'Exportieren…' }).click();
  await dialog.expectOpen();
  await dialog.format('Word (DOCX)').check();
  await expect(dialog.landscape).toBeDisabled();
  await expect(dialog.watermark).toBeDisabled();

  // Cancelled in the save dialog: a polite note, nothing written, the form stays.
  host.dialogs.nextSavePath = null;
  await dialog.saveButton.click();
  await expect(dialog.dialog.getByText('Es wurde kein Speicherort gewählt; es wurde nichts gespeichert.')).toBeVisible();
  expect(host.dialogs.saveRequests.at(-1)).toEqual({ suggestedName: `${LEITBILD}.docx`, filters: [{ name: 'Word-Dokument', extensions: ['docx'] }] });

  // A name without extension gets the format's one.
  const chosen = path.join(out, 'Leitbild Lindenhof');
  host.dialogs.nextSavePath = chosen;
  await dialog.saveButton.click();
  await expect(dialog.done).toBeVisible({ timeout: 30_000 });
  const file = `${chosen}.docx`;
  await expect(dialog.done).toContainText('Gespeichert als „Leitbild Lindenhof.docx“.');
  expect(fs.readFileSync(file).subarray(0, 2).toString('latin1')).toBe('PK');
  await dialog.closeButton.click();
  await expect(dialog.dialog).toBeHidden();
});

test('the menu command "Datei → Exportieren…" opens the dialog of the current view; only exported files can be revealed', async () => {
  await host.open();
  const sessions = new SessionsPage(host.page);
  await sessions.open();
  await expect(sessions.detailTitle).toHaveText(SESSION);
  host.events.emit('app.commandInvoked', { command: 'export.open' });
  const dialog = new ExportDialog(host.page);
  await expect(dialog.dialog.getByRole('heading', { name: 'Sitzungsdossier exportieren' })).toBeVisible();
  await host.page.keyboard.press('Escape');
  await expect(dialog.dialog).toBeHidden();

  // SECURITY: a page that names another file gets VALIDATION, and the shell is never asked.
  const callsBefore = host.shell.calls.length;
  const result = await host.page.evaluate(() =>
    (window as unknown as { kb: { invoke: (c: string, i: unknown) => Promise<unknown> } }).kb.invoke('export.reveal', { path: '/etc/passwd', action: 'open' }),
  );
  expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  expect(host.shell.calls.length).toBe(callsBefore);
  // A session dossier exists only as PDF.
  const wrong = await host.page.evaluate(() =>
    (window as unknown as { kb: { invoke: (c: string, i: unknown) => Promise<unknown> } }).kb.invoke('export.save', { target: { kind: 'session', sessionId: 'x' }, format: 'docx' }),
  );
  expect(wrong).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
});

test('the Synopse of two Fassungen is offered as PDF (A4 landscape) from the editor', async () => {
  await host.open();
  const library = new LibraryPage(host.page);
  await library.goTo('Leitbilder');
  await library.open(LEITBILD);
  const editor = new EditorPage(host.page);
  await editor.editButton.click();
  await expect(editor.text).toBeVisible();
  await editor.tab('Fassungen').click();
  await host.page.getByLabel('Neue Fassung').fill('Beiratsfassung');
  await host.page.getByRole('button', { name: 'Fassung speichern' }).click();
  await host.page.getByLabel('Von', { exact: true }).selectOption({ label: 'Beiratsfassung' });
  await host.page.getByLabel('Zu', { exact: true }).selectOption({ label: 'Aktueller Stand' });
  await host.page.getByRole('button', { name: 'Synopse zeigen' }).click();
  await expect(editor.synopse).toBeVisible();

  await host.page.getByRole('button', { name: 'Als PDF exportieren…' }).click();
  const dialog = new ExportDialog(host.page);
  await expect(dialog.dialog.getByRole('heading', { name: 'Synopse exportieren' })).toBeVisible();
  // The Synopse has its own page: no orientation or watermark to choose.
  await expect(dialog.landscape).toHaveCount(0);
  const file = path.join(out, 'Synopse.pdf');
  host.dialogs.nextSavePath = file;
  await dialog.saveButton.click();
  await expect(dialog.done).toBeVisible({ timeout: 60_000 });
  expect(host.dialogs.saveRequests.at(-1)?.suggestedName).toBe(`Synopse ${LEITBILD}.pdf`);
  const [, width, height] = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))!;
  expect(Number(width)).toBeGreaterThan(Number(height));
  const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' });
  expect(text).toContain(LEITBILD);
  // Column heads are set in capitals by the print CSS.
  expect(text).toMatch(/BEIRATSFASSUNG[^\n]*AKTUELLE FASSUNG/);
  await dialog.closeButton.click();
  await expect(dialog.dialog).toBeHidden();
});
