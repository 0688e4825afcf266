/**
 * The history of a record, end to end: every change with its author and the value before and
 * after it, and an earlier value restored as a new change — which the history then shows too,
 * and which undo takes back.
 */
import { DaftarPage } from './support/daftarPage.ts';
import { expect, test } from './support/fixtures.ts';

test('the history shows each edit of a title and restores the first one', async ({ app }) => {
  const daftar = new DaftarPage(app);
  await daftar.completeFirstRun('Mariam Ahmadi');
  await daftar.newIncident({ title: 'Protest in Herat', date: '2024-02-11' });
  await daftar.field('Title').fill('Protest in Herat dispersed');
  await daftar.expectSaved();
  await daftar.field('Title').fill('Protest in Herat dispersed by force');
  await daftar.expectSaved();

  const history = app.getByRole('region', { name: /^History \(\d+ changes\)$/ });
  const heading = history.getByRole('heading', { level: 2 });
  const changesBefore = Number(/\d+/.exec((await heading.textContent()) ?? '')?.[0]);
  await history.getByRole('button', { name: 'Show changes' }).click();
  await history.getByLabel('Show changes to').selectOption({ label: 'Title' });
  const list = history.getByRole('group', { name: 'Changes, newest first' });
  const rows = list.getByRole('listitem');
  await expect(rows).toHaveCount(3);
  // Newest first: the value before each edit, the value after, and who made it.
  await expect(rows.nth(0)).toContainText(
    'Title: Protest in Herat dispersed → Protest in Herat dispersed by force',
  );
  await expect(rows.nth(1)).toContainText('Title: Protest in Herat → Protest in Herat dispersed');
  await expect(rows.nth(2)).toContainText('created the record');
  await expect(rows.nth(2)).toContainText('Title: Protest in Herat');
  for (const row of await rows.all()) await expect(row).toContainText('by Mariam Ahmadi on device');

  await history.getByRole('button', { name: 'Restore Title to “Protest in Herat”' }).click();
  await expect(daftar.field('Title')).toHaveValue('Protest in Herat');
  // The button is gone once the title shows that value; focus stays in the list.
  await expect(list).toBeFocused();
  await expect(
    app.getByRole('status').filter({ hasText: 'Title restored to “Protest in Herat”.' }),
  ).toBeVisible();
  // The restore is a change of its own, on top; the edits before it are all still there.
  await expect(heading).toHaveText(`History (${changesBefore + 1} changes)`);
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(0)).toContainText(
    'Title: Protest in Herat dispersed by force → Protest in Herat',
  );
  await expect(rows.nth(2)).toContainText('Title: Protest in Herat → Protest in Herat dispersed');
  // The title shows that value now: nothing left to restore it to.
  await expect(
    history.getByRole('button', { name: 'Restore Title to “Protest in Herat”' }),
  ).toHaveCount(0);

  await daftar.undo();
  await expect(daftar.field('Title')).toHaveValue('Protest in Herat dispersed by force');
  await expect(heading).toHaveText(`History (${changesBefore + 2} changes)`);
});
