import { describe, expect, it } from 'vitest';
import type { GazetteerPlace } from './gazetteer.ts';
import { countryNameOf, distanceKm, fillFromPlace, fillFromPoint } from './placeFill.ts';

const place = (over: Partial<GazetteerPlace>): GazetteerPlace => ({
  id: 'x',
  name: 'X',
  names: [],
  kind: 'city',
  country: 'AF',
  province: '',
  district: '',
  lat: 0,
  lon: 0,
  population: 0,
  ...over,
});

const places = [
  place({ id: 'ne:AFG', name: 'Afghanistan', kind: 'country', lat: 33.8, lon: 66 }),
  place({ id: 'p', name: 'Kabul', kind: 'province', province: 'Kabul', lat: 34.49, lon: 69.38 }),
  place({
    id: 'c',
    name: 'Kabul',
    kind: 'city',
    province: 'Kabul',
    district: 'Kabul',
    lat: 34.52813,
    lon: 69.17233,
  }),
  place({
    id: 't',
    name: 'Paghman',
    kind: 'town',
    province: 'Kabul',
    district: 'Paghman',
    lat: 34.5875,
    lon: 68.9533,
  }),
];

describe('place fill', () => {
  it('measures great-circle distance (Kabul to Mazar-i-Sharif is about 310 km)', () => {
    expect(distanceKm(69.17233, 34.52813, 67.11087, 36.70904)).toBeCloseTo(310, -1);
  });

  it('fills every location field from a gazetteer place, with its precision', () => {
    expect(fillFromPlace(places[2]!, 'Afghanistan')).toEqual({
      placeName: 'Kabul',
      district: 'Kabul',
      province: 'Kabul',
      country: 'Afghanistan',
      latitude: 34.52813,
      longitude: 69.17233,
      geoPrecision: 1,
    });
    expect(fillFromPlace(places[1]!, 'Afghanistan').geoPrecision).toBe(3);
  });

  it('names a clicked point after the nearest populated place, at it or near it', () => {
    const at = fillFromPoint(places, 69.173, 34.529);
    expect(at).toMatchObject({ placeName: 'Kabul', country: 'Afghanistan', geoPrecision: 1 });
    expect(at.latitude).toBe(34.529);
    const near = fillFromPoint(places, 68.99, 34.6);
    expect(near).toMatchObject({ placeName: 'Paghman', district: 'Paghman', geoPrecision: 2 });
  });

  it('fills only the coordinates of a point far from every place', () => {
    expect(fillFromPoint(places, 10.123456, 10.987654)).toEqual({
      placeName: '',
      district: '',
      province: '',
      country: '',
      latitude: 10.98765,
      longitude: 10.12346,
      geoPrecision: 1,
    });
  });

  it('turns country codes into names, keeping unknown ones', () => {
    expect(countryNameOf(places, 'AF')).toBe('Afghanistan');
    expect(countryNameOf(places, 'PK')).toBe('PK');
  });
});
