import { describe, expect, it } from 'vitest';
import { sharedFixture } from '../../../test/helpers/sharedFixtures.ts';
import { suggestMapping } from '../columnMapping.ts';
import { ImportError, type ImportPlan } from '../imported.ts';
import { inspectGeoJson, readGeoJson } from './readGeoJson.ts';

const PLACES = 'supercluster_places_naturalearth.geojson';

function blobOf(value: unknown): Blob {
  return new Blob([typeof value === 'string' ? value : JSON.stringify(value)]);
}

function feature(geometry: unknown, properties: Record<string, unknown> = {}) {
  return { type: 'Feature', geometry, properties: { date: '2024-03-05', ...properties } };
}

function collection(...features: unknown[]) {
  return { type: 'FeatureCollection', features };
}

const MAPPING = { title: 'name', dateStart: 'date' } as const;

async function readOne(geometry: unknown, properties: Record<string, unknown> = {}) {
  const plan = await readGeoJson(
    blobOf(collection(feature(geometry, { name: 'A place', ...properties }))),
    { ...MAPPING, ...suggestMapping(Object.keys(properties)) },
  );
  return plan;
}

async function errorOf(promise: Promise<unknown>): Promise<ImportError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  return error as ImportError;
}

describe('the Natural Earth places fixture', () => {
  const bytes = sharedFixture(PLACES);
  const file = new Blob([new Uint8Array(bytes)]);
  const source = JSON.parse(new TextDecoder().decode(bytes)) as {
    features: {
      properties: { name: string };
      geometry: { coordinates: [number, number] } | null;
    }[];
  };

  it('is inspected: property names, 163 features, geometry types, a suggested mapping', async () => {
    const summary = await inspectGeoJson(file);
    expect(summary.featureCount).toBe(163);
    expect(summary.geometryTypes).toEqual({ Point: 162, null: 1 });
    expect(summary.propertyNames).toEqual([
      'scalerank',
      'name',
      'comment',
      'name_alt',
      'lat_y',
      'long_x',
      'region',
      'subregion',
      'featureclass',
    ]);
    expect(summary.suggested.title).toBe('name');
  });

  it('imports every feature with its name and exact coordinates; Null Island unplaced', async () => {
    const plan = await readGeoJson(file, { title: 'name' }, { undatedAs: '2024-01-01' });
    expect(plan.format).toBe('geojson');
    expect(plan.total).toBe(163);
    expect(plan.problems).toEqual([]);
    expect(plan.incidents).toHaveLength(163);
    plan.incidents.forEach((incident, index) => {
      const original = source.features[index]!;
      expect(incident.at).toEqual({ feature: index });
      expect(incident.fields.title).toBe(original.properties.name);
      expect(incident.fields.dateStart).toBe('2024-01-01');
      if (original.geometry === null) {
        expect(incident.fields.latitude).toBeNull();
      } else {
        expect(incident.fields.longitude).toBe(original.geometry.coordinates[0]);
        expect(incident.fields.latitude).toBe(original.geometry.coordinates[1]);
      }
    });
    // Checked against the file by hand.
    expect(plan.incidents[0]!.fields).toMatchObject({
      title: 'Niagara Falls',
      longitude: -79.04411780507252,
      latitude: 43.08771393436908,
    });
    expect(plan.incidents[1]!.fields).toMatchObject({
      title: 'Salto Angel',
      longitude: -62.06181800038502,
      latitude: 5.686896063275327,
    });
    const nullIsland = plan.incidents[162]!;
    expect(nullIsland.fields.title).toBe('Null Island');
    expect(nullIsland.at).toEqual({ feature: 162 });
    expect(nullIsland.remarks).toContainEqual({ key: 'interchange.geo.noGeometry' });
    expect(plan.incidents.filter((i) => i.remarks.length > 0)).toHaveLength(1);
    expect(plan.remarks).toContainEqual({
      key: 'interchange.geo.undated',
      params: { date: '2024-01-01' },
    });
    expect(plan.remarks).toContainEqual(
      expect.objectContaining({ key: 'interchange.remark.columnsNotKept' }),
    );
  });

  it('without a date property or a date for undated features, the file is refused', async () => {
    const error = await errorOf(readGeoJson(file, { title: 'name' }));
    expect(error.key).toBe('interchange.file.noDateColumn');
  });

  it('reports progress up to every feature', async () => {
    const calls: [number, number][] = [];
    await readGeoJson(
      file,
      { title: 'name' },
      { undatedAs: '2024-01-01', onProgress: (done, total) => calls.push([done, total]) },
    );
    expect(calls.at(-1)).toEqual([163, 163]);
  });
});

describe('geometries other than points', () => {
  // A U-shaped polygon (like a concave province): its centroid falls in the notch.
  const U_SHAPE = {
    type: 'Polygon',
    coordinates: [
      [
        [60, 30],
        [66, 30],
        [66, 36],
        [64, 36],
        [64, 32],
        [62, 32],
        [62, 36],
        [60, 36],
        [60, 30],
      ],
    ],
  };

  it('a concave polygon is placed inside it, with a remark', async () => {
    const plan = await readOne(U_SHAPE);
    const incident = plan.incidents[0]!;
    const { latitude, longitude } = incident.fields;
    const inNotch = longitude! > 62 && longitude! < 64 && latitude! > 32;
    expect(inNotch).toBe(false);
    expect(longitude! >= 60 && longitude! <= 66 && latitude! >= 30 && latitude! <= 36).toBe(true);
    expect(incident.remarks).toContainEqual({
      key: 'interchange.geo.placed.polygonInterior',
      params: { geometry: 'Polygon' },
    });
  });

  it('a convex polygon is placed at its centroid', async () => {
    const square = {
      type: 'Polygon',
      coordinates: [
        [
          [68, 34],
          [70, 34],
          [70, 36],
          [68, 36],
          [68, 34],
        ],
      ],
    };
    const plan = await readOne(square);
    expect(plan.incidents[0]!.fields).toMatchObject({ longitude: 69, latitude: 35 });
    expect(plan.incidents[0]!.remarks).toContainEqual({
      key: 'interchange.geo.placed.polygonCentroid',
      params: { geometry: 'Polygon' },
    });
  });

  it('a line is placed halfway along it', async () => {
    const plan = await readOne({
      type: 'LineString',
      coordinates: [
        [69, 0],
        [69, 1],
        [69, 4],
      ],
    });
    expect(plan.incidents[0]!.fields).toMatchObject({ longitude: 69, latitude: 2 });
    expect(plan.incidents[0]!.remarks[0]!.key).toBe('interchange.geo.placed.lineMiddle');
  });

  it('a MultiPolygon uses its largest part; a GeometryCollection its polygon', async () => {
    const small = [
      [
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 0],
      ],
    ];
    const large = [
      [
        [10, 10],
        [14, 10],
        [14, 14],
        [10, 14],
        [10, 10],
      ],
    ];
    const multi = await readOne({ type: 'MultiPolygon', coordinates: [small, large] });
    expect(multi.incidents[0]!.fields).toMatchObject({ longitude: 12, latitude: 12 });
    const mixed = await readOne({
      type: 'GeometryCollection',
      geometries: [
        { type: 'Point', coordinates: [1, 1] },
        { type: 'Polygon', coordinates: large },
      ],
    });
    expect(mixed.incidents[0]!.fields).toMatchObject({ longitude: 12, latitude: 12 });
  });

  it('3D coordinates are accepted, the altitude ignored', async () => {
    const plan = await readOne({ type: 'Point', coordinates: [69.2, 34.5, 1800] });
    expect(plan.incidents[0]!.fields).toMatchObject({ longitude: 69.2, latitude: 34.5 });
    expect(plan.incidents[0]!.remarks).toEqual([]);
  });

  it('geometry coordinates win over latitude/longitude properties', async () => {
    const plan = await readOne(
      { type: 'Point', coordinates: [69.2, 34.5] },
      { latitude: '10', longitude: '10' },
    );
    expect(plan.incidents[0]!.fields).toMatchObject({ longitude: 69.2, latitude: 34.5 });
  });
});

describe('bad features are refused one by one, with their index', () => {
  async function problemsOf(features: unknown[]): Promise<ImportPlan> {
    return readGeoJson(blobOf(collection(...features)), MAPPING);
  }

  it('out-of-range, non-numeric and missing coordinates', async () => {
    const good = feature({ type: 'Point', coordinates: [69, 34] }, { name: 'ok' });
    const plan = await problemsOf([
      good,
      feature({ type: 'Point', coordinates: [200, 34] }, { name: 'east of everything' }),
      feature({ type: 'Point', coordinates: ['69', 34] }, { name: 'text' }),
      feature(
        {
          type: 'Polygon',
          coordinates: [
            [
              [0, 0],
              [1, 91],
              [0, 0],
            ],
          ],
        },
        { name: 'pole' },
      ),
      feature({ type: 'Point', coordinates: [] }, { name: 'empty' }),
      feature({ type: 'Circle', coordinates: [1, 2] }, { name: 'unknown type' }),
      { type: 'Feature', geometry: 'nowhere', properties: { name: 'string geometry' } },
      'not a feature',
    ]);
    expect(plan.total).toBe(8);
    expect(plan.incidents.map((i) => i.at)).toEqual([{ feature: 0 }]);
    expect(plan.problems.map((p) => [p.at, p.key])).toEqual([
      [{ feature: 1 }, 'interchange.geo.invalidCoordinates'],
      [{ feature: 2 }, 'interchange.geo.invalidCoordinates'],
      [{ feature: 3 }, 'interchange.geo.invalidCoordinates'],
      [{ feature: 4 }, 'interchange.geo.invalidCoordinates'],
      [{ feature: 5 }, 'interchange.geo.invalidGeometry'],
      [{ feature: 6 }, 'interchange.geo.invalidGeometry'],
      [{ feature: 7 }, 'interchange.geojson.notAFeature'],
    ]);
    expect(plan.problems[0]!.detail).toBe('[200,34]');
  });

  it('a mapped value refused by the mapping names the feature', async () => {
    const plan = await problemsOf([
      feature({ type: 'Point', coordinates: [69, 34] }, { name: 'bad date', date: '2024-13-45' }),
    ]);
    expect(plan.problems[0]).toMatchObject({ at: { feature: 0 }, key: 'interchange.row.badDate' });
  });

  it('property values of every JSON type become text; objects and arrays as JSON', async () => {
    const plan = await readGeoJson(
      blobOf(
        collection(
          feature(null, {
            name: 42,
            notes: { said: ['x', 1, null] },
            tags: true,
            country: null,
          }),
        ),
      ),
      { title: 'name', dateStart: 'date', notes: 'notes', tags: 'tags', country: 'country' },
    );
    expect(plan.incidents[0]!.fields).toMatchObject({
      title: '42',
      notes: '{"said":["x",1,null]}',
      tags: ['true'],
      country: '',
    });
  });

  it('a property nested too deeply is refused without overflowing the stack', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const text = `{"type":"FeatureCollection","features":[{"type":"Feature","geometry":null,"properties":{"name":"x","date":"2024-01-01","notes":${deep}}}]}`;
    const plan = await readGeoJson(blobOf(text), { ...MAPPING, notes: 'notes' });
    expect(plan.problems[0]).toMatchObject({
      at: { feature: 0 },
      key: 'interchange.geojson.tooDeep',
      params: { column: 'notes' },
    });
  });
});

describe('file shapes', () => {
  const point = (name: string) => feature({ type: 'Point', coordinates: [69, 34] }, { name });

  it('a single Feature is a file of one', async () => {
    const plan = await readGeoJson(blobOf(point('alone')), MAPPING);
    expect(plan.incidents.map((i) => i.fields.title)).toEqual(['alone']);
  });

  it('newline-delimited GeoJSON, a broken line reported by its index', async () => {
    const text = [point('one'), point('two')].map((f) => JSON.stringify(f)).join('\n');
    const plan = await readGeoJson(
      blobOf(`${text}\n{"type":"Feat\n${JSON.stringify(point('four'))}\n`),
      MAPPING,
    );
    expect(plan.incidents.map((i) => [i.at, i.fields.title])).toEqual([
      [{ feature: 0 }, 'one'],
      [{ feature: 1 }, 'two'],
      [{ feature: 3 }, 'four'],
    ]);
    expect(plan.problems).toMatchObject([
      { at: { feature: 2 }, key: 'interchange.geojson.badLine' },
    ]);
  });

  it('RFC 8142 sequences (record separators)', async () => {
    const text = [point('one'), point('two')].map((f) => `\u001e${JSON.stringify(f)}\n`).join('');
    const plan = await readGeoJson(blobOf(text), MAPPING);
    expect(plan.incidents.map((i) => i.fields.title)).toEqual(['one', 'two']);
  });

  it('refuses what is not GeoJSON features, with a specific reason', async () => {
    expect((await errorOf(readGeoJson(blobOf('{"type": "Feat'), MAPPING))).key).toBe(
      'interchange.geojson.notJson',
    );
    expect((await errorOf(readGeoJson(blobOf([1, 2]), MAPPING))).key).toBe(
      'interchange.geojson.notGeoJson',
    );
    const geometry = await errorOf(
      readGeoJson(blobOf({ type: 'Point', coordinates: [1, 2] }), MAPPING),
    );
    expect(geometry.key).toBe('interchange.geojson.notFeatures');
    expect(geometry.params).toEqual({ type: 'Point' });
    const latin1 = new Blob([new Uint8Array([0x7b, 0xe9, 0x7d])]);
    expect((await errorOf(readGeoJson(latin1, MAPPING))).key).toBe('interchange.geojson.notUtf8');
  });

  it('refuses projected coordinates (an old crs member) as a whole', async () => {
    const projected = {
      ...collection(point('x')),
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3857' } },
    };
    const error = await errorOf(readGeoJson(blobOf(projected), MAPPING));
    expect(error.key).toBe('interchange.geojson.projected');
    const wgs84 = {
      ...collection(point('x')),
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } },
    };
    expect((await readGeoJson(blobOf(wgs84), MAPPING)).incidents).toHaveLength(1);
  });

  it('refuses a file over the size limit before reading it', async () => {
    const huge = { size: 300 * 1024 * 1024, arrayBuffer: () => Promise.reject(new Error('read')) };
    const error = await errorOf(readGeoJson({ ...huge, slice: () => huge }, MAPPING));
    expect(error.key).toBe('interchange.geo.fileTooLarge');
  });

  it('stops when cancelled', async () => {
    const many = collection(...Array.from({ length: 5000 }, (_, i) => point(`p${i}`)));
    const controller = new AbortController();
    const reading = readGeoJson(blobOf(many), MAPPING, {
      signal: controller.signal,
      onProgress: (done) => {
        if (done >= 1000) controller.abort();
      },
    });
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
  });
});
