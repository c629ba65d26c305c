import { expect, type Locator, type Page } from '@playwright/test';

/** The "Exportieren" dialog: format, page options, progress, and the result with its buttons. */
export class ExportDialog {
  constructor(readonly page: Page) {}

  get dialog(): Locator {
    return this.page.getByRole('dialog').filter({ has: this.page.getByRole('heading', { name: /exportieren|Export abgeschlossen/ }) });
  }

  format(name: 'PDF' | 'Word (DOCX)' | 'Markdown' | 'HTML'): Locator {
    return this.dialog.getByRole('radio', { name: new RegExp(`^${name.replace(/[()]/g, '\\$&')}`) });
  }

  get portrait(): Locator {
    return this.dialog.getByRole('radio', { name: 'Hochformat' });
  }

  get landscape(): Locator {
    return this.dialog.getByRole('radio', { name: 'Querformat' });
  }

  get watermark(): Locator {
    return this.dialog.getByRole('checkbox', { name: 'Wasserzeichen „ENTWURF“' });
  }

  get paper(): Locator {
    return this.dialog.getByLabel('Papierformat');
  }

  get saveButton(): Locator {
    return this.dialog.getByRole('button', { name: 'Speichern unter…' });
  }

  get progress(): Locator {
    return this.dialog.getByTestId('export-progress');
  }

  get done(): Locator {
    return this.dialog.getByTestId('export-done');
  }

  get openFileButton(): Locator {
    return this.dialog.getByRole('button', { name: 'Datei öffnen' });
  }

  get showInFolderButton(): Locator {
    return this.dialog.getByRole('button', { name: 'Im Ordner zeigen' });
  }

  get closeButton(): Locator {
    return this.dialog.getByRole('button', { name: 'Schließen' });
  }

  async expectOpen(): Promise<void> {
    await expect(this.dialog).toBeVisible();
  }
}
