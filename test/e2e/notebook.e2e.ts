/**
 * The offline notebook, end to end: record incidents and sources, link them, find everything
 * again after a reload, undo edits and deletions, and have invalid input refused.
 */
import { DaftarPage, E2E_PASSPHRASE } from './support/daftarPage.ts';
import { expect, test } from './support/fixtures.ts';

test('an incident with a linked source is all there after a reload', async ({ app }) => {
  const daftar = new DaftarPage(app);
  await daftar.completeFirstRun();

  await daftar.newSource({ title: 'Governor of Balkh killed in blast', outlet: 'Tolonews' });
  await daftar.field('Web address (URL)').fill('https://tolonews.com/afghanistan-182310');
  await daftar.field('Source reliability').selectOption('B');
  await daftar.field('Information credibility').selectOption('2');
  await daftar.expectSaved();

  await daftar.newIncident({
    title: 'Suicide attack on Balkh governor’s office',
    date: '2023-03-09',
  });
  await daftar.field('Event type').selectOption('Explosions/Remote violence');
  await daftar.field('Sub-event type').selectOption('Suicide bomb');
  await app.getByRole('button', { name: 'Add actor' }).click();
  await daftar.field('Actor 1').fill('ISKP');
  await daftar.field('Place').fill('Mazar-i-Sharif');
  await daftar.field('Province').fill('Balkh');
  await daftar.field('Latitude').fill('36.7092');
  await daftar.field('Longitude').fill('67.1109');
  await daftar.field('Fatalities (most conservative figure)').fill('3');
  await daftar.expectSaved();

  await daftar.field('Source to link').selectOption({ label: 'Governor of Balkh killed in blast' });
  await app.getByRole('button', { name: 'Link source' }).click();
  const support = app.getByRole('group', {
    name: 'What “Governor of Balkh killed in blast” supports',
  });
  await support.getByLabel('Date').check();
  await support.getByLabel('Fatalities').check();
  await expect(support.getByLabel('Fatalities')).toBeChecked();
  // A click shows at once; the reload waits until the section says both clicks are stored.
  await expect(
    app.getByRole('status').filter({ hasText: 'Sources and their support saved.' }),
  ).toBeVisible();

  await new DaftarPage(app).reload();
  await daftar.openIncidents();
  await expect(daftar.incidentsTable().getByRole('row')).toHaveCount(2); // header + 1
  await daftar
    .incidentsTable()
    .getByRole('link', { name: 'Suicide attack on Balkh governor’s office' })
    .click();
  await expect(daftar.field('Sub-event type')).toHaveValue('Suicide bomb');
  await expect(daftar.field('Actor 1')).toHaveValue('ISKP');
  await expect(daftar.field('Latitude')).toHaveValue('36.7092');
  await expect(daftar.field('Fatalities (most conservative figure)')).toHaveValue('3');
  const reloaded = app.getByRole('group', {
    name: 'What “Governor of Balkh killed in blast” supports',
  });
  await expect(reloaded.getByLabel('Date')).toBeChecked();
  await expect(reloaded.getByLabel('Fatalities')).toBeChecked();
  await expect(reloaded.getByLabel('Location')).not.toBeChecked();

  await app
    .getByRole('button', { name: 'Open source “Governor of Balkh killed in blast”' })
    .click();
  await expect(daftar.field('Outlet or publisher')).toHaveValue('Tolonews');
  await expect(daftar.field('Source reliability')).toHaveValue('B');
  await expect(
    app.getByRole('link', { name: 'Suicide attack on Balkh governor’s office' }),
  ).toBeVisible();
});

test('an edit can be undone, and the undo is kept after a reload', async ({ app }) => {
  const daftar = new DaftarPage(app);
  await daftar.completeFirstRun();
  await daftar.newIncident({ title: 'Arrest of journalists in Kabul', date: '2024-05-02' });
  await daftar.field('Title').fill('Arrest of three journalists in Kabul');
  await daftar.expectSaved();
  await expect(app.getByRole('heading', { level: 1 })).toHaveText(
    'Arrest of three journalists in Kabul',
  );

  const history = app.getByText(/^History \(\d+ changes\)$/);
  const changesBefore = Number(/\d+/.exec((await history.textContent()) ?? '')?.[0]);

  await daftar.undo();
  await expect(daftar.field('Title')).toHaveValue('Arrest of journalists in Kabul');
  await new DaftarPage(app).reload();
  await expect(daftar.field('Title')).toHaveValue('Arrest of journalists in Kabul');
  // The undo is recorded as a change of its own: the history is never rewritten.
  await expect(app.getByText(`History (${changesBefore + 1} changes)`)).toBeVisible();
});

test('a deleted incident comes back with undo, links included', async ({ app }) => {
  const daftar = new DaftarPage(app);
  await daftar.completeFirstRun();
  await daftar.newSource({ title: 'UNAMA statement' });
  await daftar.newIncident({ title: 'Protest in Herat dispersed', date: '2024-02-11' });
  await daftar.field('Source to link').selectOption({ label: 'UNAMA statement' });
  await app.getByRole('button', { name: 'Link source' }).click();
  await expect(app.getByRole('group', { name: 'What “UNAMA statement” supports' })).toBeVisible();

  await app.getByRole('button', { name: 'Delete incident' }).click();
  await expect(
    app.getByRole('status').filter({ hasText: 'Incident “Protest in Herat dispersed” deleted.' }),
  ).toBeVisible();
  await expect(
    daftar.incidentsTable().getByRole('link', { name: 'Protest in Herat dispersed' }),
  ).toHaveCount(0);

  await app.getByRole('status').getByRole('button', { name: 'Undo' }).click();
  await expect(
    daftar.incidentsTable().getByRole('link', { name: 'Protest in Herat dispersed' }),
  ).toBeVisible();
  await new DaftarPage(app).reload();
  await daftar.incidentsTable().getByRole('link', { name: 'Protest in Herat dispersed' }).click();
  await expect(app.getByRole('group', { name: 'What “UNAMA statement” supports' })).toBeVisible();
});

test('invalid input is refused with a clear message and nothing is saved', async ({ app }) => {
  const daftar = new DaftarPage(app);
  await daftar.completeFirstRun();
  await app.getByRole('button', { name: 'New incident' }).click();
  // The invalid values go in first: autosave may run between any two steps, and the draft must
  // never be valid on the way.
  await daftar.field('Latitude').fill('91');
  await daftar.field('Longitude').fill('69.5');
  await daftar.field('Fatalities (most conservative figure)').fill('-4');
  await daftar.field('Date (or start of range)').fill('2024-06-10');
  await daftar.field('End of date range').fill('2024-06-01');
  await daftar.field('Title').fill('Clash in Panjshir');

  await expect(app.getByText('Latitude must be between -90 and 90.')).toBeVisible();
  await expect(app.getByText('This cannot be negative.')).toBeVisible();
  await expect(app.getByText('The end date is before the start date.')).toBeVisible();
  await expect(app.getByText('Not saved: correct the fields marked in red.')).toBeVisible();
  await expect(daftar.field('Latitude')).toHaveAttribute('aria-invalid', 'true');
  await app.waitForTimeout(1_500); // well past the autosave pause

  await new DaftarPage(app).reload();
  await daftar.openIncidents();
  await expect(app.getByText('0 incidents')).toBeVisible();

  // An existing incident keeps its last valid state.
  await daftar.newIncident({ title: 'Clash in Panjshir', date: '2024-06-10' });
  await daftar.field('Latitude').fill('35.3');
  await daftar.field('Longitude').fill('69.5');
  await daftar.expectSaved();
  await daftar.field('Latitude').fill('91');
  await expect(app.getByText('Latitude must be between -90 and 90.')).toBeVisible();
  await app.waitForTimeout(1_500);
  await new DaftarPage(app).reload();
  await expect(daftar.field('Latitude')).toHaveValue('35.3');
});

test('sample data from the article can be loaded and read', async ({ app }) => {
  const daftar = new DaftarPage(app);
  await daftar.completeFirstRun();
  await app.getByRole('link', { name: 'Settings' }).click();
  await app.getByRole('button', { name: 'Load sample data' }).click();
  await expect(app.getByText('3 incidents', { exact: true })).toBeVisible();
  await daftar
    .incidentsTable()
    .getByRole('link', { name: /Balkh killed in suicide attack/ })
    .click();
  await expect(daftar.field('Sub-event type')).toHaveValue('Suicide bomb');
  await expect(daftar.field('Time precision')).toHaveValue('2');
  await expect(daftar.field('Role of actor 3')).toHaveValue('claimedBy');
  const support = app.getByRole('group', { name: /What “International armed groups .*” supports/ });
  await expect(support.getByLabel('Fatalities')).toBeChecked();
  await app.getByRole('link', { name: 'Sources' }).click();
  await expect(app.getByText('6 sources', { exact: true })).toBeVisible();
});

test('Dari switches the whole interface to right-to-left and is remembered', async ({ app }) => {
  const daftar = new DaftarPage(app);
  await daftar.completeFirstRun();
  await app.getByRole('banner').getByLabel('Interface language').selectOption('fa-AF');
  await expect(app.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(app.locator('html')).toHaveAttribute('lang', 'fa-AF');
  await expect(app.getByRole('button', { name: 'رویداد جدید' })).toBeVisible();
  // After a reload even the lock screen speaks Dari.
  await app.reload();
  await expect(app.locator('html')).toHaveAttribute('dir', 'rtl');
  const lock = app.getByRole('main', { name: 'دفتر قفل است' });
  await lock.getByLabel('رمز عبارتی', { exact: true }).fill(E2E_PASSPHRASE);
  await lock.getByRole('button', { name: 'باز کردن قفل' }).click();
  await app.getByRole('button', { name: 'رویداد جدید' }).click();
  await app.getByLabel('عنوان', { exact: true }).fill('تظاهرات زنان در کابل');
  await app.getByLabel('عرض جغرافیایی').fill('۹۱');
  await expect(app.getByText('عرض جغرافیایی باید میان ‎-90‎ و 90 باشد.')).toBeVisible();
});

test('an attachment is stored with its SHA-256', async ({ app }) => {
  const daftar = new DaftarPage(app);
  await daftar.completeFirstRun();
  await daftar.newSource({ title: 'Photo of the site' });
  await app
    .getByLabel('Attach files')
    .setInputFiles({ name: 'site.txt', mimeType: 'text/plain', buffer: Buffer.from('abc') });
  await expect(app.getByLabel('SHA-256 of site.txt')).toHaveText(
    'sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
  );
  await new DaftarPage(app).reload();
  await expect(app.getByLabel('SHA-256 of site.txt')).toBeVisible();
  await app.getByText(/^Chain of custody/).click();
  await expect(app.getByText(/file attached/)).toBeVisible();
});

test('an actor typed under an alias in another script is recognised', async ({ app }) => {
  const daftar = new DaftarPage(app);
  await daftar.completeFirstRun();
  await app.getByRole('link', { name: 'Actors & places' }).click();
  await app.getByRole('button', { name: 'New actor' }).click();
  await daftar.field('Name').fill('Islamic State Khorasan Province');
  await daftar.field('Aliases').fill('ISKP, ISIS-K, دولت اسلامی ولایت خراسان');
  await daftar.expectSaved();

  await daftar.newIncident({ title: 'Attack on a Sufi shrine', date: '2024-03-01' });
  await app.getByRole('button', { name: 'Add actor' }).click();
  // Typed on an Arabic keyboard (Arabic yeh ي where the alias has the Persian ی).
  await daftar.field('Actor 1').fill('دولت اسلامي ولايت خراسان');
  await expect(app.getByText('Known actor: Islamic State Khorasan Province')).toBeVisible();
  await daftar.expectSaved();
  await new DaftarPage(app).reload();
  await expect(app.getByText('Known actor: Islamic State Khorasan Province')).toBeVisible();
});
