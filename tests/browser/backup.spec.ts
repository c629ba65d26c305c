import { expect, test } from '@playwright/test';
import { corruptDocumentsPage } from '../integration/backup/corruptPage';
import { saveScreenshot, startHost, type Host } from './host/startHost';
import { BackupSettings } from './pages/BackupSettings';

/** How the window shows a backup's time (local time zone, as the page's Chromium uses it too). */
function shown(iso: string): string {
  const f = new Intl.DateTimeFormat('de-DE', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  return `${f.format(new Date(iso))} Uhr`;
}

function titles(host: Host): string[] {
  return host.services.documents.list({ limit: 1000 }).items.map((d) => d.title);
}

let host: Host;
test.beforeAll(async () => {
  host = await startHost({
    seed: (services) => {
      services.sample.load();
      // Enough rows that the documents table spans several pages (one of them gets damaged below).
      for (let i = 0; i < 150; i++) services.documents.create({ kind: 'protocol', title: `Protokoll ${i}`, bodyText: 'Sitzung des Quartiersbeirats. '.repeat(20) });
    },
  });
});
test.afterAll(async () => {
  await host?.close();
});

test('Sicherung jetzt, then Wiederherstellen after a confirmation takes the library back and says from when', async () => {
  await host.open();
  const backup = new BackupSettings(host.page);
  await backup.open();
  await expect(backup.card.getByText('Noch keine Sicherung vorhanden.')).toBeVisible();
  await backup.backupNowButton.click();
  await expect(backup.done).toContainText('Gesichert und geprüft: Stand vom');
  await expect(backup.rows).toHaveCount(1);
  const made = host.services.backup.list()[0]!;
  await expect(backup.done).toContainText(shown(made.createdAt));
  await expect(backup.rows.first()).toContainText('Manuell');
  await expect(backup.rows.first()).toContainText(String(made.documentCount));
  expect(host.events.events.some((e) => e.event === 'backup.progressed')).toBe(true);

  // A change after the backup (the restore takes it back).
  host.services.documents.create({ kind: 'note', title: 'Nach der Sicherung' });

  // Escape cancels: nothing restarts, nothing changes.
  await backup.restoreButton(shown(made.createdAt)).click();
  await expect(backup.confirmDialog).toBeVisible();
  await expect(backup.confirmDialog).toContainText(`auf den Stand vom ${shown(made.createdAt)} zurückgesetzt`);
  await expect(backup.cancelButton).toBeFocused();
  await host.page.keyboard.press('Escape');
  await expect(backup.confirmDialog).toBeHidden();
  expect(host.restarts).toBe(0);

  // Confirmed by keyboard: Tab to the restore button, Enter.
  await backup.restoreButton(shown(made.createdAt)).click();
  await expect(backup.cancelButton).toBeFocused();
  await host.page.keyboard.press('Tab');
  await expect(backup.confirmButton).toBeFocused();
  await host.page.keyboard.press('Enter');
  await expect.poll(() => host.restarts, { timeout: 30_000 }).toBe(1);
  await expect(backup.notice).toContainText(`Wiederhergestellt wurde die Sicherung vom ${shown(made.createdAt)}.`);
  expect(titles(host)).not.toContain('Nach der Sicherung');
  // The state before the restore is kept as a backup.
  await backup.open();
  await expect(backup.rows.filter({ hasText: 'Vor Wiederherstellung' })).toHaveCount(1);
  await backup.dismissNotice.click();
  await expect(backup.notice).toBeHidden();
});

test('a damaged library is replaced at start by the newest good backup, and the user is told', async () => {
  const good = await host.services.backup.create({ kind: 'auto' });
  const dbPath = host.services.dbPath;
  await host.restart(() => corruptDocumentsPage(dbPath));
  const backup = new BackupSettings(host.page);
  await expect(backup.notice).toBeVisible();
  await expect(backup.notice).toContainText('Die Bibliothek war beschädigt und wurde nach „');
  await expect(backup.notice).toContainText('.beschaedigt.');
  await expect(backup.notice).toContainText(`verschoben. Wiederhergestellt wurde die Sicherung vom ${shown(good.createdAt)}.`);
  expect(host.services.backup.currentNotice()).toMatchObject({ kind: 'recovered', backup: { name: good.name } });
  expect(host.services.documents.countByKind().total).toBe(good.documentCount);
  await saveScreenshot(host.page, 'sicherung-wiederhergestellt.png');
  await backup.dismissNotice.click();
  await expect(backup.notice).toBeHidden();
  // Dismissed for this run: a reload does not show it again.
  await host.page.reload();
  await expect(host.page.getByRole('navigation')).toBeVisible();
  await expect(backup.notice).toHaveCount(0);
});
