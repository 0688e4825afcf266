/**
 * Incidents on the map, end to end: a known set of incidents clusters with the right counts,
 * a cluster zooms in when clicked, a point's popup leads to its incident, the legend filters the
 * map and the list alike, the incident opened is marked on the map and in the list, and one
 * without coordinates is listed as not on the map. Then the place picker fills an incident's
 * location from a search typed in Dari, and from a click on its map.
 */
import type { Page } from '@playwright/test';
import { DaftarPage } from './support/daftarPage.ts';
import { expect, test } from './support/fixtures.ts';
import { openMap, settle, withMap } from './support/mapPage.ts';

interface Planted {
  title: string;
  eventType: string;
  at?: [lat: number, lon: number];
}

// three in Kabul city, two in Herat city (each group within a few kilometres), one unplaced
const PLANTED: Planted[] = [
  { title: 'Kabul clash', eventType: 'Battles', at: [34.5281, 69.1723] },
  { title: 'Kabul blast', eventType: 'Explosions/Remote violence', at: [34.5301, 69.1801] },
  { title: 'Kabul protest', eventType: 'Protests', at: [34.5202, 69.1654] },
  { title: 'Herat clash', eventType: 'Battles', at: [34.3482, 62.1997] },
  { title: 'Herat arrests', eventType: 'Strategic developments', at: [34.3421, 62.2101] },
  { title: 'Somewhere in Ghor', eventType: 'Battles' },
];

async function plant(daftar: DaftarPage) {
  for (const incident of PLANTED) {
    await daftar.newIncident({ title: incident.title, date: '2024-05-01' });
    await daftar.field('Event type').selectOption(incident.eventType);
    if (incident.at) {
      await daftar.field('Latitude').fill(String(incident.at[0]));
      await daftar.field('Longitude').fill(String(incident.at[1]));
    }
    await daftar.expectSaved();
  }
}

const clusterCounts = (page: Page) =>
  withMap<number[]>(
    page,
    "return map.queryRenderedFeatures({ layers: ['incident-clusters'] }).map((f) => f.properties.point_count).sort();",
  );

const pointTitles = (page: Page) =>
  withMap<string[]>(
    page,
    "return map.queryRenderedFeatures({ layers: ['incident-points'] }).map((f) => f.properties.id);",
  );

test('incidents cluster on the map, filter with the list, and lead to their records', async ({
  app,
}) => {
  test.setTimeout(120_000);
  const daftar = new DaftarPage(app);
  await daftar.completeFirstRun();
  await plant(daftar);
  await openMap(app);
  const legend = app.getByRole('region', { name: 'Incidents on the map' });
  await expect(legend.getByRole('status')).toHaveText('5 incidents on the map');
  await settle(app);
  // at the opening zoom each city's incidents are one cluster
  await expect.poll(() => clusterCounts(app)).toEqual([2, 3]);

  await legend.getByText('1 incident not on the map (no coordinates)').click();
  await expect(legend.getByRole('list', { name: 'Incidents not on the map' })).toHaveText(
    'Somewhere in Ghor',
  );

  // the legend filters the map and the list alike
  await legend.getByRole('checkbox', { name: 'Battles' }).uncheck();
  await expect(legend.getByRole('status')).toHaveText('3 incidents on the map');
  await settle(app);
  await expect.poll(() => clusterCounts(app)).toEqual([2]);
  await daftar.openIncidents();
  await expect(app.getByText('Showing only the event types')).toBeVisible();
  await expect(app.getByRole('status').filter({ hasText: /^\d+ incidents?$/ })).toHaveText(
    '3 incidents',
  );
  await app.getByRole('button', { name: 'Show all incidents' }).click();
  await expect(app.getByRole('status').filter({ hasText: /^\d+ incidents?$/ })).toHaveText(
    '6 incidents',
  );

  // clicking the Kabul cluster zooms in until its incidents stand apart
  await daftar.nav('Map').click();
  await settle(app);
  await expect.poll(() => clusterCounts(app)).toEqual([2, 3]);
  const kabul = await withMap<{ x: number; y: number }>(
    app,
    "const f = map.queryRenderedFeatures({ layers: ['incident-clusters'] }).find((c) => c.properties.point_count === 3); const p = map.project(f.geometry.coordinates); return { x: p.x, y: p.y };",
  );
  const zoomBefore = await withMap<number>(app, 'return map.getZoom();');
  await app.getByRole('region', { name: 'Interactive map' }).click({ position: kabul });
  await expect
    .poll(() => withMap<number>(app, 'return map.getZoom();'))
    .toBeGreaterThan(zoomBefore + 1);
  // keep zooming in on Kabul until its three points show
  for (let i = 0; i < 6 && (await pointTitles(app)).length < 3; i++) {
    await withMap(app, 'map.jumpTo({ center: [69.1726, 34.526], zoom: map.getZoom() + 1 });');
    await settle(app);
  }
  await expect.poll(async () => (await pointTitles(app)).length).toBe(3);

  // a point's popup leads to its incident, which the list then marks
  const blast = await withMap<{ x: number; y: number }>(
    app,
    'const p = map.project([69.1801, 34.5301]); return { x: p.x, y: p.y };',
  );
  await app.getByRole('region', { name: 'Interactive map' }).click({ position: blast });
  const popup = app.locator('.maplibregl-popup');
  await expect(popup).toContainText('Kabul blast');
  await expect(popup).toContainText('Explosions/Remote violence');
  await popup.getByRole('link', { name: 'Open incident' }).click();
  await expect(daftar.field('Title')).toHaveValue('Kabul blast');
  await daftar.openIncidents();
  await expect(daftar.incidentsTable().locator('[aria-current="true"]')).toContainText(
    'Kabul blast',
  );

  // the incident opened from the list is ringed on the map; "fit to results" frames them all
  await daftar.openIncident('Herat clash');
  const heratId = decodeURIComponent(new URL(app.url()).hash.split('/').at(-1)!);
  await daftar.nav('Map').click();
  await settle(app);
  await expect
    .poll(() =>
      withMap<string[]>(
        app,
        "return [...new Set(map.querySourceFeatures('incident-focus').map((f) => f.properties.id))];",
      ),
    )
    .toEqual([heratId]);
  await legend.getByRole('button', { name: 'Fit to results' }).click();
  await expect
    .poll(() =>
      withMap<boolean>(
        app,
        'const b = map.getBounds(); return b.contains([62.1997, 34.3482]) && b.contains([69.1801, 34.5301]);',
      ),
    )
    .toBe(true);
});

test('the place picker fills the location from a Dari search or a click on its map', async ({
  app,
}) => {
  const daftar = new DaftarPage(app);
  await daftar.completeFirstRun();
  await daftar.newIncident({ title: 'Night raid', date: '2024-05-01' });
  await app.getByRole('button', { name: 'Find the place…' }).click();
  const picker = app.getByRole('dialog', { name: 'Find the place' });
  // typed on an Arabic keyboard: Arabic yeh and kaf, where Dari writes ی and ک
  await picker.getByLabel('Search places').fill('كابل');
  const results = picker.getByRole('list', { name: 'Places found' });
  await expect(results.getByRole('button').first()).toContainText('Kabul');
  await results.getByRole('button', { name: /^Kabul .*— city/ }).click();
  await expect(picker).toBeHidden();
  await expect(daftar.field('Place')).toHaveValue('Kabul');
  await expect(daftar.field('Province')).toHaveValue('Kabul');
  await expect(daftar.field('Country')).toHaveValue('Afghanistan');
  await expect(daftar.field('Latitude')).toHaveValue('34.52813');
  await expect(daftar.field('Longitude')).toHaveValue('69.17233');
  await expect(daftar.field('Geo precision')).toHaveValue('1');
  await daftar.expectSaved();

  // a province is a region: precision 3
  await app.getByRole('button', { name: 'Find the place…' }).click();
  await picker.getByLabel('Search places').fill('بلخ');
  await picker.getByRole('button', { name: /^Balkh .*— province/ }).click();
  await expect(daftar.field('Province')).toHaveValue('Balkh');
  await expect(daftar.field('Geo precision')).toHaveValue('3');

  // clicking the picker's map near Herat names the nearest place
  await app.getByRole('button', { name: 'Find the place…' }).click();
  const pickerMap = 'Map for choosing a location';
  await expect
    .poll(() => withMap<boolean>(app, 'return map.loaded();', null, pickerMap))
    .toBe(true);
  const herat = await withMap<{ x: number; y: number }>(
    app,
    'map.jumpTo({ center: [62.2, 34.35], zoom: 9 }); const p = map.project([62.205, 34.345]); return { x: p.x, y: p.y };',
    null,
    pickerMap,
  );
  await picker.getByRole('region', { name: pickerMap }).click({ position: herat });
  // GeoNames spells the city Herāt
  await expect(picker.getByRole('status').filter({ hasText: 'Clicked:' })).toContainText('Herāt');
  await picker.getByRole('button', { name: 'Use this location' }).click();
  await expect(daftar.field('Place')).toHaveValue('Herāt');
  await expect(daftar.field('Province')).toHaveValue('Herat');
  // where the click landed, to the pixel: a few metres at this zoom
  expect(Number(await daftar.field('Latitude').inputValue())).toBeCloseTo(34.345, 2);
  expect(Number(await daftar.field('Longitude').inputValue())).toBeCloseTo(62.205, 2);
  await daftar.expectSaved();
});
