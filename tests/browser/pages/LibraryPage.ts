import type { Locator, Page } from '@playwright/test';
import { AppShell } from './AppShell';

/** Bibliothek / Leitbilder / Pressematerial: the sort and filter controls and the virtual list. */
export class LibraryPage extends AppShell {
  constructor(page: Page) {
    super(page);
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1 });
  }

  get list(): Locator {
    return this.page.getByRole('listbox');
  }

  /** Row elements currently in the DOM (the list is virtualised: only those near the view). */
  get rows(): Locator {
    return this.list.getByRole('option');
  }

  /** The row at a 1-based position in the whole list (`aria-posinset`), once it is rendered. */
  rowAt(position: number): Locator {
    return this.list.locator(`[role="option"][aria-posinset="${position}"]`);
  }

  rowTitle(row: Locator): Locator {
    return row.getByTestId('row-title');
  }

  rowKind(row: Locator): Locator {
    return row.getByTestId('row-kind');
  }

  rowDate(row: Locator): Locator {
    return row.getByTestId('row-date');
  }

  row(title: string): Locator {
    return this.rows.filter({ has: this.page.getByTestId('row-title').getByText(title, { exact: true }) });
  }

  get count(): Locator {
    return this.page.getByTestId('document-count');
  }

  get sortSelect(): Locator {
    return this.page.getByLabel('Sortieren nach');
  }

  get orderSelect(): Locator {
    return this.page.getByLabel('Reihenfolge');
  }

  get kindSelect(): Locator {
    return this.page.getByLabel('Art', { exact: true });
  }

  async titlesInDom(): Promise<string[]> {
    return this.list.getByTestId('row-title').allTextContents();
  }

  async open(title: string): Promise<void> {
    await this.row(title).click();
  }

  async scrollToEnd(): Promise<void> {
    await this.list.evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
  }
}
