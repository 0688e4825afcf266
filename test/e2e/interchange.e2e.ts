/**
 * Importing and exporting datasets through the "Import & export data" screen, as a researcher
 * would: an ACLED file is checked (new, refused rows with their line and reason), imported, and
 * imported again without changing anything; a GeoJSON export goes to a teammate's fresh profile;
 * a workbook is refused with a reason that says what to do.
 */
import type { Page } from '@playwright/test';
import { DaftarPage } from './support/daftarPage.ts';
import { expect, test } from './support/fixtures.ts';
import { captureSave } from './support/savedFiles.ts';

const ACLED_HEADER =
  'event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,tags,timestamp';
const acledRow = (id: string, date: string, place: string, fatalities: number, source: string) =>
  `${id},${date},2024,1,Political violence,Battles,Armed clash,Taliban,,2,,,7,27,,4,Caucasus and Central Asia,Afghanistan,${place},${place},,${place},36.7,68.8,1,${source},National,Clash reported in ${place}.,${fatalities},,1718000000`;

/** Four rows: two good, one with an impossible date (line 4), one repeating an id (line 5). */
const ACLED_FILE = Buffer.from(
  [
    ACLED_HEADER,
    acledRow('AFG1', '2024-03-02', 'Kunduz', 3, 'Pajhwok Afghan News; Reuters'),
    acledRow('AFG2', '2024-03-05', 'Herat', 0, 'Tolo News'),
    acledRow('AFG3', '2024-02-31', 'Balkh', 1, 'Tolo News'),
    acledRow('AFG1', '2024-03-09', 'Kabul', 2, 'Reuters'),
    '',
  ].join('\r\n'),
);

async function openInterchange(page: Page) {
  await page.getByRole('link', { name: 'Import & export data' }).click();
  await expect(page.getByRole('heading', { name: 'Import & export data' })).toBeVisible();
}

async function chooseFile(page: Page, file: { name: string; bytes: Buffer }) {
  await page.getByLabel('Choose a file to import').setInputFiles({
    name: file.name,
    mimeType: 'application/octet-stream',
    buffer: file.bytes,
  });
}

test('an ACLED file is checked, imported, and imported again without any change', async ({
  app,
}) => {
  await new DaftarPage(app).completeFirstRun();
  await openInterchange(app);
  await chooseFile(app, { name: 'acled-afghanistan.csv', bytes: ACLED_FILE });

  await expect(app.getByText('This is an ACLED export')).toBeVisible();
  await expect(app.getByLabel('Column for Id in the source dataset')).toHaveValue('event_id_cnty');
  await expect(app.getByLabel('Column for Date (or start of range)')).toHaveValue('event_date');
  const preview = app.getByRole('table', { name: /^Preview/ });
  await expect(preview).toContainText('Armed clash — Kunduz');
  await expect(preview).toContainText('Would be refused');

  await app.getByRole('button', { name: 'Check the whole file' }).click();
  const counts = app.getByRole('list', { name: 'What importing would do' });
  await expect(counts).toContainText('2 new');
  await expect(counts).toContainText('2 refused');
  const refused = app.getByRole('table', { name: '2 refused rows' });
  await expect(refused.getByRole('row', { name: /Line 4/ })).toContainText('2024-02-31');
  await expect(refused.getByRole('row', { name: /Line 5/ })).toContainText('already on line 2');
  await expect(app.getByText(/Sources credited: 3 to create/)).toBeVisible();

  await app.getByRole('button', { name: 'Import 2 incidents' }).click();
  await expect(
    app
      .getByRole('region', { name: 'Import a dataset' })
      .getByRole('status')
      .filter({ hasText: 'imported: 2 new, 0 updated, 0 unchanged' }),
  ).toHaveCount(1);

  // The same file again: nothing to do, and the screen says so.
  await app.getByRole('button', { name: 'Import another file' }).click();
  await chooseFile(app, { name: 'acled-afghanistan.csv', bytes: ACLED_FILE });
  await app.getByRole('button', { name: 'Check the whole file' }).click();
  await expect(counts).toContainText('2 unchanged');
  await expect(counts).toContainText('0 new');
  await expect(app.getByText('Nothing to import')).toBeVisible();
  await expect(app.getByRole('button', { name: /^Import \d/ })).toHaveCount(0);

  await app.getByRole('link', { name: 'Incidents', exact: true }).click();
  await expect(app.getByText('Armed clash — Herat')).toBeVisible();
});

test('a GeoJSON export brings the same incidents into a teammate’s profile', async ({
  app,
  launchApp,
}) => {
  const mariam = new DaftarPage(app);
  await mariam.completeFirstRun('Mariam Ahmadi');
  await openInterchange(app);
  await chooseFile(app, { name: 'acled-afghanistan.csv', bytes: ACLED_FILE });
  await app.getByRole('button', { name: 'Check the whole file' }).click();
  await app.getByRole('button', { name: 'Import 2 incidents' }).click();
  await expect(app.getByRole('button', { name: 'Import another file' })).toBeVisible();

  await app.getByLabel('Incidents as GeoJSON').check();
  await expect(app.getByLabel('All incidents (2)')).toBeChecked();
  const file = await captureSave(app, () => app.getByRole('button', { name: 'Export…' }).click());
  expect(file.name).toMatch(/^daftar-incidents-\d{4}-\d{2}-\d{2}\.geojson$/);

  const bashirPage = await launchApp();
  await new DaftarPage(bashirPage).completeFirstRun('Bashir Rahimi');
  await openInterchange(bashirPage);
  await chooseFile(bashirPage, file);
  await expect(bashirPage.getByLabel('Property for Title')).toHaveValue('title');
  await bashirPage.getByRole('button', { name: 'Check the whole file' }).click();
  const counts = bashirPage.getByRole('list', { name: 'What importing would do' });
  await expect(counts).toContainText('2 new');
  await expect(counts).toContainText('0 refused');
  await bashirPage.getByRole('button', { name: 'Import 2 incidents' }).click();
  await expect(bashirPage.getByRole('button', { name: 'Import another file' })).toBeVisible();
  await bashirPage.getByRole('link', { name: 'Sources', exact: true }).click();
  await expect(bashirPage.getByText('Pajhwok Afghan News').first()).toBeVisible();
});

test('a spreadsheet workbook is refused with what to do instead', async ({ app }) => {
  await new DaftarPage(app).completeFirstRun();
  await openInterchange(app);
  await chooseFile(app, {
    name: 'incidents.xlsx',
    bytes: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]),
  });
  await expect(app.getByRole('alert')).toContainText('Excel workbook');
  await expect(app.getByLabel('Choose a file to import')).toBeAttached();
});
