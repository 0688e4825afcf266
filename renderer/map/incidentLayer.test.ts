import { describe, expect, it } from 'vitest';
import { boundsOf, colourOf, incidentFeatures } from './incidentLayer.ts';

const point = (id: string, longitude: number, latitude: number, eventType = 'Battles') => ({
  id,
  title: id,
  dateStart: '2024-01-01',
  eventType,
  longitude,
  latitude,
});

describe('the incidents layer', () => {
  it('makes one GeoJSON point per incident, longitude first', () => {
    const features = incidentFeatures([point('a', 69.2, 34.5), point('b', 62.2, 34.35, '')]);
    expect(features.features).toEqual([
      {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [69.2, 34.5] },
        properties: { id: 'a', type: 'Battles' },
      },
      {
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [62.2, 34.35] },
        properties: { id: 'b', type: '' },
      },
    ]);
  });

  it('colours ACLED types apart and every other type alike', () => {
    expect(new Set(['Battles', 'Protests', 'Riots'].map(colourOf)).size).toBe(3);
    expect(colourOf('Custom type')).toBe(colourOf(''));
  });

  it('fits the results, or nothing when none is on the map', () => {
    expect(boundsOf([point('a', 69.2, 34.5), point('b', 62.2, 36), point('c', 65, 30)])).toEqual([
      62.2, 30, 69.2, 36,
    ]);
    expect(boundsOf([])).toBeNull();
  });
});
