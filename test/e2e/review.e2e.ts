/**
 * Local review between two people, each in a fresh profile of their own: a reviewer questions a
 * field of an incident, annotates a passage of its source, disputes the incident, and sends back
 * only that review work; the researcher sees it all in place, answers and resolves — and the
 * incident's own fields are exactly what the researcher wrote.
 */
import type { Page } from '@playwright/test';
import { DaftarPage, E2E_PASSPHRASE } from './support/daftarPage.ts';
import { readSealedRows } from './support/sealedRows.ts';
import { expect, test as base } from './support/fixtures.ts';
import { selectPassage } from './support/passages.ts';

const NOTES =
  'گفته می‌شود که در حمله انتحاری در مزار شریف والی بلخ و سه محافظ کشته شدند. ' +
  'ISIS claimed the attack on its Amaq channel the same evening.';
const SOURCE_TEXT =
  'MAZAR-I-SHARIF — A suicide bomber killed the Taliban governor of Balkh in his office on ' +
  'Sunday, officials said. داعش مسئولیت این حمله را به عهده گرفت. Three guards also died.';
const QUOTE = 'داعش مسئولیت این حمله را به عهده گرفت';

const test = base.extend<{ researcher: DaftarPage; reviewer: DaftarPage }>({
  researcher: async ({ app }, use) => {
    const researcher = new DaftarPage(app);
    await researcher.completeFirstRun('Mariam Ahmadi');
    await use(researcher);
  },
  reviewer: async ({ launchApp }, use) => {
    const reviewer = new DaftarPage(await launchApp());
    await reviewer.completeFirstRun('Bashir Rahimi');
    await use(reviewer);
  },
});

/**
 * A stored record's fields as IndexedDB holds them (what "byte for byte" is about), read from the
 * sealed database with the passphrase, as any program following docs/security.md could.
 */
async function storedRecord(page: Page, table: string, title: string): Promise<string> {
  const row = (await readSealedRows(page, table, E2E_PASSPHRASE)).find((r) => r.title === title)!;
  const fields = Object.entries(row).filter(
    ([key]) => !key.startsWith('_') && !['status', 'statusReason', 'updated'].includes(key),
  );
  return JSON.stringify(Object.fromEntries(fields.sort(([a], [b]) => (a < b ? -1 : 1))));
}

async function statusStep(page: Page, step: string, reason?: string): Promise<void> {
  const section = page.getByRole('region', { name: 'Verification' });
  await section.getByRole('button', { name: step, exact: true }).click();
  if (reason) await section.getByLabel('Reason (required)').fill(reason);
  await section.getByRole('button', { name: step, exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Status is now' })).toBeVisible();
}

test('a reviewer annotates and disputes; the researcher sees it in place, replies and resolves', async ({
  researcher,
  reviewer,
}) => {
  test.setTimeout(180_000);
  const page = researcher.page;
  // The researcher records an incident and its source, and submits the incident for review.
  await researcher.newSource({ title: 'Governor of Balkh killed', outlet: 'Pajhwok' });
  await researcher.field('Full text').fill(SOURCE_TEXT);
  await researcher.expectSaved();
  await researcher.newIncident({ title: 'Suicide attack in Mazar-i-Sharif', date: '2025-03-02' });
  await researcher.field('Notes').fill(NOTES);
  await researcher.field('Fatalities (most conservative figure)').fill('4');
  await researcher.expectSaved();
  await statusStep(page, 'Submit for review');
  const incidentBefore = await storedRecord(page, 'incidents', 'Suicide attack in Mazar-i-Sharif');
  const sourceBefore = await storedRecord(page, 'sources', 'Governor of Balkh killed');
  await reviewer.importBundle(await researcher.exportBundle());
  await reviewer.confirmImport();

  // The reviewer finds it in the queue and questions the fatality figure…
  await expect(reviewer.nav('Review (1)')).toBeVisible();
  await reviewer.nav('Review (1)').click();
  const waiting = reviewer.page.getByRole('region', { name: 'Waiting for review (1)' });
  await waiting.getByRole('link', { name: 'Suicide attack in Mazar-i-Sharif' }).click();
  const rPage = reviewer.page;
  const form = rPage.getByRole('form', { name: 'New annotation' });
  await form.getByLabel('About').selectOption({ label: 'Fatalities (most conservative figure)' });
  await form.getByLabel('Kind').selectOption({ label: 'Question' });
  await form
    .getByLabel('Annotation')
    .fill('Which source gives four? The article says three guards and the governor.');
  await form.getByRole('button', { name: 'Add annotation' }).click();
  await expect(rPage.getByRole('article', { name: /^Question · Field: Fatalities/ })).toBeVisible();
  // …disputes the incident…
  await statusStep(rPage, 'Dispute', 'The casualty figures in the sources disagree');
  // …and annotates a passage of the source's text.
  await reviewer.nav('Sources').click();
  await rPage.getByRole('link', { name: 'Governor of Balkh killed' }).click();
  await selectPassage(rPage, 'Full text', QUOTE);
  await rPage.getByRole('button', { name: 'Annotate the selected passage of Full text' }).click();
  await expect(form.getByText(QUOTE)).toBeVisible();
  await form.getByLabel('Annotation').fill('Who else reported the claim?');
  await form.getByRole('button', { name: 'Add annotation' }).click();
  await expect(
    rPage.getByRole('article', { name: /^Comment · Passage of Full text/ }),
  ).toBeVisible();
  await expect(rPage.locator('mark.passage')).toHaveText(QUOTE);

  // Only the review work travels back.
  const review = await reviewer.exportBundle({ scope: /my review work/ });
  const preview = await researcher.importBundle(review);
  await expect(preview.getByText('Bashir Rahimi')).toBeVisible();
  await researcher.confirmImport();

  // The researcher sees the dispute and both threads in place.
  await expect(researcher.nav('Review (2)')).toBeVisible();
  await researcher.openIncident('Suicide attack in Mazar-i-Sharif');
  const verification = page.getByRole('region', { name: 'Verification' });
  await expect(verification).toContainText('Disputed');
  await expect(verification).toContainText('The casualty figures in the sources disagree');
  await expect(verification).toContainText('Bashir Rahimi');
  const question = page.getByRole('article', { name: /^Question · Field: Fatalities/ });
  await expect(question).toContainText('Which source gives four?');
  await expect(question).toContainText('Bashir Rahimi');
  await question
    .getByLabel('Your reply')
    .fill('The district hospital counted four; see the second report.');
  await question.getByRole('button', { name: 'Reply' }).click();
  await expect(question).toContainText('The district hospital counted four');
  await question.getByRole('button', { name: 'Resolve' }).click();
  // Resolved threads move out of the way, folded under their own heading.
  await page.getByText('Resolved (1)').click();
  await expect(
    page.getByRole('article', { name: /^Question · Field: Fatalities.*Resolved$/ }),
  ).toContainText('The district hospital counted four');

  // The passage is highlighted in the source's text, with its thread.
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Sources' })
    .click();
  await page.getByRole('link', { name: 'Governor of Balkh killed' }).click();
  await expect(page.locator('mark.passage')).toHaveText(QUOTE);
  await expect(
    page.getByRole('article', { name: /^Comment · Passage of Full text/ }),
  ).toContainText('Who else reported the claim?');
  await expect(researcher.nav('Review (1)')).toBeVisible();

  // Nothing the researcher wrote was changed by the review.
  expect(await storedRecord(page, 'incidents', 'Suicide attack in Mazar-i-Sharif')).toBe(
    incidentBefore,
  );
  expect(await storedRecord(page, 'sources', 'Governor of Balkh killed')).toBe(sourceBefore);

  // The lists show the status and filter by it.
  await researcher.openIncidents();
  await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Submitted' });
  await expect(researcher.incidentsTable().getByRole('row')).toHaveCount(1); // the header alone
  await page.getByLabel('Status', { exact: true }).selectOption({ label: 'Disputed' });
  await expect(
    researcher.incidentsTable().getByRole('link', { name: 'Suicide attack in Mazar-i-Sharif' }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Show all incidents' }).click();

  // The history names who took each step.
  await researcher.openIncident('Suicide attack in Mazar-i-Sharif');
  const history = page.getByRole('region', { name: /^History/ });
  await history.getByRole('button', { name: 'Show changes' }).click();
  await history.getByLabel('Show changes to').selectOption({ label: 'Verification status' });
  const steps = history.getByRole('group', { name: 'Changes, newest first' }).getByRole('listitem');
  // Newest first: disputed by the reviewer, submitted by the researcher, created as a draft.
  await expect(steps).toHaveCount(3);
  await expect(steps.nth(0)).toContainText('disputed');
  await expect(steps.nth(0)).toContainText('Bashir Rahimi');
  await expect(steps.nth(1)).toContainText('submitted');
  await expect(steps.nth(1)).toContainText('Mariam Ahmadi');

  // The reply and resolution travel back to the reviewer.
  await reviewer.importBundle(await researcher.exportBundle());
  await reviewer.confirmImport();
  await reviewer.openIncident('Suicide attack in Mazar-i-Sharif');
  await rPage.getByText('Resolved (1)').click();
  await expect(rPage.getByRole('article', { name: /^Question · Field: Fatalities/ })).toContainText(
    'The district hospital counted four',
  );
});

test('an annotated passage keeps its place when the text around it changes, and is kept as orphaned when deleted', async ({
  researcher,
}) => {
  const page = researcher.page;
  await researcher.newSource({ title: 'Claim of responsibility' });
  await researcher.field('Full text').fill(SOURCE_TEXT);
  await researcher.expectSaved();
  await selectPassage(page, 'Full text', QUOTE);
  await page.getByRole('button', { name: 'Annotate the selected passage of Full text' }).click();
  const form = page.getByRole('form', { name: 'New annotation' });
  await form.getByLabel('Annotation').fill('Check the group’s own channel.');
  await form.getByRole('button', { name: 'Add annotation' }).click();
  await expect(page.locator('mark.passage')).toHaveText(QUOTE);

  // Text added before the passage and a word changed after it: the highlight follows.
  await researcher
    .field('Full text')
    .fill(`UPDATED 3 March. ${SOURCE_TEXT.replace('Three guards', 'Four guards')}`);
  await researcher.expectSaved();
  await expect(page.locator('mark.passage')).toHaveText(QUOTE);
  await expect(page.getByText('(found where the text has changed)')).toBeVisible();

  // The passage deleted: no highlight, the thread kept with its quote, marked orphaned.
  await researcher.field('Full text').fill(SOURCE_TEXT.replace(QUOTE, ''));
  await researcher.expectSaved();
  await expect(page.locator('mark.passage')).toHaveCount(0);
  const orphans = page.getByRole('region', { name: 'Passages no longer in the text (1)' });
  await expect(orphans.getByRole('article')).toContainText(QUOTE);
  await expect(orphans.getByRole('note')).toHaveText(/no longer in the text/);
});
