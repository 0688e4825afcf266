/**
 * End-to-end encryption of a bundle with the team key, so the hub stores bytes it cannot read.
 * The bundle inside is already signed by its device; this envelope only hides it.
 *
 * Envelope (version 1), all of it binary:
 *
 *   offset  size  content
 *        0     6  magic "DFTEAM" (ASCII)
 *        6     1  envelope version, 1
 *        7    12  nonce: 96 random bits, fresh for every envelope
 *       19   n+16 AES-256-GCM ciphertext of the n bundle bytes, then the 16-byte tag
 *
 * The additional authenticated data is the magic and version followed by the team id (UTF-8),
 * so an envelope of another team, or one whose version byte was changed, fails to open like a
 * wrong key or an altered byte does — GCM cannot tell these apart, and neither do we.
 * Random nonces under one key are safe for far more envelopes than a team will ever make
 * (NIST SP 800-38D: 2^32).
 */
import { TeamSyncError } from './teamSyncError.ts';
import { concatBytes, randomBytes, subtle, utf8, type AesKeyLike } from './webCrypto.ts';

export const TEAM_KEY_BYTES = 32;
export const ENVELOPE_MAGIC = utf8('DFTEAM');
export const ENVELOPE_VERSION = 1;
export const NONCE_BYTES = 12;
export const TAG_BYTES = 16;
export const ENVELOPE_HEADER_BYTES = ENVELOPE_MAGIC.length + 1 + NONCE_BYTES;

/** A fresh team key: 32 random bytes. */
export function generateTeamKey(): Uint8Array {
  return randomBytes(TEAM_KEY_BYTES);
}

function checkKey(teamKey: Uint8Array): void {
  if (!(teamKey instanceof Uint8Array) || teamKey.length !== TEAM_KEY_BYTES) {
    throw new TeamSyncError('invalidTeamKey', 'A team key is 32 bytes.', {
      bytes: teamKey instanceof Uint8Array ? teamKey.length : 0,
    });
  }
}

function importKey(teamKey: Uint8Array): Promise<AesKeyLike> {
  checkKey(teamKey);
  return subtle().importKey('raw', teamKey, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
}

function additionalData(version: number, teamId: string): Uint8Array {
  return concatBytes(ENVELOPE_MAGIC, Uint8Array.of(version), utf8(teamId));
}

/** The envelope of `bundle` for `teamId` under `teamKey`. */
export async function sealForTeam(
  bundle: Uint8Array,
  teamKey: Uint8Array,
  teamId: string,
): Promise<Uint8Array> {
  const key = await importKey(teamKey);
  const nonce = randomBytes(NONCE_BYTES);
  const sealed = await subtle().encrypt(
    {
      name: 'AES-GCM',
      iv: nonce,
      tagLength: 128,
      additionalData: additionalData(ENVELOPE_VERSION, teamId),
    },
    key,
    bundle,
  );
  return concatBytes(
    ENVELOPE_MAGIC,
    Uint8Array.of(ENVELOPE_VERSION),
    nonce,
    new Uint8Array(sealed),
  );
}

/** Whether `bytes` start like a team envelope (says nothing of whether it opens). */
export function looksLikeEnvelope(bytes: Uint8Array): boolean {
  return (
    bytes.length >= ENVELOPE_MAGIC.length && ENVELOPE_MAGIC.every((byte, i) => bytes[i] === byte)
  );
}

/**
 * The bundle inside an envelope. Refuses, before any decryption, bytes that are not an envelope
 * (`notAnEnvelope`) or of another version (`unsupportedEnvelope`); then a wrong key, another
 * team's envelope or any altered byte all give `cannotDecrypt`.
 */
export async function openForTeam(
  envelope: Uint8Array,
  teamKey: Uint8Array,
  teamId: string,
): Promise<Uint8Array> {
  const key = await importKey(teamKey);
  if (!looksLikeEnvelope(envelope)) {
    throw new TeamSyncError('notAnEnvelope', 'These bytes are not a Daftar team envelope.');
  }
  const version = envelope[ENVELOPE_MAGIC.length]!;
  if (version !== ENVELOPE_VERSION) {
    throw new TeamSyncError(
      'unsupportedEnvelope',
      `The team envelope has version ${version}; this app reads version ${ENVELOPE_VERSION}.`,
      { version },
    );
  }
  if (envelope.length < ENVELOPE_HEADER_BYTES + TAG_BYTES) {
    throw new TeamSyncError('notAnEnvelope', 'The team envelope is cut short.');
  }
  const nonce = envelope.slice(ENVELOPE_MAGIC.length + 1, ENVELOPE_HEADER_BYTES);
  try {
    const plain = await subtle().decrypt(
      {
        name: 'AES-GCM',
        iv: nonce,
        tagLength: 128,
        additionalData: additionalData(version, teamId),
      },
      key,
      envelope.subarray(ENVELOPE_HEADER_BYTES),
    );
    return new Uint8Array(plain);
  } catch {
    throw new TeamSyncError(
      'cannotDecrypt',
      'The bundle does not open with this team’s key: it belongs to another team or key, or its bytes were altered.',
    );
  }
}
