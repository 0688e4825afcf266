/**
 * The place picker's gazetteer: the bundled world list (assets/basemap/gazetteer.json, made at
 * build time with the basemap: docs/basemap.md), read once, plus the notebook's own places with
 * their aliases, which come first among equal matches because the team named them.
 */
import gazetteerUrl from '../../assets/basemap/gazetteer.json?url';
import type { Place } from '../../shared/domain/vocabularyRecords.ts';
import type { GazetteerPlace } from '../../shared/maps/gazetteer.ts';

let loading: Promise<GazetteerPlace[]> | null = null;

export function loadWorldPlaces(): Promise<GazetteerPlace[]> {
  loading ??= (async () => {
    const response = await fetch(gazetteerUrl);
    if (!response.ok) throw new Error(`The place list could not be read (${response.status}).`);
    return (await response.json()) as GazetteerPlace[];
  })().catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}

/** Notebook places with coordinates, as gazetteer entries (their country is already a name). */
export function notebookPlaces(places: readonly Place[]): GazetteerPlace[] {
  return places.flatMap((p) =>
    p.latitude === null || p.longitude === null
      ? []
      : [
          {
            id: `notebook:${p.id}`,
            name: p.name,
            names: p.aliases,
            kind: 'place' as const,
            country: p.country,
            province: p.province,
            district: p.district,
            lat: p.latitude,
            lon: p.longitude,
            // the team's own places rank before the world's among equal matches
            population: Number.MAX_SAFE_INTEGER,
          },
        ],
  );
}
