/**
 * Team sync end to end, through the UI, with a real hub (its own Node process on 127.0.0.1):
 * the lead sets up the team on the hub with the hub's admin token and is shown the team admin
 * token once; an invite withdrawn by the lead is refused; a second profile joins with a fresh
 * invite (a wrong passphrase first: refused, and the invite still works); an incident recorded by the lead
 * arrives at the member after "Sync now" on both; nothing typed into it reaches the hub's folder
 * readable; with the hub stopped the status says offline, and once it is back "Sync now"
 * recovers; leaving the team keeps the records. The pages talk to their own origin and the hub only.
 */
import type { Page } from '@playwright/test';
import { DaftarPage } from './support/daftarPage.ts';
import { expect, test } from './support/fixtures.ts';
import { answerHubQuestions } from './support/hubConsent.ts';
import { startHubProcess, type HubProcess } from './support/hubProcess.ts';

const CANARY = 'QZX-canary-7f3a9';
const PASSPHRASE = 'four spoken words here';

function statusOf(page: Page) {
  return page.getByRole('contentinfo', { name: 'Team sync' }).getByRole('status');
}

function teamRegion(page: Page, name: string) {
  return page.getByRole('region', { name });
}

/** Every origin a page sends requests to. */
function watchOrigins(page: Page): Set<string> {
  const origins = new Set<string>();
  page.on('request', (request) => {
    const url = request.url();
    if (/^https?:/.test(url)) origins.add(new URL(url).origin);
  });
  return origins;
}

test('a lead sets up a team, a member joins, and an incident travels through the hub', async ({
  app,
  launchApp,
  baseURL,
  host,
}) => {
  test.setTimeout(120_000);
  const lead = new DaftarPage(app);
  const member = new DaftarPage(await launchApp());
  const leadOrigins = watchOrigins(lead.page);
  const memberOrigins = watchOrigins(member.page);
  await lead.completeFirstRun('Mariam Ahmadi');
  await member.completeFirstRun('Bashir Rahimi');
  const leadQuestions = await answerHubQuestions(lead.page);
  const memberQuestions = await answerHubQuestions(member.page);

  let hub: HubProcess | null = null;
  try {
    hub = await startHubProcess();

    // Before joining: no status, nothing sent anywhere but the app's own origin.
    await expect(lead.page.getByRole('button', { name: 'Sync now' })).toHaveCount(0);

    // The lead sets up the team on the hub.
    await lead.nav('Team').click();
    await expect(lead.page.getByRole('heading', { level: 1, name: 'Team' })).toBeVisible();
    const setup = teamRegion(lead.page, 'Set up a team on a hub');
    await setup.getByLabel('Hub address').fill(hub.url);
    await setup.getByLabel('Hub admin token').fill('dft_not-a-token');
    await setup.getByLabel('Team name').fill('Team 3');
    await setup.getByLabel("This device's name").fill('Laptop M');
    await setup.getByRole('button', { name: 'Create team' }).click();
    await expect(setup.getByText('An admin token starts with dft_')).toBeVisible();
    await setup.getByLabel('Hub admin token').fill(hub.adminToken);
    await setup.getByRole('button', { name: 'Create team' }).click();
    const leadTeam = teamRegion(lead.page, 'Your team');
    await expect(leadTeam.getByText('Team 3')).toBeVisible();
    await expect(statusOf(lead.page)).toHaveText('Up to date', { timeout: 20_000 });

    // The team admin token the hub answered is shown once, to save; not the hub's own token.
    const invitePanel = teamRegion(lead.page, 'Invite a member');
    const notice = invitePanel.getByRole('group', { name: 'Save the team admin token' });
    await expect(notice.getByText(/save it in a password manager/)).toBeVisible();
    const teamAdminToken = await notice.getByLabel('Team admin token').inputValue();
    expect(teamAdminToken).toMatch(/^dft_[A-Za-z0-9_-]{43}$/);
    expect(teamAdminToken).not.toBe(hub.adminToken);
    await expect(notice.getByRole('button', { name: 'Copy team admin token' })).toBeVisible();
    await notice.getByRole('button', { name: 'I have saved it' }).click();
    await expect(notice).toHaveCount(0);

    // An invite for the member, with a passphrase given another way.
    const makeInvite = async (): Promise<string> => {
      await invitePanel.getByLabel('Passphrase for this invite').fill(PASSPHRASE);
      await invitePanel.getByLabel('Confirm passphrase').fill(PASSPHRASE);
      await invitePanel.getByRole('button', { name: 'Create invite' }).click();
      const inviteBox = invitePanel.getByLabel('Invite text to send');
      await expect(inviteBox).toHaveValue(/^daftar-invite:1:/, { timeout: 20_000 });
      await expect(invitePanel.getByText(/give them the passphrase another way/)).toBeVisible();
      return inviteBox.inputValue();
    };
    // The first one went to the wrong person: the lead withdraws it.
    const withdrawnInvite = await makeInvite();
    await invitePanel.getByRole('button', { name: 'Withdraw this invite' }).click();
    await expect(
      invitePanel.getByText('Invite withdrawn: it can no longer be used to join.'),
    ).toBeVisible({ timeout: 20_000 });
    await expect(invitePanel.getByLabel('Invite text to send')).toHaveCount(0);
    const invite = await makeInvite();

    // The member: the withdrawn invite is refused by the hub, even with the right passphrase.
    await member.nav('Team').click();
    const join = teamRegion(member.page, 'Join a team');
    await join.getByLabel('Invite text').fill(withdrawnInvite);
    await join.getByLabel('Invite passphrase').fill(PASSPHRASE);
    await join.getByLabel("This device's name").fill('Laptop B');
    await join.getByRole('button', { name: 'Join team' }).click();
    await expect(join.getByRole('alert')).toHaveText(
      'The invite code is unknown, expired, used up or withdrawn. Ask for a new invite.',
      { timeout: 20_000 },
    );

    // A wrong passphrase is refused and does not use up the invite.
    await join.getByLabel('Invite text').fill(invite);
    await join.getByLabel('Invite passphrase').fill('wrong passphrase');
    await join.getByLabel("This device's name").fill('Laptop B');
    await join.getByRole('button', { name: 'Join team' }).click();
    await expect(join.getByRole('alert')).toHaveText(
      'The passphrase does not open this invite. Check it with the team lead.',
      { timeout: 20_000 },
    );
    await join.getByLabel('Invite passphrase').fill(PASSPHRASE);
    await join.getByRole('button', { name: 'Join team' }).click();
    await expect(teamRegion(member.page, 'Your team').getByText('Team 3')).toBeVisible({
      timeout: 20_000,
    });
    await expect(statusOf(member.page)).toHaveText('Up to date', { timeout: 20_000 });

    // The lead records an incident: it waits, then goes with "Sync now".
    await lead.newIncident({ title: `Night raid ${CANARY}`, date: '2024-05-01' });
    await expect(statusOf(lead.page)).toHaveText(/changes? waiting to be sent/);
    await lead.page.getByRole('button', { name: 'Sync now' }).click();
    await expect(statusOf(lead.page)).toHaveText('Up to date', { timeout: 20_000 });

    // The member syncs and sees it.
    await member.page.getByRole('button', { name: 'Sync now' }).click();
    await expect(statusOf(member.page)).toHaveText('Up to date', { timeout: 20_000 });
    await member.openIncidents();
    await expect(member.incidentsTable()).toContainText(`Night raid ${CANARY}`);

    // The hub holds the bundles, sealed: the canary is nowhere in its folder or database.
    const files = await hub.files();
    expect(files.some((f) => f.path.startsWith('blobs'))).toBe(true);
    expect(files.some((f) => f.path.startsWith('hub.sqlite'))).toBe(true);
    const needle = Buffer.from(CANARY, 'utf8');
    for (const file of files) {
      expect(file.bytes.includes(needle), `canary in ${file.path}`).toBe(false);
    }
    expect(hub.output()).not.toContain(CANARY);

    // Offline: the hub stops; the status says so, with the reason. Back up: Sync now recovers.
    await hub.stop();
    await member.page.getByRole('button', { name: 'Sync now' }).click();
    await expect(statusOf(member.page)).toHaveText(
      'Offline — will sync when a connection appears',
      { timeout: 20_000 },
    );
    await hub.start();
    await member.page.getByRole('button', { name: 'Sync now' }).click();
    await expect(statusOf(member.page)).toHaveText('Up to date', { timeout: 20_000 });

    // Clicking the status opens the team page, with the last sync time.
    await member.nav('Incidents').click();
    await statusOf(member.page).click();
    await expect(member.page).toHaveURL(/#\/team$/);
    await expect(teamRegion(member.page, 'Your team').getByText('Not yet')).toHaveCount(0);

    // Leaving forgets the team after a confirmation; the records stay, the status bar goes.
    const leave = teamRegion(member.page, 'Leave this team');
    await leave.getByRole('button', { name: 'Leave this team…' }).click();
    await leave
      .getByRole('group', { name: 'Confirm leaving the team' })
      .getByRole('button', { name: 'Leave team' })
      .click();
    await expect(teamRegion(member.page, 'Join a team')).toBeVisible();
    await expect(member.page.getByRole('contentinfo', { name: 'Team sync' })).toHaveCount(0);
    await member.openIncidents();
    await expect(member.incidentsTable()).toContainText(`Night raid ${CANARY}`);

    // Only the app's own origin and the hub were ever contacted.
    const allowed = new Set([new URL(baseURL!).origin, hub.url]);
    for (const origin of [...leadOrigins, ...memberOrigins]) {
      expect(allowed, `request to ${origin}`).toContain(origin);
    }
    expect(leadOrigins).toContain(hub.url);
    // Electron asked each profile once before connecting to the hub, never again.
    for (const questions of [leadQuestions, memberQuestions]) {
      expect(await questions.asked()).toBe(host === 'electron' ? 1 : null);
    }
  } finally {
    await hub?.dispose();
  }
});
