/**
 * The one record a locked profile keeps readable on disk: how to open its data key, and the few
 * settings the lock screen needs before anything is open. Everything else is sealed.
 *
 *   { format: 'daftar-vault', version: 1, database, key, duress, language, autoLockMinutes }
 *
 * `key` is the profile's 32-byte data key wrapped with the passphrase (PBKDF2-SHA256, 600,000
 * rounds, then AES-256-GCM; shared/teamSync/wrappedKey.ts), bound to the database it opens.
 * `duress` is always present — a check value for a duress passphrase, or random bytes of the same
 * shape when none is set — so the record does not tell whether one exists.
 */
import { z } from 'zod';
import {
  readWrappedKey,
  type WrappedKey,
  type WrappedKeyJson,
} from '../../shared/teamSync/wrappedKey.ts';

export const VAULT_FORMAT = 'daftar-vault';
export const AUTO_LOCK_CHOICES = [0, 5, 15, 30, 60] as const;
export const DEFAULT_AUTO_LOCK_MINUTES = 15;

export interface DuressCheck {
  iterations: number;
  /** base64url, 16 bytes */
  salt: string;
  /** base64url, 32 bytes: PBKDF2 of the duress passphrase, or random. */
  check: string;
}

export interface VaultRecord {
  format: typeof VAULT_FORMAT;
  version: 1;
  /** The sealed IndexedDB database this key opens. */
  database: string;
  key: WrappedKeyJson;
  duress: DuressCheck;
  /** The interface language, for the lock screen. */
  language: string;
  /** Minutes without input before the app locks itself; 0 = never. */
  autoLockMinutes: number;
}

const base64url = z.string().regex(/^[A-Za-z0-9_-]+$/);
const schema = z
  .object({
    format: z.literal(VAULT_FORMAT),
    version: z.literal(1),
    database: z.string().regex(/^daftar-[a-z0-9-]{8,64}$/),
    key: z.unknown(),
    duress: z
      .object({
        iterations: z.number().int().min(1).max(10_000_000),
        salt: base64url,
        check: base64url,
      })
      .strict(),
    language: z.string().max(16),
    autoLockMinutes: z
      .number()
      .int()
      .min(0)
      .max(24 * 60),
  })
  .strict();

export class VaultError extends Error {
  override readonly name = 'VaultError';
}

/** The record in `value`, checked; a damaged record says so rather than being overwritten. */
export function readVaultRecord(value: unknown): { record: VaultRecord; key: WrappedKey } {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    throw new VaultError(
      `This profile's lock record is damaged (${parsed.error.issues[0]?.path.join('.') || 'format'}), so its data cannot be opened.`,
    );
  }
  const key = readWrappedKey(
    parsed.data.key,
    (field, why) => new VaultError(`This profile's lock record is damaged: its ${field} ${why}.`),
  );
  return { record: parsed.data as VaultRecord, key };
}
