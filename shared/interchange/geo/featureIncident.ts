/**
 * One map feature (GeoJSON Feature or KML Placemark) as an imported incident. The feature's
 * properties go through the same column mapping as a CSV row (`incidentFromValues`), so ACLED's
 * GeoJSON, Daftar's own and anyone else's read like their CSV. What the geometry says wins over
 * mapped latitude/longitude columns; a feature without geometry keeps whatever coordinates its
 * properties give (usually none) and is imported unplaced, with a remark, rather than refused:
 * its title, date and narrative are still the researcher's data.
 */
import { incidentFromValues, type ColumnMapping, type RowResult } from '../columnMapping.ts';
import type { FileLocation, ImportMessage } from '../imported.ts';
import type { Placement } from './representativePoint.ts';

/**
 * Value keys the reader adds itself. A NUL cannot be typed in a column name by accident, and the
 * reader's own value replaces whatever a hostile file put under the same key.
 */
export const GEOMETRY_LATITUDE = '\u0000geometry latitude';
export const GEOMETRY_LONGITUDE = '\u0000geometry longitude';
export const UNDATED_DATE = '\u0000undated date';

/** Nesting deeper than this in a property value is refused rather than stringified. */
const MAX_VALUE_DEPTH = 64;

export function incidentFromFeature(
  values: Record<string, string>,
  mapping: ColumnMapping,
  at: FileLocation,
  placement: Placement | null,
  undatedAs: string | undefined,
): RowResult {
  if (placement !== null && 'problem' in placement) {
    return {
      problem: { key: `interchange.geo.${placement.problem}`, at, detail: placement.detail },
    };
  }
  const filled = { ...values };
  const effective: ColumnMapping = { ...mapping };
  if (effective.dateStart === undefined && undatedAs !== undefined) {
    filled[UNDATED_DATE] = undatedAs;
    effective.dateStart = UNDATED_DATE;
  }
  const remarks: ImportMessage[] = [];
  if (placement === null) {
    remarks.push({ key: 'interchange.geo.noGeometry' });
  } else {
    filled[GEOMETRY_LATITUDE] = String(placement.lat);
    filled[GEOMETRY_LONGITUDE] = String(placement.lon);
    effective.latitude = GEOMETRY_LATITUDE;
    effective.longitude = GEOMETRY_LONGITUDE;
    if (placement.method !== 'point') {
      remarks.push({
        key: `interchange.geo.placed.${placement.method}`,
        params: { geometry: placement.geometryType },
      });
    }
  }
  const result = incidentFromValues(filled, effective, at);
  if ('incident' in result) result.incident.remarks.push(...remarks);
  return result;
}

/**
 * A property value as the text a CSV cell would hold: strings as they are, numbers and booleans
 * written out, null as empty, objects and arrays as JSON. Null when the value nests too deeply
 * to write (a hostile file; `JSON.stringify` would overflow the stack).
 */
export function propertyText(value: unknown): string | null {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    return nestingExceeds(value, MAX_VALUE_DEPTH) ? null : JSON.stringify(value);
  }
  return String(value);
}

/** Whether a parsed JSON value nests deeper than `limit`, checked without recursion. */
export function nestingExceeds(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [item, depth] = stack.pop()!;
    if (typeof item !== 'object' || item === null) continue;
    if (depth >= limit) return true;
    for (const child of Object.values(item)) {
      if (typeof child === 'object' && child !== null) stack.push([child, depth + 1]);
    }
  }
  return false;
}
