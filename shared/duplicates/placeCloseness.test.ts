import { describe, expect, it } from 'vitest';
import type { GeoPrecision } from '../domain/vocabulary.ts';
import { comparePlaces, haversineKm, type PlaceFacts } from './placeCloseness.ts';

const KABUL = { lat: 34.5553, lon: 69.2075 };
/** A point `km` kilometres north of Kabul. */
const north = (km: number) => KABUL.lat + km / 111.195;

const place = (
  precision: GeoPrecision,
  lat: number | null,
  extra: Partial<PlaceFacts> = {},
): PlaceFacts => ({
  latitude: lat,
  longitude: lat === null ? null : KABUL.lon,
  geoPrecision: precision,
  province: 'kabul',
  district: '',
  ...extra,
});

describe('places within their precision', () => {
  it('measures great-circle distance', () => {
    expect(haversineKm(KABUL.lat, KABUL.lon, north(10), KABUL.lon)).toBeCloseTo(10, 2);
    // A degree of longitude at 60° is half as long as at the equator.
    expect(haversineKm(60, 10, 60, 11) / haversineKm(0, 10, 0, 11)).toBeCloseTo(0.5, 3);
  });

  it('exact places: within 5 km', () => {
    expect(comparePlaces(place(1, KABUL.lat), place(1, north(4.9)))).toMatchObject({
      match: true,
      key: 'placeWithin',
      km: 4.9,
      limitKm: 5,
    });
    expect(comparePlaces(place(1, KABUL.lat), place(1, north(5.1)))).toEqual({ match: false });
  });

  it('places near: within 25 km, when either is only near', () => {
    expect(comparePlaces(place(1, KABUL.lat), place(2, north(24.9)))).toMatchObject({
      match: true,
      limitKm: 25,
    });
    expect(comparePlaces(place(2, KABUL.lat), place(1, north(25.1)))).toEqual({ match: false });
  });

  it('regions, or places without coordinates: the same province, better the same district', () => {
    expect(comparePlaces(place(3, KABUL.lat), place(1, north(40)))).toMatchObject({
      match: true,
      key: 'sameProvince',
    });
    expect(
      comparePlaces(
        place(1, null, { district: 'paghman' }),
        place(1, north(1), { district: 'paghman' }),
      ),
    ).toMatchObject({ match: true, key: 'sameDistrict' });
    expect(comparePlaces(place(3, KABUL.lat), place(3, KABUL.lat, { province: 'parwan' }))).toEqual(
      {
        match: false,
      },
    );
  });

  it('region-level coordinates without provinces: within 50 km', () => {
    const bare = { province: '' };
    expect(comparePlaces(place(3, KABUL.lat, bare), place(3, north(49), bare))).toMatchObject({
      match: true,
      limitKm: 50,
    });
    expect(comparePlaces(place(3, KABUL.lat, bare), place(3, north(51), bare))).toEqual({
      match: false,
    });
  });

  it('nothing to compare says nothing', () => {
    expect(comparePlaces(place(1, null, { province: '' }), place(1, north(1)))).toEqual({
      match: null,
    });
  });
});
