import type { Locator, Page } from '@playwright/test';

/** The parts of the shell every page shares: main navigation and the message region. */
export class AppShell {
  constructor(readonly page: Page) {}

  get navigation(): Locator {
    return this.page.getByRole('navigation');
  }

  navEntry(name: string): Locator {
    return this.navigation.getByRole('button', { name, exact: true });
  }

  /** The "Menü" button that shows the navigation in narrow windows (below ~900 px). */
  get menuButton(): Locator {
    return this.page.getByRole('button', { name: /^(Menü|Menu)$/ });
  }

  /** Goes to a section; in a narrow window through the menu button first, as a person would. */
  async goTo(name: string): Promise<void> {
    if (!(await this.navEntry(name).isVisible()) && (await this.menuButton.isVisible())) await this.menuButton.click();
    await this.navEntry(name).click();
  }

  /** The polite alert region that shows errors from `call()`. */
  get messages(): Locator {
    return this.page.getByRole('alert');
  }

  messageWithCode(code: string): Locator {
    return this.messages.locator(`[data-code="${code}"]`);
  }
}
