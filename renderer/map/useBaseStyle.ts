/**
 * The style under everything on a map: the bundled world basemap in the interface's language,
 * with the library basemap chosen (if any) drawn over it. `value` is null while the world archive
 * is read; `key` changes whenever the style does, so the map is made anew.
 */
import type { StyleSpecification } from 'maplibre-gl';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoredBasemap } from '../../shared/maps/basemapFiles.ts';
import { withLibraryBasemap } from './libraryStyle.ts';
import { LABEL_FONT_FACES, loadWorldBasemap, WORLD_ID } from './worldBasemap.ts';
import { worldStyle } from './worldStyle.ts';

export interface BaseStyle {
  key: string;
  value: StyleSpecification | null;
  problem: string | null;
}

export function useBaseStyle(active: StoredBasemap | null): BaseStyle {
  const { i18n } = useTranslation();
  const language = i18n.language;
  const [world, setWorld] = useState<{ ready: boolean; problem: string | null }>({
    ready: false,
    problem: null,
  });
  useEffect(() => {
    let gone = false;
    loadWorldBasemap().then(
      () => !gone && setWorld({ ready: true, problem: null }),
      (error: unknown) =>
        !gone &&
        setWorld({
          ready: false,
          problem: error instanceof Error ? error.message : String(error),
        }),
    );
    return () => {
      gone = true;
    };
  }, []);
  return useMemo(() => {
    const key = `${language}:${active?.id ?? 'world'}`;
    if (!world.ready) return { key, value: null, problem: world.problem };
    const base = worldStyle({
      language,
      tilesUrl: `pmtiles://${WORLD_ID}`,
      fontFaces: LABEL_FONT_FACES,
    });
    return {
      key,
      value: active ? withLibraryBasemap(base, active, language) : base,
      problem: null,
    };
  }, [language, active, world]);
}
