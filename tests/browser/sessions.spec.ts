import { expect, test } from '@playwright/test';
import { saveScreenshot, startHost, type Host } from './host/startHost';
import { SessionsPage } from './pages/SessionsPage';

const SESSION = 'Quartiersbeirat Lindenhof – 5. Sitzung';
const TOP_A = 'Begrüßung und Feststellung der Tagesordnung';
const TOP_B = 'Bericht aus dem Stadtteilbüro';
const TOP_C = 'Leitbild Lindenhof 2035: Beratung des Entwurfs';
const DOC_OFFICE = 'Stadtteilbüro Lindenhof öffnet in der ehemaligen Sparkassenfiliale';
const DOC_NOTE = 'Notiz: Rückmeldungen aus der Sprechstunde im Stadtteilbüro';
const DOC_LEITBILD = 'Leitbild Quartier Lindenhof 2035 (Entwurf)';
const DOC_WORKSHOP = 'Beteiligungswerkstatt zum Leitbild: 120 Bewohnerinnen und Bewohner bringen Ideen ein';

let host: Host;
test.beforeAll(async () => {
  host = await startHost({ seed: (services) => void services.sample.load() });
});
test.afterAll(async () => {
  await host?.close();
});

/** The order as stored in SQLite (the real SessionStore behind the page). */
function stored() {
  const summary = host.services.sessions.list().find((s) => s.title === SESSION);
  if (!summary) return null;
  const s = host.services.sessions.get(summary.id);
  return { items: s.items.map((i) => i.title), docs: Object.fromEntries(s.items.map((i) => [i.title, i.documents.map((d) => d.title)])) };
}

test('a session is created with field validation, gets an agenda with documents, and is reordered by keyboard and by drag and drop', async () => {
  await host.open();
  const sessions = new SessionsPage(host.page);
  await sessions.open();
  await expect(host.page.getByRole('heading', { name: 'Noch keine Sitzungen angelegt' })).toBeVisible();

  // Create: an empty title is refused by the service, and the message sits at the field.
  await sessions.newSessionButton.click();
  await expect(sessions.form).toBeVisible();
  await sessions.form.getByRole('button', { name: 'Sitzung anlegen' }).click();
  const title = sessions.form.getByLabel(/^Titel/);
  await expect(title).toHaveAttribute('aria-invalid', 'true');
  await expect(title).toBeFocused();
  await expect(title).toHaveAccessibleDescription('Bitte einen Titel angeben.');
  await sessions.fillForm({ title: SESSION, committee: 'Quartiersbeirat Lindenhof', date: '2026-10-14', place: 'Stadtteilbüro Lindenhof, Saal 1' });
  await sessions.form.getByRole('button', { name: 'Sitzung anlegen' }).click();
  await expect(sessions.form).toBeHidden();
  await expect(sessions.detailTitle).toHaveText(SESSION);
  await expect(sessions.sessionEntry(SESSION)).toHaveAttribute('aria-current', 'true');
  await expect(sessions.sessionEntry(SESSION)).toContainText('14.10.2026');
  await expect(sessions.sessionEntry(SESSION)).toContainText('Entwurf');

  // The agenda: an empty title is refused at the field too.
  await sessions.newItemInput.press('Enter');
  await expect(sessions.newItemInput).toHaveAccessibleDescription('Bitte einen Titel für den Tagesordnungspunkt angeben.');
  await sessions.addItem(TOP_A);
  await sessions.addItem(TOP_B);
  await sessions.addItem(TOP_C);
  await expect(sessions.detail.getByText('TOP 3', { exact: true })).toBeVisible();

  // Documents from the library: the newest list, and the full-text search.
  await sessions.attach(TOP_B, [DOC_OFFICE, DOC_NOTE]);
  await sessions.attach(TOP_C, [DOC_LEITBILD, DOC_WORKSHOP], 'Leitbild');
  await expect(sessions.documents(TOP_B)).toHaveCount(2);
  await expect(sessions.documents(TOP_C)).toHaveCount(2);
  expect(stored()).toEqual({ items: [TOP_A, TOP_B, TOP_C], docs: { [TOP_A]: [], [TOP_B]: [DOC_OFFICE, DOC_NOTE], [TOP_C]: [DOC_LEITBILD, DOC_WORKSHOP] } });

  // Keyboard: Alt+ArrowUp on the focused row moves it, announced politely; focus stays with it.
  await sessions.itemRow(TOP_C).focus();
  await host.page.keyboard.press('Alt+ArrowUp');
  await expect(sessions.announcement).toHaveText(`„${TOP_C}“ ist jetzt TOP 2.`);
  await expect(sessions.itemRow(TOP_C)).toBeFocused();
  await expect.poll(() => stored()?.items).toEqual([TOP_A, TOP_C, TOP_B]);
  // … and the move buttons.
  await sessions.item(TOP_A).getByRole('button', { name: 'TOP 1 nach unten' }).click();
  await expect.poll(() => stored()?.items).toEqual([TOP_C, TOP_A, TOP_B]);
  await expect(sessions.item(TOP_A).getByRole('button', { name: 'TOP 2 nach unten' })).toBeFocused();
  // Documents within an item, by keyboard.
  await sessions.document(TOP_B, DOC_NOTE).getByRole('group').focus();
  await host.page.keyboard.press('Alt+ArrowUp');
  await expect(sessions.announcement).toHaveText(`„${DOC_NOTE}“ ist jetzt Unterlage 1 von 2.`);
  await expect.poll(() => stored()?.docs[TOP_B]).toEqual([DOC_NOTE, DOC_OFFICE]);

  // Drag and drop: "Begrüßung" onto the upper half of the first item lands before it. Chromium
  // picks the drag source where the mouse went down on the layout of the moment the drag starts,
  // so source and target must both be in view (dragTo would scroll between the two).
  await host.page.setViewportSize({ width: 1280, height: 1200 });
  await sessions.itemHeader(TOP_A).dragTo(sessions.item(TOP_C), { targetPosition: { x: 120, y: 6 } });
  await expect.poll(() => stored()?.items).toEqual([TOP_A, TOP_C, TOP_B]);
  await expect(sessions.itemTitles).toHaveText([TOP_A, TOP_C, TOP_B]);
  // … and "Bericht" to the top.
  await sessions.itemHeader(TOP_B).dragTo(sessions.item(TOP_A), { targetPosition: { x: 120, y: 6 } });
  await expect.poll(() => stored()?.items).toEqual([TOP_B, TOP_A, TOP_C]);
  // Documents within an item by drag and drop: the second onto the upper half of the first.
  const first = sessions.document(TOP_C, DOC_LEITBILD);
  await sessions.document(TOP_C, DOC_WORKSHOP).dragTo(first, { targetPosition: { x: 60, y: 3 } });
  await expect.poll(() => stored()?.docs[TOP_C]).toEqual([DOC_WORKSHOP, DOC_LEITBILD]);
  await expect(sessions.documentTitles(TOP_C)).toHaveText([DOC_WORKSHOP, DOC_LEITBILD]);

  // The view shows what is stored after a reload (the agenda arrives after the page: wait for it).
  await host.page.setViewportSize({ width: 1280, height: 800 });
  await host.open();
  await sessions.open();
  await expect(sessions.itemTitles).toHaveText([TOP_B, TOP_A, TOP_C]);
  await expect(sessions.detail.getByText('TOP 1', { exact: true })).toBeVisible();
  await saveScreenshot(host.page, 'sessions.png');
});

test('a session is edited and deleted; its documents stay in the library', async () => {
  await host.open();
  const sessions = new SessionsPage(host.page);
  await sessions.open();
  await sessions.detail.getByRole('button', { name: 'Bearbeiten' }).click();
  await expect(sessions.form).toBeVisible();
  await sessions.fillForm({ status: 'Endfassung', place: 'Gemeindehaus' });
  await sessions.form.getByRole('button', { name: 'Speichern' }).click();
  await expect(sessions.form).toBeHidden();
  await expect(sessions.sessionEntry(SESSION)).toContainText('Endfassung');
  await expect(sessions.sessionEntry(SESSION)).toContainText('Gemeindehaus');

  // Rename and remove agenda items.
  await sessions.item(TOP_A).getByRole('button', { name: /umbenennen$/ }).click();
  const rename = sessions.detail.getByLabel(/^Titel von TOP/);
  await rename.fill('Begrüßung');
  await rename.press('Enter');
  await expect(sessions.item('Begrüßung')).toBeVisible();
  await sessions.item('Begrüßung').getByRole('button', { name: /entfernen$/ }).click();
  await expect(sessions.items).toHaveCount(2);

  const documentsBefore = host.services.documents.countByKind().total;
  await sessions.detail.getByRole('button', { name: 'Löschen' }).click();
  const confirm = host.page.getByRole('dialog').filter({ has: host.page.getByRole('heading', { name: 'Sitzung löschen?' }) });
  await confirm.getByRole('button', { name: 'Sitzung löschen' }).click();
  await expect(host.page.getByRole('heading', { name: 'Noch keine Sitzungen angelegt' })).toBeVisible();
  expect(host.services.sessions.list()).toEqual([]);
  expect(host.services.documents.countByKind().total).toBe(documentsBefore);
});
