/**
 * Checks of the folder passphrase form: a new folder's passphrase is chosen here and typed twice,
 * at least as long as an invite's (it protects every bundle in a folder that may sit on someone
 * else's server or a lost stick); an existing folder's is only required.
 */
import { MIN_INVITE_PASSPHRASE_CHARS, type FieldErrors } from '../teamSync/formChecks.ts';

export type FolderField = 'passphrase' | 'confirm';

export function checkFolderPassphrase(
  input: Record<FolderField, string>,
  isNew: boolean,
): FieldErrors<FolderField> {
  const errors: FieldErrors<FolderField> = {};
  if (input.passphrase === '') {
    errors.passphrase = { key: 'folderSync.errors.passphraseRequired', params: {} };
  } else if (isNew && [...input.passphrase].length < MIN_INVITE_PASSPHRASE_CHARS) {
    errors.passphrase = {
      key: 'teamSyncUi.check.passphraseShort',
      params: { min: MIN_INVITE_PASSPHRASE_CHARS },
    };
  }
  if (isNew && !errors.passphrase && input.confirm !== input.passphrase) {
    errors.confirm = { key: 'teamSyncUi.check.passphraseMismatch', params: {} };
  }
  return errors;
}
