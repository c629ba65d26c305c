import type { Locator, Page } from '@playwright/test';

/** The welcome screen of an empty library. */
export class FirstStartPage {
  constructor(readonly page: Page) {}

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: 'Willkommen bei Quartierswissen' });
  }

  get loadSampleButton(): Locator {
    return this.page.getByRole('button', { name: 'Beispielbibliothek laden' });
  }

  get importButton(): Locator {
    return this.page.getByRole('button', { name: 'Dokumente importieren' });
  }

  get importNote(): Locator {
    return this.page.getByText('Texte, Webseiten, Word, PDF und E-Mails – oder Dateien einfach ins Fenster ziehen.');
  }

  get startEmptyButton(): Locator {
    return this.page.getByRole('button', { name: 'Mit leerer Bibliothek beginnen' });
  }
}
