/**
 * The Map view: the bundled world basemap (with the library's chosen basemap over it), the
 * incidents the list's filter keeps, clustered and coloured by event type, the legend and the
 * basemap library beside it. Works with no connection; every tile and font is the app's own.
 * Dropping a `.pmtiles` or `.mbtiles` file on the view adds it to the library.
 */
import { useMemo, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { usePlatform } from '../app/appContext.ts';
import { FindBar } from '../features/find/FindBar.tsx';
import { useIncidentPlacement } from '../find/useResultSet.ts';
import type { IncidentPlacement } from '../data/incidentFilter.ts';
import { useUi } from '../state/uiStore.ts';
import { BasemapLibraryPanel } from './BasemapLibraryPanel.tsx';
import { IncidentLegend } from './IncidentLegend.tsx';
import { MapCanvas, type MapStatus } from './MapCanvas.tsx';
import { useBaseStyle } from './useBaseStyle.ts';
import { registerStored, useBasemapLibrary } from './useBasemapLibrary.ts';

const AFGHANISTAN = { center: [66.5, 34] as [number, number], zoom: 4.3 };
const NOTHING_YET: IncidentPlacement = { points: [], unplaced: [] };

const carriesFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files');

export function MapView() {
  const { t } = useTranslation();
  const files = usePlatform().basemapFiles;
  const library = useBasemapLibrary(files);
  const focusedId = useUi((s) => s.focusedIncident);
  const focus = useUi((s) => s.focusIncident);
  const navigate = useUi((s) => s.navigate);
  const placement = useIncidentPlacement();
  const [reported, setStatus] = useState<{ key: string; status: MapStatus; problem?: string }>();
  const [fitRequest, setFitRequest] = useState(0);
  const active = library.active;
  if (active) registerStored(files, active);
  const style = useBaseStyle(active);
  // what the current map said; a new map (basemap or language) starts loading afresh
  const status =
    reported?.key === style.key ? reported : { status: 'loading' as MapStatus, problem: '' };
  const view = useMemo(
    () => (active ? { bounds: active.info.bounds } : AFGHANISTAN),
    // the opening view follows the basemap chosen, not each re-render
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [active?.id],
  );

  return (
    <section
      className="map-view"
      aria-labelledby="map-title"
      onDragOver={(e) => {
        if (!carriesFiles(e)) return;
        e.preventDefault();
        e.stopPropagation();
      }}
      onDrop={(e) => {
        const file = e.dataTransfer.files[0];
        if (!file) return;
        // the window would take it for a bundle
        e.preventDefault();
        e.stopPropagation();
        library.add(file);
      }}
    >
      <h1 id="map-title">{t('map.title')}</h1>
      <FindBar />
      <p role="status" className="hint">
        {status.status === 'failed'
          ? t('map.failed', { reason: status.problem })
          : style.problem
            ? t('map.failed', { reason: style.problem })
            : t(`map.${style.value ? status.status : 'loading'}`)}
      </p>
      <div className="map-layout">
        <div className="map-side">
          <IncidentLegend placement={placement} onFit={() => setFitRequest((n) => n + 1)} />
          <BasemapLibraryPanel library={library} />
        </div>
        {style.value ? (
          <MapCanvas
            key={style.key}
            style={style.value}
            label={t('map.label')}
            view={view}
            onStatus={(next, problem) => setStatus({ key: style.key, status: next, problem })}
            placement={placement ?? NOTHING_YET}
            focusedId={focusedId}
            onFocus={(point) => focus(point.id)}
            onOpenIncident={(id) => navigate({ view: 'incident', id })}
            fitRequest={fitRequest}
          />
        ) : (
          <div className="map" />
        )}
      </div>
    </section>
  );
}
