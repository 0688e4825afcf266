/**
 * The app lock as a person meets it, and what stays on disk. Each test runs its own Chromium on a
 * profile folder it can read afterwards (the shared fixture's contexts keep nothing on disk):
 * records and an image holding unique canaries are made, the app is locked or wiped and closed,
 * and every file of the profile is searched for the canaries. A control string written in the
 * clear on purpose must be found, so the search is known to see what the browser stores.
 */
import { chromium, type BrowserContext, type Page } from '@playwright/test';
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PNG } from 'pngjs';
import { CHROMIUM_ARGS, chromiumPath } from './support/chromium.ts';
import { DaftarPage, E2E_PASSPHRASE } from './support/daftarPage.ts';
import { expect, test, onlyInHost } from './support/fixtures.ts';
import { writeLegacyProfile } from './support/legacyProfile.ts';
import { scanProfile } from './support/profileScan.ts';
import { readSealedRows } from './support/sealedRows.ts';

onlyInHost(
  'web',
  'these tests run their own Chromium on a profile folder they can scan; the Electron project checks the app, not the browser profile',
);

const dirs: string[] = [];
test.afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function profileDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'daftar-lock-'));
  dirs.push(dir);
  return dir;
}

async function openProfile(
  dir: string,
  baseURL: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: chromiumPath(),
    args: CHROMIUM_ARGS,
    baseURL,
    viewport: { width: 1280, height: 900 },
  });
  // As the shared fixture does: nothing may leave the machine.
  context.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(baseURL) && !/^(data|blob|about|chrome-extension|devtools):/.test(url))
      offsite.push(url);
  });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto('./');
  return { context, page };
}

const offsite: string[] = [];
test.afterEach(() => {
  expect(offsite.splice(0), 'requests to non-local addresses').toEqual([]);
});

const canaryOf = (what: string) => `CANARY${what}${Math.random().toString(36).slice(2, 10)}`;

/** A real PNG with the canary after its end, as a camera's metadata might carry a name. */
function canaryImage(canary: string): Buffer {
  const png = new PNG({ width: 2, height: 2 });
  png.data.fill(200);
  return Buffer.concat([PNG.sync.write(png), Buffer.from(canary)]);
}

/** An incident and a source with an image, every private field holding a canary. */
async function recordCanaries(page: Page, canary: string): Promise<void> {
  const daftar = new DaftarPage(page);
  await daftar.newIncident({ title: `Raid on ${canary}` });
  await daftar.field('District').fill(`${canary} district`);
  await daftar.field('Notes').fill(`Witness ${canary} said`);
  await daftar.expectSaved();
  await daftar.newSource({ title: `Report by ${canary}`, outlet: `${canary} Radio` });
  await page
    .getByLabel('Attach files')
    .setInputFiles({ name: 'site.png', mimeType: 'image/png', buffer: canaryImage(canary) });
  await expect(page.getByLabel('SHA-256 of site.png')).toBeVisible();
}

/** Plain text the page stores in the clear on purpose: the scan must find it. */
async function writeControl(page: Page, control: string): Promise<void> {
  await page.evaluate(async (text) => {
    localStorage.setItem('control', text);
    await new Promise<void>((resolve, reject) => {
      const open = indexedDB.open('control');
      open.onupgradeneeded = () => open.result.createObjectStore('s');
      open.onsuccess = () => {
        const tx = open.result.transaction('s', 'readwrite', { durability: 'strict' });
        tx.objectStore('s').put(text, 'k');
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      };
    });
  }, control);
}

test('a locked profile leaves no record, note or image readable on disk', async ({ baseURL }) => {
  const dir = await profileDir();
  const canary = canaryOf('locked');
  const control = canaryOf('control');
  const { context, page } = await openProfile(dir, baseURL!);
  await new DaftarPage(page).completeFirstRun(`Researcher ${canary}`);
  await recordCanaries(page, canary);
  await writeControl(page, control);
  await page.getByRole('button', { name: 'Lock', exact: true }).click();
  await expect(page.getByRole('main', { name: 'Daftar is locked' })).toBeVisible();
  await context.close();

  const { files, hits } = await scanProfile(dir, [canary, control]);
  expect(files).toBeGreaterThan(10);
  expect(hits[control]!.length, 'the control string, stored in the clear').toBeGreaterThan(0);
  expect(hits[canary], 'files holding a canary').toEqual([]);
});

test('a copied profile opens nothing without the passphrase', async ({ baseURL }) => {
  const dir = await profileDir();
  const canary = canaryOf('copied');
  const first = await openProfile(dir, baseURL!);
  await new DaftarPage(first.page).completeFirstRun();
  await recordCanaries(first.page, canary);
  await first.context.close();

  const copy = await profileDir();
  await cp(dir, copy, { recursive: true });
  const { context, page } = await openProfile(copy, baseURL!);
  const daftar = new DaftarPage(page);
  await daftar.expectUnlockRefused('not the passphrase');
  await expect(page.getByText(canary)).toHaveCount(0);
  await expect(page.getByRole('navigation')).toHaveCount(0);

  // The copy is whole: with the passphrase it opens, with the records.
  await daftar.unlock(E2E_PASSPHRASE);
  await daftar.openIncidents();
  await expect(page.getByText(`Raid on ${canary}`)).toBeVisible();
  await context.close();
});

test('a wipe during an import returns to first run and leaves nothing behind', async ({
  baseURL,
}) => {
  const dir = await profileDir();
  const canary = canaryOf('wiped');
  const csvCanary = canaryOf('csv');
  const { context, page } = await openProfile(dir, baseURL!);
  await new DaftarPage(page).completeFirstRun();
  await recordCanaries(page, canary);

  // A dataset large enough to be still importing when the wipe comes.
  const header =
    'event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp';
  const rows = Array.from(
    { length: 6000 },
    (_, i) =>
      `AFG${i},2024-03-02,2024,1,Political violence,Battles,Armed clash,Taliban,,2,,,7,27,,4,Caucasus and Central Asia,Afghanistan,Kunduz,Kunduz,,Kunduz,36.7,68.8,1,Tolo News,National,Witness ${csvCanary} row ${i},1,,1718000000`,
  );
  await page.getByRole('link', { name: 'Import & export data' }).click();
  await page.getByLabel('Choose a file to import').setInputFiles({
    name: 'acled.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from([header, ...rows, ''].join('\r\n')),
  });
  await page.getByRole('button', { name: 'Check the whole file' }).click();
  await page.getByRole('button', { name: 'Import 6000 incidents' }).click();
  await expect(page.getByRole('progressbar').first()).toBeVisible();

  await page.keyboard.press('Control+Shift+Alt+KeyW');
  const dialog = page.getByRole('dialog', { name: 'Wipe everything on this computer?' });
  await expect(dialog.getByRole('button', { name: 'Wipe now' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(
    page.getByRole('main', { name: 'Welcome to Daftar — choose a passphrase' }),
  ).toBeVisible({ timeout: 20_000 });
  await context.close();

  const { hits } = await scanProfile(dir, [canary, csvCanary]);
  expect(hits[canary], 'files holding a record canary').toEqual([]);
  expect(hits[csvCanary], 'files holding a canary from the import').toEqual([]);
});

test('unlocking: a wrong passphrase says so, the duress passphrase wipes', async ({ app }) => {
  const daftar = new DaftarPage(app);
  await daftar.completeFirstRun();
  await daftar.newIncident({ title: 'Shelling near Spin Boldak' });
  await daftar.nav('Settings').click();
  const duress = app.getByRole('form', { name: 'Duress passphrase' });
  await duress.getByLabel('Current passphrase').fill(E2E_PASSPHRASE);
  await duress.getByLabel('Duress passphrase').fill('the sky is green');
  await duress.getByRole('button', { name: 'Set duress passphrase' }).click();
  await expect(app.getByText('Duress passphrase set.')).toBeVisible();

  await app.keyboard.press('Control+Shift+KeyL');
  await daftar.expectUnlockRefused('correct horse battery!');
  await daftar.unlock();
  await daftar.openIncidents();
  await expect(app.getByText('Shelling near Spin Boldak')).toBeVisible();

  await app.getByRole('button', { name: 'Lock', exact: true }).click();
  await daftar.submitPassphrase('the sky is green');
  await expect(
    app.getByRole('main', { name: 'Welcome to Daftar — choose a passphrase' }),
  ).toBeVisible({ timeout: 20_000 });
  await daftar.completeFirstRun();
  await daftar.openIncidents();
  await expect(app.getByText('Shelling near Spin Boldak')).toHaveCount(0);
});

test('a profile from before the lock is encrypted with the passphrase chosen for it', async ({
  app,
}) => {
  const canary = canaryOf('legacy');
  await writeLegacyProfile(app, canary);
  await app.reload();

  const protect = app.getByRole('main', { name: 'Protect this profile with a passphrase' });
  await expect(protect).toContainText('the records already here will be encrypted with it');
  await protect.getByLabel('New passphrase').fill(E2E_PASSPHRASE);
  await protect.getByLabel('Repeat the passphrase').fill(E2E_PASSPHRASE);
  await protect.getByRole('button', { name: 'Encrypt this profile' }).click();
  await expect(protect).toBeHidden({ timeout: 20_000 });

  // The records were moved: no first-run questions (the profile came along), the incident and
  // its source are there, linked, and the unencrypted database is gone.
  const daftar = new DaftarPage(app);
  await expect(app.getByRole('dialog', { name: 'Welcome to Daftar' })).toHaveCount(0);
  await daftar.openIncident(`Raid on ${canary} village`);
  await expect(daftar.field('Notes')).toHaveValue(`Witness ${canary} said`);
  await expect(app.getByRole('button', { name: `Unlink “Report by ${canary}”` })).toBeVisible();
  const databases = await app.evaluate(async () =>
    (await indexedDB.databases()).map((db) => db.name),
  );
  expect(databases).not.toContain('daftar');
  const incidents = await readSealedRows(app, 'incidents', E2E_PASSPHRASE);
  expect(incidents.map((row) => row.title)).toEqual([`Raid on ${canary} village`]);

  // It opens with that passphrase from now on, and only with it.
  await app.reload();
  await daftar.expectUnlockRefused('not the passphrase');
  await daftar.unlock();
  await daftar.openIncidents();
  await expect(app.getByText(`Raid on ${canary} village`)).toBeVisible();
});

test('changing the passphrase keeps the records; the old one no longer opens', async ({ app }) => {
  const daftar = new DaftarPage(app);
  await daftar.completeFirstRun();
  await daftar.newIncident({ title: 'Arrest of a teacher in Herat' });
  await daftar.nav('Settings').click();
  const change = app.getByRole('form', { name: 'Change the passphrase' });
  await change.getByLabel('Current passphrase').fill('wrong wrong wrong');
  await change.getByLabel('New passphrase').fill('a new long passphrase');
  await change.getByLabel('Repeat the passphrase').fill('a new long passphrase');
  await change.getByRole('button', { name: 'Change passphrase' }).click();
  await expect(change.getByRole('alert')).toHaveText('That is not the passphrase of this profile.');
  await change.getByLabel('Current passphrase').fill(E2E_PASSPHRASE);
  await change.getByRole('button', { name: 'Change passphrase' }).click();
  await expect(app.getByText('Passphrase changed. Use the new one from now on.')).toBeVisible();

  await app.reload();
  await daftar.expectUnlockRefused(E2E_PASSPHRASE);
  await daftar.unlock('a new long passphrase');
  await daftar.openIncidents();
  await expect(app.getByText('Arrest of a teacher in Herat')).toBeVisible();
});

test('the app locks itself after the chosen idle time', async ({ app }) => {
  // The fake clock runs from page load (it flows as usual until told to jump).
  await app.clock.install();
  await app.reload();
  const daftar = new DaftarPage(app);
  await daftar.completeFirstRun();
  await daftar.nav('Settings').click();
  await app.getByLabel('Lock after this long without use').selectOption('5');
  await app.clock.runFor('04:00');
  await expect(daftar.lockScreen()).toHaveCount(0);
  await app.clock.runFor('01:10');
  await expect(daftar.lockScreen()).toBeVisible();
});
