/**
 * Whether two incidents' places agree within the coarser of their geo precisions: exact places
 * (1) within 5 km, places "near" (2) within 25 km, and places known only to the region (3) —
 * or recorded without coordinates — by the same province (and district, when both name one).
 * Places that disagree rule a pair out; places that cannot be compared say nothing either way.
 */
import type { GeoPrecision } from '../domain/vocabulary.ts';

/** Kilometres allowed between coordinates, by the coarser geo precision. */
export const PLACE_LIMIT_KM: Readonly<Record<1 | 2, number>> = { 1: 5, 2: 25 };
/** For a region-level place with coordinates but no province to compare (a province's reach). */
export const REGION_LIMIT_KM = 50;

const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance in kilometres. */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

export interface PlaceFacts {
  latitude: number | null;
  longitude: number | null;
  geoPrecision: GeoPrecision;
  /** Folded province and district names ('' when not recorded). */
  province: string;
  district: string;
}

export type PlaceVerdict =
  /** The places disagree: not the same event. */
  | { match: false }
  /** Nothing to compare (no coordinates and no province on one side). */
  | { match: null }
  | {
      match: true;
      score: number;
      key: 'placeWithin' | 'sameDistrict' | 'sameProvince';
      /** Distance and limit in km for `placeWithin`, rounded to 0.1 km. */
      km?: number;
      limitKm?: number;
    };

const DISAGREE: PlaceVerdict = { match: false };
const UNKNOWN: PlaceVerdict = { match: null };
const SAME_DISTRICT: PlaceVerdict = { match: true, score: 0.8, key: 'sameDistrict' };
const SAME_PROVINCE: PlaceVerdict = { match: true, score: 0.4, key: 'sameProvince' };

/** Shared verdicts except for a distance (most pairs a search meets are ruled out here). */
export function comparePlaces(a: PlaceFacts, b: PlaceFacts): PlaceVerdict {
  const coarser = Math.max(a.geoPrecision, b.geoPrecision);
  const km =
    a.latitude !== null && a.longitude !== null && b.latitude !== null && b.longitude !== null
      ? haversineKm(a.latitude, a.longitude, b.latitude, b.longitude)
      : null;
  if (km !== null && (coarser === 1 || coarser === 2)) {
    const limitKm = PLACE_LIMIT_KM[coarser];
    if (km > limitKm) return DISAGREE;
    return {
      match: true,
      score: 1 - 0.5 * (km / limitKm),
      key: 'placeWithin',
      km: Math.round(km * 10) / 10,
      limitKm,
    };
  }
  if (a.province !== '' && b.province !== '') {
    if (a.province !== b.province) return DISAGREE;
    return a.district !== '' && a.district === b.district ? SAME_DISTRICT : SAME_PROVINCE;
  }
  if (km !== null) {
    if (km > REGION_LIMIT_KM) return DISAGREE;
    return {
      match: true,
      score: 0.4,
      key: 'placeWithin',
      km: Math.round(km * 10) / 10,
      limitKm: REGION_LIMIT_KM,
    };
  }
  return UNKNOWN;
}
