/** Reads a chosen or dropped file and hands it to the import flow. */
import type { TFunction } from 'i18next';
import { useUi } from '../../state/uiStore.ts';

export async function receiveBundleFile(file: File, t: TFunction): Promise<void> {
  let data: Uint8Array;
  try {
    data = new Uint8Array(await file.arrayBuffer());
  } catch (error) {
    // Too large to hold in memory, or gone from the disk since it was chosen.
    const reason = error instanceof Error ? error.message : String(error);
    useUi.getState().announce(t('bundle.errors.unreadable', { name: file.name, reason }));
    return;
  }
  useUi.getState().receiveBundle({ name: file.name, data });
}
