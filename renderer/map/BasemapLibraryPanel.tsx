/**
 * The basemap library: add a `.pmtiles` or `.mbtiles` file (chooser, or a drop on the map view),
 * see each kept basemap's name, bounds, zoom levels, size and attribution, choose the one shown,
 * remove one (after a second click). An import shows its progress and can be cancelled; a refused
 * file says why, and nothing is added.
 */
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StoredBasemap } from '../../shared/maps/basemapFiles.ts';
import { MapFileError } from '../../shared/maps/mapFileError.ts';
import { ProgressLine } from '../components/ProgressLine.tsx';
import { describeMapFileError } from './describeMapFileError.ts';
import { attributionText } from './libraryStyle.ts';
import type { BasemapLibrary } from './useBasemapLibrary.ts';

export const BASEMAP_FILE_TYPES = '.pmtiles,.mbtiles';

export function BasemapLibraryPanel({ library }: { library: BasemapLibrary }) {
  const { t } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const { entries, active, job, outcome } = library;
  return (
    <section className="panel basemaps" aria-labelledby="basemaps-title">
      <h2 id="basemaps-title">{t('basemaps.title')}</h2>
      <p className="hint">{t('basemaps.intro')}</p>
      <button
        type="button"
        onClick={() => input.current?.click()}
        disabled={job !== null || library.unavailable !== null}
      >
        {t('basemaps.add')}
      </button>
      <input
        ref={input}
        type="file"
        accept={BASEMAP_FILE_TYPES}
        className="visually-hidden"
        tabIndex={-1}
        aria-label={t('basemaps.fileLabel')}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) library.add(file);
        }}
      />
      {job ? (
        <ProgressLine
          label={t('basemaps.adding', { file: job.fileName })}
          done={job.done}
          total={job.total}
          onCancel={library.cancel}
        />
      ) : null}
      <Outcome library={library} />
      {library.unavailable !== null ? (
        <p role="alert">
          {t('basemaps.unavailable', { reason: describeMapFileError(library.unavailable, t) })}
        </p>
      ) : null}
      {outcome === null && job === null ? <p className="hint">{t('basemaps.dropHint')}</p> : null}
      <fieldset className="basemap-choice">
        <legend>{t('basemaps.shown')}</legend>
        <label>
          <input
            type="radio"
            name="basemap"
            checked={active === null}
            onChange={() => library.choose(null)}
          />
          {t('basemaps.worldOnly')}
        </label>
        {entries === undefined ? <p>{t('common.loading')}</p> : null}
        {entries?.map((entry) => (
          <BasemapEntry key={entry.id} entry={entry} library={library} />
        ))}
      </fieldset>
    </section>
  );
}

function Outcome({ library }: { library: BasemapLibrary }) {
  const { t } = useTranslation();
  const { outcome } = library;
  if (outcome === null) return null;
  if (outcome.kind === 'failed' && isCancel(outcome.error)) {
    return <p role="status">{t('basemaps.cancelled', { file: outcome.fileName })}</p>;
  }
  if (outcome.kind === 'failed') {
    return (
      <p role="alert">
        {t('basemaps.failed', {
          file: outcome.fileName,
          reason: describeMapFileError(outcome.error, t),
        })}
      </p>
    );
  }
  return (
    <p role="status">
      {outcome.kind === 'added'
        ? t('basemaps.added', { name: outcome.entry.info.name })
        : t('basemaps.removed', { name: outcome.name })}
    </p>
  );
}

const isCancel = (error: unknown) => error instanceof MapFileError && error.code === 'cancelled';

const degrees = (value: number) => value.toFixed(2);

function BasemapEntry({ entry, library }: { entry: StoredBasemap; library: BasemapLibrary }) {
  const { t, i18n } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const { info } = entry;
  const [west, south, east, north] = info.bounds;
  const megabytes = new Intl.NumberFormat(i18n.language, {
    style: 'unit',
    unit: 'megabyte',
    maximumFractionDigits: 1,
  }).format(info.bytes / 1_000_000);
  const nameId = `basemap-${entry.id}`;
  return (
    <div className="basemap-entry">
      <label>
        <input
          type="radio"
          name="basemap"
          checked={library.active?.id === entry.id}
          onChange={() => library.choose(entry.id)}
        />
        <span id={nameId}>{info.name}</span>
      </label>
      <dl aria-labelledby={nameId}>
        <dt>{t('basemaps.kind')}</dt>
        <dd>{t(`basemaps.kinds.${info.kind}`)}</dd>
        <dt>{t('basemaps.zooms')}</dt>
        <dd>{t('basemaps.zoomRange', { min: info.minZoom, max: info.maxZoom })}</dd>
        <dt>{t('basemaps.bounds')}</dt>
        <dd dir="ltr">
          {degrees(west)}, {degrees(south)} → {degrees(east)}, {degrees(north)}
        </dd>
        <dt>{t('basemaps.size')}</dt>
        <dd>{megabytes}</dd>
        <dt>{t('basemaps.attribution')}</dt>
        <dd dir="auto">
          {info.attribution ? attributionText(info.attribution) : t('basemaps.noAttribution')}
        </dd>
        <dt>{t('basemaps.file')}</dt>
        <dd dir="auto">{entry.fileName}</dd>
      </dl>
      {confirming ? (
        <p>
          {t('basemaps.confirmRemove', { name: info.name })}{' '}
          <button type="button" onClick={() => void library.remove(entry.id)}>
            {t('basemaps.removeForGood')}
          </button>{' '}
          <button type="button" onClick={() => setConfirming(false)}>
            {t('basemaps.keep')}
          </button>
        </p>
      ) : (
        <button
          type="button"
          aria-label={t('basemaps.removeNamed', { name: info.name })}
          onClick={() => setConfirming(true)}
        >
          {t('basemaps.remove')}
        </button>
      )}
    </div>
  );
}
