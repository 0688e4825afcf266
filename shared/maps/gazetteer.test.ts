import { describe, expect, it } from 'vitest';
import { Gazetteer, precisionOf, type GazetteerPlace } from './gazetteer.ts';

const place = (p: Partial<GazetteerPlace> & Pick<GazetteerPlace, 'id' | 'name' | 'kind'>) => ({
  names: [],
  country: 'AF',
  province: '',
  district: '',
  lat: 34.5,
  lon: 69.2,
  population: 0,
  ...p,
});

const places: GazetteerPlace[] = [
  place({ id: 'gn:1138958', name: 'Kabul', kind: 'city', names: ['کابل'], population: 4_434_550 }),
  place({ id: 'ne:kabul', name: 'Kabul', kind: 'province', names: ['کابل', 'ولایت کابل'] }),
  place({ id: 'gn:1133616', name: 'Mazar-i-Sharif', kind: 'city', names: ['مزار شریف'] }),
  place({ id: 'ne:balkh', name: 'Balkh', kind: 'province', names: ['بلخ'] }),
  place({ id: 'gn:1147290', name: 'Balkh', kind: 'town', names: ['بلخ'], population: 77_000 }),
  place({ id: 'gn:1139715', name: 'Herat', kind: 'city', names: ['هرات'], population: 556_205 }),
  place({ id: 'ne:herat', name: 'Herat', kind: 'province', names: ['هرات'] }),
  place({ id: 'ne:nangarhar', name: 'Nangarhar', kind: 'province', names: ['ننگرهار', 'ننګرهار'] }),
  place({ id: 'gn:x', name: 'Sharifabad', kind: 'place' }),
];
const gazetteer = new Gazetteer(places);
const ids = (query: string, limit?: number) =>
  gazetteer.search(query, limit).map((m) => m.place.id);

describe('Gazetteer.search', () => {
  it('finds a name typed on an Arabic keyboard (ي ك) under its Persian spelling (ی ک)', () => {
    const [first] = gazetteer.search('مزار شريف');
    expect(first?.place.id).toBe('gn:1133616');
    expect(first?.matched).toBe('مزار شریف');
    expect(ids('كابل')).toEqual(['gn:1138958', 'ne:kabul']);
  });

  it('finds Pashto and Dari spellings alike, and names without their accents', () => {
    expect(ids('ننګرهار')).toEqual(['ne:nangarhar']);
    expect(ids('ننگرهار')).toEqual(['ne:nangarhar']);
    expect(ids('Hérat')).toEqual(['gn:1139715', 'ne:herat']);
  });

  it('ranks whole names, then beginnings, then words, then anywhere', () => {
    // "sharif" begins Sharifabad, is a word of Mazar-i-Sharif
    expect(ids('sharif')).toEqual(['gn:x', 'gn:1133616']);
    expect(ids('her')).toEqual(['gn:1139715', 'ne:herat']);
    expect(ids('aza')).toEqual(['gn:1133616']); // inside "mazar"
    // equal matches: the city before the province, the province before the town
    expect(ids('balkh')).toEqual(['ne:balkh', 'gn:1147290']);
  });

  it('returns nothing for nothing, and at most the limit', () => {
    expect(ids('   ')).toEqual([]);
    expect(ids('a', 3)).toHaveLength(3);
    expect(ids('Kandahar')).toEqual([]);
  });

  it('says how precisely a picked place locates an incident', () => {
    expect(precisionOf('city')).toBe(1);
    expect(precisionOf('district')).toBe(3);
    expect(precisionOf('province')).toBe(3);
  });
});
