/**
 * "Find the place": a dialog to locate an incident offline — search the gazetteer (world places,
 * Afghanistan's provinces and districts, the notebook's places; any script, however typed) or
 * click the map. Either way the location fields are filled: place, district, province, country,
 * coordinates and geo precision.
 */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Gazetteer, type GazetteerPlace } from '../../shared/maps/gazetteer.ts';
import {
  countryNameOf,
  fillFromPlace,
  fillFromPoint,
  type LocationFill,
} from '../../shared/maps/placeFill.ts';
import { useLive } from '../app/appContext.ts';
import { Modal } from '../components/Modal.tsx';
import { MapCanvas } from './MapCanvas.tsx';
import { loadWorldPlaces, notebookPlaces } from './placeGazetteer.ts';
import { useBaseStyle } from './useBaseStyle.ts';

const AFGHANISTAN = { center: [66.5, 34] as [number, number], zoom: 4.3 };

export function PlacePicker({
  onChoose,
  onCancel,
}: {
  onChoose: (fill: LocationFill) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [world, setWorld] = useState<GazetteerPlace[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [query, setQuery] = useState('');
  const [clicked, setClicked] = useState<LocationFill | null>(null);
  const own = useLive((d) => d.all('place'), []);
  const style = useBaseStyle(null);
  useEffect(() => {
    loadWorldPlaces().then(setWorld, (error: unknown) =>
      setProblem(error instanceof Error ? error.message : String(error)),
    );
  }, []);
  const places = useMemo(() => [...notebookPlaces(own ?? []), ...(world ?? [])], [own, world]);
  const gazetteer = useMemo(() => new Gazetteer(places), [places]);
  const matches = useMemo(() => gazetteer.search(query, 30), [gazetteer, query]);
  const kind = (place: GazetteerPlace) =>
    place.id.startsWith('notebook:') ? t('place.inNotebook') : t(`place.kinds.${place.kind}`);

  return (
    <Modal labelledBy="place-picker-title" onCancel={onCancel} className="place-picker">
      <h2 id="place-picker-title">{t('place.title')}</h2>
      <p className="hint">{t('place.intro')}</p>
      <label className="field">
        <span>{t('place.search')}</span>
        <input
          type="search"
          value={query}
          dir="auto"
          onChange={(e) => setQuery(e.target.value)}
          aria-describedby="place-count"
        />
      </label>
      <p id="place-count" role="status" className="hint">
        {problem
          ? t('place.unavailable', { reason: problem })
          : world === null
            ? t('common.loading')
            : query.trim() === ''
              ? t('place.known', { count: gazetteer.size })
              : t('place.found', { count: matches.length })}
      </p>
      <ul className="place-results" aria-label={t('place.results')}>
        {matches.map(({ place, matched }) => (
          <li key={place.id}>
            <button
              type="button"
              onClick={() => onChoose(fillFromPlace(place, countryNameOf(places, place.country)))}
            >
              <bdi>{place.name}</bdi>
              {matched !== place.name ? (
                <>
                  {' '}
                  (<bdi>{matched}</bdi>)
                </>
              ) : null}{' '}
              — {kind(place)}
              {[place.district, place.province, countryNameOf(places, place.country)]
                .filter(
                  (part, i, all) => part !== '' && part !== place.name && all.indexOf(part) === i,
                )
                .map((part) => `, ${part}`)
                .join('')}
            </button>
          </li>
        ))}
      </ul>
      <p className="hint">{t('place.clickHint')}</p>
      {style.value ? (
        <MapCanvas
          style={style.value}
          label={t('place.mapLabel')}
          view={AFGHANISTAN}
          onStatus={() => {}}
          onPick={(lon, lat) => {
            if (world !== null) setClicked(fillFromPoint(places, lon, lat));
          }}
        />
      ) : null}
      {clicked ? (
        <p role="status">
          {t('place.clicked', {
            place: clicked.placeName || t('place.unnamed'),
            latitude: clicked.latitude,
            longitude: clicked.longitude,
            precision: t(`vocab.geoPrecision.${clicked.geoPrecision}`),
          })}{' '}
          <button type="button" className="primary" onClick={() => onChoose(clicked)}>
            {t('place.useClicked')}
          </button>
        </p>
      ) : null}
      <div className="dialog-actions">
        <button type="button" onClick={onCancel}>
          {t('actions.cancel')}
        </button>
      </div>
    </Modal>
  );
}
