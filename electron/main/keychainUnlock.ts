/**
 * Keychain unlock in the desktop app (opt-in): the unlocked profile's row key kept in
 * `keychain-unlock.json` in userData, encrypted by Electron's `safeStorage` (macOS Keychain,
 * Windows DPAPI, Linux Secret Service / KWallet), so Daftar opens without the passphrase for
 * this OS user on this computer. The same rules as the device key (deviceKey.ts): nothing is
 * kept without a real keychain — `safeStorage` unavailable, or Linux's `basic_text`, whose
 * fixed password would leave the key readable to any program — the file is written atomically
 * with mode 0600, and what is read back is checked strictly (`keychainEntrySchema`) after
 * decryption. The database name is encrypted too: the file says nothing but that an entry exists.
 *
 * Reading never fails loudly: a missing, damaged or undecryptable file reads as "no entry", and
 * the user types the passphrase instead. Forgetting overwrites the file before unlinking it.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import {
  KEYCHAIN_DATABASE_PATTERN,
  KEYCHAIN_ROW_KEY_BYTES,
  keychainEntrySchema,
  type KeychainEntry,
  type KeychainUnlock,
} from '../../shared/ipc/contract.ts';
import { writeFileAtomic } from './atomicWrite.ts';
import { keychainUnavailableReason, type SafeStorageLike } from './deviceKey.ts';
import { eraseFile, isMissing } from './eraseFile.ts';

export const KEYCHAIN_UNLOCK_FILE_NAME = 'keychain-unlock.json';
const MAX_FILE_BYTES = 64 * 1024;

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);
const fileSchema = z
  .object({
    format: z.literal('daftar-keychain-unlock'),
    version: z.literal(1),
    /** `safeStorage.encryptString` of the JSON of `secretSchema`, in base64. */
    encrypted: base64.max(MAX_FILE_BYTES),
  })
  .strict();
/** What `encrypted` holds once decrypted. */
const secretSchema = z
  .object({
    database: z.string().regex(KEYCHAIN_DATABASE_PATTERN),
    rowKey: base64.length(Math.ceil(KEYCHAIN_ROW_KEY_BYTES / 3) * 4),
  })
  .strict();

export interface KeychainStoreDeps {
  /** Absolute path of `keychain-unlock.json`. */
  file: string;
  safeStorage: SafeStorageLike;
  write?: (file: string, text: string) => Promise<void>;
  warn?: (message: string, error?: unknown) => void;
}

export function createKeychainStore(deps: KeychainStoreDeps): KeychainUnlock {
  const write = deps.write ?? ((file, text) => writeFileAtomic(file, text, { mode: 0o600 }));
  const warn = deps.warn ?? ((message, error) => console.warn(`[daftar] ${message}`, error ?? ''));

  const readStored = async (): Promise<z.infer<typeof fileSchema> | null> => {
    let bytes: Buffer;
    try {
      bytes = await readFile(deps.file);
    } catch (error) {
      if (!isMissing(error)) warn('could not read the keychain unlock file', error);
      return null;
    }
    if (bytes.length > MAX_FILE_BYTES) {
      warn('the keychain unlock file is too large; ignored');
      return null;
    }
    try {
      return fileSchema.parse(JSON.parse(bytes.toString('utf8')));
    } catch (error) {
      warn('the keychain unlock file is not one Daftar wrote; ignored', error);
      return null;
    }
  };

  const decrypt = (stored: z.infer<typeof fileSchema>): KeychainEntry | null => {
    try {
      const secret = secretSchema.parse(
        JSON.parse(deps.safeStorage.decryptString(Buffer.from(stored.encrypted, 'base64'))),
      );
      const entry = keychainEntrySchema.parse({
        database: secret.database,
        rowKey: new Uint8Array(Buffer.from(secret.rowKey, 'base64')),
      });
      return entry;
    } catch (error) {
      // A keychain reset, another OS user, or a file copied from another computer.
      warn('the keychain could not unlock the saved key; the passphrase is needed', error);
      return null;
    }
  };

  return {
    available: async () => keychainUnavailableReason(deps.safeStorage) === undefined,

    async save(entry) {
      const checked = keychainEntrySchema.parse(entry);
      const unavailable = keychainUnavailableReason(deps.safeStorage);
      if (unavailable !== undefined) {
        throw new Error(`Daftar cannot keep the key in the keychain: ${unavailable}.`);
      }
      const secret = JSON.stringify({
        database: checked.database,
        rowKey: Buffer.from(checked.rowKey).toString('base64'),
      } satisfies z.infer<typeof secretSchema>);
      const record: z.infer<typeof fileSchema> = {
        format: 'daftar-keychain-unlock',
        version: 1,
        encrypted: deps.safeStorage.encryptString(secret).toString('base64'),
      };
      await write(deps.file, `${JSON.stringify(record, null, 2)}\n`);
    },

    async load() {
      // Not even read without a real keychain: `basic_text` could "decrypt" a planted file.
      if (keychainUnavailableReason(deps.safeStorage) !== undefined) return null;
      const stored = await readStored();
      return stored === null ? null : decrypt(stored);
    },

    async forget() {
      await eraseFile(deps.file);
    },
  };
}
