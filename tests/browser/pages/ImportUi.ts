import type { Locator, Page } from '@playwright/test';
import { AppShell } from './AppShell';

export interface DroppedFile {
  name: string;
  content: string;
  type?: string;
}

/** Import buttons, the progress panel, the report dialog and dropping files onto the window. */
export class ImportUi extends AppShell {
  constructor(page: Page) {
    super(page);
  }

  get filesButton(): Locator {
    return this.page.getByRole('button', { name: 'Importieren…', exact: true });
  }

  get folderButton(): Locator {
    return this.page.getByRole('button', { name: 'Ordner importieren…', exact: true });
  }

  /** The panel of a running import (count, current file, rate, time left, cancel). */
  get progress(): Locator {
    return this.page.getByRole('region', { name: /^Import (läuft|wird abgebrochen …)$/ });
  }

  get report(): Locator {
    return this.page.getByRole('dialog', { name: /^Import (abgeschlossen|abgebrochen)$/ });
  }

  get imported(): Locator {
    return this.report.getByTestId('report-imported');
  }

  get duplicates(): Locator {
    return this.report.getByTestId('report-duplicate');
  }

  get failed(): Locator {
    return this.report.getByTestId('report-failed');
  }

  importedItem(title: string): Locator {
    return this.imported.filter({ hasText: title });
  }

  get closeButton(): Locator {
    return this.report.getByRole('button', { name: 'Schließen' });
  }

  /** Drops files onto the window as a person would: a real DataTransfer with File objects. */
  async drop(files: DroppedFile[]): Promise<void> {
    await this.page.evaluate((list) => {
      const data = new DataTransfer();
      for (const f of list) data.items.add(new File([f.content], f.name, { type: f.type ?? 'text/plain' }));
      const target = document.querySelector('main') ?? document.body;
      const fire = (type: string) => target.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
      fire('dragenter');
      fire('dragover');
      fire('drop');
    }, files);
  }
}
