/**
 * `daftar:save-file`: ask the user where to save, then replace the chosen file atomically. A
 * failed write (full disk, read-only USB stick, no permission) leaves any existing file as it was
 * and becomes a specific message the renderer can show.
 */
import path from 'node:path';
import type { SaveFileOutcome, SaveFileRequest } from '../../shared/ipc/contract.ts';
import { writeFileAtomic } from './atomicWrite.ts';

/** The subset of Electron's SaveDialogOptions we use. */
export interface SaveDialogOptionsLike {
  defaultPath: string;
  filters: { name: string; extensions: string[] }[];
  properties: ('createDirectory' | 'showOverwriteConfirmation' | 'dontAddToRecent')[];
}

export interface SaveFileDeps {
  /** Shows the native dialog, parented to the sender's window. */
  showSaveDialog(
    options: SaveDialogOptionsLike,
  ): Promise<{ canceled: boolean; filePath?: string | undefined }>;
  /** Folder the dialog opens in (the user's documents folder). */
  defaultDirectory: string;
  write?: (target: string, data: Uint8Array) => Promise<void>;
}

export function saveDialogOptions(
  request: SaveFileRequest,
  defaultDirectory: string,
): SaveDialogOptionsLike {
  const extension = path.extname(request.suggestedName).slice(1);
  const filters =
    extension === ''
      ? []
      : [
          { name: extension.toUpperCase(), extensions: [extension] },
          { name: '*', extensions: ['*'] },
        ];
  return {
    defaultPath: path.join(defaultDirectory, request.suggestedName),
    filters,
    // Keep exports out of the OS "recent files" lists: they reveal what someone worked on.
    properties: ['createDirectory', 'showOverwriteConfirmation', 'dontAddToRecent'],
  };
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  return typeof error.code === 'string' ? error.code : undefined;
}

/** A message a person can act on, for a failure to write `fileName`. */
export function describeSaveError(error: unknown, fileName: string): string {
  const code = errorCode(error);
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return `Not enough disk space to save “${fileName}”. Nothing was changed.`;
    case 'EROFS':
      return `Could not save “${fileName}”: the disk is read-only.`;
    case 'EACCES':
    case 'EPERM':
      return `Could not save “${fileName}”: no permission to write in that folder.`;
    case 'ENOENT':
    case 'ENOTDIR':
      return `Could not save “${fileName}”: the folder no longer exists.`;
    case 'EISDIR':
      return `Could not save “${fileName}”: a folder with that name is in the way.`;
    default:
      return `Could not save “${fileName}” (${code ?? (error instanceof Error ? error.message : 'unknown error')}).`;
  }
}

export async function saveFileWithDialog(
  request: SaveFileRequest,
  deps: SaveFileDeps,
): Promise<SaveFileOutcome> {
  const choice = await deps.showSaveDialog(saveDialogOptions(request, deps.defaultDirectory));
  if (choice.canceled || !choice.filePath) return 'cancelled';
  const write = deps.write ?? ((target, data) => writeFileAtomic(target, data));
  try {
    await write(choice.filePath, request.data);
  } catch (error) {
    throw new Error(describeSaveError(error, path.basename(choice.filePath)), { cause: error });
  }
  return 'saved';
}
