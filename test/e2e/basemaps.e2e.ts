/**
 * The basemap library, end to end in the browser: every PMTiles and MBTiles file in the shared
 * fixtures is added by the file chooser (one by a drop), listed with what it is, and drawn; bad
 * files are refused with their reason and add nothing; a long import can be cancelled; removing
 * one frees its storage. No request leaves the machine (the fixture fails any test that tries).
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { Compression, TileType, writePmtiles } from '../../shared/maps/pmtilesWriter.ts';
import { SHARED_FIXTURES, sharedFixture } from '../helpers/sharedFixtures.ts';
import { DaftarPage } from './support/daftarPage.ts';
import { expect, test, userDataOf } from './support/fixtures.ts';
import {
  LAND,
  colourShare,
  distinctColours,
  expectMapReady,
  mapRegion,
  openMap,
  settle,
  withMap,
} from './support/mapPage.ts';

const library = (page: Page) => page.getByRole('region', { name: 'Basemaps' });

async function addBasemap(page: Page, file: string | { name: string; buffer: Buffer }) {
  const input = library(page).getByLabel('Basemap file');
  await input.setInputFiles(
    typeof file === 'string'
      ? path.resolve(SHARED_FIXTURES, file)
      : { name: file.name, mimeType: 'application/octet-stream', buffer: file.buffer },
  );
}

/**
 * Waits for the library to say a file was added. Converting an MBTiles file reads its SQLite
 * pages one by one, which takes a while on a busy machine.
 */
const expectAdded = (page: Page) =>
  expect(library(page).getByRole('status')).toContainText('was added and is shown', {
    timeout: 60_000,
  });

/** The basemaps listed (world map first), or the one so named. */
const listed = (page: Page, name?: string | RegExp) =>
  library(page).getByRole('group', { name: 'Basemap shown' }).getByRole('radio', { name });

/**
 * Files in the library's folder: the app data folder's `basemaps/` in Electron, the Origin
 * Private File System's in the browser.
 */
const storedFiles = async (page: Page) => {
  const userData = userDataOf(page);
  if (userData !== undefined) {
    const names = await readdir(path.join(userData, 'basemaps')).catch(() => []);
    return names.sort();
  }
  return page.evaluate(async () => {
    const root = await navigator.storage.getDirectory();
    const dir = await root.getDirectoryHandle('basemaps', { create: true });
    const names: string[] = [];
    for await (const name of (dir as unknown as { keys(): AsyncIterable<string> }).keys()) {
      names.push(name);
    }
    return names.sort();
  });
};

const RASTERS = [
  {
    file: 'stamen_toner_raster_z3.pmtiles',
    name: 'stamen_toner_raster_z3',
    kind: 'Raster (PNG)',
    zooms: '0 to 3',
  },
  {
    file: 'usgs_mt_whitney_z8-15_webp.pmtiles',
    name: /usgs|whitney/i,
    kind: 'Raster (WebP)',
    zooms: '8 to 15',
  },
  {
    file: 'node_mbtiles_plain_1.mbtiles',
    name: /plain/i,
    kind: 'Raster (PNG)',
    zooms: '0 to 4',
  },
];

for (const raster of RASTERS) {
  test(`a raster basemap from ${raster.file} is added, listed and drawn`, async ({ app }) => {
    test.setTimeout(120_000);
    await new DaftarPage(app).completeFirstRun();
    await openMap(app);
    const canvas = mapRegion(app).locator('canvas');
    expect(colourShare(await canvas.screenshot(), LAND)).toBeGreaterThan(0.05);

    await addBasemap(app, raster.file);
    await expectAdded(app);
    const radio = listed(app, raster.name);
    await expect(radio).toBeChecked();
    const details = library(app).getByRole('definition');
    await expect(details.filter({ hasText: raster.kind }).first()).toBeVisible();
    await expect(details.filter({ hasText: raster.zooms }).first()).toBeVisible();
    await expect(details.filter({ hasText: raster.file })).toBeVisible();
    await expectMapReady(app);
    await settle(app);
    // the file's tiles now cover the view: the world map's land colour is gone under them
    await expect
      .poll(async () => colourShare(await canvas.screenshot(), LAND), { timeout: 20_000 })
      .toBeLessThan(0.01);
    expect(distinctColours(await canvas.screenshot())).toBeGreaterThan(2);
    expect(await withMap<boolean>(app, "return map.isSourceLoaded('library');")).toBe(true);
  });
}

test('a vector basemap is added by dropping it on the map, and its features draw', async ({
  app,
}) => {
  await new DaftarPage(app).completeFirstRun();
  await openMap(app);
  const bytes = sharedFixture('pmtiles_test_fixture_1.pmtiles');
  const transfer = await app.evaluateHandle(
    (data) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(data)], 'test_fixture_1.pmtiles'));
      return dt;
    },
    [...bytes],
  );
  const view = app.locator('.map-view');
  await view.dispatchEvent('dragover', { dataTransfer: transfer });
  await view.dispatchEvent('drop', { dataTransfer: transfer });
  await expectAdded(app);
  await expect(library(app).getByRole('definition').filter({ hasText: 'Vector' })).toBeVisible();
  await expectMapReady(app);
  await settle(app);
  await expect
    .poll(() =>
      withMap<number>(
        app,
        "return map.queryRenderedFeatures({ layers: map.getStyle().layers.filter((l) => l.id.startsWith('library-')).map((l) => l.id) }).length;",
      ),
    )
    .toBeGreaterThan(0);
});

test('bad files are refused with their reason, and nothing is added or changed', async ({
  app,
}) => {
  await new DaftarPage(app).completeFirstRun();
  await openMap(app);
  await addBasemap(app, 'usgs_mt_whitney_z8-15_webp.pmtiles');
  await expectAdded(app);
  await expect(listed(app)).toHaveCount(2);
  const before = await storedFiles(app);

  const stamen = sharedFixture('stamen_toner_raster_z3.pmtiles');
  const mbtiles = sharedFixture('node_mbtiles_plain_1.mbtiles');
  const unknownCompression = Buffer.from(stamen);
  unknownCompression[98] = 3; // tile compression: Brotli
  const cases = [
    { name: 'cut.pmtiles', buffer: Buffer.from(stamen.subarray(0, 300_000)), says: /cut short/ },
    { name: 'cut.mbtiles', buffer: Buffer.from(mbtiles.subarray(0, 200_000)), says: /cut short/ },
    { name: 'notes.pmtiles', buffer: Buffer.from('just some notes\n'), says: /not a PMTiles/ },
    { name: 'brotli.pmtiles', buffer: unknownCompression, says: /Brotli/ },
  ];
  for (const bad of cases) {
    await addBasemap(app, bad);
    const alert = library(app).getByRole('alert');
    await expect(alert).toContainText(`“${bad.name}” was not added`);
    await expect(alert).toContainText(bad.says);
    await expect(listed(app)).toHaveCount(2);
  }
  expect(await storedFiles(app)).toEqual(before);
  // and the basemap kept before is still the one shown
  await expect(listed(app).nth(1)).toBeChecked();
});

test('a long import can be cancelled, and removing a basemap frees its storage', async ({
  app,
}) => {
  test.setTimeout(150_000);
  // a valid archive of ~200 MB: one large tile (its bytes do not matter to the copy)
  const dir = await mkdtemp(path.join(tmpdir(), 'daftar-big-'));
  const big = path.join(dir, 'big.pmtiles');
  const archive = await writePmtiles(
    [{ z: 0, x: 0, y: 0, data: new Uint8Array(200 * 1024 ** 2).fill(7) }],
    {
      tileType: TileType.Png,
      tileCompression: Compression.None,
      metadata: { name: 'big' },
      bounds: [-180, -85, 180, 85],
      center: [0, 0, 0],
    },
  );
  await writeFile(big, archive);
  try {
    await new DaftarPage(app).completeFirstRun();
    await openMap(app);
    await addBasemap(app, big);
    const progress = library(app).getByRole('progressbar', { name: 'Adding “big.pmtiles”…' });
    await expect(progress).toBeVisible();
    await library(app).getByRole('button', { name: 'Cancel' }).click();
    await expect(library(app).getByRole('status')).toContainText(
      'Adding “big.pmtiles” was cancelled. Nothing was added.',
    );
    await expect(listed(app)).toHaveCount(1);
    expect(await storedFiles(app)).toEqual([]);

    await addBasemap(app, 'stamen_toner_raster_z3.pmtiles');
    await expectAdded(app);
    expect(await storedFiles(app)).toHaveLength(2);
    await library(app).getByRole('button', { name: 'Remove stamen_toner_raster_z3' }).click();
    await library(app).getByRole('button', { name: 'Remove it' }).click();
    await expect(library(app).getByRole('status')).toContainText('was removed');
    await expect(listed(app)).toHaveCount(1);
    await expect(listed(app).first()).toBeChecked();
    expect(await storedFiles(app)).toEqual([]);
    await new DaftarPage(app).reload();
    await openMap(app);
    await expect(listed(app)).toHaveCount(1);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('an added basemap is still there, and still shown, after a reload', async ({ app }) => {
  await new DaftarPage(app).completeFirstRun();
  await openMap(app);
  await addBasemap(app, 'stamen_toner_raster_z3.pmtiles');
  await expectAdded(app);
  await new DaftarPage(app).reload();
  await openMap(app);
  await expect(listed(app, 'stamen_toner_raster_z3')).toBeChecked();
  await settle(app);
  expect(await withMap<boolean>(app, "return map.isSourceLoaded('library');")).toBe(true);
});
