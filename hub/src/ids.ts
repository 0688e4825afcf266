// Random identifiers and secrets, and their hashes. Ids are 128-bit base64url (22 characters);
// tokens are `dft_` + 256-bit base64url (43 characters). The hub keeps only SHA-256 of tokens and
// invite codes, and compares secrets in constant time.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export const ID_PATTERN = /^[A-Za-z0-9_-]{22}$/;
export const TOKEN_PATTERN = /^dft_[A-Za-z0-9_-]{43}$/;
export const SHA256_PATTERN = /^[0-9a-f]{64}$/;

/** Where randomness comes from; tests may pass a seeded one. */
export type RandomSource = (bytes: number) => Buffer;

export const cryptoRandom: RandomSource = (bytes) => randomBytes(bytes);

export function newId(random: RandomSource = cryptoRandom): string {
  return random(16).toString('base64url');
}

export function newToken(random: RandomSource = cryptoRandom): string {
  return `dft_${random(32).toString('base64url')}`;
}

/** Invite codes are as strong as ids; they are typed or scanned once, then forgotten. */
export function newInviteCode(random: RandomSource = cryptoRandom): string {
  return random(16).toString('base64url');
}

export function sha256Hex(value: string | Buffer): string {
  return createHash('sha256').update(value).digest('hex');
}

/** Compares two hex digests without leaking where they first differ. */
export function sameDigest(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}
