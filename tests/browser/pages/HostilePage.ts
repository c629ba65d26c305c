import type { Locator, Page } from '@playwright/test';
import { EditorPage } from './EditorPage';

/** What the hostile-content spec needs beyond the editor: the sentinel, list scrolling, a real paste. */
export class HostilePage extends EditorPage {
  constructor(page: Page) {
    super(page);
  }

  /** `window.__qwPwned` of the app page: set only if hostile script ran. */
  sentinel(): Promise<unknown> {
    return this.page.evaluate(() => (window as unknown as { __qwPwned?: unknown }).__qwPwned);
  }

  /** The library list is virtualised: scrolls until the row with `title` is rendered, then opens it. */
  async openFromList(title: string): Promise<void> {
    const list = this.page.getByRole('listbox');
    const row = list.getByRole('option').filter({ has: this.page.getByTestId('row-title').getByText(title, { exact: true }) });
    await list.evaluate((el) => (el.scrollTop = 0));
    for (let i = 0; i < 40 && (await row.count()) === 0; i++) {
      await list.evaluate((el) => el.scrollBy(0, 250));
      await this.page.waitForTimeout(50);
    }
    await row.click();
  }

  /**
   * Elements in `scope` that should never exist in shown content (script, frames, media, forms …).
   * ProseMirror's own caret helper (`img.ProseMirror-separator`, no src) next to inline atoms is not content.
   */
  forbidden(scope: Locator): Locator {
    return scope.locator('script, iframe, frame, object, embed, img:not(.ProseMirror-separator), img[src], svg, math, video, audio, form, input, button[formaction], link, meta, base, style, template');
  }

  /** Every href of links in `scope`. */
  hrefs(scope: Locator): Promise<string[]> {
    return scope.locator('a[href]').evaluateAll((els) => els.map((e) => e.getAttribute('href') ?? ''));
  }

  /** Attribute names starting with "on" on any element in `scope`. */
  handlers(scope: Locator): Promise<string[]> {
    return scope.evaluate((root) =>
      Array.from(root.querySelectorAll('*')).flatMap((el) => Array.from(el.attributes).filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName}[${a.name}]`)),
    );
  }

  /** A real paste into the editor: a ClipboardEvent with text/html, as the system clipboard delivers it. */
  async pasteHtml(html: string): Promise<void> {
    await this.text.evaluate((el, data) => {
      const transfer = new DataTransfer();
      transfer.setData('text/html', data);
      transfer.setData('text/plain', data.replace(/<[^>]*>/g, ''));
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true, cancelable: true }));
    }, html);
  }
}
