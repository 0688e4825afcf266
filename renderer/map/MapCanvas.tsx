/**
 * One maplibre map: its style (the parent keys this component by style, so a new basemap or
 * language starts a new map), zoom buttons, attribution and visible errors; optionally the
 * incidents layer (clusters zoom in when clicked, a point opens a popup leading to its incident,
 * the focused incident is ringed) and a pick handler for choosing a location by clicking.
 */
import {
  Map as MapLibre,
  NavigationControl,
  Popup,
  type GeoJSONSource,
  type LngLatBoundsLike,
  type StyleSpecification,
} from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentPlacement, IncidentPoint } from '../data/incidentFilter.ts';
import {
  CLUSTER_LAYER,
  FOCUS_SOURCE,
  INCIDENT_SOURCE,
  POINT_LAYER,
  boundsOf,
  focusFeatures,
  incidentLayers,
  incidentSource,
} from './incidentLayer.ts';
import { IncidentClusters } from './incidentClusters.ts';

export type MapStatus = 'loading' | 'ready' | 'failed';

export interface MapCanvasProps {
  style: StyleSpecification;
  label: string;
  /** Where the map opens: a box to fit, or a centre and zoom. */
  view: { bounds: LngLatBoundsLike } | { center: [number, number]; zoom: number };
  onStatus: (status: MapStatus, problem?: string) => void;
  placement?: IncidentPlacement;
  focusedId?: string | null;
  onFocus?: (point: IncidentPoint) => void;
  onOpenIncident?: (id: string) => void;
  /** Each new value fits the map to the incidents shown. */
  fitRequest?: number;
  onPick?: (lon: number, lat: number) => void;
}

export function MapCanvas(props: MapCanvasProps) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MapLibre | null>(null);
  const [loaded, setLoaded] = useState(false);
  // the map's handlers read the latest props, not those of the render that made the map
  const latest = useRef(props);
  useLayoutEffect(() => {
    latest.current = props;
  });
  const withIncidents = props.placement !== undefined;

  useEffect(() => {
    if (container.current === null) return;
    const { style, view, onStatus } = latest.current;
    const created = new MapLibre({
      container: container.current,
      style: withIncidents
        ? {
            ...style,
            sources: {
              ...style.sources,
              [INCIDENT_SOURCE]: incidentSource(),
              [FOCUS_SOURCE]: { type: 'geojson', data: focusFeatures(undefined) },
            },
            layers: [...style.layers, ...incidentLayers()],
          }
        : style,
      ...('bounds' in view ? { bounds: view.bounds } : view),
      attributionControl: { compact: false },
      locale: {
        'NavigationControl.ZoomIn': t('map.zoomIn'),
        'NavigationControl.ZoomOut': t('map.zoomOut'),
        'NavigationControl.ResetBearing': t('map.resetBearing'),
        'Popup.Close': t('actions.close'),
      },
    });
    // for end-to-end tests and debugging: page scripts could reach the map anyway
    Object.defineProperty(container.current, 'maplibre', { value: created, configurable: true });
    created.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    let failed = false;
    created.once('load', () => setLoaded(true));
    created.once('idle', () => {
      if (!failed) onStatus('ready');
    });
    // a tile or font that cannot be read is said, not only logged
    created.on('error', (event) => {
      failed = true;
      latest.current.onStatus('failed', event.error.message);
    });
    created.on('click', (event) => latest.current.onPick?.(event.lngLat.lng, event.lngLat.lat));
    if (withIncidents) wireIncidentClicks(created, latest, t);
    setMap(created);
    return () => {
      created.remove();
      setMap(null);
      setLoaded(false);
    };
    // the parent keys this component by style; language changes start a new map too
  }, [withIncidents, t]);

  // the incidents clustered in the page; the map is given what its view shows, as it moves
  const points = props.placement?.points;
  const clusters = useMemo(() => (points ? new IncidentClusters(points) : null), [points]);
  useEffect(() => {
    if (!map || !loaded || !clusters) return;
    clustersOf.set(map, clusters);
    let frame = 0;
    const show = () => {
      frame = 0;
      const bounds = map.getBounds().toArray().flat() as [number, number, number, number];
      map
        .getSource<GeoJSONSource>(INCIDENT_SOURCE)
        ?.setData(clusters.inView(bounds, Math.floor(map.getZoom())));
    };
    const onMove = () => {
      frame ||= requestAnimationFrame(show);
    };
    show();
    map.on('move', onMove);
    return () => {
      map.off('move', onMove);
      cancelAnimationFrame(frame);
    };
  }, [map, loaded, clusters]);

  useEffect(() => {
    if (!map || !loaded || !props.placement) return;
    const point = props.placement.points.find((p) => p.id === props.focusedId);
    map.getSource<GeoJSONSource>(FOCUS_SOURCE)?.setData(focusFeatures(point));
  }, [map, loaded, props.placement, props.focusedId]);

  useEffect(() => {
    if (!map || !props.fitRequest) return;
    const bounds = boundsOf(latest.current.placement?.points ?? []);
    if (bounds) map.fitBounds(bounds, { padding: 48, maxZoom: 12 });
  }, [map, props.fitRequest]);

  return <div ref={container} className="map" role="region" aria-label={props.label} />;
}

/** The clusters each map shows, for its cluster clicks. */
const clustersOf = new WeakMap<MapLibre, IncidentClusters>();

function wireIncidentClicks(
  map: MapLibre,
  latest: { current: MapCanvasProps },
  t: (key: string, options?: Record<string, unknown>) => string,
) {
  map.on('click', CLUSTER_LAYER, (event) => {
    const feature = event.features?.[0];
    const clusterId = feature?.properties.cluster_id as number | undefined;
    const clusters = clustersOf.get(map);
    if (feature?.geometry.type !== 'Point' || clusterId === undefined || !clusters) return;
    const center = feature.geometry.coordinates as [number, number];
    map.easeTo({ center, zoom: clusters.expansionZoom(clusterId) });
  });
  map.on('click', POINT_LAYER, (event) => {
    const id = event.features?.[0]?.properties.id as string | undefined;
    const point = latest.current.placement?.points.find((p) => p.id === id);
    if (!point) return;
    latest.current.onFocus?.(point);
    new Popup({ closeButton: true, maxWidth: '18rem' })
      .setLngLat([point.longitude, point.latitude])
      .setDOMContent(popupContent(point, latest, t))
      .addTo(map);
  });
  for (const layer of [CLUSTER_LAYER, POINT_LAYER]) {
    map.on('mouseenter', layer, () => (map.getCanvas().style.cursor = 'pointer'));
    map.on('mouseleave', layer, () => (map.getCanvas().style.cursor = ''));
  }
}

/** Built as DOM, never as HTML: titles are the user's text. */
function popupContent(
  point: IncidentPoint,
  latest: { current: MapCanvasProps },
  t: (key: string, options?: Record<string, unknown>) => string,
): HTMLElement {
  const box = document.createElement('div');
  box.className = 'incident-popup';
  const title = document.createElement('strong');
  title.dir = 'auto';
  title.textContent = point.title || t('map.untitled');
  const details = document.createElement('p');
  const type = point.eventType
    ? t(`vocab.eventType.${point.eventType}`, { defaultValue: point.eventType })
    : t('map.noEventType');
  details.textContent = `${point.dateStart} · ${type}`;
  const open = document.createElement('a');
  open.href = `#/incidents/${encodeURIComponent(point.id)}`;
  open.textContent = t('map.openIncident');
  open.addEventListener('click', (event) => {
    event.preventDefault();
    latest.current.onOpenIncident?.(point.id);
  });
  box.append(title, details, open);
  return box;
}
