/**
 * Where a dataset file is chosen: a real file input spread over a drop zone, so a click, Enter
 * or Space opens the chooser. Files dropped anywhere on the screen are taken by
 * `useDatasetDrop`; `active` shows the zone lit while one is dragged over the window.
 */
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

export const IMPORT_ACCEPT = '.csv,.tsv,.txt,.geojson,.json,.kml,.kmz';

export function FileDropZone({
  onFile,
  active,
}: {
  onFile: (file: File) => void;
  active: boolean;
}) {
  const { t } = useTranslation();
  const hintId = useId();
  return (
    <div className={active ? 'interchange-drop active' : 'interchange-drop'}>
      <input
        type="file"
        accept={IMPORT_ACCEPT}
        aria-label={t('interchange.ui.import.chooseFile')}
        aria-describedby={hintId}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) onFile(file);
        }}
      />
      <p aria-hidden="true" className="interchange-drop-label">
        {active ? t('interchange.ui.import.dropNow') : t('interchange.ui.import.dropLabel')}
      </p>
      <p id={hintId} className="hint">
        {t('interchange.ui.import.formats')}
      </p>
    </div>
  );
}
