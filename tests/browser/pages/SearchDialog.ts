import type { Locator, Page } from '@playwright/test';
import { AppShell } from './AppShell';

/** The search overlay (Ctrl+K): input, mode, facets, hits. */
export class SearchDialog extends AppShell {
  constructor(page: Page) {
    super(page);
  }

  get field(): Locator {
    return this.page.getByTestId('search-field');
  }

  get dialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Suche' });
  }

  get input(): Locator {
    return this.dialog.getByRole('combobox');
  }

  get hits(): Locator {
    return this.dialog.getByRole('option');
  }

  hit(title: string): Locator {
    return this.hits.filter({ hasText: title });
  }

  get total(): Locator {
    return this.dialog.getByTestId('search-total');
  }

  facet(group: string, value: string): Locator {
    return this.dialog.getByRole('group', { name: group, exact: true }).getByRole('button', { name: new RegExp(`^${value}\\s*\\d+$`) });
  }

  mode(name: 'Dokumente' | 'Zitate durchsuchen'): Locator {
    return this.dialog.getByRole('button', { name, exact: true });
  }

  async openWithKeyboard(): Promise<void> {
    await this.page.keyboard.press('Control+k');
  }
}
