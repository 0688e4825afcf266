/**
 * The sync folder's description file, `daftar-folder.json`, which the first device to use the
 * folder writes and every other device reads:
 *
 *   { "format": "daftar-sync-folder", "version": 1, "id": "<22 chars>",
 *     "key": { "kdf": "PBKDF2-SHA256", "iterations": 600000, "salt", "iv", "wrapped" } }
 *
 * `key` is the folder key — 32 random bytes that seal every bundle in the folder, exactly as a
 * team key seals bundles for a hub (teamCipher.ts, the folder id in the team id's place) — wrapped
 * with the team's folder passphrase (PBKDF2-SHA256, 600,000 iterations, AES-256-GCM, the format,
 * version and id as authenticated data). The folder usually lives on someone else's machine
 * (Nextcloud, a cloud drive) or a stick that can be lost: without the passphrase, its files give
 * nothing but their sizes and times. The passphrase is agreed in person; the app never stores it,
 * only the unwrapped key, in the profile (issue 8 encrypts the profile at rest).
 *
 * Parsing is strict (fields, sizes, iteration bounds), so a hostile file in the folder is refused
 * with a clear message before any key is derived.
 */
import type { PassphraseOptions } from '../bundle/crypto.ts';
import { isBundleError } from '../bundle/bundleError.ts';
import { generateTeamKey } from '../teamSync/teamCipher.ts';
import { fromUtf8, randomBytes, toBase64Url, utf8 } from '../teamSync/webCrypto.ts';
import {
  readWrappedKey,
  unwrapKey,
  wrapKey,
  type WrapOptions,
  type WrappedKey,
} from '../teamSync/wrappedKey.ts';
import { FolderSyncError } from './folderSyncError.ts';
import { FOLDER_DESCRIPTION_FILE } from './syncFolder.ts';

export { FOLDER_DESCRIPTION_FILE };
export const FOLDER_FORMAT = 'daftar-sync-folder';
export const FOLDER_VERSION = 1;
/** Far more than a real description; a larger file is refused unread. */
export const MAX_DESCRIPTION_BYTES = 4_096;
const FOLDER_ID = /^[A-Za-z0-9_-]{22}$/;

export interface FolderDescription {
  id: string;
  wrappedKey: WrappedKey;
}

export interface OpenedFolder {
  id: string;
  /** The folder key that seals its bundles. */
  key: Uint8Array;
}

export type DescribeOptions = WrapOptions;

const keyAad = (id: string) => utf8(JSON.stringify([FOLDER_FORMAT, FOLDER_VERSION, id]));

const damaged = (why: string) =>
  new FolderSyncError(
    'notAFolderDescription',
    `The folder's ${FOLDER_DESCRIPTION_FILE} is not a Daftar folder description: ${why}.`,
    { why },
  );

/**
 * A new folder: a fresh id and key, and the description file's bytes with the key wrapped by
 * `passphrase`.
 */
export async function describeNewFolder(
  passphrase: string,
  options: DescribeOptions = {},
): Promise<{ folder: OpenedFolder; bytes: Uint8Array }> {
  if (passphrase === '') {
    throw new FolderSyncError('passphraseRequired', 'A sync folder needs a passphrase.');
  }
  const id = toBase64Url(randomBytes(16));
  const key = generateTeamKey();
  const json = {
    format: FOLDER_FORMAT,
    version: FOLDER_VERSION,
    id,
    key: await wrapKey(key, passphrase, keyAad(id), options),
  };
  return { folder: { id, key }, bytes: utf8(`${JSON.stringify(json, null, 2)}\n`) };
}

function object(value: unknown, keys: readonly string[], what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw damaged(`its ${what} is not an object`);
  }
  const record = value as Record<string, unknown>;
  const extra = Object.keys(record).filter((k) => !keys.includes(k));
  if (extra.length > 0) throw damaged(`its ${what} has unknown fields (${extra.join(', ')})`);
  return record;
}

/** Reads a description file's bytes; anything malformed throws a FolderSyncError. */
export function parseFolderDescription(bytes: Uint8Array): FolderDescription {
  if (bytes.length > MAX_DESCRIPTION_BYTES) throw damaged('it is far too large');
  let json: unknown;
  try {
    json = JSON.parse(fromUtf8(bytes));
  } catch {
    throw damaged('it is not JSON');
  }
  const top = object(json, ['format', 'version', 'id', 'key'], 'content');
  if (top.format !== FOLDER_FORMAT) throw damaged('its format is not daftar-sync-folder');
  if (top.version !== FOLDER_VERSION) {
    throw new FolderSyncError(
      'unsupportedFolder',
      `The folder was set up by a newer Daftar (description version ${String(top.version)}; this app reads version ${FOLDER_VERSION}). Update the app.`,
      { version: String(top.version) },
    );
  }
  if (typeof top.id !== 'string' || !FOLDER_ID.test(top.id)) throw damaged('its id is malformed');
  return {
    id: top.id,
    wrappedKey: readWrappedKey(top.key, (field, why) => damaged(`its ${field} ${why}`)),
  };
}

/**
 * The folder key, unwrapped with `passphrase`. A wrong passphrase (or a description altered
 * after it was written) gives `wrongFolderPassphrase`; fewer than 600,000 iterations are refused
 * unless a test says `testOnlyAllowWeakKdf`.
 */
export async function openFolder(
  description: FolderDescription,
  passphrase: string,
  options: PassphraseOptions = {},
): Promise<OpenedFolder> {
  if (passphrase === '') {
    throw new FolderSyncError('passphraseRequired', 'Type the folder passphrase of your team.');
  }
  try {
    const key = await unwrapKey(
      description.wrappedKey,
      passphrase,
      keyAad(description.id),
      options,
    );
    return { id: description.id, key };
  } catch (error) {
    if (isBundleError(error) && error.code === 'wrongPassphrase') {
      throw new FolderSyncError(
        'wrongFolderPassphrase',
        'The passphrase does not open this sync folder. Check it with your team.',
      );
    }
    if (isBundleError(error)) throw damaged(error.message.replace(/\.$/, ''));
    throw error;
  }
}
