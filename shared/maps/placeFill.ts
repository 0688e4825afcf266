/**
 * What choosing a place puts in an incident's location fields: a gazetteer place found by name,
 * or a point clicked on the map, described by the nearest known populated place (its name, or
 * "near" it, with the matching ACLED geo precision) and that place's district, province and
 * country.
 */
import type { GeoPrecision } from '../domain/vocabulary.ts';
import { precisionOf, type GazetteerPlace } from './gazetteer.ts';

export interface LocationFill {
  placeName: string;
  district: string;
  province: string;
  country: string;
  latitude: number;
  longitude: number;
  geoPrecision: GeoPrecision;
}

/** Within this distance a clicked point is at the place (precision 1), further only near it (2). */
export const AT_PLACE_KM = 2;
/** Past this distance no place names a clicked point: only its coordinates are filled. */
export const NEAR_PLACE_KM = 25;

const EARTH_RADIUS_KM = 6371.0088;

export function distanceKm(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a =
    Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/** A country's name from its ISO code, as the gazetteer's country entries give it. */
export function countryNameOf(places: readonly GazetteerPlace[], code: string): string {
  if (code.length !== 2) return code;
  return places.find((p) => p.kind === 'country' && p.country === code)?.name ?? code;
}

export function fillFromPlace(place: GazetteerPlace, countryName: string): LocationFill {
  return {
    placeName: place.name,
    district: place.district,
    province: place.province,
    country: countryName,
    latitude: place.lat,
    longitude: place.lon,
    geoPrecision: precisionOf(place.kind),
  };
}

/** The populated place (city, town, place) nearest a point, with its distance. */
export function nearestPlace(
  places: readonly GazetteerPlace[],
  lon: number,
  lat: number,
): { place: GazetteerPlace; km: number } | null {
  let best: { place: GazetteerPlace; km: number } | null = null;
  for (const place of places) {
    if (place.kind === 'country' || place.kind === 'province' || place.kind === 'district')
      continue;
    // cheap reject before the exact distance: a degree of latitude is ~111 km
    if (Math.abs(place.lat - lat) * 111 > (best?.km ?? NEAR_PLACE_KM)) continue;
    const km = distanceKm(lon, lat, place.lon, place.lat);
    if (km <= NEAR_PLACE_KM && (best === null || km < best.km)) best = { place, km };
  }
  return best;
}

/** A clicked point: its coordinates, named after the nearest place when one is close. */
export function fillFromPoint(
  places: readonly GazetteerPlace[],
  lon: number,
  lat: number,
): LocationFill {
  const round = (value: number) => Math.round(value * 1e5) / 1e5;
  const near = nearestPlace(places, lon, lat);
  const point = { latitude: round(lat), longitude: round(lon) };
  if (near === null) {
    return { placeName: '', district: '', province: '', country: '', ...point, geoPrecision: 1 };
  }
  return {
    ...fillFromPlace(near.place, countryNameOf(places, near.place.country)),
    ...point,
    geoPrecision: near.km <= AT_PLACE_KM ? 1 : 2,
  };
}
