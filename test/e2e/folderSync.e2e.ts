/**
 * Folder sync end to end, through the UI: one profile sets up a sync folder with a new
 * passphrase, records an incident and syncs; the sealed file reaches a teammate's copy of the
 * folder (as Syncthing would carry it), who opens the folder — a wrong passphrase first — and
 * gets the incident; the teammate's reply travels back; a junk file in the folder is refused and
 * listed, nothing changed; after a reload the folder is remembered. No file in the folder holds
 * anything typed into the records, and nothing goes to the network.
 */
import type { Page } from '@playwright/test';
import { DaftarPage } from './support/daftarPage.ts';
import { expect, test } from './support/fixtures.ts';
import { FOLDER_NAME, TestSyncFolder } from './support/syncFolders.ts';

const CANARY = 'QZX-folder-canary-8e21';
const PASSPHRASE = 'apricots under the bridge';

const folderPanel = (page: Page) => page.getByRole('region', { name: 'Sync through a folder' });
const folderStatus = (page: Page) =>
  folderPanel(page).getByRole('status', { name: 'Folder sync status' });

/** Presses "Sync folder now" on the team page (what it brings is awaited by the caller). */
async function syncFolderNow(page: Page): Promise<void> {
  await folderPanel(page).getByRole('button', { name: 'Sync folder now' }).click();
}

/**
 * A record just saved waits to be written (the bar at the foot of the window says so); "Sync
 * folder now" there writes it, and the bar says up to date once it is in the folder.
 */
async function writeOut(page: Page): Promise<void> {
  const bar = page.getByRole('contentinfo', { name: 'Folder sync' });
  await expect(bar.getByRole('status')).toHaveText('Folder: 1 change waiting to be sent');
  await bar.getByRole('button', { name: 'Sync folder now' }).click();
  await expect(bar.getByRole('status')).toHaveText('Folder: Up to date', { timeout: 20_000 });
}

test('two profiles sync incidents through a shared folder, sealed', async ({
  app,
  launchApp,
  host,
}) => {
  test.setTimeout(120_000);
  const folder = await TestSyncFolder.create(host);
  const a = new DaftarPage(app);
  const b = new DaftarPage(await launchApp());
  try {
    await a.completeFirstRun('Mariam Ahmadi');
    await b.completeFirstRun('Bashir Rahimi');

    // A sets the folder up: it is new to Daftar, so a passphrase is chosen and typed twice.
    await a.nav('Team').click();
    await folder.answerPicker(a.page);
    await folderPanel(a.page).getByRole('button', { name: 'Choose folder…' }).click();
    await expect(folderPanel(a.page)).toContainText(`The folder “${FOLDER_NAME}” is new to Daftar`);
    await folderPanel(a.page).getByLabel('Folder passphrase', { exact: true }).fill('short');
    await folderPanel(a.page)
      .getByRole('button', { name: 'Start syncing through this folder' })
      .click();
    await expect(folderPanel(a.page).getByText('Use at least 10 characters.')).toBeVisible();
    await folderPanel(a.page).getByLabel('Folder passphrase', { exact: true }).fill(PASSPHRASE);
    await folderPanel(a.page).getByLabel('Confirm folder passphrase').fill(PASSPHRASE);
    await folderPanel(a.page)
      .getByRole('button', { name: 'Start syncing through this folder' })
      .click();
    await expect(folderStatus(a.page)).toHaveText('Up to date', { timeout: 30_000 });
    await expect(folderPanel(a.page)).toContainText(FOLDER_NAME);

    // A records an incident and syncs: one sealed file appears beside the description.
    await a.newIncident({ title: `Checkpoint arrests ${CANARY}`, date: '2024-06-02' });
    await writeOut(a.page);
    const written = await folder.files(a.page);
    expect(written).toHaveLength(2);
    expect(written.map((f) => f.name)).toEqual(
      expect.arrayContaining([
        'daftar-folder.json',
        expect.stringMatching(/^daftar-.+\.daftarsync$/),
      ]),
    );
    for (const file of written) {
      expect(file.bytes.includes(Buffer.from(CANARY)), `canary in ${file.name}`).toBe(false);
    }

    // The sync tool carries the folder to B, who opens it: the wrong passphrase, then the right.
    await folder.carry(a.page, b.page);
    await b.nav('Team').click();
    await folder.answerPicker(b.page);
    await folderPanel(b.page).getByRole('button', { name: 'Choose folder…' }).click();
    await expect(folderPanel(b.page)).toContainText(
      `Your team already syncs through “${FOLDER_NAME}”`,
    );
    await folderPanel(b.page).getByLabel('Folder passphrase').fill('apricots under the bridgE');
    await folderPanel(b.page).getByRole('button', { name: 'Open folder' }).click();
    await expect(folderPanel(b.page).getByRole('alert')).toHaveText(
      'The passphrase does not open this sync folder. Check it with your team.',
      { timeout: 30_000 },
    );
    await folderPanel(b.page).getByLabel('Folder passphrase').fill(PASSPHRASE);
    await folderPanel(b.page).getByRole('button', { name: 'Open folder' }).click();
    await expect(folderStatus(b.page)).toHaveText('Up to date', { timeout: 30_000 });
    await b.openIncidents();
    await expect(b.incidentsTable()).toContainText(`Checkpoint arrests ${CANARY}`);

    // B's own incident travels back.
    await b.newIncident({ title: 'Market blast, Herat', date: '2024-06-03' });
    await writeOut(b.page);
    await folder.carry(b.page, a.page);
    await a.nav('Team').click();
    await syncFolderNow(a.page);
    await a.openIncidents();
    await expect(a.incidentsTable()).toContainText('Market blast, Herat', { timeout: 20_000 });

    // A junk file in the folder is refused, listed with its reason, and changes nothing.
    await folder.put(b.page, {
      name: 'daftar-x-20260101T000000Z-AAAAAAAA.daftarsync',
      bytes: Buffer.from('<script>alert(1)</script>'),
    });
    await b.nav('Team').click();
    await syncFolderNow(b.page);
    const refused = folderPanel(b.page).getByRole('table', {
      name: 'Files refused from the folder',
    });
    await expect(refused).toContainText('daftar-x-20260101T000000Z-AAAAAAAA.daftarsync', {
      timeout: 20_000,
    });
    await expect(refused).toContainText('notAnEnvelope');
    await b.openIncidents();
    await expect(b.incidentsTable().getByRole('row')).toHaveCount(3); // header + 2

    // After a reload the folder is remembered, and syncs when asked.
    await a.reload();
    await a.nav('Team').click();
    await expect(folderPanel(a.page)).toContainText(FOLDER_NAME);
    await expect(folderStatus(a.page)).toHaveText('Press “Sync folder now” to check the folder.');
    await syncFolderNow(a.page);
    await expect(folderStatus(a.page)).toHaveText('Up to date', { timeout: 20_000 });

    // Stopping forgets the folder; the records stay.
    await folderPanel(a.page)
      .getByRole('button', { name: 'Stop syncing through this folder…' })
      .click();
    await folderPanel(a.page)
      .getByRole('group', { name: 'Confirm stopping folder sync' })
      .getByRole('button', { name: 'Stop folder sync' })
      .click();
    await expect(folderPanel(a.page).getByRole('button', { name: 'Choose folder…' })).toBeVisible();
    await a.openIncidents();
    await expect(a.incidentsTable()).toContainText(`Checkpoint arrests ${CANARY}`);
  } finally {
    await folder.dispose();
  }
});
