/**
 * On the import screen a file dropped anywhere on the window is a dataset to import, not a
 * bundle: the window's own bundle drop (useBundleDrop) would otherwise take a CSV for a broken
 * bundle and cover the screen with "drop a bundle". Listening in the capture phase on the window
 * runs before that handler, and stopping the event there keeps it from it. A `.daftar` file is
 * let through at the drop, so bundles can still be dropped here.
 */
import { useEffect, useState } from 'react';

const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;

export function useDatasetDrop(
  /** Called with the dropped file; null while a drop should be refused (a job is running). */
  onFile: ((file: File) => void) | null,
): boolean {
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    const over = (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.stopPropagation();
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = onFile ? 'copy' : 'none';
      setDragging(onFile !== null);
    };
    const leave = (event: DragEvent) => {
      // Leaving for a child element fires too; only leaving the window has no related target.
      if (event.relatedTarget === null) setDragging(false);
    };
    const drop = (event: DragEvent) => {
      setDragging(false);
      if (!carriesFiles(event)) return;
      const file = event.dataTransfer?.files[0];
      if (file?.name.toLowerCase().endsWith('.daftar')) return;
      event.stopPropagation();
      event.preventDefault();
      if (file && onFile) onFile(file);
    };
    const end = () => setDragging(false);
    window.addEventListener('dragenter', over, true);
    window.addEventListener('dragover', over, true);
    window.addEventListener('dragleave', leave, true);
    window.addEventListener('drop', drop, true);
    window.addEventListener('dragend', end, true);
    return () => {
      window.removeEventListener('dragenter', over, true);
      window.removeEventListener('dragover', over, true);
      window.removeEventListener('dragleave', leave, true);
      window.removeEventListener('drop', drop, true);
      window.removeEventListener('dragend', end, true);
    };
  }, [onFile]);
  return dragging;
}
