/**
 * The map, end to end: the bundled world basemap draws on first launch with no connection (the
 * fixture fails any test that requests a non-local address), with its data's attribution.
 */
import { PNG } from 'pngjs';
import { DaftarPage } from './support/daftarPage.ts';
import { expect, test } from './support/fixtures.ts';
import { LAND, colourShare, distinctColours } from './support/mapPage.ts';

test('the world basemap draws offline, with its attribution', async ({ app }) => {
  const daftar = new DaftarPage(app);
  await daftar.completeFirstRun();
  await app.getByRole('navigation').getByRole('link', { name: 'Map' }).click();
  await expect(app.getByRole('heading', { level: 1, name: 'Map' })).toBeVisible();
  await expect(app.getByRole('status').filter({ hasText: /^Map ready\./ })).toBeVisible({
    timeout: 60_000,
  });
  await expect(app.getByText('Natural Earth (public domain) · GeoNames (CC BY 4.0)')).toBeVisible();
  await expect(app.getByRole('button', { name: 'Zoom in' })).toBeVisible();
  // the map itself, not its controls: sea, land, Afghanistan, borders, dots, anti-aliased labels
  const canvas = app.getByRole('region', { name: 'Interactive map' }).locator('canvas');
  await expect.poll(async () => distinctColours(await canvas.screenshot())).toBeGreaterThan(40);
  // and land: the countries' colour, not only the sea's
  expect(await colourShare(await canvas.screenshot(), LAND)).toBeGreaterThan(0.05);
});

test('the Dari interface labels the map anew', async ({ app }) => {
  const daftar = new DaftarPage(app);
  await daftar.completeFirstRun();
  await app.getByRole('navigation').getByRole('link', { name: 'Map' }).click();
  const canvas = () =>
    app.getByRole('region', { name: /^(Interactive map|نقشهٔ تعاملی)$/ }).locator('canvas');
  await expect(app.getByRole('status').filter({ hasText: /^Map ready\./ })).toBeVisible({
    timeout: 60_000,
  });
  await expect.poll(async () => distinctColours(await canvas().screenshot())).toBeGreaterThan(40);
  const english = PNG.sync.read(await canvas().screenshot());

  await app.getByRole('banner').getByLabel('Interface language').selectOption('fa-AF');
  await expect(app.getByRole('status').filter({ hasText: /^نقشه آماده است/ })).toBeVisible({
    timeout: 60_000,
  });
  // the same view, other labels: the pixels that differ are the labels' (land and sea stay)
  await expect
    .poll(async () => {
      const dari = PNG.sync.read(await canvas().screenshot());
      if (dari.data.length !== english.data.length) return 0;
      let changed = 0;
      for (let i = 0; i < dari.data.length; i += 4) {
        if (dari.data.readUInt32BE(i) !== english.data.readUInt32BE(i)) changed++;
      }
      return changed / (dari.data.length / 4);
    })
    .toBeGreaterThan(0.01);
});
