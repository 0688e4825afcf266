/** Page object: the flows every end-to-end test repeats, written as a person would do them. */
import { expect, type Locator, type Page } from '@playwright/test';

export class DaftarPage {
  constructor(readonly page: Page) {}

  async completeFirstRun(name = 'Mariam Ahmadi'): Promise<void> {
    const dialog = this.page.getByRole('dialog', { name: 'Welcome to Daftar' });
    await dialog.getByLabel('Your name').fill(name);
    await dialog.getByRole('button', { name: 'Start using Daftar' }).click();
    await expect(dialog).toBeHidden();
  }

  field(label: string | RegExp): Locator {
    return this.page.getByLabel(label, { exact: typeof label === 'string' });
  }

  async expectSaved(): Promise<void> {
    await expect(
      this.page.getByRole('status').filter({ hasText: 'All changes saved.' }),
    ).toBeVisible();
  }

  async newIncident(fields: { title: string; date?: string }): Promise<void> {
    await this.page.getByRole('button', { name: 'New incident' }).click();
    await this.field('Title').fill(fields.title);
    if (fields.date) await this.field('Date (or start of range)').fill(fields.date);
    await this.expectSaved();
  }

  async newSource(fields: { title: string; outlet?: string }): Promise<void> {
    await this.page.getByRole('button', { name: 'New source' }).click();
    await this.field('Title').fill(fields.title);
    if (fields.outlet) await this.field('Outlet or publisher').fill(fields.outlet);
    await this.expectSaved();
  }

  async openIncidents(): Promise<void> {
    await this.page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Incidents' })
      .click();
  }

  incidentsTable(): Locator {
    return this.page.getByRole('table', { name: 'Incidents' });
  }

  async undo(): Promise<void> {
    await this.page.getByRole('banner').getByRole('button', { name: 'Undo' }).click();
  }
}
