import { describe, expect, it } from 'vitest';
import { WORLD_ATTRIBUTION, worldStyle } from './worldStyle.ts';

const fontFaces = [{ url: 'daftar://app/assets/vazirmatn.woff2', unicodeRange: ['U+0600-06FF'] }];
const style = (language: string) =>
  worldStyle({ language, tilesUrl: 'pmtiles://world', fontFaces });
const textFields = (language: string) =>
  style(language)
    .layers.filter((l) => l.type === 'symbol')
    .map((l) => (l.layout as { 'text-field': unknown })['text-field']);

describe('worldStyle', () => {
  it('labels in Dari, falling back to the source’s name, in the Dari interface', () => {
    for (const field of textFields('fa-AF')) {
      expect(field).toEqual(['coalesce', ['get', 'name_fa'], ['get', 'name']]);
    }
    for (const field of textFields('en')) expect(field).toEqual(['get', 'name']);
  });

  it('needs nothing from outside the app: no glyph or sprite URL, the bundled font, local tiles', () => {
    const s = style('en');
    expect(s.glyphs).toBeUndefined();
    expect(s.sprite).toBeUndefined();
    expect(s['font-faces']).toEqual({
      'Vazirmatn Regular': [{ url: fontFaces[0]!.url, 'unicode-range': ['U+0600-06FF'] }],
    });
    expect(s.sources.world).toMatchObject({
      url: 'pmtiles://world',
      attribution: WORLD_ATTRIBUTION,
    });
  });
});
