/**
 * Finding incidents, end to end: a search typed with Arabic letter variants finds Dari text, a
 * typo and a word's start still find their incident, the filter panel narrows the list and the
 * map alike, a saved view brings its filters back, and "search everything" finds a source by the
 * words of its text.
 */
import { DaftarPage } from './support/daftarPage.ts';
import { expect, test } from './support/fixtures.ts';

interface Planted {
  title: string;
  date: string;
  eventType: string;
  province: string;
  notes: string;
  at?: [number, number];
}

const PLANTED: Planted[] = [
  {
    title: 'حمله بر پوسته امنیتی در کابل',
    date: '2024-03-02',
    eventType: 'Battles',
    province: 'Kabul',
    notes: 'سه سرباز کشته شدند.',
    at: [34.53, 69.17],
  },
  {
    title: 'Roadside bomb near Kandahar airport',
    date: '2024-03-20',
    eventType: 'Explosions/Remote violence',
    province: 'Kandahar',
    notes: 'Two civilians killed near Jalalabad road junction.',
    at: [31.5, 65.85],
  },
  {
    title: 'Protest in Herat city',
    date: '2024-04-11',
    eventType: 'Protests',
    province: 'Herat',
    notes: 'Women gathered outside the governor’s office.',
    at: [34.35, 62.2],
  },
  {
    title: 'Arrests in Herat',
    date: '2024-05-05',
    eventType: 'Strategic developments',
    province: 'Herat',
    notes: 'Journalists detained.',
  },
];

const countOf = (daftar: DaftarPage) =>
  daftar.page.getByRole('status').filter({ hasText: /^\d+ incidents?$/ });

test('search, filters and saved views find incidents in the list and on the map', async ({
  app,
}) => {
  test.setTimeout(180_000);
  const daftar = new DaftarPage(app);
  await daftar.completeFirstRun();
  for (const incident of PLANTED) {
    await daftar.newIncident({ title: incident.title, date: incident.date });
    await daftar.field('Event type').selectOption(incident.eventType);
    await daftar.field('Province').fill(incident.province);
    await daftar.field('Notes').fill(incident.notes);
    if (incident.at) {
      await daftar.field('Latitude').fill(String(incident.at[0]));
      await daftar.field('Longitude').fill(String(incident.at[1]));
    }
    await daftar.expectSaved();
  }
  await daftar.openIncidents();
  await expect(countOf(daftar)).toHaveText('4 incidents');
  // The list says its first screen is shown, which starts the index's load (else after 1.5 s).
  const marks = () => performance.getEntriesByName('daftar:firstScreen').length;
  await expect.poll(() => app.evaluate(marks)).toBe(1);
  const search = app.getByRole('searchbox', { name: 'Search' });

  // Arabic kaf and yeh (ك ي) typed for the Persian letters (ک ی) the title was written with.
  await search.fill('كابل');
  await expect(countOf(daftar)).toHaveText('1 incident');
  await expect(daftar.incidentsTable()).toContainText('حمله بر پوسته امنیتی در کابل');
  // A typo, and the start of a word in the notes.
  await search.fill('Kandahr');
  await expect(daftar.incidentsTable()).toContainText('Roadside bomb near Kandahar airport');
  await expect(countOf(daftar)).toHaveText('1 incident');
  await search.fill('Jalal');
  await expect(countOf(daftar)).toHaveText('1 incident');
  await expect(daftar.incidentsTable()).toContainText('Roadside bomb');
  await search.fill('');
  await expect(countOf(daftar)).toHaveText('4 incidents');

  // The filter panel: a province, then a date range on top of it.
  await app.getByRole('button', { name: 'Filters' }).click();
  const panel = app.getByRole('region', { name: 'Filters' });
  await panel.getByLabel('Province', { exact: true }).fill('herat');
  await panel.getByRole('button', { name: 'Add Province' }).click();
  await expect(countOf(daftar)).toHaveText('2 incidents');
  await expect(app.getByText('Also filtered by: Province.')).toBeVisible();
  await panel.getByLabel('From', { exact: true }).fill('2024-05-01');
  await expect(countOf(daftar)).toHaveText('1 incident');
  await expect(daftar.incidentsTable()).toContainText('Arrests in Herat');

  // Saved under a name, cleared, and brought back.
  await app.getByLabel('Name for this view').fill('Herat since May');
  await app.getByRole('button', { name: 'Save view' }).click();
  await app.getByRole('button', { name: 'Show all incidents' }).click();
  await expect(countOf(daftar)).toHaveText('4 incidents');
  await app.getByLabel('Saved views').selectOption({ label: 'Herat since May' });
  await expect(countOf(daftar)).toHaveText('1 incident');

  // The map shows the same result set: only the Herat province filter left, one of two placed.
  await panel.getByLabel('From', { exact: true }).fill('');
  await expect(countOf(daftar)).toHaveText('2 incidents');
  await daftar.nav('Map').click();
  const legend = app.getByRole('region', { name: 'Incidents on the map' });
  await expect(legend.getByRole('status')).toHaveText('1 incident on the map');
});

test('search everything finds a source by the words of its text', async ({ app }) => {
  const daftar = new DaftarPage(app);
  await daftar.completeFirstRun();
  await daftar.newSource({ title: 'Radio Azadi report', outlet: 'Radio Azadi' });
  await daftar.field('Excerpt').fill('طالبان سه خبرنگار را در ولایت هرات بازداشت کردند.');
  await daftar.expectSaved();
  await daftar.openIncidents();
  await app.getByRole('searchbox', { name: 'Search' }).fill('خبرنگار');
  await app.getByRole('link', { name: 'Matches among sources and review notes too' }).click();
  const sources = app.getByRole('region', { name: 'Sources' });
  await expect(sources.getByRole('link', { name: 'Radio Azadi report' })).toBeVisible();
  await expect(sources.locator('mark')).toHaveText(['خبرنگار']);
});
