import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './AppShell';

/** Einstellungen → Sicherungen, the restore confirmation and the recovery notice at start. */
export class BackupSettings extends AppShell {
  constructor(page: Page) {
    super(page);
  }

  async open(): Promise<void> {
    await this.goTo('Einstellungen');
    await expect(this.card).toBeVisible();
  }

  get card(): Locator {
    return this.page.getByTestId('backup-card');
  }

  get backupNowButton(): Locator {
    return this.card.getByRole('button', { name: 'Sicherung jetzt' });
  }

  get done(): Locator {
    return this.page.getByTestId('backup-done');
  }

  get rows(): Locator {
    return this.card.getByTestId('backup-row');
  }

  /** „Wiederherstellen …“ of the backup whose time is shown as `time` (e.g. "24.11.2026, 14:03 Uhr"). */
  restoreButton(time: string): Locator {
    return this.card.getByRole('button', { name: `Sicherung vom ${time} wiederherstellen …` });
  }

  get confirmDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Sicherung wiederherstellen?' });
  }

  get confirmButton(): Locator {
    return this.confirmDialog.getByRole('button', { name: 'Wiederherstellen und neu starten' });
  }

  get cancelButton(): Locator {
    return this.confirmDialog.getByRole('button', { name: 'Abbrechen' });
  }

  get notice(): Locator {
    return this.page.getByTestId('recovery-notice');
  }

  get dismissNotice(): Locator {
    return this.notice.getByRole('button', { name: 'Verstanden' });
  }
}
