/**
 * Incidents clustered where they already are — in the page — with supercluster, so the map is
 * given only what the view shows: a few dozen clusters and points, not 100,000 features. Handing
 * maplibre every point to cluster in its worker cost 7–11× raw supercluster (copying the points
 * twice and collecting the copies, docs/benchmarks.md); this costs the clustering itself plus a
 * small update per view. Same radius and zoom limit as maplibre's clustering, same properties
 * (`cluster_id`, `point_count`, `point_count_abbreviated`), so the layers are unchanged.
 */
import type { FeatureCollection } from 'geojson';
import Supercluster from 'supercluster';
import type { IncidentPoint } from '../data/incidentFilter.ts';
import { incidentFeatures, type PointProperties } from './incidentLayer.ts';

/** In pixels of a 512-pixel tile, as maplibre's `clusterRadius`. */
export const CLUSTER_RADIUS = 48;
/** Past this zoom every incident stands alone. */
export const CLUSTER_MAX_ZOOM = 14;

type Bounds = [west: number, south: number, east: number, north: number];

export class IncidentClusters {
  private readonly index: Supercluster<PointProperties>;

  constructor(points: readonly IncidentPoint[]) {
    this.index = new Supercluster<PointProperties>({
      radius: CLUSTER_RADIUS,
      maxZoom: CLUSTER_MAX_ZOOM,
    }).load(incidentFeatures(points).features);
  }

  /** Clusters and lone incidents within `bounds` (widened by half a view each way) at `zoom`. */
  inView([west, south, east, north]: Bounds, zoom: number): FeatureCollection {
    const dx = (east - west) / 2;
    const dy = (north - south) / 2;
    const wide: Bounds =
      east - west + 2 * dx >= 360
        ? [-180, Math.max(-90, south - dy), 180, Math.min(90, north + dy)]
        : [wrap(west - dx), Math.max(-90, south - dy), wrap(east + dx), Math.min(90, north + dy)];
    return { type: 'FeatureCollection', features: this.index.getClusters(wide, zoom) };
  }

  /** The zoom at which a cluster splits up. */
  expansionZoom(clusterId: number): number {
    return this.index.getClusterExpansionZoom(clusterId);
  }
}

/** A longitude brought into -180…180 (a view may run past the antimeridian). */
function wrap(lon: number): number {
  return ((((lon + 180) % 360) + 360) % 360) - 180;
}
