import type { Locator, Page } from '@playwright/test';
import { AppShell } from './AppShell';

/** Einstellungen: language switch and facts about the installation. */
export class SettingsPage extends AppShell {
  constructor(page: Page) {
    super(page);
  }

  languageOption(name: 'Deutsch' | 'English'): Locator {
    return this.page.getByRole('radio', { name });
  }

  /** Value shown for a term of the "about" list (e.g. "Dokumente in der Bibliothek"). */
  info(term: string): Locator {
    return this.page
      .locator('dl > div')
      .filter({ has: this.page.locator('dt', { hasText: new RegExp(`^${term}$`) }) })
      .locator('dd');
  }
}
