import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHostSettingsStore } from './hostSettings.ts';
import {
  createHubOriginGate,
  DECLINE_QUIET_MS,
  hubOriginOf,
  MAX_HUB_ORIGINS,
} from './hubOrigins.ts';

let folder: string;
let file: string;
beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), 'daftar-huborigins-'));
  file = path.join(folder, 'settings.json');
});
afterEach(async () => {
  await rm(folder, { recursive: true, force: true });
});

const HUB = 'https://hub.example.org';

function gate(answer: boolean | ((origin: string) => Promise<boolean>) = true, now?: () => number) {
  const confirm = vi.fn(async (origin: string, _senderId: number) =>
    typeof answer === 'function' ? answer(origin) : answer,
  );
  return {
    confirm,
    gate: createHubOriginGate({ settings: createHostSettingsStore(file), confirm, now }),
  };
}

/** A question the test answers when it likes: `answer(origin, yes)`. */
function openQuestions() {
  const pending = new Map<string, (yes: boolean) => void>();
  return {
    ask: (origin: string) => new Promise<boolean>((resolve) => pending.set(origin, resolve)),
    answer(origin: string, yes: boolean) {
      const resolve = pending.get(origin);
      if (!resolve) throw new Error(`No question is open about ${origin}`);
      pending.delete(origin);
      resolve(yes);
    },
  };
}

const notAllowed = (message: RegExp) =>
  expect.objectContaining({ code: 'hub_not_allowed', message: expect.stringMatching(message) });

const stored = async (): Promise<unknown> => JSON.parse(await readFile(file, 'utf8')).hubOrigins;

describe('hub origins the user allowed', () => {
  it('asks on the first request to a hub, not on the next ones', async () => {
    const { gate: hubs, confirm } = gate(true);
    await hubs.check(`${HUB}/v1/health`, 4);
    await hubs.check(`${HUB}/v1/teams/t/bundles?after=3`, 4);
    expect(confirm).toHaveBeenCalledExactlyOnceWith(HUB, 4);
    await expect(stored()).resolves.toEqual([HUB]);
  });

  it('remembers an allowed hub across a restart (a reload of the settings)', async () => {
    await gate(true).gate.check(`${HUB}/v1/health`, 1);
    const { gate: later, confirm } = gate(false);
    await expect(later.check(`${HUB}/v1/health`, 1)).resolves.toBeUndefined();
    expect(confirm).not.toHaveBeenCalled();
  });

  it('refuses a declined hub and does not ask again during this run', async () => {
    const { gate: hubs, confirm } = gate(false);
    await expect(hubs.check(`${HUB}/v1/health`, 1)).rejects.toThrow(
      'You did not allow Daftar to connect to https://hub.example.org.',
    );
    await expect(hubs.check(`${HUB}/v1/other`, 1)).rejects.toEqual(notAllowed(/did not allow/));
    expect(confirm).toHaveBeenCalledOnce();
    await expect(readFile(file, 'utf8')).rejects.toThrow(/ENOENT/);
  });

  it('asks once for requests that arrive while the question is open', async () => {
    let answer!: (yes: boolean) => void;
    const { gate: hubs, confirm } = gate(() => new Promise<boolean>((r) => (answer = r)));
    const requests = [1, 2, 3].map((n) => hubs.check(`${HUB}/v1/r${n}`, 1));
    await vi.waitFor(() => expect(confirm).toHaveBeenCalled());
    answer(true);
    await expect(Promise.all(requests)).resolves.toHaveLength(3);
    expect(confirm).toHaveBeenCalledOnce();
  });

  it('refuses every waiting request when the one question is declined', async () => {
    let answer!: (yes: boolean) => void;
    const { gate: hubs, confirm } = gate(() => new Promise<boolean>((r) => (answer = r)));
    const requests = [1, 2].map((n) => hubs.check(`${HUB}/v1/r${n}`, 1));
    await vi.waitFor(() => expect(confirm).toHaveBeenCalled());
    answer(false);
    for (const request of requests) await expect(request).rejects.toThrow(/did not allow/);
    expect(confirm).toHaveBeenCalledOnce();
  });

  it('treats another port, scheme or host as another hub', async () => {
    const { gate: hubs, confirm } = gate(true);
    await hubs.check('https://hub.example.org/v1/a', 1);
    await hubs.check('https://hub.example.org:443/v1/a', 1); // the default port: the same origin
    await hubs.check('https://HUB.example.org/v1/a', 1);
    await hubs.check('https://hub.example.org:8443/v1/a', 1);
    await hubs.check('http://127.0.0.1:3000/v1/a', 1);
    await hubs.check('http://127.0.0.1:3001/v1/a', 1);
    expect(confirm.mock.calls.map(([origin]) => origin)).toEqual([
      'https://hub.example.org',
      'https://hub.example.org:8443',
      'http://127.0.0.1:3000',
      'http://127.0.0.1:3001',
    ]);
  });

  it('keeps the newest hubs only, and other settings as they were', async () => {
    await writeFile(file, JSON.stringify({ language: 'fa-AF' }));
    const { gate: hubs } = gate(true);
    for (let n = 0; n < MAX_HUB_ORIGINS + 2; n++) {
      await hubs.check(`https://hub${n}.example.org/v1/health`, 1);
    }
    const settings = JSON.parse(await readFile(file, 'utf8'));
    expect(settings.language).toBe('fa-AF');
    expect(settings.hubOrigins).toHaveLength(MAX_HUB_ORIGINS);
    expect(settings.hubOrigins[0]).toBe('https://hub2.example.org');
    expect(settings.hubOrigins.at(-1)).toBe(`https://hub${MAX_HUB_ORIGINS + 1}.example.org`);
  });

  it('ignores stored entries that are not origins', async () => {
    await writeFile(
      file,
      JSON.stringify({ hubOrigins: [`${HUB}/v1/`, 'HTTPS://HUB.EXAMPLE.ORG'] }),
    );
    const { gate: hubs, confirm } = gate(true);
    await hubs.check(`${HUB}/v1/health`, 1);
    expect(confirm).toHaveBeenCalledOnce();
  });

  it('asks again after the question itself failed (the window closed)', async () => {
    let fail = true;
    const { gate: hubs, confirm } = gate(async () => {
      if (fail) throw new Error('window closed');
      return true;
    });
    await expect(hubs.check(`${HUB}/v1/health`, 1)).rejects.toThrow('window closed');
    fail = false;
    await hubs.check(`${HUB}/v1/health`, 1);
    expect(confirm).toHaveBeenCalledTimes(2);
  });
});

describe('no question spam from the page', () => {
  const EVIL = (n: number) => `https://a${n}.evil.example`;

  it('asks one question at a time: another hub is refused at once while one is open', async () => {
    const questions = openQuestions();
    const { gate: hubs, confirm } = gate(questions.ask);
    const first = hubs.check(`${HUB}/v1/health`, 1);
    await vi.waitFor(() => expect(confirm).toHaveBeenCalledOnce());
    for (let n = 1; n <= 5; n++) {
      // Refused at once: not left waiting behind the open question.
      const refused = hubs.check(`${EVIL(n)}/v1/health`, 1).then(
        () => 'allowed',
        (error: unknown) => error,
      );
      const waiting = new Promise((resolve) => setTimeout(() => resolve('still waiting'), 200));
      await expect(Promise.race([refused, waiting])).resolves.toEqual(
        notAllowed(/already asking whether to connect to another hub/),
      );
    }
    // The same hub still waits for the one answer.
    const again = hubs.check(`${HUB}/v1/other`, 1);
    expect(confirm).toHaveBeenCalledOnce();
    questions.answer(HUB, true);
    await expect(Promise.all([first, again])).resolves.toHaveLength(2);
    // Once answered, the next hub is asked about.
    const next = hubs.check(`${EVIL(1)}/v1/health`, 1);
    await vi.waitFor(() => expect(confirm).toHaveBeenCalledTimes(2));
    expect(confirm.mock.calls.map(([origin]) => origin)).toEqual([HUB, EVIL(1)]);
    questions.answer(EVIL(1), true);
    await expect(next).resolves.toBeUndefined();
  });

  it('asks again once a question failed (the window closed) rather than staying busy', async () => {
    let fail = true;
    const { gate: hubs, confirm } = gate(async () => {
      if (fail) throw new Error('window closed');
      return true;
    });
    await expect(hubs.check(`${EVIL(1)}/v1/health`, 1)).rejects.toThrow('window closed');
    fail = false;
    await expect(hubs.check(`${EVIL(2)}/v1/health`, 1)).resolves.toBeUndefined();
    expect(confirm).toHaveBeenCalledTimes(2);
  });

  it('after a decline, asks about no new hub for 10 minutes; allowed hubs keep working', async () => {
    let clock = 1_000_000;
    const { gate: hubs, confirm } = gate(
      async (origin) => origin === HUB,
      () => clock,
    );
    await hubs.check(`${HUB}/v1/health`, 1);
    await expect(hubs.check(`${EVIL(1)}/v1/health`, 1)).rejects.toEqual(
      notAllowed(/did not allow/),
    );
    expect(confirm).toHaveBeenCalledTimes(2);

    for (let n = 2; n <= 20; n++) {
      await expect(hubs.check(`${EVIL(n)}/v1/health`, 1)).rejects.toEqual(
        notAllowed(/will not ask about https:\/\/a\d+\.evil\.example for 10 more minutes/),
      );
    }
    await expect(hubs.check(`${HUB}/v1/teams/t/bundles`, 1)).resolves.toBeUndefined();
    clock += DECLINE_QUIET_MS - 30_000;
    await expect(hubs.check(`${EVIL(2)}/v1/health`, 1)).rejects.toEqual(
      notAllowed(/for 1 more minute\./),
    );
    expect(confirm).toHaveBeenCalledTimes(2);

    clock += 30_000;
    await expect(hubs.check(`${EVIL(2)}/v1/health`, 1)).rejects.toEqual(
      notAllowed(/did not allow/),
    );
    expect(confirm.mock.calls.map(([origin]) => origin)).toEqual([HUB, EVIL(1), EVIL(2)]);
    // The new decline starts a new quiet time; the first declined hub stays refused this run.
    await expect(hubs.check(`${EVIL(3)}/v1/health`, 1)).rejects.toEqual(notAllowed(/10 more/));
    clock += DECLINE_QUIET_MS;
    await expect(hubs.check(`${EVIL(1)}/v1/health`, 1)).rejects.toEqual(
      notAllowed(/did not allow/),
    );
    expect(confirm).toHaveBeenCalledTimes(3);
  });
});

describe('after a wipe', () => {
  const EVIL = (n: number) => `https://a${n}.evil.example`;
  it('forgets allowed and declined hubs, so the next request asks again', async () => {
    const { gate: hubs, confirm } = gate(
      async (origin) => origin === HUB,
      () => 0,
    );
    await hubs.check(`${HUB}/v1/health`, 1);
    await expect(hubs.check(`${EVIL(1)}/v1/health`, 1)).rejects.toEqual(notAllowed(/did not/));
    await rm(file);
    hubs.forget();
    await hubs.check(`${HUB}/v1/health`, 1);
    await expect(hubs.check(`${EVIL(1)}/v1/health`, 1)).rejects.toEqual(notAllowed(/did not/));
    expect(confirm.mock.calls.map(([origin]) => origin)).toEqual([HUB, EVIL(1), HUB, EVIL(1)]);
  });

  it('lets an answer to a question asked before the wipe allow nothing, nor write anything', async () => {
    const questions = openQuestions();
    const { gate: hubs, confirm } = gate(questions.ask);
    const pending = hubs.check(`${HUB}/v1/health`, 1);
    await vi.waitFor(() => expect(confirm).toHaveBeenCalledOnce());
    hubs.forget();
    questions.answer(HUB, true);
    await expect(pending).rejects.toEqual(notAllowed(/did not allow/));
    await expect(readFile(file)).rejects.toThrow(/ENOENT/);
  });
});

describe('hubOriginOf', () => {
  it.each([
    ['https://hub.example.org/v1/x', 'https://hub.example.org'],
    ['https://hub.example.org:443/v1/x', 'https://hub.example.org'],
    ['http://localhost:8080/v1/x', 'http://localhost:8080'],
    // The dialog shows punycode: no look-alike letters.
    ['https://خبر.af/v1/x', 'https://xn--ngblk.af'],
    ['ftp://hub.example.org/', undefined],
    ['not a url', undefined],
  ])('%s → %s', (url, origin) => {
    expect(hubOriginOf(url)).toBe(origin);
  });
});
