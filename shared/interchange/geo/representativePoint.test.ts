import { describe, expect, it } from 'vitest';
import { representativePoint } from './representativePoint.ts';

const square = (x0: number, y0: number, size: number) => [
  [x0, y0],
  [x0 + size, y0],
  [x0 + size, y0 + size],
  [x0, y0 + size],
  [x0, y0],
];

describe('representativePoint', () => {
  it('gives the same centroid whatever the winding', () => {
    const ccw = representativePoint({ type: 'Polygon', coordinates: [square(60, 30, 4)] });
    const cw = representativePoint({
      type: 'Polygon',
      coordinates: [square(60, 30, 4).reverse()],
    });
    expect(ccw).toEqual({ lon: 62, lat: 32, method: 'polygonCentroid', geometryType: 'Polygon' });
    expect(cw).toEqual(ccw);
  });

  it('a centroid that falls in a hole is replaced by a point inside the ring', () => {
    const donut = representativePoint({
      type: 'Polygon',
      coordinates: [square(60, 30, 6), square(61, 31, 4)],
    });
    expect(donut).toMatchObject({ method: 'polygonInterior' });
    if (!('lon' in donut)) throw new Error('placed');
    const inHole = donut.lon > 61 && donut.lon < 65 && donut.lat > 31 && donut.lat < 35;
    expect(inHole).toBe(false);
  });

  it('a polygon of no area is placed at its first vertex, not refused', () => {
    const flat = representativePoint({
      type: 'Polygon',
      coordinates: [
        [
          [69, 34],
          [69, 34],
          [69, 34],
        ],
      ],
    });
    expect(flat).toMatchObject({ lon: 69, lat: 34, method: 'polygonInterior' });
  });

  it('several points: the one nearest their middle', () => {
    const placed = representativePoint({
      type: 'MultiPoint',
      coordinates: [
        [60, 30],
        [65, 35],
        [70, 40],
      ],
    });
    expect(placed).toMatchObject({ lon: 65, lat: 35, method: 'multiPointCentral' });
    const single = representativePoint({ type: 'MultiPoint', coordinates: [[60, 30]] });
    expect(single).toMatchObject({ method: 'point' });
  });

  it('refuses collections nested without end, empty geometries and NaN', () => {
    let nested: unknown = { type: 'Point', coordinates: [1, 1] };
    for (let i = 0; i < 10; i++) nested = { type: 'GeometryCollection', geometries: [nested] };
    expect(representativePoint(nested)).toMatchObject({ problem: 'invalidGeometry' });
    expect(representativePoint({ type: 'GeometryCollection', geometries: [] })).toMatchObject({
      problem: 'emptyGeometry',
    });
    expect(representativePoint({ type: 'LineString', coordinates: [] })).toMatchObject({
      problem: 'emptyGeometry',
    });
    expect(representativePoint({ type: 'Point', coordinates: [Number.NaN, 1] })).toMatchObject({
      problem: 'invalidCoordinates',
    });
  });
});
