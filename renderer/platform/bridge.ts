/**
 * The preload's `window.daftar`, as the renderer sees it. `getBridge()` is how the renderer finds
 * out whether it runs inside the Electron shell: it returns the bridge only when one with the
 * expected shape is present, and `undefined` in a plain browser.
 */
import type { DaftarBridge } from '../../shared/ipc/contract.ts';

export type { DaftarBridge } from '../../shared/ipc/contract.ts';

function isDaftarBridge(value: unknown): value is DaftarBridge {
  return (
    typeof value === 'object' &&
    value !== null &&
    'invoke' in value &&
    typeof value.invoke === 'function' &&
    'onMenu' in value &&
    typeof value.onMenu === 'function' &&
    'onOpenBundle' in value &&
    typeof value.onOpenBundle === 'function' &&
    'onSyncFolderChange' in value &&
    typeof value.onSyncFolderChange === 'function'
  );
}

export function getBridge(): DaftarBridge | undefined {
  let candidate: unknown;
  try {
    candidate = Reflect.get(globalThis, 'daftar');
  } catch {
    return undefined;
  }
  return isDaftarBridge(candidate) ? candidate : undefined;
}
