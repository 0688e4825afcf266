/**
 * The timeline chart: incidents per bucket stacked by event type, fatalities as a line, ticks in
 * the chosen calendar. A date range is chosen by dragging over the plot or from the keyboard
 * (arrows, Shift+arrows, Enter, Escape), snapped to whole buckets and handed to `onRangeChange`;
 * each step is announced. "Show as table" gives the same numbers as a table.
 */
import { useId, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TimelineData } from '../../find/timelineData.ts';
import { formatIsoDateRange, useCalendar } from '../../i18n/calendar.ts';
import { NO_KEYS, selectionOf, timelineKey, type KeyState } from './timelineKeys.ts';
import { TimelinePlot } from './TimelinePlot.tsx';
import { TimelineTable } from './TimelineTable.tsx';
import {
  bucketAt,
  bucketTotal,
  indicesOfRange,
  layoutTimeline,
  rangeOfIndices,
  snapPixelRange,
  type IndexRange,
} from './timelineScale.ts';
import { bucketLabel, timeTicks } from './timeTicks.ts';
import { useElementWidth } from './useElementWidth.ts';
import './timeline.css';

export interface DateRange {
  from: string;
  to: string;
}

const HEIGHT = 220;
/** Room one tick label needs, so month names do not run into each other. */
const TICK_SPACING = 64;

export function TimelineChart({
  data,
  range,
  onRangeChange,
  colours,
}: {
  data: TimelineData;
  /** The date range in force (drawn highlighted); it need not fall on bucket bounds. */
  range: DateRange | null;
  /** A range chosen on the chart, always from a bucket's first day to a bucket's last; null clears. */
  onRangeChange: (range: DateRange | null) => void;
  /** Fill colour per event type: pass a module-level function (the map's `colourOf`), so the
   *  bars are not redrawn on every render. */
  colours: (eventType: string) => string;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const calendar = useCalendar();
  const ids = { help: useId(), summary: useId() };
  const plotRef = useRef<HTMLDivElement>(null);
  const width = useElementWidth(plotRef, 640);
  const [keys, setKeys] = useState<KeyState>(NO_KEYS);
  const [drag, setDrag] = useState<{ x0: number; x1: number } | null>(null);
  const [hover, setHover] = useState<number | null>(null);
  const [focused, setFocused] = useState(false);
  const [showTable, setShowTable] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  // New numbers (another filter, weeks instead of months): the keyboard starts afresh.
  const [keysFor, setKeysFor] = useState(data);
  if (keysFor !== data) {
    setKeysFor(data);
    setKeys(NO_KEYS);
  }

  const { buckets } = data;
  const layout = useMemo(() => layoutTimeline(data, width, HEIGHT), [data, width]);
  const ticks = useMemo(
    () =>
      timeTicks(
        buckets,
        calendar,
        language,
        Math.max(1, Math.floor(layout.plot.width / TICK_SPACING)),
      ),
    [buckets, calendar, language, layout.plot.width],
  );
  const number = useMemo(() => new Intl.NumberFormat(language), [language]);
  const applied = indicesOfRange(buckets, range);
  const cursor = keys.cursor !== null && keys.cursor < buckets.length ? keys.cursor : null;
  const dragged = drag ? snapPixelRange(layout, drag.x0, drag.x1) : null;
  const pending = dragged ?? selectionOf(keys);

  const typeName = (type: string) =>
    type === '' ? t('timeline.noEventType') : t(`vocab.eventType.${type}`, { defaultValue: type });
  const rangeText = (r: DateRange) => formatIsoDateRange(r.from, r.to, language, calendar);
  const totals = (span: IndexRange) => {
    let count = 0;
    let fatalities = 0;
    for (let i = span.first; i <= span.last; i++) {
      const bucket = buckets[i];
      if (bucket) {
        count += bucketTotal(bucket);
        fatalities += bucket.fatalities;
      }
    }
    return { count, fatalities: number.format(fatalities), shown: number.format(count) };
  };
  const describeBucket = (index: number) => {
    const bucket = buckets[index];
    if (!bucket) return '';
    return t('timeline.bucket', {
      period: bucketLabel(bucket, data.unit, calendar, language),
      ...totals({ first: index, last: index }),
    });
  };
  const describeSpan = (key: 'timeline.selecting' | 'timeline.applied', span: IndexRange) => {
    const dates = rangeOfIndices(buckets, span);
    return dates ? t(key, { range: rangeText(dates), ...totals(span) }) : '';
  };

  const apply = (span: IndexRange) => {
    const dates = rangeOfIndices(buckets, span);
    if (!dates) return;
    onRangeChange(dates);
    setAnnouncement(describeSpan('timeline.applied', span));
  };
  const clear = () => {
    setKeys((k) => ({ ...k, anchor: null }));
    if (range !== null) onRangeChange(null);
    setAnnouncement(t('timeline.cleared'));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const outcome = timelineKey(keys, event, buckets.length, applied);
    if (!outcome.handled) return;
    event.preventDefault();
    setKeys(outcome.state);
    const { effect } = outcome;
    switch (effect.kind) {
      case 'move':
        setAnnouncement(describeBucket(outcome.state.cursor ?? 0));
        break;
      case 'select':
        setAnnouncement(describeSpan('timeline.selecting', effect.range));
        break;
      case 'apply':
        apply(effect.range);
        break;
      case 'clear':
        clear();
        break;
      case 'none':
        break;
    }
  };

  /** Pointer position in the drawing's own units (the viewBox follows the measured width). */
  const plotX = (event: PointerEvent<SVGRectElement>) => {
    const box = event.currentTarget.ownerSVGElement?.getBoundingClientRect();
    if (!box || box.width === 0) return 0;
    return ((event.clientX - box.left) * layout.width) / box.width;
  };
  const pointer = {
    onPointerDown: (event: PointerEvent<SVGRectElement>) => {
      if (event.button !== 0) return;
      event.currentTarget.setPointerCapture(event.pointerId);
      plotRef.current?.focus({ preventScroll: true });
      const x = plotX(event);
      setDrag({ x0: x, x1: x });
    },
    onPointerMove: (event: PointerEvent<SVGRectElement>) => {
      const x = plotX(event);
      setHover(bucketAt(layout, x));
      if (drag) setDrag({ ...drag, x1: x });
    },
    onPointerUp: (event: PointerEvent<SVGRectElement>) => {
      if (!drag) return;
      const span = snapPixelRange(layout, drag.x0, plotX(event));
      setDrag(null);
      if (span) {
        setKeys({ cursor: span.last, anchor: null });
        apply(span);
      }
    },
    onPointerCancel: () => setDrag(null),
    onPointerLeave: () => setHover(null),
  };

  const readoutIndex = hover ?? cursor;
  const readout = pending
    ? describeSpan('timeline.selecting', pending)
    : readoutIndex !== null
      ? describeBucket(readoutIndex)
      : '';
  const first = buckets[0];
  const last = buckets.at(-1);
  const all = first && last ? totals({ first: 0, last: buckets.length - 1 }) : null;

  return (
    <div className="timeline-chart">
      <div className="timeline-toolbar">
        <p className="timeline-range" role="status">
          {range ? t('timeline.rangeSet', { range: rangeText(range) }) : t('timeline.noRange')}
        </p>
        <button type="button" onClick={clear} disabled={range === null}>
          {t('timeline.clearRange')}
        </button>
        <button type="button" aria-pressed={showTable} onClick={() => setShowTable(!showTable)}>
          {t('timeline.showTable')}
        </button>
      </div>
      <div
        ref={plotRef}
        className="timeline-plot"
        dir="ltr"
        role="group"
        aria-label={t('timeline.name')}
        aria-describedby={`${ids.summary} ${ids.help}`}
        tabIndex={0}
        onKeyDown={onKeyDown}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
      >
        <TimelinePlot
          data={data}
          layout={layout}
          ticks={ticks}
          colours={colours}
          applied={applied}
          pending={pending}
          cursor={focused ? cursor : null}
          language={language}
          emptyText={t('timeline.empty')}
          pointer={pointer}
        />
      </div>
      <p id={ids.summary} className="visually-hidden">
        {first && last && all
          ? t('timeline.summary', { range: rangeText({ from: first.start, to: last.end }), ...all })
          : t('timeline.empty')}
      </p>
      <p id={ids.help} className="visually-hidden">
        {t('timeline.keysHelp')}
      </p>
      <p className="timeline-readout" aria-hidden="true">
        {readout}
      </p>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      <ul className="timeline-legend" aria-label={t('timeline.legend')}>
        {data.eventTypes.map((type) => (
          <li key={type}>
            <span
              className="timeline-swatch"
              aria-hidden="true"
              style={{ backgroundColor: colours(type) }}
            />
            {typeName(type)}
          </li>
        ))}
        <li>
          <span className="timeline-swatch timeline-swatch-line" aria-hidden="true" />
          {t('timeline.fatalitiesLine')}
        </li>
      </ul>
      {showTable ? (
        <TimelineTable
          data={data}
          calendar={calendar}
          typeName={typeName}
          selected={(index) => applied !== null && index >= applied.first && index <= applied.last}
        />
      ) : null}
    </div>
  );
}
