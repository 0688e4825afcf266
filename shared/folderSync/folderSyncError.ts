/**
 * Why folder sync refused something: the folder's description file is missing, damaged or of
 * another folder, a passphrase is wrong, a file in the folder is not one of the team's bundles.
 * Like TeamSyncError: a stable code, a plain English message (logs, tests) and the parameters of
 * the UI's translated message (`folderSync.errors.<code>`).
 */
export const FOLDER_SYNC_ERROR_CODES = [
  'passphraseRequired',
  'passphraseTooShort',
  'wrongFolderPassphrase',
  'notAFolderDescription',
  'unsupportedFolder',
  'noFolderDescription',
  'folderReplaced',
  'notSetUp',
  'fileTooLarge',
  'unreadable',
  'readCrashed',
] as const;

export type FolderSyncErrorCode = (typeof FOLDER_SYNC_ERROR_CODES)[number];

export class FolderSyncError extends Error {
  constructor(
    readonly code: FolderSyncErrorCode,
    message: string,
    readonly params: Record<string, string | number> = {},
  ) {
    super(message);
    this.name = 'FolderSyncError';
  }

  /** The i18n key of the translated message. */
  get messageKey(): string {
    return `folderSync.errors.${this.code}`;
  }
}

export function isFolderSyncError(error: unknown): error is FolderSyncError {
  return error instanceof FolderSyncError;
}
