/**
 * Incidents written as GeoJSON and as KML 2.2, for GIS tools and Google Earth, and for reading
 * back into Daftar without loss. Both carry the plain CSV export's columns (`PLAIN_COLUMNS`,
 * same names, lists joined with `; `), so `suggestMapping` maps them back by itself.
 *
 * GeoJSON: a FeatureCollection; a Point for an incident with coordinates, `geometry: null`
 * without; numbers stay numbers and unknown values are null.
 *
 * KML: one Placemark per incident with `name` (the title), `description` (the notes as HTML:
 * escaped, line breaks as `<br>`), a TimeStamp (or a TimeSpan when there is an end date; the
 * time of day is written as local time, without offset), every column as ExtendedData `Data`,
 * and a Point. Any text gives valid XML: `& < >` escaped, a carriage return as `&#13;` (an XML
 * parser would turn a raw one into a line feed), and the characters XML 1.0 forbids — control
 * characters other than tab, line feed and carriage return, unpaired surrogates, U+FFFE and
 * U+FFFF — are left out (they cannot be written in XML at all). A Data value that contains
 * something that looks like markup (which `readKml` would read as HTML) is written as HTML
 * inside `<pre>`, escaped, so that reading it back gives exactly the same text.
 *
 * Output is a list of chunks of 1 000 features, ready for `new Blob(chunks)`.
 */
import type { Incident } from '../../domain/incident.ts';
import { plainRecord, PLAIN_COLUMNS } from '../csv/writeCsv.ts';
import { MARKUP } from './kmlPlacemark.ts';

const FEATURES_PER_CHUNK = 1_000;

function chunked(head: string, items: Iterable<string>, separator: string, tail: string): string[] {
  const chunks: string[] = [];
  let chunk = head;
  let count = 0;
  for (const item of items) {
    chunk += (count === 0 ? '' : separator) + item;
    if (++count % FEATURES_PER_CHUNK === 0) {
      chunks.push(chunk);
      chunk = '';
    }
  }
  chunks.push(chunk + tail);
  return chunks;
}

export function writeGeoJson(
  incidents: Iterable<Incident>,
  sourceNamesOf: (incidentId: string) => readonly string[],
): string[] {
  function* features() {
    for (const incident of incidents) {
      const geometry =
        incident.latitude === null || incident.longitude === null
          ? null
          : { type: 'Point', coordinates: [incident.longitude, incident.latitude] };
      yield JSON.stringify({
        type: 'Feature',
        id: incident.id,
        geometry,
        properties: plainRecord(incident, sourceNamesOf),
      });
    }
  }
  return chunked('{"type":"FeatureCollection","features":[\n', features(), ',\n', '\n]}\n');
}

export function writeKml(
  incidents: Iterable<Incident>,
  sourceNamesOf: (incidentId: string) => readonly string[],
): string[] {
  function* placemarks() {
    for (const incident of incidents) yield placemark(incident, sourceNamesOf);
  }
  const head =
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<kml xmlns="http://www.opengis.net/kml/2.2">\n<Document>\n';
  return chunked(head, placemarks(), '', '</Document>\n</kml>\n');
}

function placemark(
  incident: Incident,
  sourceNamesOf: (incidentId: string) => readonly string[],
): string {
  const lines = ['<Placemark>', `<name>${xmlText(incident.title)}</name>`];
  if (incident.notes !== '') {
    lines.push(`<description>${xmlText(htmlOf(incident.notes, false))}</description>`);
  }
  const at = (date: string) => (incident.time === null ? date : `${date}T${incident.time}:00`);
  if (incident.dateEnd === null) {
    lines.push(`<TimeStamp><when>${at(incident.dateStart)}</when></TimeStamp>`);
  } else {
    lines.push(
      `<TimeSpan><begin>${at(incident.dateStart)}</begin><end>${incident.dateEnd}</end></TimeSpan>`,
    );
  }
  lines.push('<ExtendedData>');
  const properties = plainRecord(incident, sourceNamesOf);
  for (const name of PLAIN_COLUMNS) {
    const value = properties[name];
    const text = value === null ? '' : String(value);
    const carried = MARKUP.test(text) ? htmlOf(text, true) : text;
    lines.push(`<Data name="${xmlAttribute(name)}"><value>${xmlText(carried)}</value></Data>`);
  }
  lines.push('</ExtendedData>');
  if (incident.latitude !== null && incident.longitude !== null) {
    lines.push(
      `<Point><coordinates>${incident.longitude},${incident.latitude}</coordinates></Point>`,
    );
  }
  lines.push('</Placemark>\n');
  return lines.join('\n');
}

/**
 * Text as HTML that shows it. `exact`: inside `<pre>` with every line break as `<br>` and a
 * carriage return as a character reference, which `htmlToText` turns back into exactly the text
 * (a raw line feed right after `<pre>` would be dropped by an HTML parser; a raw CR normalised).
 */
function htmlOf(text: string, exact: boolean): string {
  const escaped = text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
  if (!exact) return escaped.replace(/\r\n|\r|\n/g, '<br>');
  return `<pre>${escaped.replaceAll('\r', '&#13;').replaceAll('\n', '<br>')}</pre>`;
}

/** Characters XML 1.0 cannot hold, in any form: left out. */
const XML_FORBIDDEN =
  // eslint-disable-next-line no-control-regex -- these control characters are what XML forbids
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function xmlSafe(text: string): string {
  return text.replace(XML_FORBIDDEN, '');
}

function xmlText(text: string): string {
  return xmlSafe(text)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('\r', '&#13;');
}

function xmlAttribute(text: string): string {
  return xmlText(text).replaceAll('"', '&quot;').replaceAll('\t', '&#9;').replaceAll('\n', '&#10;');
}
