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

  async goTo(name: string): Promise<void> {
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
