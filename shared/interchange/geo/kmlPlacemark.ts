/**
 * What one KML Placemark says, as text values keyed like a table's columns: its `name`,
 * `description`, `address` and `Snippet`, every ExtendedData `Data` and `SimpleData`, and its
 * TimeStamp or TimeSpan read into a date, an end date, a time and a time precision.
 *
 * Text rules. KML's `description` is HTML (Google Earth renders it), so it always goes through
 * `htmlToText`. The other texts are plain by the KML specification, but Google Earth shows them
 * in HTML balloons, so hostile files put markup there too: a value that contains anything an
 * HTML parser would read as a tag, comment or declaration (`<` then a letter, `/`, `!` or `?`),
 * or XML child elements, is read as HTML as well; any other value is kept exactly, so
 * "5 < 6 & so on" and repeated spaces survive. Markup becomes text whether it came escaped, in
 * CDATA or as XML elements (which are written back out as tags first, so a `<script>` element
 * is dropped like a `<script>` string). Attributes are never read.
 */
import {
  CDATA_SECTION_NODE,
  ELEMENT_NODE,
  TEXT_NODE,
  localNameOf,
  type ElementLike,
  type NodeLike,
} from './domLike.ts';
import { isIsoDate, daysInMonth } from '../../util/isoDate.ts';

/** Anything an HTML parser would take for the start of markup. */
export const MARKUP = /<[A-Za-z!/?]/;

/** Keys of the values read from KML's own time elements (a NUL keeps them from any column). */
export const KML_DATE = '\u0000kml date';
export const KML_END = '\u0000kml end';
export const KML_TIME = '\u0000kml time';
export const KML_PRECISION = '\u0000kml precision';

export interface PlacemarkValues {
  values: Record<string, string>;
  /** Whether TimeStamp or TimeSpan gave a start date. */
  timed: boolean;
  /** `src` attributes inside HTML (images, frames) that a KML viewer would have loaded. */
  sources: number;
}

const TEXT_ELEMENTS = ['name', 'description', 'address', 'Snippet'] as const;

export function placemarkValues(
  placemark: ElementLike,
  htmlToText: (html: string) => string,
): PlacemarkValues {
  const values: Record<string, string> = {};
  let sources = 0;
  const read = (element: ElementLike, html: boolean): string => {
    const { markup, hasElements } = markupOf(element);
    if (!html && !hasElements && !MARKUP.test(markup)) return markup;
    sources += (markup.match(/\bsrc\s*=/gi) ?? []).length;
    return htmlToText(markup);
  };
  for (const child of childElements(placemark)) {
    const name = localNameOf(child);
    if ((TEXT_ELEMENTS as readonly string[]).includes(name)) {
      values[name] = read(child, name === 'description');
    }
  }
  const extended = childElements(placemark).find((e) => localNameOf(e) === 'ExtendedData');
  if (extended) {
    for (const data of descendants(extended, 'Data')) {
      const value = childElements(data).find((e) => localNameOf(e) === 'value');
      values[data.getAttribute('name') ?? ''] = value ? read(value, false) : '';
    }
    for (const data of descendants(extended, 'SimpleData')) {
      values[data.getAttribute('name') ?? ''] = read(data, false);
    }
  }
  const timed = readTime(placemark, values);
  return { values, timed, sources };
}

/** TimeStamp `when`, or TimeSpan `begin`/`end`, into the KML_* values. */
function readTime(placemark: ElementLike, values: Record<string, string>): boolean {
  const children = childElements(placemark);
  const stamp = children.find((e) => localNameOf(e) === 'TimeStamp');
  const span = children.find((e) => localNameOf(e) === 'TimeSpan');
  const textOf = (parent: ElementLike | undefined, name: string) => {
    const element = parent && childElements(parent).find((e) => localNameOf(e) === name);
    return (element?.textContent ?? '').trim();
  };
  const begin = stamp ? textOf(stamp, 'when') : textOf(span, 'begin');
  const end = stamp ? '' : textOf(span, 'end');
  if (begin === '') return false;
  const start = kmlTime(begin);
  values[KML_DATE] = start.date;
  if (start.time !== '') values[KML_TIME] = start.time;
  if (start.coarse) values[KML_PRECISION] = '3';
  const finish = end === '' ? (start.coarse ? start : null) : kmlTime(end);
  if (finish !== null && finish.lastDate !== start.date) values[KML_END] = finish.lastDate;
  return true;
}

interface KmlTime {
  date: string;
  /** The last day the value covers (the month's or year's end for `2024-03` or `2024`). */
  lastDate: string;
  time: string;
  coarse: boolean;
}

/**
 * XML Schema dateTime, date, gYearMonth or gYear as KML allows. The date and time are taken as
 * written (the local time of the event), never shifted by the offset. Anything else is passed
 * on as written, so the mapping refuses it with the value shown.
 */
export function kmlTime(text: string): KmlTime {
  const match =
    /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?)?)?(?:Z|[+-]\d{2}:\d{2})?$/.exec(
      text,
    );
  if (!match) return { date: text, lastDate: text, time: '', coarse: false };
  const [, y, m, d, hh, mm] = match;
  const year = Number(y);
  if (d !== undefined) {
    const date = `${y}-${m}-${d}`;
    const time = hh !== undefined ? `${hh}:${mm}` : '';
    return { date, lastDate: date, time, coarse: false };
  }
  const firstMonth = m ?? '01';
  const lastMonth = m ?? '12';
  const date = `${y}-${firstMonth}-01`;
  if (!isIsoDate(date)) return { date: text, lastDate: text, time: '', coarse: false };
  const lastDay = String(daysInMonth(year, Number(lastMonth))).padStart(2, '0');
  return { date, lastDate: `${y}-${lastMonth}-${lastDay}`, time: '', coarse: true };
}

/**
 * The element's content as HTML-ish text: text and CDATA as they are, child elements written
 * back as bare tags (no attributes), comments dropped. Iterative: nesting depth is the file's.
 */
function markupOf(element: NodeLike): { markup: string; hasElements: boolean } {
  const parts: string[] = [];
  let hasElements = false;
  const stack: (NodeLike | string)[] = [];
  const pushChildren = (node: NodeLike) => {
    for (let i = node.childNodes.length - 1; i >= 0; i--) stack.push(node.childNodes[i]!);
  };
  pushChildren(element);
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (typeof item === 'string') {
      parts.push(item);
    } else if (item.nodeType === TEXT_NODE || item.nodeType === CDATA_SECTION_NODE) {
      parts.push(item.nodeValue ?? '');
    } else if (item.nodeType === ELEMENT_NODE) {
      hasElements = true;
      const name = localNameOf(item).replace(/[^A-Za-z0-9-]/g, '');
      parts.push(`<${name}>`);
      stack.push(`</${name}>`);
      pushChildren(item);
    }
  }
  return { markup: parts.join(''), hasElements };
}

export function childElements(node: NodeLike): ElementLike[] {
  const out: ElementLike[] = [];
  for (let i = 0; i < node.childNodes.length; i++) {
    const child = node.childNodes[i]!;
    if (child.nodeType === ELEMENT_NODE) out.push(child as ElementLike);
  }
  return out;
}

function descendants(element: ElementLike, name: string): ElementLike[] {
  return Array.from(element.getElementsByTagName(name)).concat(
    Array.from(element.getElementsByTagName(`kml:${name}`)),
  );
}
