/**
 * Duplicates, end to end: the same clash recorded twice (as two researchers do) is found as a
 * possible duplicate with its reasons, compared side by side, merged keeping one value from each,
 * and the merge can be undone.
 */
import { DaftarPage } from './support/daftarPage.ts';
import { expect, test } from './support/fixtures.ts';

const NOTES =
  'Taliban fighters attacked a police checkpoint on the road to Imam Sahib at night; the clash lasted two hours.';

test('two records of one clash are found, compared and merged into one', async ({ app }) => {
  test.setTimeout(120_000);
  const daftar = new DaftarPage(app);
  await daftar.completeFirstRun();
  const planted = [
    {
      title: 'Checkpoint attack, Kunduz',
      fatalities: '3',
      at: ['36.7280', '68.8680'],
      notes: NOTES,
    },
    {
      title: 'Clash at police post near Kunduz city',
      fatalities: '4',
      at: ['36.7301', '68.8702'],
      notes: `${NOTES} Residents reported gunfire.`,
    },
    { title: 'Protest in Herat', fatalities: '0', at: ['34.35', '62.2'], notes: 'Unrelated.' },
  ];
  for (const incident of planted) {
    await daftar.newIncident({ title: incident.title, date: '2024-06-10' });
    await daftar
      .field('Event type')
      .selectOption(incident.title.startsWith('Protest') ? 'Protests' : 'Battles');
    await daftar.field('Latitude').fill(incident.at[0]!);
    await daftar.field('Longitude').fill(incident.at[1]!);
    await daftar.field('Fatalities (most conservative figure)').fill(incident.fatalities);
    await daftar.field('Notes').fill(incident.notes);
    await daftar.expectSaved();
  }

  await daftar.nav('Duplicates').click();
  await app.getByRole('button', { name: 'Find possible duplicates' }).click();
  await expect(
    app.getByText('1 possible duplicate pair among 3 incidents, most alike first.'),
  ).toBeVisible();
  await app.getByRole('button', { name: /^Compare “/ }).click();
  const review = app.getByRole('region', { name: /^Side by side/ });
  await expect(review).toContainText('Same day');
  // Keep the title of the first record and the fatality figure of the second, whichever side each is.
  const table = review.getByRole('table', { name: 'Incident A and incident B, field by field' });
  const firstHeader = table.getByRole('columnheader', { name: /Checkpoint attack, Kunduz/ });
  await expect(firstHeader).toBeVisible();
  const first = (await firstHeader.textContent())?.trim().startsWith('A') ? 'A' : 'B';
  const second = first === 'A' ? 'B' : 'A';
  await review.getByRole('radio', { name: `Keep ${first}’s value for Title` }).check();
  await review
    .getByRole('radio', {
      name: `Keep ${second}’s value for Fatalities (most conservative figure)`,
    })
    .check();
  await review.getByRole('button', { name: `Merge into ${first}` }).click();
  const dialog = app.getByRole('dialog');
  await expect(dialog).toContainText(`takes these values from ${second}`);
  await dialog.getByRole('button', { name: `Merge into ${first}` }).click();
  await expect(app.getByRole('status').filter({ hasText: 'was merged into' })).toBeVisible();

  await daftar.openIncidents();
  await expect(app.getByRole('status').filter({ hasText: /^\d+ incidents?$/ })).toHaveText(
    '2 incidents',
  );
  await daftar.openIncident('Checkpoint attack, Kunduz');
  await expect(daftar.field('Fatalities (most conservative figure)')).toHaveValue('4');

  // Undo brings both records back as they were.
  await daftar.undo();
  await daftar.openIncidents();
  await expect(app.getByRole('status').filter({ hasText: /^\d+ incidents?$/ })).toHaveText(
    '3 incidents',
  );
});
