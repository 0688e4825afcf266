/**
 * KML and KMZ import. Each Placemark becomes one incident: `name` → title, `description` →
 * notes as plain text, TimeStamp/TimeSpan → dates, ExtendedData → values mapped as a table's
 * columns (`suggestMapping` over every name seen, so Daftar's own KML and ACLED-like data map
 * themselves), geometry (read by @tmcw/togeojson) → the place, as for GeoJSON.
 *
 * Nothing is ever fetched: NetworkLink, GroundOverlay, icon `href`s and `<img src>` in
 * descriptions are counted and reported as one whole-file remark ("N links not followed"), and
 * togeojson itself only reads the document it is given. A DOCTYPE is refused before parsing
 * (`kmlText.ts`). The XML parser and the HTML-to-text step are injected: the renderer passes the
 * native `DOMParser` and `createHtmlToText(new DOMParser())`, tests pass @xmldom/xmldom.
 *
 * Parsing the document is one blocking step; progress is reported after it and then per
 * placemark, with the same pacing and cancellation as GeoJSON.
 */
import { kmlGen } from '@tmcw/togeojson';
import { columnsNotKept, suggestMapping, type ColumnMapping } from '../columnMapping.ts';
import {
  ImportError,
  type ImportMessage,
  type ImportPlan,
  type ImportProblem,
  type ImportedIncident,
  type ReadOptions,
} from '../imported.ts';
import { localNameOf, type DocumentLike } from './domLike.ts';
import { incidentFromFeature } from './featureIncident.ts';
import {
  KML_DATE,
  KML_END,
  KML_PRECISION,
  KML_TIME,
  placemarkValues,
  type PlacemarkValues,
} from './kmlPlacemark.ts';
import { KML_LIMITS, kmlTextOf, type KmlLimits } from './kmlText.ts';
import { Pacer } from './pacer.ts';
import { throwIfAborted, type FileLike } from '../platform.ts';
import { MAX_FEATURES } from './readGeoJson.ts';
import { representativePoint } from './representativePoint.ts';

export interface KmlReadOptions extends ReadOptions {
  /** Parses XML; throws or returns a document with a `parsererror` element when malformed. */
  parseXml: (text: string) => DocumentLike;
  /** HTML to plain text (`createHtmlToText` in htmlToText.ts). */
  htmlToText: (html: string) => string;
  /** A mapping chosen by the person; by default the one the names suggest. */
  mapping?: ColumnMapping;
  /** The date for placemarks with no time and no mapped date (as in readGeoJson). */
  undatedAs?: string;
  limits?: Partial<KmlLimits>;
}

/** KML's own elements, read under these names, are not "columns not kept" when unmapped. */
const OWN_NAMES = new Set(['name', 'description', 'address', 'Snippet']);

export async function readKml(file: FileLike, options: KmlReadOptions): Promise<ImportPlan> {
  options.onProgress?.(0, 0);
  const { text, kmz } = await kmlTextOf(file, { ...KML_LIMITS, ...options.limits });
  throwIfAborted(options.signal);
  const doc = parse(text, options.parseXml);
  const placemarks = Array.from(doc.getElementsByTagName('Placemark'));
  if (placemarks.length > MAX_FEATURES) {
    throw new ImportError(
      'interchange.geo.tooManyFeatures',
      `The file has more than ${MAX_FEATURES} placemarks.`,
      { limit: MAX_FEATURES },
    );
  }

  const read: PlacemarkValues[] = placemarks.map((p) => placemarkValues(p, options.htmlToText));
  const names = [...new Set(read.flatMap((r) => Object.keys(r.values)))].filter(
    (name) => !name.startsWith('\u0000'),
  );
  const mapping: ColumnMapping = { ...(options.mapping ?? suggestMapping(names)) };
  if (mapping.placeName === undefined && names.includes('address')) mapping.placeName = 'address';

  const remarks: ImportMessage[] = [];
  const notKept = columnsNotKept(
    names.filter((n) => !OWN_NAMES.has(n)),
    mapping,
  );
  if (notKept.length > 0) {
    remarks.push({
      key: 'interchange.remark.columnsNotKept',
      params: { columns: notKept.join(', '), count: notKept.length },
    });
  }

  const incidents: ImportedIncident[] = [];
  const problems: ImportProblem[] = [];
  let undated = 0;
  const pacer = new Pacer(placemarks.length, options);
  // togeojson yields the placemarks first, in document order: one feature for each.
  const features = kmlGen(doc as Parameters<typeof kmlGen>[0]);
  for (const [index, entry] of read.entries()) {
    await pacer.step(index);
    const feature = features.next();
    if (feature.done === true) break;
    const geometry = feature.value.geometry;
    const placement = geometry === null ? null : representativePoint(geometry);
    const effective = timedMapping(mapping, entry);
    if (effective.dateStart === undefined && options.undatedAs !== undefined) undated += 1;
    const result = incidentFromFeature(
      entry.values,
      effective,
      { feature: index },
      placement,
      options.undatedAs,
    );
    if ('incident' in result) incidents.push(result.incident);
    else problems.push(result.problem);
  }
  pacer.done();

  if (undated > 0) {
    remarks.push({
      key: 'interchange.kml.undated',
      params: { count: undated, date: options.undatedAs ?? '' },
    });
  }
  const links = linksIn(doc) + read.reduce((sum, r) => sum + r.sources, 0);
  if (links > 0)
    remarks.push({ key: 'interchange.kml.linksNotFollowed', params: { count: links } });
  return {
    format: kmz ? 'kmz' : 'kml',
    incidents,
    problems,
    remarks,
    total: placemarks.length,
  };
}

function parse(text: string, parseXml: (text: string) => DocumentLike): DocumentLike {
  let doc: DocumentLike;
  try {
    doc = parseXml(text);
  } catch (error) {
    throw malformed(error instanceof Error ? error.message : String(error));
  }
  // Browsers report malformed XML as a document holding a <parsererror> element; Chromium puts
  // the message itself in a <div> between two headings.
  const error = doc.getElementsByTagName('parsererror')[0];
  if (error !== undefined) {
    const message = error.getElementsByTagName('div')[0] ?? error;
    throw malformed((message.textContent ?? '').trim());
  }
  const root = doc.documentElement;
  if (!root || localNameOf(root) !== 'kml') {
    const name = root ? localNameOf(root) : '';
    throw new ImportError('interchange.kml.notKml', `The XML is a ${name}, not KML.`, {
      root: name,
    });
  }
  return doc;
}

function malformed(detail: string): ImportError {
  return new ImportError('interchange.kml.malformed', `The KML is not well-formed XML: ${detail}`, {
    detail: detail.length > 300 ? `${detail.slice(0, 300)}…` : detail,
  });
}

/**
 * The mapping for one placemark: a mapped date column with a value wins; otherwise the
 * placemark's own TimeStamp/TimeSpan gives the date (and its end, time and precision, where
 * no mapped column gives them); otherwise the date is left unmapped (undated).
 */
function timedMapping(mapping: ColumnMapping, entry: PlacemarkValues): ColumnMapping {
  const has = (column: string | undefined) =>
    column !== undefined && (entry.values[column] ?? '').trim() !== '';
  if (has(mapping.dateStart)) return mapping;
  const effective: ColumnMapping = { ...mapping, dateStart: undefined };
  if (!entry.timed) return effective;
  effective.dateStart = KML_DATE;
  const fill = [
    ['dateEnd', KML_END],
    ['time', KML_TIME],
    ['timePrecision', KML_PRECISION],
  ] as const;
  for (const [field, key] of fill) {
    if (!has(mapping[field]) && entry.values[key] !== undefined) effective[field] = key;
  }
  return effective;
}

/** Resources a KML viewer would load: every href (links, icons, overlays, models). */
function linksIn(doc: DocumentLike): number {
  return doc.getElementsByTagName('href').length + doc.getElementsByTagName('kml:href').length;
}
