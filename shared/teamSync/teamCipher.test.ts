import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ENVELOPE_HEADER_BYTES,
  ENVELOPE_MAGIC,
  generateTeamKey,
  openForTeam,
  sealForTeam,
  TAG_BYTES,
} from './teamCipher.ts';
import { TeamSyncError } from './teamSyncError.ts';
import { utf8 } from './webCrypto.ts';

const TEAM = 'AAAAAAAAAAAAAAAAAAAAAA';
const OTHER_TEAM = 'BBBBBBBBBBBBBBBBBBBBBB';
const bundle = utf8('PK… a signed bundle about the attack on the Kabul checkpoint');

async function refusal(promise: Promise<unknown>): Promise<TeamSyncError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TeamSyncError);
  return error as TeamSyncError;
}

describe('the team envelope', () => {
  it('opens with the same key and team, and hides the bundle from whoever holds the bytes', async () => {
    const key = generateTeamKey();
    const sealed = await sealForTeam(bundle, key, TEAM);
    expect(sealed.length).toBe(ENVELOPE_HEADER_BYTES + bundle.length + TAG_BYTES);
    expect([...sealed.subarray(0, 6)]).toEqual([...ENVELOPE_MAGIC]);
    expect(sealed[6]).toBe(1);
    expect(Buffer.from(sealed).includes(Buffer.from('Kabul'))).toBe(false);
    expect(await openForTeam(sealed, key, TEAM)).toEqual(bundle);
    // A fresh nonce each time: the same bundle never gives the same bytes.
    expect(await sealForTeam(bundle, key, TEAM)).not.toEqual(sealed);
  });

  it('round-trips any bytes (property)', async () => {
    const key = generateTeamKey();
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2_000 }), async (plain) => {
        expect(await openForTeam(await sealForTeam(plain, key, TEAM), key, TEAM)).toEqual(plain);
      }),
      { seed: 7, numRuns: 60 },
    );
  });

  it('refuses another key and another team with cannotDecrypt', async () => {
    const key = generateTeamKey();
    const sealed = await sealForTeam(bundle, key, TEAM);
    expect((await refusal(openForTeam(sealed, generateTeamKey(), TEAM))).code).toBe(
      'cannotDecrypt',
    );
    const wrongTeam = await refusal(openForTeam(sealed, key, OTHER_TEAM));
    expect(wrongTeam.code).toBe('cannotDecrypt');
    expect(wrongTeam.message).toMatch(/another team or key, or its bytes were altered/);
    expect(wrongTeam.messageKey).toBe('teamSync.errors.cannotDecrypt');
  });

  it('refuses a change to any byte: magic, version, nonce, ciphertext or tag', async () => {
    const key = generateTeamKey();
    const sealed = await sealForTeam(bundle, key, TEAM);
    const positions = {
      magic: [0, 5],
      version: [6],
      nonce: [7, 12, 18],
      ciphertext: [19, 19 + Math.floor(bundle.length / 2), 19 + bundle.length - 1],
      tag: [sealed.length - 16, sealed.length - 1],
    };
    const expected = { magic: 'notAnEnvelope', version: 'unsupportedEnvelope' } as const;
    for (const [part, list] of Object.entries(positions)) {
      for (const at of list) {
        const altered = sealed.slice();
        altered[at]! ^= 0x01;
        const error = await refusal(openForTeam(altered, key, TEAM));
        expect([part, at, error.code]).toEqual([
          part,
          at,
          expected[part as keyof typeof expected] ?? 'cannotDecrypt',
        ]);
      }
    }
  });

  it('refuses any single flipped bit (property)', async () => {
    const key = generateTeamKey();
    const sealed = await sealForTeam(bundle, key, TEAM);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: sealed.length - 1 }),
        fc.integer({ min: 0, max: 7 }),
        async (at, bit) => {
          const altered = sealed.slice();
          altered[at]! ^= 1 << bit;
          await refusal(openForTeam(altered, key, TEAM));
        },
      ),
      { seed: 11, numRuns: 100 },
    );
  });

  it('refuses cut-short envelopes, other files and malformed keys', async () => {
    const key = generateTeamKey();
    const sealed = await sealForTeam(bundle, key, TEAM);
    expect((await refusal(openForTeam(sealed.subarray(0, 30), key, TEAM))).code).toBe(
      'notAnEnvelope',
    );
    expect((await refusal(openForTeam(sealed.subarray(0, 3), key, TEAM))).code).toBe(
      'notAnEnvelope',
    );
    expect((await refusal(openForTeam(utf8('PK\u0003\u0004 a zip'), key, TEAM))).code).toBe(
      'notAnEnvelope',
    );
    const cut = sealed.subarray(0, sealed.length - 1);
    expect((await refusal(openForTeam(cut, key, TEAM))).code).toBe('cannotDecrypt');
    const short = await refusal(sealForTeam(bundle, new Uint8Array(16), TEAM));
    expect([short.code, short.params]).toEqual(['invalidTeamKey', { bytes: 16 }]);
  });
});
