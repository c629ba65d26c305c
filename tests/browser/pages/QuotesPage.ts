import type { Locator, Page } from '@playwright/test';
import { AppShell } from './AppShell';

/** Zitate: people or organisations with statements, and the timeline of the chosen one. */
export class QuotesPage extends AppShell {
  constructor(page: Page) {
    super(page);
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: 'Zitate' });
  }

  groupBy(name: 'Person' | 'Organisation'): Locator {
    return this.page.getByRole('radio', { name, exact: true });
  }

  get filter(): Locator {
    return this.page.getByLabel('Nach Namen filtern');
  }

  get groups(): Locator {
    return this.page.getByRole('list', { name: /mit Zitaten$/ }).getByRole('button');
  }

  group(name: string): Locator {
    return this.groups.filter({ hasText: name });
  }

  get timeline(): Locator {
    return this.page.getByTestId('quote-timeline');
  }

  get entries(): Locator {
    return this.timeline.getByTestId('timeline-entry');
  }
}
