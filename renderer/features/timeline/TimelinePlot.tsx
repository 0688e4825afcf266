/**
 * The timeline's picture, drawn from a computed layout: stacked bars per bucket, the fatalities
 * line on the right-hand axis, time ticks, the applied date range, a selection being made and the
 * keyboard cursor. Hidden from assistive technology — the chart's group, its announcements and
 * the table carry the same information — and always left to right.
 *
 * The bars, line and axes (up to ~1 500 elements) are a memoised layer that redraws only when the
 * numbers or the size change; a key press or a drag redraws just the few marks above them.
 */
import { memo, useMemo, type PointerEvent } from 'react';
import type { TimelineData } from '../../find/timelineData.ts';
import type { TimeTick } from './timeTicks.ts';
import {
  bandCentre,
  bandStart,
  stackBucket,
  xOfDate,
  yOf,
  type IndexRange,
  type TimelineLayout,
} from './timelineScale.ts';

export interface PlotPointerHandlers {
  onPointerDown: (event: PointerEvent<SVGRectElement>) => void;
  onPointerMove: (event: PointerEvent<SVGRectElement>) => void;
  onPointerUp: (event: PointerEvent<SVGRectElement>) => void;
  onPointerCancel: () => void;
  onPointerLeave: () => void;
}

interface PictureProps {
  data: TimelineData;
  layout: TimelineLayout;
  ticks: readonly TimeTick[];
  colours: (eventType: string) => string;
  /** For the axis numbers (Persian digits in Dari). */
  language: string;
  emptyText: string;
}

export function TimelinePlot({
  applied,
  pending,
  cursor,
  pointer,
  ...picture
}: PictureProps & {
  applied: IndexRange | null;
  pending: IndexRange | null;
  cursor: number | null;
  pointer: PlotPointerHandlers;
}) {
  const { layout, data } = picture;
  const { plot, step } = layout;
  const span = (range: IndexRange) => ({
    x: bandStart(layout, range.first),
    width: (range.last - range.first + 1) * step,
  });
  return (
    <svg
      className="timeline-svg"
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      width={layout.width}
      height={layout.height}
      direction="ltr"
      aria-hidden="true"
      focusable="false"
    >
      <Picture {...picture} />
      {applied ? <AppliedRange {...span(applied)} plot={plot} /> : null}
      {pending ? (
        <rect className="timeline-pending" y={plot.y} height={plot.height} {...span(pending)} />
      ) : null}
      {cursor !== null && cursor < data.buckets.length ? (
        <rect
          className="timeline-cursor"
          y={plot.y}
          height={plot.height}
          {...span({ first: cursor, last: cursor })}
        />
      ) : null}
      {data.buckets.length > 0 ? (
        <rect
          className="timeline-overlay"
          x={plot.x}
          y={plot.y}
          width={plot.width}
          height={plot.height}
          {...pointer}
        />
      ) : null}
    </svg>
  );
}

const Picture = memo(function Picture({
  data,
  layout,
  ticks,
  colours,
  language,
  emptyText,
}: PictureProps) {
  const number = useMemo(() => new Intl.NumberFormat(language), [language]);
  const { plot, step, barWidth, counts, fatalities } = layout;
  const bottom = plot.y + plot.height;
  const right = plot.x + plot.width;
  const inset = (step - barWidth) / 2;
  const empty = data.buckets.length === 0;
  const line = data.buckets.map(
    (bucket, index) =>
      [bandCentre(layout, index), yOf(layout, fatalities, bucket.fatalities)] as const,
  );
  const points = line.map(([x, y]) => `${x},${y}`).join(' ');
  return (
    <g>
      <rect className="timeline-bg" x={plot.x} y={plot.y} width={plot.width} height={plot.height} />
      {(empty ? [] : counts.ticks).map((value) => (
        <g key={`c${value}`}>
          <line
            className="timeline-grid"
            x1={plot.x}
            x2={right}
            y1={yOf(layout, counts, value)}
            y2={yOf(layout, counts, value)}
          />
          <text
            className="timeline-axis-label"
            x={plot.x - 6}
            y={yOf(layout, counts, value)}
            textAnchor="end"
            dominantBaseline="middle"
          >
            {number.format(value)}
          </text>
        </g>
      ))}
      {(empty ? [] : fatalities.ticks).map((value) => (
        <text
          key={`f${value}`}
          className="timeline-axis-label timeline-fatalities-label"
          x={right + 6}
          y={yOf(layout, fatalities, value)}
          textAnchor="start"
          dominantBaseline="middle"
        >
          {number.format(value)}
        </text>
      ))}
      {data.buckets.map((bucket, index) => (
        <g key={bucket.start}>
          {stackBucket(bucket, data.eventTypes).map((segment) => {
            const top = yOf(layout, counts, segment.to);
            return (
              <rect
                key={segment.type}
                x={bandStart(layout, index) + inset}
                y={top}
                width={Math.max(barWidth, 0.5)}
                height={yOf(layout, counts, segment.from) - top}
                fill={colours(segment.type)}
              />
            );
          })}
        </g>
      ))}
      {line.length > 1 ? (
        <>
          <polyline className="timeline-fatalities-halo" points={points} />
          <polyline className="timeline-fatalities" points={points} />
        </>
      ) : null}
      {line.length === 1 || step >= 8
        ? line.map(([x, y], index) => (
            <circle key={index} className="timeline-fatality-point" cx={x} cy={y} r={2.5} />
          ))
        : null}
      <line className="timeline-baseline" x1={plot.x} x2={right} y1={bottom} y2={bottom} />
      {ticks.map((tick) => {
        const x = xOfDate(layout, data.buckets, tick.date);
        // A label near the right edge is written leftwards from its tick so it is not cut off.
        const anchor = x > right - 48 ? 'end' : 'start';
        const dx = anchor === 'start' ? 3 : -3;
        return (
          <g key={tick.date}>
            <line className="timeline-tick" x1={x} x2={x} y1={bottom} y2={bottom + 5} />
            <text className="timeline-tick-label" x={x + dx} y={bottom + 16} textAnchor={anchor}>
              {tick.label}
            </text>
            {tick.year ? (
              <text
                className="timeline-tick-label timeline-tick-year"
                x={x + dx}
                y={bottom + 30}
                textAnchor={anchor}
              >
                {tick.year}
              </text>
            ) : null}
          </g>
        );
      })}
      {empty ? (
        <text
          className="timeline-empty"
          x={plot.x + plot.width / 2}
          y={plot.y + plot.height / 2}
          textAnchor="middle"
          dominantBaseline="middle"
        >
          {emptyText}
        </text>
      ) : null}
    </g>
  );
});

/** The date range in force: what lies outside it is veiled, and the range itself outlined. */
function AppliedRange({
  x,
  width,
  plot,
}: {
  x: number;
  width: number;
  plot: TimelineLayout['plot'];
}) {
  const end = x + width;
  const right = plot.x + plot.width;
  return (
    <g>
      {x > plot.x ? (
        <rect
          className="timeline-outside"
          x={plot.x}
          y={plot.y}
          width={x - plot.x}
          height={plot.height}
        />
      ) : null}
      {end < right ? (
        <rect
          className="timeline-outside"
          x={end}
          y={plot.y}
          width={right - end}
          height={plot.height}
        />
      ) : null}
      <rect className="timeline-applied" x={x} y={plot.y} width={width} height={plot.height} />
    </g>
  );
}
