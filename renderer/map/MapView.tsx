/**
 * The map: the bundled world basemap, with labels in the interface's language, zoom buttons and
 * the data's attribution. Works with no connection; every tile and font is the app's own. The
 * parent keys it by language, so a new language starts a new map.
 */
import { Map as MapLibre, NavigationControl } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LABEL_FONT_FACES, loadWorldBasemap, WORLD_ID } from './worldBasemap.ts';
import { worldStyle } from './worldStyle.ts';

type Status = 'loading' | 'ready' | 'failed';

export function MapView() {
  const { t, i18n } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState<Status>('loading');
  const [problem, setProblem] = useState('');
  const language = i18n.language;

  useEffect(() => {
    let map: MapLibre | undefined;
    let gone = false;
    loadWorldBasemap()
      .then(() => {
        if (gone || container.current === null) return;
        map = new MapLibre({
          container: container.current,
          style: worldStyle({
            language,
            tilesUrl: `pmtiles://${WORLD_ID}`,
            fontFaces: LABEL_FONT_FACES,
          }),
          center: [66.5, 34],
          zoom: 4.3,
          attributionControl: { compact: false },
          locale: {
            'NavigationControl.ZoomIn': t('map.zoomIn'),
            'NavigationControl.ZoomOut': t('map.zoomOut'),
            'NavigationControl.ResetBearing': t('map.resetBearing'),
          },
        });
        map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
        map.once('idle', () => setStatus((now) => (now === 'failed' ? now : 'ready')));
        // a tile or font that cannot be read is said, not only logged
        map.on('error', (event) => {
          setProblem(event.error.message);
          setStatus('failed');
        });
      })
      .catch((error: unknown) => {
        setProblem(error instanceof Error ? error.message : String(error));
        setStatus('failed');
      });
    return () => {
      gone = true;
      map?.remove();
    };
  }, [language, t]);

  return (
    <section className="map-view" aria-labelledby="map-title">
      <h1 id="map-title">{t('map.title')}</h1>
      <p role="status" className="hint">
        {status === 'failed' ? t('map.failed', { reason: problem }) : t(`map.${status}`)}
      </p>
      <div ref={container} className="map" role="region" aria-label={t('map.label')} />
    </section>
  );
}
