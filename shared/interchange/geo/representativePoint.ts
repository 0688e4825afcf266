/**
 * One point for any GeoJSON geometry, because an incident has one place. The geometry arrives
 * untyped (from a hostile file or from togeojson), so every position is checked here: finite
 * numbers, longitude −180…180, latitude −90…90 (a third value, the altitude, is allowed and
 * ignored). Choices, each reported so a person knows the point is not in the file:
 *
 * - Point: itself. A MultiPoint of one point: that point.
 * - MultiPoint: the point nearest the mean of the points (a real point, never the empty middle).
 * - LineString: the point halfway along the line (by length, longitude scaled by cos latitude).
 *   MultiLineString: the middle of its longest line.
 * - Polygon: the area centroid when it falls inside the polygon; otherwise (concave shapes such
 *   as many of Afghanistan's provinces, or holes) the pole of inaccessibility from `polylabel`,
 *   which is always inside. MultiPolygon: the same for its largest part.
 * - GeometryCollection: the largest polygon if any, else the longest line, else the points.
 *
 * Coordinates are treated as planar longitude/latitude: geometries crossing the antimeridian
 * get a wrong middle (not a concern for Afghanistan, documented rather than handled).
 */
import polylabel from 'polylabel';

type Position = [number, number];
type Ring = Position[];

export type PlacementMethod =
  'point' | 'multiPointCentral' | 'lineMiddle' | 'polygonCentroid' | 'polygonInterior';

export type Placement =
  | { lon: number; lat: number; method: PlacementMethod; geometryType: string }
  | { problem: 'invalidGeometry' | 'invalidCoordinates' | 'emptyGeometry'; detail: string };

/** GeometryCollections nested deeper than this are refused (they are never legitimate). */
const MAX_COLLECTION_DEPTH = 4;

class GeometryProblem extends Error {
  constructor(
    readonly problem: 'invalidGeometry' | 'invalidCoordinates' | 'emptyGeometry',
    readonly detail: string,
  ) {
    super(detail);
  }
}

export function representativePoint(geometry: unknown): Placement {
  try {
    const parts = collect(geometry, 0);
    const type = typeOf(geometry);
    return { ...choose(parts), geometryType: type };
  } catch (error) {
    if (error instanceof GeometryProblem) return { problem: error.problem, detail: error.detail };
    throw error;
  }
}

interface Parts {
  points: Position[];
  lines: Ring[];
  polygons: Ring[][];
}

function typeOf(geometry: unknown): string {
  return isRecord(geometry) && typeof geometry.type === 'string' ? geometry.type : '?';
}

function collect(geometry: unknown, depth: number): Parts {
  if (!isRecord(geometry) || typeof geometry.type !== 'string') {
    throw new GeometryProblem('invalidGeometry', preview(geometry));
  }
  const parts: Parts = { points: [], lines: [], polygons: [] };
  const c = geometry.coordinates;
  switch (geometry.type) {
    case 'Point':
      parts.points.push(position(c));
      break;
    case 'MultiPoint':
      parts.points.push(...list(c).map(position));
      break;
    case 'LineString':
      parts.lines.push(line(c));
      break;
    case 'MultiLineString':
      parts.lines.push(...list(c).map(line));
      break;
    case 'Polygon':
      parts.polygons.push(polygon(c));
      break;
    case 'MultiPolygon':
      parts.polygons.push(...list(c).map(polygon));
      break;
    case 'GeometryCollection': {
      if (depth >= MAX_COLLECTION_DEPTH) {
        throw new GeometryProblem('invalidGeometry', 'GeometryCollection nested too deeply');
      }
      for (const member of list(geometry.geometries)) {
        const inner = collect(member, depth + 1);
        parts.points.push(...inner.points);
        parts.lines.push(...inner.lines);
        parts.polygons.push(...inner.polygons);
      }
      break;
    }
    default:
      throw new GeometryProblem('invalidGeometry', `type ${preview(geometry.type)}`);
  }
  return parts;
}

function choose(parts: Parts): { lon: number; lat: number; method: PlacementMethod } {
  if (parts.polygons.length > 0) {
    const largest = maxBy(parts.polygons, polygonArea);
    return placeInPolygon(largest);
  }
  if (parts.lines.length > 0) {
    const longest = maxBy(parts.lines, lineLength);
    const [lon, lat] = pointAlong(longest, lineLength(longest) / 2);
    return { lon, lat, method: 'lineMiddle' };
  }
  if (parts.points.length === 0) throw new GeometryProblem('emptyGeometry', 'no positions');
  if (parts.points.length === 1) {
    const [lon, lat] = parts.points[0]!;
    return { lon, lat, method: 'point' };
  }
  const meanLon = parts.points.reduce((s, p) => s + p[0], 0) / parts.points.length;
  const meanLat = parts.points.reduce((s, p) => s + p[1], 0) / parts.points.length;
  const [lon, lat] = maxBy(parts.points, (p) => -Math.hypot(p[0] - meanLon, p[1] - meanLat));
  return { lon, lat, method: 'multiPointCentral' };
}

function placeInPolygon(rings: Ring[]): { lon: number; lat: number; method: PlacementMethod } {
  const centroid = polygonCentroid(rings);
  if (centroid && insidePolygon(centroid, rings)) {
    return { lon: centroid[0], lat: centroid[1], method: 'polygonCentroid' };
  }
  const outer = rings[0]!;
  const xs = outer.map((p) => p[0]);
  const ys = outer.map((p) => p[1]);
  const span = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys));
  if (span === 0) return { lon: outer[0]![0], lat: outer[0]![1], method: 'polygonInterior' };
  // Precision relative to the size keeps the search short for a province and a compound alike.
  const [lon, lat] = polylabel(rings, span / 1000);
  return { lon, lat, method: 'polygonInterior' };
}

/** Area centroid of the outer ring minus its holes; null when the area is zero. */
function polygonCentroid(rings: Ring[]): Position | null {
  let area = 0;
  let x = 0;
  let y = 0;
  rings.forEach((ring, index) => {
    const r = ringCentroid(ring);
    if (r === null) return;
    // Windings vary between files: the outer ring adds, holes subtract, by absolute area.
    const weight = index === 0 ? r.area : -r.area;
    area += weight;
    x += weight * r.x;
    y += weight * r.y;
  });
  if (!(area > 0) || !Number.isFinite(x) || !Number.isFinite(y)) return null;
  return [x / area, y / area];
}

/** A ring's absolute area and centroid (shoelace, relative to its first vertex for precision). */
function ringCentroid(ring: Ring): { area: number; x: number; y: number } | null {
  const [ox, oy] = ring[0]!;
  let twiceArea = 0;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < ring.length; i++) {
    const p = ring[i]!;
    const q = ring[(i + 1) % ring.length]!;
    const px = p[0] - ox;
    const py = p[1] - oy;
    const qx = q[0] - ox;
    const qy = q[1] - oy;
    const cross = px * qy - qx * py;
    twiceArea += cross;
    mx += (px + qx) * cross;
    my += (py + qy) * cross;
  }
  if (twiceArea === 0) return null;
  return {
    area: Math.abs(twiceArea) / 2,
    x: ox + mx / (3 * twiceArea),
    y: oy + my / (3 * twiceArea),
  };
}

function polygonArea(rings: Ring[]): number {
  const [outer, ...holes] = rings;
  const areaOf = (ring: Ring) => ringCentroid(ring)?.area ?? 0;
  return areaOf(outer!) - holes.reduce((sum, hole) => sum + areaOf(hole), 0);
}

/** Even-odd ray casting over all rings, so holes count as outside. */
function insidePolygon([x, y]: Position, rings: Ring[]): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i]!;
      const [xj, yj] = ring[j]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

function segmentLength(a: Position, b: Position): number {
  const scale = Math.cos((((a[1] + b[1]) / 2) * Math.PI) / 180);
  return Math.hypot((b[0] - a[0]) * scale, b[1] - a[1]);
}

function lineLength(line: Ring): number {
  let total = 0;
  for (let i = 1; i < line.length; i++) total += segmentLength(line[i - 1]!, line[i]!);
  return total;
}

function pointAlong(line: Ring, distance: number): Position {
  let left = distance;
  for (let i = 1; i < line.length; i++) {
    const a = line[i - 1]!;
    const b = line[i]!;
    const length = segmentLength(a, b);
    if (length > 0 && left <= length) {
      const t = left / length;
      return [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
    }
    left -= length;
  }
  return line[line.length - 1]!;
}

function maxBy<T extends object>(items: T[], score: (item: T) => number): T {
  let best = items[0]!;
  let bestScore = score(best);
  for (const item of items.slice(1)) {
    const s = score(item);
    if (s > bestScore) {
      best = item;
      bestScore = s;
    }
  }
  return best;
}

function position(value: unknown): Position {
  if (!Array.isArray(value) || value.length < 2) {
    throw new GeometryProblem('invalidCoordinates', preview(value));
  }
  const [lon, lat] = value as unknown[];
  if (typeof lon !== 'number' || typeof lat !== 'number') {
    throw new GeometryProblem('invalidCoordinates', preview(value));
  }
  if (!Number.isFinite(lon) || !Number.isFinite(lat) || Math.abs(lon) > 180 || Math.abs(lat) > 90) {
    throw new GeometryProblem('invalidCoordinates', preview(value));
  }
  return [lon, lat];
}

function line(value: unknown): Ring {
  const positions = list(value).map(position);
  if (positions.length === 0) throw new GeometryProblem('emptyGeometry', 'empty line');
  return positions;
}

function polygon(value: unknown): Ring[] {
  const rings = list(value).map(line);
  if (rings.length === 0) throw new GeometryProblem('emptyGeometry', 'empty polygon');
  return rings;
}

function list(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw new GeometryProblem('invalidCoordinates', preview(value));
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A short rendering of an offending value for the problem's detail; safe on any nesting. */
export function preview(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    // Too deep to stringify (a hostile file): say what it is rather than what it holds.
    text = Array.isArray(value) ? '[…]' : typeof value === 'object' ? '{…}' : typeof value;
  }
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}
