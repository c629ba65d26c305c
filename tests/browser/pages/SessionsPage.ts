import { expect, type Locator, type Page } from '@playwright/test';
import { AppShell } from './AppShell';

/** Sitzungen: the session list, the form dialog, the agenda with its documents and the picker. */
export class SessionsPage extends AppShell {
  constructor(page: Page) {
    super(page);
  }

  async open(): Promise<void> {
    await this.goTo('Sitzungen');
    await expect(this.page.getByRole('heading', { level: 1, name: 'Sitzungen' })).toBeVisible();
  }

  get newSessionButton(): Locator {
    return this.page.getByRole('button', { name: 'Neue Sitzung', exact: true });
  }

  get sessionList(): Locator {
    return this.page.getByRole('navigation', { name: 'Sitzungen' });
  }

  sessionEntry(title: string): Locator {
    return this.sessionList.getByRole('button').filter({ hasText: title });
  }

  /** The open create/edit dialog. */
  get form(): Locator {
    return this.page.getByRole('dialog').filter({ has: this.page.getByRole('heading', { name: /Sitzung (anlegen|bearbeiten)/ }) });
  }

  field(label: string): Locator {
    return this.form.getByLabel(label, { exact: false });
  }

  async fillForm(values: { title?: string; committee?: string; date?: string; place?: string; status?: 'Entwurf' | 'Endfassung' }): Promise<void> {
    if (values.title !== undefined) await this.form.getByLabel(/^Titel/).fill(values.title);
    if (values.committee !== undefined) await this.form.getByLabel('Gremium').fill(values.committee);
    if (values.date !== undefined) await this.form.getByLabel('Datum').fill(values.date);
    if (values.place !== undefined) await this.form.getByLabel('Ort').fill(values.place);
    if (values.status !== undefined) await this.form.getByLabel('Status').selectOption({ label: values.status });
  }

  get detail(): Locator {
    return this.page.getByTestId('session-detail');
  }

  get detailTitle(): Locator {
    return this.detail.getByRole('heading', { level: 2 }).first();
  }

  get newItemInput(): Locator {
    return this.detail.getByLabel('Neuer Tagesordnungspunkt');
  }

  async addItem(title: string): Promise<void> {
    const before = await this.items.count();
    await this.newItemInput.fill(title);
    await this.newItemInput.press('Enter');
    await expect(this.items).toHaveCount(before + 1);
  }

  get items(): Locator {
    return this.detail.getByTestId('agenda-item');
  }

  item(title: string): Locator {
    return this.items.filter({ has: this.page.getByTestId('agenda-item-title').filter({ hasText: title }) });
  }

  itemHeader(title: string): Locator {
    return this.item(title).getByTestId('agenda-item-header');
  }

  /** The focusable "TOP n" of an item (the row's keyboard handle). */
  itemRow(title: string): Locator {
    return this.item(title).getByRole('group', { name: new RegExp(`: ${escapeRegExp(title)}$`) });
  }

  /** The agenda's item titles, in order: assert with toHaveText([...]), which waits for the agenda. */
  get itemTitles(): Locator {
    return this.detail.getByTestId('agenda-item-title');
  }

  documents(itemTitle: string): Locator {
    return this.item(itemTitle).getByTestId('agenda-document');
  }

  document(itemTitle: string, docTitle: string): Locator {
    return this.documents(itemTitle).filter({ hasText: docTitle });
  }

  /** The titles of an item's documents, in order (assert with toHaveText([...])). */
  documentTitles(itemTitle: string): Locator {
    return this.item(itemTitle).getByTestId('agenda-document-title');
  }

  get picker(): Locator {
    return this.page.getByRole('dialog').filter({ has: this.page.getByRole('heading', { name: /Unterlage zu TOP \d+ hinzufügen/ }) });
  }

  async attach(itemTitle: string, docTitles: string[], search?: string): Promise<void> {
    await this.item(itemTitle).getByRole('button', { name: /^Unterlage hinzufügen \(TOP \d+\)$/ }).click();
    await expect(this.picker).toBeVisible();
    if (search) await this.picker.getByRole('searchbox', { name: 'Dokumente suchen' }).fill(search);
    for (const title of docTitles) {
      await this.picker.getByRole('button', { name: `„${title}“ hinzufügen` }).click();
      await expect(this.picker.getByRole('listitem').filter({ hasText: title }).getByText('Zugeordnet')).toBeVisible();
    }
    await this.picker.getByRole('button', { name: 'Fertig' }).click();
    await expect(this.picker).toBeHidden();
  }

  get announcement(): Locator {
    return this.page.getByTestId('agenda-announcement');
  }

  get exportButton(): Locator {
    return this.detail.getByRole('button', { name: 'Sitzungsdossier exportieren…' });
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
