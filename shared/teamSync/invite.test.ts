import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createInvite,
  parseInvite,
  unwrapTeamKey,
  checkHubUrl,
  type CreateInviteInput,
} from './invite.ts';
import { generateTeamKey } from './teamCipher.ts';
import { TeamSyncError } from './teamSyncError.ts';
import { fromBase64Url, fromUtf8, toBase64Url, utf8 } from './webCrypto.ts';

const WEAK = { iterations: 1_000, testOnlyAllowWeakKdf: true } as const;
const teamKey = generateTeamKey();
const input: CreateInviteInput = {
  hubUrl: 'https://hub.example.org',
  team: { id: 'AAAAAAAAAAAAAAAAAAAAAA', name: 'تیم هرات' },
  code: 'cccccccccccccccccccccc',
  teamKey,
  passphrase: 'seven blue camels',
};

function refusal(run: () => unknown): TeamSyncError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(TeamSyncError);
    return error as TeamSyncError;
  }
  throw new Error('expected a refusal');
}

async function asyncRefusal(promise: Promise<unknown>): Promise<TeamSyncError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TeamSyncError);
  return error as TeamSyncError;
}

/** An invite text whose JSON was edited by `edit`. */
async function edited(edit: (payload: Record<string, unknown>) => void): Promise<string> {
  const text = await createInvite(input, WEAK);
  const payload = JSON.parse(fromUtf8(fromBase64Url(text.split(':')[2]!))) as Record<
    string,
    unknown
  >;
  edit(payload);
  return `daftar-invite:1:${toBase64Url(utf8(JSON.stringify(payload)))}`;
}

describe('invites', () => {
  it('carry the hub, team and code in the open, and the key only behind the passphrase', async () => {
    const text = await createInvite(input, WEAK);
    expect(text).toMatch(/^daftar-invite:1:[A-Za-z0-9_-]+$/);
    const invite = parseInvite(`  ${text}\n`);
    expect(invite.hubUrl).toBe('https://hub.example.org');
    expect(invite.team).toEqual(input.team);
    expect(invite.code).toBe(input.code);
    // The key is not in the text in any plain form.
    const decoded = fromUtf8(fromBase64Url(text.split(':')[2]!));
    expect(decoded).not.toContain(toBase64Url(teamKey));
    expect(await unwrapTeamKey(invite, 'seven blue camels', WEAK)).toEqual(teamKey);
  });

  it('use 600,000 PBKDF2 iterations unless a test asks otherwise, and refuse weak ones in the app', async () => {
    const weak = parseInvite(await createInvite(input, WEAK));
    expect(weak.wrappedKey.iterations).toBe(1_000);
    const error = await asyncRefusal(unwrapTeamKey(weak, 'seven blue camels'));
    expect(error.code).toBe('invalidInvite');
    await expect(createInvite(input, { iterations: 1_000 })).rejects.toThrow(/iterations/);
  });

  it('refuse a wrong passphrase, and a key moved to another team, with wrongInvitePassphrase', async () => {
    const invite = parseInvite(await createInvite(input, WEAK));
    const wrong = await asyncRefusal(unwrapTeamKey(invite, 'seven blue camel', WEAK));
    expect(wrong.code).toBe('wrongInvitePassphrase');
    expect(wrong.message).toMatch(/passphrase does not open/);
    const moved = { ...invite, team: { ...invite.team, id: 'BBBBBBBBBBBBBBBBBBBBBB' } };
    expect((await asyncRefusal(unwrapTeamKey(moved, 'seven blue camels', WEAK))).code).toBe(
      'wrongInvitePassphrase',
    );
    expect((await asyncRefusal(unwrapTeamKey(invite, '', WEAK))).code).toBe('passphraseRequired');
  });

  it('refuse an invite pointed at another hub, team name or code with wrongInvitePassphrase', async () => {
    const swaps: Array<(payload: Record<string, unknown>) => void> = [
      (p) => void (p.hub = 'https://evil.example.net'),
      (p) => void (p.hub = 'https://hub.example.org/other'),
      (p) => void (p.code = 'dddddddddddddddddddddd'),
      (p) => void ((p.team as { name: string }).name = 'تیم کابل'),
      (p) => void ((p.team as { id: string }).id = 'BBBBBBBBBBBBBBBBBBBBBB'),
    ];
    for (const swap of swaps) {
      const invite = parseInvite(await edited(swap));
      const error = await asyncRefusal(unwrapTeamKey(invite, 'seven blue camels', WEAK));
      expect(error.code).toBe('wrongInvitePassphrase');
    }
    // Untouched, and with the hub address written differently but meaning the same, it opens.
    expect(
      await unwrapTeamKey(parseInvite(await edited(() => {})), 'seven blue camels', WEAK),
    ).toEqual(teamKey);
    const slash = parseInvite(await edited((p) => void (p.hub = 'https://hub.example.org/')));
    expect(await unwrapTeamKey(slash, 'seven blue camels', WEAK)).toEqual(teamKey);
  });

  it('accept https anywhere and http only to this computer', () => {
    expect(checkHubUrl('https://hub.example.org/daftar/')).toBe('https://hub.example.org/daftar');
    expect(checkHubUrl('http://127.0.0.1:8787')).toBe('http://127.0.0.1:8787');
    expect(checkHubUrl('http://localhost:8787')).toBe('http://localhost:8787');
    expect(checkHubUrl('http://[::1]:8787')).toBe('http://[::1]:8787');
    for (const url of [
      'http://hub.example.org',
      'http://10.0.0.2',
      'ftp://hub.example.org',
      'file:///x',
    ]) {
      expect([url, refusal(() => checkHubUrl(url)).code]).toEqual([url, 'insecureHubUrl']);
    }
    for (const url of [
      'hub.example.org',
      'https://u:p@hub.example.org',
      'https://hub.example.org/?a=1',
    ]) {
      expect([url, refusal(() => checkHubUrl(url)).code]).toEqual([url, 'invalidInvite']);
    }
  });

  it('refuse malformed invites with a specific code', async () => {
    const cases: [string, string][] = [
      ['hello', 'notAnInvite'],
      ['daftar-invite:1:', 'notAnInvite'],
      ['daftar-invite:1:@@@', 'notAnInvite'],
      ['daftar-invite:1:' + toBase64Url(utf8('not json')), 'notAnInvite'],
      ['daftar-invite:2:' + toBase64Url(utf8('{}')), 'unsupportedInvite'],
      ['daftar-invite:1:' + 'A'.repeat(5_000), 'notAnInvite'],
      [await edited((p) => (p.hub = 'http://hub.example.org')), 'insecureHubUrl'],
      [await edited((p) => (p.extra = 1)), 'invalidInvite'],
      [await edited((p) => (p.team = { id: 'short', name: 'x' })), 'invalidInvite'],
      [
        await edited((p) => (p.team = { id: 'AAAAAAAAAAAAAAAAAAAAAA', name: ' ' })),
        'invalidInvite',
      ],
      [await edited((p) => (p.code = 'a b')), 'invalidInvite'],
      [await edited((p) => ((p.key as { salt: string }).salt = 'AAAA')), 'invalidInvite'],
      [
        await edited((p) => ((p.key as { iterations: unknown }).iterations = '600000')),
        'invalidInvite',
      ],
      [await edited((p) => ((p.key as { iterations: number }).iterations = 1e9)), 'invalidInvite'],
      [await edited((p) => ((p.key as { kdf: string }).kdf = 'scrypt')), 'invalidInvite'],
      [await edited((p) => delete p.key), 'invalidInvite'],
    ];
    for (const [text, code] of cases) {
      expect([text.slice(0, 40), refusal(() => parseInvite(text)).code]).toEqual([
        text.slice(0, 40),
        code,
      ]);
    }
  });

  it('refuse any other text without throwing anything but a TeamSyncError (property)', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string().map((s) => `daftar-invite:1:${s}`),
          fc.uint8Array().map((b) => `daftar-invite:1:${toBase64Url(b)}`),
          fc.json().map((j) => `daftar-invite:1:${toBase64Url(utf8(j))}`),
        ),
        (text) => {
          refusal(() => parseInvite(text));
        },
      ),
      { seed: 3, numRuns: 300 },
    );
  });

  it('detect any altered character of the wrapped key (property)', async () => {
    const text = await createInvite(input, WEAK);
    const invite = parseInvite(text);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: 47 }),
        fc.integer({ min: 0, max: 7 }),
        async (at, bit) => {
          const ciphertext = invite.wrappedKey.ciphertext.slice();
          ciphertext[at]! ^= 1 << bit;
          const altered = { ...invite, wrappedKey: { ...invite.wrappedKey, ciphertext } };
          expect((await asyncRefusal(unwrapTeamKey(altered, 'seven blue camels', WEAK))).code).toBe(
            'wrongInvitePassphrase',
          );
        },
      ),
      { seed: 5, numRuns: 30 },
    );
  });
});
