/** Page object: the flows every end-to-end test repeats, written as a person would do them. */
import { expect, type Locator, type Page } from '@playwright/test';
import { captureSave, type SavedFile } from './savedFiles.ts';

export type { SavedFile };

/** The passphrase end-to-end profiles are encrypted with. */
export const E2E_PASSPHRASE = 'correct horse battery';

export class DaftarPage {
  constructor(readonly page: Page) {}

  /** First run: the passphrase that encrypts the profile, then who is working here. */
  async completeFirstRun(name = 'Mariam Ahmadi', passphrase = E2E_PASSPHRASE): Promise<void> {
    await this.choosePassphrase(passphrase);
    const dialog = this.page.getByRole('dialog', { name: 'Welcome to Daftar' });
    await dialog.getByLabel('Your name').fill(name);
    await dialog.getByRole('button', { name: 'Start using Daftar' }).click();
    await expect(dialog).toBeHidden();
  }

  async choosePassphrase(passphrase = E2E_PASSPHRASE): Promise<void> {
    const screen = this.page.getByRole('main', { name: 'Welcome to Daftar — choose a passphrase' });
    await screen.getByLabel('New passphrase').fill(passphrase);
    await screen.getByLabel('Repeat the passphrase').fill(passphrase);
    await screen.getByRole('button', { name: 'Encrypt and start' }).click();
    await expect(screen).toBeHidden({ timeout: 20_000 });
  }

  lockScreen(): Locator {
    return this.page.getByRole('main', { name: 'Daftar is locked' });
  }

  /** Types `passphrase` at the lock screen and presses Unlock. */
  async submitPassphrase(passphrase: string): Promise<void> {
    await this.lockScreen().getByLabel('Passphrase', { exact: true }).fill(passphrase);
    await this.lockScreen().getByRole('button', { name: 'Unlock' }).click();
  }

  async unlock(passphrase = E2E_PASSPHRASE): Promise<void> {
    await this.submitPassphrase(passphrase);
    await expect(this.lockScreen()).toBeHidden({ timeout: 20_000 });
  }

  /** The lock screen refuses `passphrase`, and says so. */
  async expectUnlockRefused(passphrase: string): Promise<void> {
    await this.submitPassphrase(passphrase);
    await expect(this.lockScreen().getByRole('alert')).toHaveText(/does not open this profile/);
  }

  /** Reloads the window, which starts at the lock screen, and unlocks it. */
  async reload(): Promise<void> {
    await this.page.reload();
    await this.unlock();
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

  nav(name: string | RegExp): Locator {
    return this.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name });
  }

  async openIncident(title: string): Promise<void> {
    await this.openIncidents();
    await this.incidentsTable().getByRole('link', { name: title, exact: true }).click();
    await expect(this.field('Title')).toHaveValue(title);
  }

  async renameIncident(title: string, newTitle: string): Promise<void> {
    await this.openIncident(title);
    await this.field('Title').fill(newTitle);
    await this.expectSaved();
  }

  // ---- exchange ------------------------------------------------------------------------------

  async openExchange(): Promise<void> {
    await this.nav('Exchange').click();
    await expect(this.page.getByRole('heading', { level: 1, name: 'Exchange' })).toBeVisible();
  }

  /** Exports a bundle through the Exchange view and returns the file the browser saved. */
  async exportBundle(options: { scope?: string | RegExp; passphrase?: string } = {}) {
    await this.openExchange();
    const exportPanel = this.page.getByRole('region', { name: 'Export' });
    await exportPanel.getByRole('radio', { name: options.scope ?? 'Everything' }).check();
    if (options.passphrase) {
      await exportPanel.getByLabel('Passphrase', { exact: true }).fill(options.passphrase);
      await exportPanel.getByLabel('Confirm passphrase').fill(options.passphrase);
    }
    const file = await captureSave(this.page, () =>
      exportPanel.getByRole('button', { name: 'Export bundle' }).click(),
    );
    await expect(
      this.page.getByRole('status').filter({ hasText: `Bundle saved: ${file.name}` }),
    ).toBeVisible();
    return file;
  }

  /** The import flow's dialog, whichever step it shows. */
  importDialog(): Locator {
    return this.page.locator('dialog.import-dialog');
  }

  /** Chooses a bundle with "Import bundle…" (through the file chooser); the flow opens it. */
  async chooseBundle(file: SavedFile): Promise<Locator> {
    await this.openExchange();
    const chooser = this.page.waitForEvent('filechooser');
    await this.page.getByRole('button', { name: 'Import bundle…' }).click();
    await (
      await chooser
    ).setFiles({ name: file.name, mimeType: 'application/octet-stream', buffer: file.bytes });
    await expect(this.importDialog()).toBeVisible();
    return this.importDialog();
  }

  /** Drops a file on the window, as when dragging it from the file manager. */
  async dropFile(file: SavedFile): Promise<Locator> {
    const dataTransfer = await this.page.evaluateHandle(
      ({ name, bytes }) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([new Uint8Array(bytes)], name));
        return transfer;
      },
      { name: file.name, bytes: [...file.bytes] },
    );
    await this.page.dispatchEvent('main', 'dragover', { dataTransfer });
    await expect(this.page.getByText('Drop a .daftar bundle to import it')).toBeVisible();
    await this.page.dispatchEvent('main', 'drop', { dataTransfer });
    await expect(this.importDialog()).toBeVisible();
    return this.importDialog();
  }

  /** From the preview: Import, wait for the report, close it. */
  async confirmImport(): Promise<void> {
    const dialog = this.importDialog();
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(dialog.getByRole('heading', { name: /imported$/ })).toBeVisible();
    await dialog.getByRole('button', { name: 'Close' }).click();
    await expect(dialog).toBeHidden();
  }

  async importBundle(file: SavedFile): Promise<Locator> {
    const preview = await this.chooseBundle(file);
    await expect(preview.getByRole('heading', { name: `Import “${file.name}”?` })).toBeVisible();
    return preview;
  }

  async ownFingerprint(): Promise<string> {
    await this.openExchange();
    const own = this.page.getByLabel("This device's fingerprint:");
    await expect(own).toHaveText(/^[0-9A-F]{8}( [0-9A-F]{8}){4}$/);
    return (await own.textContent()) ?? '';
  }

  async saveBackup(): Promise<SavedFile> {
    await this.openExchange();
    return captureSave(this.page, () =>
      this.page.getByRole('button', { name: 'Save full backup (JSON)' }).click(),
    );
  }
}
