/**
 * GeoJSON import: a FeatureCollection, a single Feature, or newline-delimited GeoJSON (one
 * Feature per line, with or without RFC 8142's record separator). Each feature becomes one
 * incident through the shared column mapping (`featureIncident.ts`); its geometry gives the
 * place (`representativePoint.ts`).
 *
 * Limits: 256 MiB of file (the text must fit one JavaScript string, and `JSON.parse` needs
 * several times the file in memory), 1 000 000 features, 1 000 distinct property names,
 * property values nested at most 64 deep. A projected `crs` (not WGS 84 longitude/latitude) is
 * refused as a whole, since every coordinate would be out of range.
 *
 * Progress: `JSON.parse` of the whole text is one blocking step (no streaming JSON parser is
 * worth its weight here); progress is reported once the text is parsed and then every 500
 * features, and the reader yields to the event loop every 2 000 features, where it also honours
 * the abort signal. Newline-delimited files are parsed line by line, with the same reporting.
 */
import { columnsNotKept, suggestMapping, type ColumnMapping } from '../columnMapping.ts';
import {
  ImportError,
  type ImportMessage,
  type ImportPlan,
  type ImportProblem,
  type ImportedIncident,
  type ReadOptions,
} from '../imported.ts';
import { incidentFromFeature, propertyText } from './featureIncident.ts';
import { preview, representativePoint } from './representativePoint.ts';
import { Pacer } from './pacer.ts';
import { strictDecoder, throwIfAborted, type FileLike } from '../platform.ts';

export const MAX_GEOJSON_BYTES = 256 * 1024 * 1024;
export const MAX_FEATURES = 1_000_000;
export const MAX_PROPERTY_NAMES = 1_000;

export interface GeoReadOptions extends ReadOptions {
  /**
   * The date given to every incident when the mapping has no date column (a file of places has
   * none). Without it such features are refused as undated, as a CSV row would be.
   */
  undatedAs?: string;
}

export interface GeoJsonSummary {
  /** Property names over all features, in order of first appearance. */
  propertyNames: string[];
  featureCount: number;
  suggested: ColumnMapping;
  /** Geometry type → number of features ("null" for features without geometry). */
  geometryTypes: Record<string, number>;
}

/** What a person sees before choosing the mapping. */
export async function inspectGeoJson(
  file: FileLike,
  options: ReadOptions = {},
): Promise<GeoJsonSummary> {
  const parsed = await parseGeoJson(file, options);
  const names = propertyNamesOf(parsed.features);
  const geometryTypes: Record<string, number> = {};
  for (const entry of parsed.features) {
    if (!('feature' in entry)) continue;
    const geometry = entry.feature.geometry;
    const type = isRecord(geometry) && typeof geometry.type === 'string' ? geometry.type : 'null';
    geometryTypes[type] = (geometryTypes[type] ?? 0) + 1;
  }
  return {
    propertyNames: names,
    featureCount: parsed.features.length,
    suggested: suggestMapping(names),
    geometryTypes,
  };
}

export async function readGeoJson(
  file: FileLike,
  mapping: ColumnMapping,
  options: GeoReadOptions = {},
): Promise<ImportPlan> {
  if (mapping.dateStart === undefined && options.undatedAs === undefined) {
    throw new ImportError('interchange.file.noDateColumn', 'No property is chosen for the date');
  }
  const parsed = await parseGeoJson(file, options);
  const names = propertyNamesOf(parsed.features);
  const incidents: ImportedIncident[] = [];
  const problems: ImportProblem[] = [];
  const remarks: ImportMessage[] = [];
  const notKept = columnsNotKept(names, mapping);
  if (notKept.length > 0) {
    remarks.push({
      key: 'interchange.remark.columnsNotKept',
      params: { columns: notKept.join(', '), count: notKept.length },
    });
  }
  if (mapping.dateStart === undefined && options.undatedAs !== undefined) {
    remarks.push({ key: 'interchange.geo.undated', params: { date: options.undatedAs } });
  }
  const columns = [...new Set(Object.values(mapping))];
  const pacer = new Pacer(parsed.features.length, options);
  for (const [index, entry] of parsed.features.entries()) {
    await pacer.step(index);
    const at = { feature: index };
    if (!('feature' in entry)) {
      problems.push({ ...entry.problem, at });
      continue;
    }
    const { feature } = entry;
    const properties = isRecord(feature.properties) ? feature.properties : {};
    const values: Record<string, string> = {};
    let tooDeep: string | null = null;
    for (const column of columns) {
      if (!Object.hasOwn(properties, column)) continue;
      const text = propertyText(properties[column]);
      if (text === null) tooDeep = column;
      else values[column] = text;
    }
    if (tooDeep !== null) {
      problems.push({ key: 'interchange.geojson.tooDeep', at, params: { column: tooDeep } });
      continue;
    }
    const geometry = feature.geometry;
    // A missing geometry member is read as null (RFC 7946 asks for an explicit null).
    const placement =
      geometry === null || geometry === undefined ? null : representativePoint(geometry);
    const result = incidentFromFeature(values, mapping, at, placement, options.undatedAs);
    if ('incident' in result) incidents.push(result.incident);
    else problems.push(result.problem);
  }
  pacer.done();
  return { format: 'geojson', incidents, problems, remarks, total: parsed.features.length };
}

type Entry = { feature: Record<string, unknown> } | { problem: Omit<ImportProblem, 'at'> };

interface Parsed {
  features: Entry[];
}

async function parseGeoJson(file: FileLike, options: ReadOptions): Promise<Parsed> {
  if (file.size > MAX_GEOJSON_BYTES) {
    throw new ImportError(
      'interchange.geo.fileTooLarge',
      `The file is over ${MAX_GEOJSON_BYTES / 2 ** 20} MiB.`,
      { limitMiB: MAX_GEOJSON_BYTES / 2 ** 20 },
    );
  }
  options.onProgress?.(0, 0);
  let text: string;
  try {
    text = strictDecoder('utf-8').decode(new Uint8Array(await file.arrayBuffer()));
  } catch {
    throw new ImportError('interchange.geojson.notUtf8', 'The file is not UTF-8 text.');
  }
  throwIfAborted(options.signal);
  const trimmed = text.trimStart();
  if (trimmed.startsWith('\u001e')) return parseLines(trimmed.split('\u001e'));
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (error) {
    const lines = text.split(/\r?\n/).filter((line) => line.trim() !== '');
    if (lines.length > 1 && looksLikeFeatureLine(lines[0]!)) return parseLines(lines);
    const detail = error instanceof Error ? error.message : String(error);
    throw new ImportError('interchange.geojson.notJson', `Not JSON: ${detail}`, { detail });
  }
  return { features: featuresOf(root) };
}

function looksLikeFeatureLine(line: string): boolean {
  try {
    const value: unknown = JSON.parse(line);
    return isRecord(value) && value.type === 'Feature';
  } catch {
    return false;
  }
}

function parseLines(lines: string[]): Parsed {
  const features: Entry[] = [];
  for (const line of lines) {
    if (line.trim() === '') continue;
    if (features.length >= MAX_FEATURES) throw tooManyFeatures();
    try {
      features.push(asFeature(JSON.parse(line)));
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      features.push({ problem: { key: 'interchange.geojson.badLine', detail } });
    }
  }
  return { features };
}

function featuresOf(root: unknown): Entry[] {
  if (!isRecord(root)) {
    throw new ImportError('interchange.geojson.notGeoJson', 'Not a GeoJSON object.', {
      detail: preview(root),
    });
  }
  refuseProjected(root);
  if (root.type === 'Feature') return [asFeature(root)];
  if (root.type !== 'FeatureCollection' || !Array.isArray(root.features)) {
    const type = typeof root.type === 'string' ? root.type : preview(root.type);
    throw new ImportError(
      'interchange.geojson.notFeatures',
      `A GeoJSON ${type} holds no features to import.`,
      { type },
    );
  }
  if (root.features.length > MAX_FEATURES) throw tooManyFeatures();
  return root.features.map(asFeature);
}

function asFeature(value: unknown): Entry {
  if (!isRecord(value) || value.type !== 'Feature') {
    return { problem: { key: 'interchange.geojson.notAFeature', detail: preview(value) } };
  }
  return { feature: value };
}

/** GeoJSON 2008's `crs`: anything but WGS 84 longitude/latitude is refused as a whole. */
function refuseProjected(root: Record<string, unknown>): void {
  const crs = root.crs;
  if (!isRecord(crs) || !isRecord(crs.properties)) return;
  const name = crs.properties.name;
  if (typeof name !== 'string') return;
  if (/(CRS84|EPSG::?4326)$/i.test(name.trim())) return;
  throw new ImportError(
    'interchange.geojson.projected',
    `The coordinates are in ${name}, not longitude/latitude: export the file as WGS 84.`,
    { crs: name },
  );
}

function propertyNamesOf(features: Entry[]): string[] {
  const names = new Set<string>();
  for (const entry of features) {
    if (!('feature' in entry) || !isRecord(entry.feature.properties)) continue;
    for (const name of Object.keys(entry.feature.properties)) {
      names.add(name);
      if (names.size > MAX_PROPERTY_NAMES) {
        throw new ImportError(
          'interchange.geojson.tooManyProperties',
          `The features have more than ${MAX_PROPERTY_NAMES} different properties.`,
          { limit: MAX_PROPERTY_NAMES },
        );
      }
    }
  }
  return [...names];
}

function tooManyFeatures(): ImportError {
  return new ImportError(
    'interchange.geo.tooManyFeatures',
    `The file has more than ${MAX_FEATURES} features.`,
    { limit: MAX_FEATURES },
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
