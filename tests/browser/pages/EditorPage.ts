import type { Locator, Page } from '@playwright/test';
import { DocumentPage } from './DocumentPage';

/** The collaborative editor of a draft (Bearbeiten in the document view). */
export class EditorPage extends DocumentPage {
  constructor(page: Page) {
    super(page);
  }

  get editButton(): Locator {
    return this.page.getByRole('button', { name: 'Bearbeiten', exact: true });
  }

  get text(): Locator {
    return this.page.getByRole('textbox', { name: 'Text des Entwurfs' });
  }

  get status(): Locator {
    return this.page.getByTestId('sync-status');
  }

  tool(name: string): Locator {
    return this.page.getByRole('toolbar', { name: 'Formatierung' }).getByRole('button', { name, exact: true });
  }

  tab(name: 'Kommentare' | 'Fassungen' | 'Quelle'): Locator {
    return this.page.getByRole('tab', { name });
  }

  get synopse(): Locator {
    return this.page.getByRole('region', { name: 'Synopse der Fassungen' });
  }

  /** Puts the caret at the end of the paragraph containing `text`. */
  async caretAfter(text: string): Promise<void> {
    await this.text.getByText(text).click();
    await this.page.keyboard.press('End');
  }
}
