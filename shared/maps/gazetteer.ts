/**
 * The offline gazetteer's search: places from the bundled world list, Afghanistan's provinces
 * and districts, and the places already used in the notebook, each under every name it has (in
 * Latin and Arabic script), found however the name is typed — Arabic or Persian keyboard,
 * with or without marks (normaliseName). Best first: a whole name, then a name that starts so,
 * then a word that does, then anywhere; among equals, countries, cities, provinces, districts,
 * towns, then by population.
 */
import type { GeoPrecision } from '../domain/vocabulary.ts';
import { normaliseName } from '../util/normaliseName.ts';

export type PlaceKind = 'country' | 'province' | 'district' | 'city' | 'town' | 'place';

export interface GazetteerPlace {
  /** 'gn:<GeoNames id>', 'ne:<Natural Earth id>', 'notebook:<place id>'… */
  id: string;
  /** The name shown (as the source spells it). */
  name: string;
  /** Every other name: other scripts and languages, aliases, old spellings. */
  names: readonly string[];
  kind: PlaceKind;
  country: string;
  province: string;
  district: string;
  lat: number;
  lon: number;
  population: number;
}

export interface PlaceMatch {
  place: GazetteerPlace;
  /** The name that matched the query (may be another script than `place.name`). */
  matched: string;
}

/** How precisely a picked place locates an incident (ACLED geo_precision). */
export function precisionOf(kind: PlaceKind): GeoPrecision {
  return kind === 'country' || kind === 'province' || kind === 'district' ? 3 : 1;
}

/** Among equal matches: "Kabul" is the city before the province; "Balkh" the province first. */
const KIND_RANK: Record<PlaceKind, number> = {
  country: 0,
  city: 1,
  province: 2,
  district: 3,
  town: 4,
  place: 5,
};

interface Indexed {
  place: GazetteerPlace;
  keys: { key: string; name: string }[];
}

export class Gazetteer {
  private readonly entries: Indexed[];

  constructor(places: Iterable<GazetteerPlace>) {
    this.entries = [...places].map((place) => {
      const seen = new Set<string>();
      const keys: Indexed['keys'] = [];
      for (const name of [place.name, ...place.names]) {
        const key = normaliseName(name);
        if (key === '' || seen.has(key)) continue;
        seen.add(key);
        keys.push({ key, name });
      }
      return { place, keys };
    });
  }

  get size(): number {
    return this.entries.length;
  }

  search(query: string, limit = 20): PlaceMatch[] {
    const q = normaliseName(query);
    if (q === '') return [];
    const found: { match: PlaceMatch; score: number }[] = [];
    for (const { place, keys } of this.entries) {
      let best = Infinity;
      let matched = '';
      for (const { key, name } of keys) {
        const score =
          key === q
            ? 0
            : key.startsWith(q)
              ? 1
              : key.includes(` ${q}`) || key.includes(`-${q}`)
                ? 2
                : key.includes(q)
                  ? 3
                  : Infinity;
        if (score < best) {
          best = score;
          matched = name;
        }
      }
      if (best !== Infinity) found.push({ match: { place, matched }, score: best });
    }
    found.sort(
      (a, b) =>
        a.score - b.score ||
        KIND_RANK[a.match.place.kind] - KIND_RANK[b.match.place.kind] ||
        b.match.place.population - a.match.place.population ||
        a.match.place.name.localeCompare(b.match.place.name, 'en'),
    );
    return found.slice(0, limit).map((f) => f.match);
  }
}
