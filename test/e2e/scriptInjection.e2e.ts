/**
 * Script never runs, wherever hostile text goes in: markup typed into every text field of an
 * incident, a source and a review note, and KML and GeoJSON files full of script, event handlers
 * and `javascript:` links, are shown as the literal text they are — in the list, the editor,
 * search results with their highlights, the history, the timeline, the map's popup and the
 * printable dossier. Every payload would set `window.__pwned`, add an element carrying
 * `data-pwn`, or fetch from `pwn.example` if a browser ever treated it as markup; the test fails
 * on any of those, on any JavaScript dialog, and (the fixture) on any request that leaves the
 * machine.
 */
import type { Page } from '@playwright/test';
import { DaftarPage } from './support/daftarPage.ts';
import { expect, test } from './support/fixtures.ts';
import { settle, withMap } from './support/mapPage.ts';
import { selectPassage } from './support/passages.ts';

const IMG = `<img data-pwn src="https://pwn.example/img.png" onerror="window.__pwned='img'">`;
const SCRIPT = `<script data-pwn>window.__pwned='script'</script>`;
const SVG = `"><svg data-pwn onload="window.__pwned='svg'">`;
const IFRAME = `'"><iframe data-pwn srcdoc="<script>parent.__pwned='iframe'</script>"></iframe>`;
const LINKS = `[read more](javascript:window.__pwned='md') <a data-pwn href="javascript:window.__pwned='a'">a</a>`;
// i18next nesting and interpolation, for text that ends up inside a translated message.
const TEMPLATE = `{{title}} $t(nav.map) {{- constructor}}`;

const INCIDENT = {
  Title: `Attack ${IMG} ${TEMPLATE}`,
  Tags: SCRIPT,
  Place: SVG,
  District: IFRAME,
  Province: `<style data-pwn>*{background:url(https://pwn.example/css)}</style>`,
  Country: `<math data-pwn><mtext><img src=x onerror="window.__pwned='math'"></mtext></math>`,
  Notes: `${LINKS}\n${IFRAME}\n<!--><img data-pwn src=x onerror="window.__pwned='comment'">-->`,
};
const ACTOR = `<img data-pwn src=x onerror="window.__pwned='actor'">`;
const SOURCE = {
  Title: `Report ${SVG}`,
  'Outlet or publisher': IMG,
  Author: SCRIPT,
  Excerpt: `${IFRAME} ${LINKS}`,
  'Full text': `Quoted: ${IMG} and ${TEMPLATE}`,
};
/** Valid http(s), so it is stored — and still full of markup once decoded. */
const SOURCE_URL = `https://example.org/"><img/data-pwn/src=x/onerror=window.__pwned='url'>`;
const JS_URL = `javascript:window.__pwned='href'`;
const ANNOTATION = `Check this ${IMG} ${LINKS}`;
const REASON = `Disputed ${SVG} ${TEMPLATE}`;

const GEOJSON_TITLE = `Geo ${IMG} ${TEMPLATE}`;
const GEOJSON_NOTES = `${SCRIPT} ${LINKS}`;
const GEOJSON = JSON.stringify({
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [62.2, 34.35] },
      properties: {
        title: GEOJSON_TITLE,
        date: '2024-04-11',
        notes: GEOJSON_NOTES,
        place: IFRAME,
        province: SVG,
        ['__proto__']: { polluted: true },
        'marker-symbol': 'javascript:window.__pwned="style"',
      },
    },
  ],
});

/** Markup in every form KML can carry it: escaped, CDATA, XML elements, and style hrefs. */
const KML = `<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2">
<Document>
  <Style id="s"><IconStyle><Icon><href>javascript:window.__pwned='icon'</href></Icon></IconStyle>
    <BalloonStyle><text><![CDATA[<script>window.__pwned='balloon'</script>$[description]]]></text></BalloonStyle>
  </Style>
  <Placemark>
    <name>Kml &lt;img data-pwn src="https://pwn.example/n.png" onerror="window.__pwned='kmlname'"&gt; placemark</name>
    <styleUrl>#s</styleUrl>
    <description><![CDATA[Seen <b>here</b>.<script>window.__pwned='cdata'</script><img data-pwn src="https://pwn.example/d.png" onerror="window.__pwned='kmldesc'"><a href="javascript:window.__pwned='kmlhref'">link text</a><iframe srcdoc="<script>parent.__pwned=1</script>"></iframe>]]></description>
    <address><script>window.__pwned='element'</script>Herat road</address>
    <ExtendedData><Data name="province"><value>&lt;svg onload="window.__pwned='data'"&gt;Herat</value></Data></ExtendedData>
    <TimeStamp><when>2024-05-05</when></TimeStamp>
    <Point><coordinates>62.19,34.34</coordinates></Point>
  </Placemark>
</Document>
</kml>`;

/** Nothing of the payloads ran, rendered as markup, or opened a dialog. */
async function expectInert(page: Page, where: string, dialogs: string[]): Promise<void> {
  expect(await page.evaluate(() => Reflect.get(window, '__pwned')), `script ran (${where})`).toBe(
    undefined,
  );
  expect(await page.evaluate(() => Reflect.get({}, 'polluted')), `prototype (${where})`).toBe(
    undefined,
  );
  await expect(page.locator('[data-pwn]'), `markup rendered (${where})`).toHaveCount(0);
  await expect(page.locator('iframe, embed, object'), `frame rendered (${where})`).toHaveCount(0);
  expect(dialogs, `dialogs (${where})`).toEqual([]);
}

function watchForScript(page: Page): { dialogs: string[]; requests: string[] } {
  const dialogs: string[] = [];
  const requests: string[] = [];
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    if (/pwn|javascript:/i.test(request.url())) requests.push(request.url());
  });
  return { dialogs, requests };
}

test('markup typed into incidents, sources and review notes is shown as text everywhere', async ({
  app,
}) => {
  test.setTimeout(180_000);
  const { dialogs, requests } = watchForScript(app);
  const daftar = new DaftarPage(app);
  await daftar.completeFirstRun();

  await daftar.newSource({ title: SOURCE.Title });
  for (const [label, value] of Object.entries(SOURCE)) await daftar.field(label).fill(value);
  // A javascript: address is refused, never stored, never a link.
  await daftar.field('Web address (URL)').fill(JS_URL);
  await expect(
    app.getByText('Enter a web address starting with http:// or https://.'),
  ).toBeVisible();
  await expect(app.getByRole('button', { name: 'Open in browser' })).toHaveCount(0);
  await daftar.field('Web address (URL)').fill(SOURCE_URL);
  await daftar.expectSaved();
  await expect(app.getByRole('heading', { level: 1 })).toHaveText(SOURCE.Title);
  // A passage of the full text that is itself markup, annotated and highlighted.
  await selectPassage(app, 'Full text', IMG);
  await app.getByRole('button', { name: 'Annotate the selected passage of Full text' }).click();
  const passageForm = app.getByRole('form', { name: 'New annotation' });
  await passageForm.getByLabel('Annotation').fill(SCRIPT);
  await passageForm.getByRole('button', { name: 'Add annotation' }).click();
  await expect(app.locator('mark.passage')).toHaveText(IMG);
  await expect(app.getByRole('article', { name: /^Comment · Passage of Full text/ })).toContainText(
    SCRIPT,
  );
  await expectInert(app, 'source editor', dialogs);

  await daftar.newIncident({ title: INCIDENT.Title, date: '2024-03-02' });
  for (const [label, value] of Object.entries(INCIDENT)) await daftar.field(label).fill(value);
  await app.getByRole('button', { name: 'Add actor' }).click();
  await daftar.field('Actor 1').fill(ACTOR);
  await daftar.field('Latitude').fill('34.53');
  await daftar.field('Longitude').fill('69.17');
  await daftar.expectSaved();
  await daftar.field('Source to link').selectOption({ label: SOURCE.Title });
  await app.getByRole('button', { name: 'Link source' }).click();
  await expect(
    app.getByRole('status').filter({ hasText: 'Sources and their support saved.' }),
  ).toBeVisible();
  await expect(app.getByRole('heading', { level: 1 })).toHaveText(INCIDENT.Title);

  // A review note and a dispute with hostile reasons.
  const form = app.getByRole('form', { name: 'New annotation' });
  await form.getByLabel('Annotation').fill(ANNOTATION);
  await form.getByRole('button', { name: 'Add annotation' }).click();
  const thread = app.getByRole('article', { name: /^Comment/ });
  await expect(thread).toContainText(ANNOTATION);
  await thread.getByLabel('Your reply').fill(IFRAME);
  await thread.getByRole('button', { name: 'Reply' }).click();
  await expect(thread).toContainText(IFRAME);
  const verification = app.getByRole('region', { name: 'Verification' });
  for (const step of ['Submit for review', 'Dispute']) {
    await verification.getByRole('button', { name: step, exact: true }).click();
    if (step === 'Dispute') await verification.getByLabel('Reason (required)').fill(REASON);
    await verification.getByRole('button', { name: step, exact: true }).click();
    await expect(app.getByRole('status').filter({ hasText: 'Status is now' })).toBeVisible();
  }
  await expect(verification).toContainText(REASON);
  await expectInert(app, 'incident editor', dialogs);

  // The history shows every hostile value, as text.
  const history = app.getByRole('region', { name: /^History/ });
  await history.getByRole('button', { name: 'Show changes' }).click();
  const changes = history.getByRole('group', { name: 'Changes, newest first' });
  await expect(changes).toContainText(`Title: ${INCIDENT.Title}`);
  await expect(changes).toContainText(ACTOR);
  await expectInert(app, 'history', dialogs);

  // The printable dossier.
  await app.getByRole('link', { name: 'Printable dossier' }).click();
  await expect(app.getByRole('heading', { level: 1 })).toHaveText(INCIDENT.Title);
  await expect(app.getByRole('region', { name: 'Narrative' })).toContainText(IFRAME);
  for (const text of [INCIDENT.Tags, INCIDENT.Place, INCIDENT.Country, REASON, ANNOTATION]) {
    await expect(app.getByRole('main')).toContainText(text);
  }
  for (const text of [SOURCE.Excerpt, SOURCE['Outlet or publisher']]) {
    await expect(app.getByRole('main')).toContainText(text);
  }
  await expectInert(app, 'dossier', dialogs);

  // The list, the timeline, and search with its highlighted matches.
  await daftar.openIncidents();
  await expect(
    daftar.incidentsTable().getByRole('link', { name: INCIDENT.Title, exact: true }),
  ).toBeVisible();
  await app.getByRole('button', { name: 'Show the timeline' }).click();
  await expectInert(app, 'list and timeline', dialogs);
  await app.getByRole('searchbox', { name: 'Search' }).fill('onerror');
  await expect(daftar.incidentsTable()).toContainText(INCIDENT.Title);
  await expect(daftar.incidentsTable().locator('mark').first()).toHaveText(/onerror/i);
  await app.getByRole('link', { name: 'Matches among sources and review notes too' }).click();
  const sources = app.getByRole('region', { name: 'Sources' });
  await expect(sources.getByRole('link', { name: SOURCE.Title, exact: true })).toBeVisible();
  await expect(app.locator('mark').first()).toHaveText(/onerror/i);
  await expectInert(app, 'search results', dialogs);

  // The review queue, the sources list and the map's popup.
  await daftar.nav(/^Review/).click();
  await expect(app.getByRole('link', { name: INCIDENT.Title, exact: true }).first()).toBeVisible();
  await daftar.nav('Sources').click();
  await expect(app.getByRole('link', { name: SOURCE.Title, exact: true })).toBeVisible();
  await expectInert(app, 'review queue and sources list', dialogs);
  await daftar.nav('Map').click();
  await settle(app);
  const at = await withMap<{ x: number; y: number }>(
    app,
    'const p = map.project([69.17, 34.53]); return { x: p.x, y: p.y };',
  );
  await app.getByRole('region', { name: 'Interactive map' }).click({ position: at });
  await expect(app.locator('.maplibregl-popup')).toContainText(INCIDENT.Title);
  await expectInert(app, 'map popup', dialogs);
  expect(requests, 'requests made by a payload').toEqual([]);
});

async function importDataset(page: Page, name: string, text: string): Promise<void> {
  await page.getByRole('link', { name: 'Import & export data' }).click();
  await page.getByLabel('Choose a file to import').setInputFiles({
    name,
    mimeType: 'application/octet-stream',
    buffer: Buffer.from(text),
  });
  await page.getByRole('button', { name: 'Check the whole file' }).click();
  await page.getByRole('button', { name: 'Import 1 incident' }).click();
  await page.getByRole('button', { name: 'Import another file' }).click();
}

test('hostile KML and GeoJSON files import as text and never run script', async ({ app }) => {
  test.setTimeout(120_000);
  const { dialogs, requests } = watchForScript(app);
  const daftar = new DaftarPage(app);
  await daftar.completeFirstRun();

  await importDataset(app, 'hostile.geojson', GEOJSON);
  await expectInert(app, 'GeoJSON import', dialogs);
  await importDataset(app, 'hostile.kml', KML);
  await expectInert(app, 'KML import', dialogs);

  // GeoJSON properties are plain text: kept exactly, shown literally.
  await daftar.openIncident(GEOJSON_TITLE);
  await expect(daftar.field('Notes')).toHaveValue(GEOJSON_NOTES);
  await expect(daftar.field('Place')).toHaveValue(IFRAME);
  await expectInert(app, 'GeoJSON incident', dialogs);
  await app.getByRole('link', { name: 'Printable dossier' }).click();
  await expect(app.getByRole('heading', { level: 1 })).toHaveText(GEOJSON_TITLE);
  await expect(app.getByRole('region', { name: 'Narrative' })).toContainText(GEOJSON_NOTES);
  await expectInert(app, 'GeoJSON dossier', dialogs);

  // KML's HTML becomes its readable text: scripts, frames and attributes gone.
  await daftar.openIncidents();
  const kml = daftar.incidentsTable().getByRole('link', { name: /^Kml/ });
  await expect(kml).toHaveText('Kml placemark');
  await kml.click();
  await expect(daftar.field('Notes')).toHaveValue(/Seen here\.\s*link text/);
  await expect(daftar.field('Notes')).not.toHaveValue(/script|onerror|javascript|srcdoc/);
  await app.getByRole('link', { name: 'Printable dossier' }).click();
  await expect(app.getByRole('region', { name: 'Narrative' })).toContainText('link text');
  await expectInert(app, 'KML dossier', dialogs);
  expect(requests, 'requests made by a payload').toEqual([]);
});
