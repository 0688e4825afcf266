/**
 * The bundled world basemap (assets/basemap/world.pmtiles, made at build time: docs/basemap.md)
 * and the label font, as the app's own files: Vite gives their URLs, the archive is read once into
 * a Blob (4 MB) and served to the map by id.
 */
import worldUrl from '../../assets/basemap/world.pmtiles?url';
import arabicFont from '@fontsource/vazirmatn/files/vazirmatn-arabic-400-normal.woff2?url';
import latinFont from '@fontsource/vazirmatn/files/vazirmatn-latin-400-normal.woff2?url';
import latinExtFont from '@fontsource/vazirmatn/files/vazirmatn-latin-ext-400-normal.woff2?url';
import { isRegistered, registerArchive } from './basemapProtocol.ts';
import { blobReader } from './readRange.ts';

export const WORLD_ID = 'world';

/** Vazirmatn's faces and their ranges, as @fontsource/vazirmatn's 400.css declares them. */
export const LABEL_FONT_FACES = [
  {
    url: arabicFont,
    unicodeRange: [
      'U+0600-06FF',
      'U+0750-077F',
      'U+0870-088E',
      'U+0890-0891',
      'U+0897-08E1',
      'U+08E3-08FF',
      'U+200C-200E',
      'U+2010-2011',
      'U+204F',
      'U+2E41',
      'U+FB50-FDFF',
      'U+FE70-FE74',
      'U+FE76-FEFC',
    ],
  },
  {
    url: latinExtFont,
    unicodeRange: [
      'U+0100-02BA',
      'U+02BD-02C5',
      'U+02C7-02CC',
      'U+02CE-02D7',
      'U+02DD-02FF',
      'U+1E00-1EFF',
    ],
  },
  {
    url: latinFont,
    unicodeRange: ['U+0000-00FF', 'U+0131', 'U+0152-0153', 'U+2000-206F', 'U+20AC', 'U+2212'],
  },
].map((face) => ({ ...face, url: new URL(face.url, document.baseURI).href }));

let loading: Promise<void> | null = null;

/** Registers the bundled archive once; the promise fails when its file cannot be read. */
export function loadWorldBasemap(): Promise<void> {
  if (isRegistered(WORLD_ID)) return Promise.resolve();
  loading ??= (async () => {
    const response = await fetch(worldUrl);
    if (!response.ok) throw new Error(`The world basemap could not be read (${response.status}).`);
    const blob = await response.blob();
    registerArchive(WORLD_ID, { size: blob.size, read: blobReader(blob) });
  })().catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}
