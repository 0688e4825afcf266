/**
 * Incidents on the map: one GeoJSON source holding what the view shows (clustered in the page by
 * incidentClusters.ts) and its layers — clusters sized by count and labelled with it, points
 * coloured by event type, and a ring around the focused incident. Colours are Okabe–Ito's, which stay apart
 * for colour-blind readers; types outside ACLED's six share one grey.
 */
import type { Feature, FeatureCollection, Point } from 'geojson';
import type {
  ExpressionSpecification,
  GeoJSONSourceSpecification,
  LayerSpecification,
} from 'maplibre-gl';
import { acledEventTypes } from '../../shared/domain/vocabulary.ts';
import type { IncidentPoint } from '../data/incidentFilter.ts';

export const INCIDENT_SOURCE = 'incidents';
export const FOCUS_SOURCE = 'incident-focus';
export const CLUSTER_LAYER = 'incident-clusters';
export const POINT_LAYER = 'incident-points';
const FONT = 'Vazirmatn Regular';

export const EVENT_TYPE_COLOURS: Record<string, string> = {
  Battles: '#D55E00',
  'Explosions/Remote violence': '#E69F00',
  'Violence against civilians': '#CC79A7',
  Protests: '#0072B2',
  Riots: '#56B4E9',
  'Strategic developments': '#009E73',
};
export const OTHER_TYPE_COLOUR = '#6b6b6b';

export function colourOf(eventType: string): string {
  return EVENT_TYPE_COLOURS[eventType] ?? OTHER_TYPE_COLOUR;
}

export interface PointProperties {
  id: string;
  type: string;
}

type PointFeature = Feature<Point, PointProperties>;

export function incidentFeatures(
  points: readonly IncidentPoint[],
): FeatureCollection<Point, PointProperties> {
  return {
    type: 'FeatureCollection',
    features: points.map((p): PointFeature => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [p.longitude, p.latitude] },
      properties: { id: p.id, type: p.eventType },
    })),
  };
}

/** The source the view's clusters and incidents are set into. */
export function incidentSource(): GeoJSONSourceSpecification {
  return { type: 'geojson', data: { type: 'FeatureCollection', features: [] } };
}

const typeColour = [
  'match',
  ['get', 'type'],
  ...acledEventTypes.flatMap((type) => [type, EVENT_TYPE_COLOURS[type]!]),
  OTHER_TYPE_COLOUR,
] as unknown as ExpressionSpecification;

export function incidentLayers(): LayerSpecification[] {
  return [
    {
      id: CLUSTER_LAYER,
      type: 'circle',
      source: INCIDENT_SOURCE,
      filter: ['has', 'point_count'],
      paint: {
        'circle-color': '#3d3a4b',
        'circle-opacity': 0.85,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
        'circle-radius': ['step', ['get', 'point_count'], 13, 10, 17, 100, 22, 1000, 28],
      },
    },
    {
      id: 'incident-cluster-counts',
      type: 'symbol',
      source: INCIDENT_SOURCE,
      filter: ['has', 'point_count'],
      layout: {
        'text-field': ['get', 'point_count_abbreviated'],
        'text-font': [FONT],
        'text-size': 12,
        'text-allow-overlap': true,
      },
      paint: { 'text-color': '#ffffff' },
    },
    {
      id: POINT_LAYER,
      type: 'circle',
      source: INCIDENT_SOURCE,
      filter: ['!', ['has', 'point_count']],
      paint: {
        'circle-color': typeColour,
        'circle-radius': 7,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1.5,
      },
    },
    {
      id: 'incident-focus',
      type: 'circle',
      source: FOCUS_SOURCE,
      paint: {
        'circle-radius': 12,
        'circle-color': 'rgba(0,0,0,0)',
        'circle-stroke-color': '#111111',
        'circle-stroke-width': 3,
      },
    },
  ];
}

/** The focused incident's point, or nothing. */
export function focusFeatures(point: IncidentPoint | undefined): FeatureCollection {
  return incidentFeatures(point ? [point] : []);
}

/** [west, south, east, north] around the points, or null when there are none. */
export function boundsOf(
  points: readonly IncidentPoint[],
): [number, number, number, number] | null {
  if (points.length === 0) return null;
  let [west, south, east, north] = [180, 90, -180, -90];
  for (const p of points) {
    west = Math.min(west, p.longitude);
    east = Math.max(east, p.longitude);
    south = Math.min(south, p.latitude);
    north = Math.max(north, p.latitude);
  }
  return [west, south, east, north];
}
