/**
 * Two researchers exchange their work as bundle files, end to end through the UI: each has a
 * fresh profile of their own (a separate browser context, so a separate IndexedDB; in Electron a
 * separate app with its own user-data folder), exports to a file (a download in the browser, the
 * native save dialog in Electron), and imports the other's file through the file chooser or by
 * dropping it on the window. Concurrent edits become a visible conflict on both sides until one
 * person resolves it, after which both profiles hold exactly the same data.
 */
import { DaftarPage, type SavedFile } from './support/daftarPage.ts';
import { expect, test as base } from './support/fixtures.ts';

/** Two researchers, each in a fresh profile of their own, past the first-run dialog. */
const test = base.extend<{ mariam: DaftarPage; bashir: DaftarPage }>({
  mariam: async ({ app }, use) => {
    const mariam = new DaftarPage(app);
    await mariam.completeFirstRun('Mariam Ahmadi');
    await use(mariam);
  },
  bashir: async ({ launchApp }, use) => {
    const bashir = new DaftarPage(await launchApp());
    await bashir.completeFirstRun('Bashir Rahimi');
    await use(bashir);
  },
});

test('two researchers exchange bundles, resolve a conflict and end with the same data', async ({
  mariam,
  bashir,
}) => {
  await mariam.newIncident({ title: 'Explosion in Kabul', date: '2024-05-01' });
  const mariamKey = await mariam.ownFingerprint();

  // Mariam → Bashir: a new teammate, one new record.
  const first = await mariam.exportBundle();
  expect(first.name).toMatch(/^daftar-\d{8}-\d{4}-[a-z2-7]+\.daftar$/);
  const preview = await bashir.importBundle(first);
  await expect(preview.getByText(/^New teammate: this is the first bundle/)).toBeVisible();
  await expect(preview.getByText('Mariam Ahmadi')).toBeVisible();
  await expect(preview.getByLabel('Key fingerprint')).toHaveText(mariamKey);
  await expect(preview.getByText('1 new record')).toBeVisible();
  await expect(preview.getByText('0 in conflict')).toBeVisible();
  await expect(preview.getByRole('list', { name: 'Records in this bundle' })).toContainText(
    'Explosion in Kabul',
  );
  await bashir.confirmImport();
  await expect(bashir.page.getByRole('table', { name: 'Teammates' })).toContainText(mariamKey);

  // Both rename the incident before seeing the other's edit.
  await mariam.renameIncident('Explosion in Kabul', 'Explosion in Kabul, 3 killed');
  await bashir.renameIncident('Explosion in Kabul', 'Explosion near Kabul airport');

  // Both ways again: each side now keeps both versions of the title.
  const second = await mariam.exportBundle();
  const toBashir = await bashir.importBundle(second);
  await expect(toBashir.getByText(/^Known teammate/)).toBeVisible();
  await expect(toBashir.getByText('1 in conflict')).toBeVisible();
  await bashir.confirmImport();
  const back = await bashir.exportBundle();
  const toMariam = await mariam.importBundle(back);
  await expect(toMariam.getByText('Bashir Rahimi')).toBeVisible();
  await expect(toMariam.getByText('1 in conflict')).toBeVisible();
  await mariam.confirmImport();
  await expect(mariam.nav('Conflicts (1)')).toBeVisible();
  await expect(bashir.nav('Conflicts (1)')).toBeVisible();

  // Mariam keeps Bashir's version; the conflict disappears at once.
  await mariam.nav('Conflicts (1)').click();
  const conflict = mariam.page.getByRole('article', { name: /^Title of/ });
  await expect(conflict.getByText('Explosion in Kabul, 3 killed')).toBeVisible();
  await conflict
    .getByRole('group', { name: /^Version by Bashir Rahimi/ })
    .getByRole('button', { name: 'Keep this version' })
    .click();
  await expect(mariam.page.getByText('No conflicts: every field has one value.')).toBeVisible();
  await expect(mariam.nav(/^Conflicts$/)).toBeVisible();

  // The resolution travels: Bashir's conflict is gone too, with the same title.
  await bashir.importBundle(await mariam.exportBundle());
  await bashir.confirmImport();
  await expect(bashir.nav(/^Conflicts$/)).toBeVisible();
  for (const person of [mariam, bashir]) {
    await person.openIncidents();
    await expect(
      person.incidentsTable().getByRole('link', { name: 'Explosion near Kabul airport' }),
    ).toBeVisible();
  }
  const [mariamBackup, bashirBackup] = [await mariam.saveBackup(), await bashir.saveBackup()];
  expect(mariamBackup.name).toMatch(/^daftar-backup-\d{4}-\d{2}-\d{2}\.json$/);
  expect(bashirBackup.bytes.equals(mariamBackup.bytes)).toBe(true);
});

test('a corrupt bundle is refused with a specific message and changes nothing', async ({
  mariam,
  bashir,
}) => {
  await mariam.newIncident({ title: 'Arrest of journalists in Herat', date: '2024-02-11' });
  const bundle = await mariam.exportBundle();
  const before = await bashir.saveBackup();

  const truncated: SavedFile = {
    name: bundle.name,
    bytes: bundle.bytes.subarray(0, Math.floor(bundle.bytes.length / 2)),
  };
  const dialog = await bashir.dropFile(truncated);
  await expect(dialog.getByRole('heading', { level: 2 })).toHaveText(
    `“${bundle.name}” was not imported`,
  );
  await expect(dialog.getByRole('alert')).toHaveText(
    /^This bundle is incomplete: the file was cut short/,
  );
  await expect(dialog.getByText('Nothing was changed.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  await expect(bashir.page.getByText(/^No teammates yet/)).toBeVisible();
  expect((await bashir.saveBackup()).bytes.equals(before.bytes)).toBe(true);
  await bashir.openIncidents();
  await expect(bashir.page.getByText('0 incidents')).toBeVisible();
});

test('an encrypted bundle opens only with its passphrase', async ({ mariam, bashir }) => {
  await mariam.newIncident({ title: 'Drone strike in Kunar', date: '2024-04-20' });

  // The two passphrase fields must agree before anything is exported.
  await mariam.openExchange();
  const exportPanel = mariam.page.getByRole('region', { name: 'Export' });
  await exportPanel.getByLabel('Passphrase', { exact: true }).fill('سه کلمه رمز');
  await exportPanel.getByLabel('Confirm passphrase').fill('سه کلمه');
  await expect(exportPanel.getByText('The two passphrases do not match.')).toBeVisible();
  await expect(exportPanel.getByRole('button', { name: 'Export bundle' })).toBeDisabled();
  const bundle = await mariam.exportBundle({ passphrase: 'سه کلمه رمز' });

  const dialog = await bashir.chooseBundle(bundle);
  await expect(dialog.getByRole('heading', { level: 2 })).toHaveText(
    `“${bundle.name}” is encrypted`,
  );
  await dialog.getByLabel('Bundle passphrase').fill('wrong words');
  await dialog.getByRole('button', { name: 'Open bundle' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(/^Wrong passphrase/);
  await dialog.getByLabel('Bundle passphrase').fill('سه کلمه رمز');
  await dialog.getByRole('button', { name: 'Open bundle' }).click();
  await expect(dialog.getByRole('heading', { level: 2 })).toHaveText(`Import “${bundle.name}”?`);
  await expect(dialog.getByText('The bundle was encrypted with a passphrase.')).toBeVisible();
  await expect(dialog.getByText('1 new record')).toBeVisible();
  await bashir.confirmImport();
  await bashir.openIncident('Drone strike in Kunar');
});

test('only the selected incidents travel in a bundle of a selection', async ({
  mariam,
  bashir,
}) => {
  await mariam.newIncident({ title: 'Protest in Herat dispersed', date: '2024-02-11' });
  await mariam.newIncident({ title: 'Clash in Panjshir', date: '2024-06-10' });

  await mariam.openIncidents();
  await mariam.page.getByRole('checkbox', { name: 'Select Clash in Panjshir' }).check();
  await expect(mariam.page.getByText('1 selected')).toBeVisible();
  await mariam.page.getByRole('button', { name: 'Select all shown' }).click();
  await expect(mariam.page.getByText('2 selected')).toBeVisible();
  await mariam.page.getByRole('button', { name: 'Clear selection' }).click();
  await mariam.page.getByRole('checkbox', { name: 'Select Protest in Herat dispersed' }).check();

  const bundle = await mariam.exportBundle({ scope: 'Selected incidents (1)' });
  const preview = await bashir.importBundle(bundle);
  await expect(preview.getByText('1 new record')).toBeVisible();
  await bashir.confirmImport();
  await bashir.openIncidents();
  await expect(bashir.page.getByText('1 incident', { exact: true })).toBeVisible();
  await expect(
    bashir.incidentsTable().getByRole('link', { name: 'Protest in Herat dispersed' }),
  ).toBeVisible();
});
