/**
 * Dropping a file anywhere on the window imports it as a bundle. While a file is dragged over
 * the window, `dragging` is true so the shell can show where to drop. Drops on a file input
 * (attachments) keep their own meaning; dropped files never make the window navigate away.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { receiveBundleFile } from './receiveBundleFile.ts';

const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
const onFileInput = (event: DragEvent) =>
  event.target instanceof HTMLInputElement && event.target.type === 'file';

export function useBundleDrop(enabled: boolean): boolean {
  const { t } = useTranslation();
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    if (!enabled) return;
    const over = (event: DragEvent) => {
      if (!carriesFiles(event) || onFileInput(event)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
      setDragging(true);
    };
    const leave = (event: DragEvent) => {
      // Leaving for a child element fires too; only leaving the window has no related target.
      if (event.relatedTarget === null) setDragging(false);
    };
    const drop = (event: DragEvent) => {
      setDragging(false);
      if (!carriesFiles(event) || onFileInput(event)) return;
      event.preventDefault();
      const file = event.dataTransfer?.files[0];
      if (file) void receiveBundleFile(file, t);
    };
    const end = () => setDragging(false);
    window.addEventListener('dragenter', over);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    window.addEventListener('dragend', end);
    return () => {
      window.removeEventListener('dragenter', over);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
      window.removeEventListener('dragend', end);
    };
  }, [enabled, t]);
  return dragging && enabled;
}
