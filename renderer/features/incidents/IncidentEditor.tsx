/**
 * The incident form: every field of an incident, autosaved while valid, with its sources and
 * history. A new incident is stored only once it is valid (a title and a date at least).
 */
import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { emptyIncident } from '../../../shared/domain/incident.ts';
import {
  GEO_PRECISIONS,
  TIME_PRECISIONS,
  acledEventTypes,
  isAcledEventType,
  subEventTypesOf,
} from '../../../shared/domain/vocabulary.ts';
import { normaliseName } from '../../../shared/util/normaliseName.ts';
import { todayIso } from '../editing/todayIso.ts';
import { useLive } from '../../app/appContext.ts';
import { SelectField, TextArea, TextField, type Option } from '../../components/fields.tsx';
import { DateInput } from '../../components/DateInput.tsx';
import { useUi } from '../../state/uiStore.ts';
import { HistoryPanel } from '../editing/HistoryPanel.tsx';
import { LocationFields } from '../editing/LocationFields.tsx';
import { RecordEditorFrame } from '../editing/RecordEditorFrame.tsx';
import { useRecordEditor } from '../editing/useRecordEditor.ts';
import { ActorsEditor } from './ActorsEditor.tsx';
import { FatalityReportsEditor } from './FatalityReportsEditor.tsx';
import { incidentCodec, type IncidentDraft } from './incidentDraft.ts';
import { LinkedSources } from './LinkedSources.tsx';
import { ReviewPanels } from '../review/ReviewPanels.tsx';
import { DossierLink } from '../dossier/DossierLink.tsx';
import type { LocationFill } from '../../../shared/maps/placeFill.ts';

/** The picker carries the map, which loads only when the picker is opened. */
const PlacePicker = lazy(() =>
  import('../../map/PlacePicker.tsx').then((module) => ({ default: module.PlacePicker })),
);

export function IncidentEditor({ id }: { id: string | null }) {
  const { t } = useTranslation();
  const navigate = useUi((s) => s.navigate);
  const [empty] = useState(() => emptyIncident(todayIso()));
  const editor = useRecordEditor({
    kind: 'incident',
    id,
    empty,
    codec: incidentCodec,
    onCreated: (newId) =>
      navigate({ view: 'incident', id: newId }, { replace: true, keepEditor: true }),
    undoLabel: { create: 'undo.createIncident', edit: 'undo.editIncident' },
  });
  const actors = useLive((d) => d.all('actor'), []);
  const places = useLive((d) => d.all('place'), []);
  const linkedSources = useLive(
    (d) => (editor.recordId ? d.sourcesOfIncident(editor.recordId) : Promise.resolve([])),
    [editor.recordId],
  );
  const { draft, errorOf } = editor;
  const [picking, setPicking] = useState(false);

  const set = editor.field;

  const eventTypeOptions: Option[] = [
    { value: '', label: t('common.notSet') },
    ...acledEventTypes.map((type) => ({ value: type, label: t(`vocab.eventType.${type}`) })),
    ...(draft.eventType !== '' && !isAcledEventType(draft.eventType)
      ? [{ value: draft.eventType, label: draft.eventType }]
      : []),
  ];
  const subTypes = subEventTypesOf(draft.eventType);
  const subTypeOptions: Option[] = [
    { value: '', label: t('common.notSet') },
    ...subTypes.map((s) => ({ value: s, label: t(`vocab.subEventType.${s}`) })),
    ...(draft.subEventType !== '' && !subTypes.includes(draft.subEventType)
      ? [{ value: draft.subEventType, label: draft.subEventType }]
      : []),
  ];

  const choosePlace = (name: string) => {
    const wanted = normaliseName(name);
    const place = places?.find((p) =>
      [p.name, ...p.aliases].some((n) => normaliseName(n) === wanted),
    );
    editor.update('placeName', (d) =>
      place && d.province === '' && d.latitude === ''
        ? {
            ...d,
            placeName: name,
            district: place.district,
            province: place.province,
            country: place.country,
            latitude: place.latitude === null ? '' : String(place.latitude),
            longitude: place.longitude === null ? '' : String(place.longitude),
          }
        : { ...d, placeName: name },
    );
  };

  const fillLocation = (fill: LocationFill) => {
    setPicking(false);
    editor.update('placeName', (d) => ({
      ...d,
      placeName: fill.placeName || d.placeName,
      district: fill.district,
      province: fill.province,
      country: fill.country,
      latitude: String(fill.latitude),
      longitude: String(fill.longitude),
      geoPrecision: fill.geoPrecision,
    }));
  };

  return (
    <RecordEditorFrame
      kind="incident"
      requestedId={id}
      editor={editor}
      title={draft.title}
      beforeSave={t('incident.sourcesAfterSave')}
      panels={(recordId) => (
        <>
          <DossierLink incidentId={recordId} />
          {editor.stored ? (
            <ReviewPanels
              kind="incident"
              id={recordId}
              record={editor.stored}
              texts={{ notes: editor.stored.notes }}
            />
          ) : null}
          <LinkedSources incidentId={recordId} />
          <HistoryPanel kind="incident" id={recordId} />
        </>
      )}
    >
      <section aria-labelledby="sec-basics">
        <h2 id="sec-basics">{t('incident.sectionBasics')}</h2>
        <TextField {...editor.text('title')} required />
        <TextField {...editor.text('tags')} hint={t('incident.tagsHint')} />
      </section>

      <section aria-labelledby="sec-when">
        <h2 id="sec-when">{t('incident.sectionWhen')}</h2>
        <DateInput {...editor.text('dateStart')} />
        <DateInput {...editor.text('dateEnd')} hint={t('incident.dateEndHint')} />
        <TextField {...editor.text('time')} type="time" dir="ltr" />
        <SelectField
          label={t('fieldName.timePrecision')}
          value={String(draft.timePrecision)}
          options={TIME_PRECISIONS.map((p) => ({
            value: String(p),
            label: t(`vocab.timePrecision.${p}`),
          }))}
          onChange={(v) => set('timePrecision')(Number(v) as IncidentDraft['timePrecision'])}
        />
      </section>

      <section aria-labelledby="sec-what">
        <h2 id="sec-what">{t('incident.sectionWhat')}</h2>
        <SelectField
          label={t('fieldName.eventType')}
          value={draft.eventType}
          options={eventTypeOptions}
          onChange={(v) =>
            editor.update('eventType', (d) => ({
              ...d,
              eventType: v,
              subEventType: subEventTypesOf(v).includes(d.subEventType) ? d.subEventType : '',
            }))
          }
          error={errorOf('eventType')}
        />
        <SelectField
          label={t('fieldName.subEventType')}
          value={draft.subEventType}
          options={subTypeOptions}
          onChange={set('subEventType')}
          error={errorOf('subEventType')}
        />
      </section>

      <section aria-labelledby="sec-where">
        <h2 id="sec-where">{t('incident.sectionWhere')}</h2>
        <datalist id="known-places">
          {places
            ?.flatMap((p) => [p.name, ...p.aliases])
            .map((n) => (
              <option key={n} value={n} />
            ))}
        </datalist>
        <TextField
          label={t('fieldName.placeName')}
          value={draft.placeName}
          onChange={choosePlace}
          list="known-places"
          error={errorOf('placeName')}
        />
        <button type="button" onClick={() => setPicking(true)}>
          {t('place.open')}
        </button>
        {picking ? (
          <Suspense fallback={<p role="status">{t('common.loading')}</p>}>
            <PlacePicker onChoose={fillLocation} onCancel={() => setPicking(false)} />
          </Suspense>
        ) : null}
        <LocationFields draft={draft} field={set} errorOf={errorOf} />
        <SelectField
          label={t('fieldName.geoPrecision')}
          value={String(draft.geoPrecision)}
          options={GEO_PRECISIONS.map((p) => ({
            value: String(p),
            label: t(`vocab.geoPrecision.${p}`),
          }))}
          onChange={(v) => set('geoPrecision')(Number(v) as IncidentDraft['geoPrecision'])}
        />
      </section>

      <section aria-labelledby="sec-harm" className="wide">
        <h2 id="sec-harm">{t('incident.sectionCasualties')}</h2>
        <TextField
          {...editor.text('fatalities')}
          inputMode="numeric"
          dir="ltr"
          error={errorOf('fatalities')}
          hint={t('incident.fatalitiesHint')}
        />
        <FatalityReportsEditor
          reports={draft.fatalityReports}
          sources={(linkedSources ?? []).map((s) => ({ id: s.id, title: s.title }))}
          onChange={set('fatalityReports')}
          onUseConservative={(n) => set('fatalities')(String(n))}
          errorOf={errorOf}
        />
        <TextField
          {...editor.text('injured')}
          inputMode="numeric"
          dir="ltr"
          error={errorOf('injured')}
        />
      </section>

      <section aria-labelledby="sec-who" className="wide">
        <h2 id="sec-who">{t('incident.sectionWho')}</h2>
        <ActorsEditor
          actors={draft.actors}
          known={actors ?? []}
          onChange={set('actors')}
          errorOf={errorOf}
        />
      </section>

      <section aria-labelledby="sec-notes" className="wide">
        <h2 id="sec-notes">{t('incident.sectionNotes')}</h2>
        <TextArea {...editor.text('notes')} rows={8} />
      </section>
    </RecordEditorFrame>
  );
}
