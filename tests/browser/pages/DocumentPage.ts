import type { Locator, Page } from '@playwright/test';
import { AppShell } from './AppShell';

/** The reading view of one document. */
export class DocumentPage extends AppShell {
  constructor(page: Page) {
    super(page);
  }

  get title(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  get backButton(): Locator {
    return this.page.getByRole('button', { name: 'Zurück zur Liste' });
  }

  get body(): Locator {
    return this.page.getByRole('region', { name: 'Text des Dokuments' });
  }

  bodyHeading(name: string): Locator {
    return this.body.getByRole('heading', { name, exact: true });
  }

  /** The value of a labelled detail ("Datum", "Status", …). */
  detail(term: string): Locator {
    return this.page
      .getByRole('article')
      .locator('dl > div')
      .filter({ has: this.page.locator('dt', { hasText: new RegExp(`^${term}$`) }) })
      .locator('dd');
  }

  get problem(): Locator {
    return this.page.getByText('Dieses Dokument ist nicht (mehr) in der Bibliothek vorhanden.');
  }
}
