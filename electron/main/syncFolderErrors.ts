/**
 * Messages for the user when the sync folder, or a file in it, cannot be used: what happened in
 * words a person can act on (the USB stick is out, the disk is full), never a bare error code.
 */
import path from 'node:path';

/** Shown by the OS as the folder's name: its last segment (the whole path for a drive's root). */
export function folderDisplayName(folder: string): string {
  return path.basename(folder) || folder;
}

export function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/** A message a person can act on, for a failure to use the folder itself. */
export function describeFolderError(error: unknown, folder: string): string {
  const name = folderDisplayName(folder);
  switch (codeOf(error)) {
    case 'ENOENT':
    case 'ENOTDIR':
      return `The sync folder “${name}” cannot be found. Was it moved, or is the USB stick out?`;
    case 'EACCES':
    case 'EPERM':
      return `Daftar may not open the sync folder “${name}”. Check that your user account can read and write it.`;
    default:
      return `The sync folder “${name}” cannot be read (${codeOf(error) ?? (error instanceof Error ? error.message : 'unknown error')}).`;
  }
}

/** A message a person can act on, for a failure to write `name` in the folder. */
export function describeWriteError(error: unknown, name: string, folder: string): string {
  switch (codeOf(error)) {
    case 'ENOSPC':
    case 'EDQUOT':
      return `Not enough space in the sync folder “${folderDisplayName(folder)}” to write “${name}”.`;
    case 'EROFS':
      return `The sync folder “${folderDisplayName(folder)}” is read-only (is the USB stick locked?).`;
    case 'ELOOP':
    case 'EMLINK':
      return `“${name}” in the sync folder is a link; Daftar only uses plain files there.`;
    default:
      return describeFolderError(error, folder);
  }
}
