/**
 * A sortable table that stays smooth with 100,000 rows: it holds only the ordered ids, renders
 * the rows in view (@tanstack/react-virtual), and fetches those rows' records in small batches.
 * ARIA table semantics (rowcount, rowindex, sort state) keep it readable by screen readers even
 * though most rows are not in the DOM.
 */
import { useVirtualizer, type Range } from '@tanstack/react-virtual';
import { memo, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { firstScreenShown } from '../app/firstScreen.ts';

export interface Column<R, S extends string> {
  key: string;
  header: string;
  sortKey?: S;
  className?: string;
  /** Header read by screen readers only (a column of checkboxes, say). */
  headerHidden?: boolean;
  /** The cell that links to the record; the first column's when no column says so. */
  primary?: boolean;
  render: (row: R) => ReactNode;
}

interface Props<R, S extends string> {
  label: string;
  scrollName: string;
  ids: readonly string[] | undefined;
  /** Changes whenever the underlying records may have changed: cached rows are then re-read. */
  version: unknown;
  fetchRows: (ids: readonly string[]) => Promise<(R | undefined)[]>;
  columns: Column<R, S>[];
  sort: { by: S; direction: 'asc' | 'desc' };
  onSort: (by: S) => void;
  onOpen: (id: string) => void;
  hrefOf: (id: string) => string;
  empty: ReactNode;
  /** A row to mark as the current one (`aria-current`), scrolled into view when it changes. */
  currentId?: string | null;
}

const ROW_HEIGHT = 36;
const OVERSCAN = 12;
const CACHE_LIMIT = 3_000;
const PAGE = 100;
/**
 * The rendered rows move in steps of this many: while scrolling, the DOM changes once every
 * few frames, and then only off screen (at least OVERSCAN rows away), so most frames are a
 * plain scroll of rows already painted — as on a page of ordinary, non-virtual rows.
 */
const STEP = 16;

/**
 * The rows in view and OVERSCAN more each way: a window of a whole number of STEPs, starting at a
 * multiple of STEP, so both of its ends move together, once every STEP rows.
 */
export function steppedRange({ startIndex, endIndex, count }: Range): number[] {
  if (count === 0 || endIndex < startIndex) return [];
  const start = Math.max(0, Math.floor((startIndex - OVERSCAN) / STEP) * STEP);
  const span = Math.ceil((endIndex - startIndex + 2 * OVERSCAN + STEP) / STEP) * STEP;
  const end = Math.min(count - 1, start + span - 1);
  return Array.from({ length: end - start + 1 }, (_, i) => start + i);
}

export function VirtualTable<R, S extends string>(props: Props<R, S>) {
  const { t } = useTranslation();
  const { ids, fetchRows, version } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  /** Fetched rows with the version they were read at; a stale row shows until its re-read. */
  const [rows, setRows] = useState<ReadonlyMap<string, { row: R | undefined; version: unknown }>>(
    new Map(),
  );
  // eslint-disable-next-line react-hooks/incompatible-library -- we do not use the React Compiler
  const virtualizer = useVirtualizer({
    count: ids?.length ?? 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    rangeExtractor: steppedRange,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items.at(-1)?.index ?? -1;

  /** Rows being read, with the version asked for; never cancelled, since any answer is useful. */
  const inFlight = useRef(new Map<string, unknown>());

  useEffect(() => {
    if (!ids || last < first) return;
    // The rows in view and a screen beyond them each way, so scrolling finds them ready, read in
    // whole pages: while scrolling, a read (and the render after it) happens once per page of
    // rows rather than once per frame.
    const screen = last - first + 1;
    const from = Math.floor(Math.max(0, first - screen) / PAGE) * PAGE;
    const to = Math.ceil((last + 1 + screen) / PAGE) * PAGE;
    const window = ids.slice(from, to);
    const wanted = window.filter(
      (id) => rows.get(id)?.version !== version && inFlight.current.get(id) !== version,
    );
    if (wanted.length === 0) return;
    for (const id of wanted) inFlight.current.set(id, version);
    void fetchRows(wanted).then((fetched) => {
      for (const id of wanted)
        if (inFlight.current.get(id) === version) inFlight.current.delete(id);
      setRows((previous) => {
        // Bound the cache: past a few screens' worth, keep only what is near the view.
        const keep = previous.size > CACHE_LIMIT ? new Set(window) : null;
        const next = new Map(keep ? [...previous].filter(([id]) => keep.has(id)) : previous);
        // Missing rows (deleted meanwhile) are remembered too, or they would be asked for forever.
        wanted.forEach((id, i) => next.set(id, { row: fetched[i], version }));
        return next;
      });
    });
  }, [ids, first, last, rows, fetchRows, version]);

  const firstShown = ids !== undefined && (ids.length === 0 || rows.has(ids[first] ?? ''));
  useEffect(() => {
    if (firstShown) firstScreenShown();
  }, [firstShown]);

  const currentIndex = props.currentId ? (ids?.indexOf(props.currentId) ?? -1) : -1;
  useEffect(() => {
    if (currentIndex >= 0) virtualizer.scrollToIndex(currentIndex, { align: 'auto' });
  }, [currentIndex, virtualizer]);

  const count = ids?.length ?? 0;
  return (
    <div
      className="vtable"
      role="table"
      aria-label={props.label}
      aria-rowcount={count + 1}
      aria-busy={ids === undefined}
    >
      <div role="rowgroup" className="vtable-head">
        <div role="row" aria-rowindex={1} className="vtable-row">
          {props.columns.map((column) => {
            const sorted = column.sortKey !== undefined && props.sort.by === column.sortKey;
            return (
              <div
                key={column.key}
                role="columnheader"
                className={`vtable-cell ${column.className ?? ''}`}
                aria-sort={
                  sorted ? (props.sort.direction === 'asc' ? 'ascending' : 'descending') : undefined
                }
              >
                {column.sortKey !== undefined ? (
                  <button type="button" onClick={() => props.onSort(column.sortKey!)}>
                    {column.header}
                    <span aria-hidden="true">
                      {sorted ? (props.sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}
                    </span>
                  </button>
                ) : column.headerHidden ? (
                  <span className="visually-hidden">{column.header}</span>
                ) : (
                  column.header
                )}
              </div>
            );
          })}
        </div>
      </div>
      {ids !== undefined && count === 0 ? <div className="vtable-empty">{props.empty}</div> : null}
      <div
        role="rowgroup"
        className="vtable-body"
        ref={scrollRef}
        data-scroll={props.scrollName}
        tabIndex={-1}
      >
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const id = ids![item.index]!;
            return (
              <TableRow
                key={id}
                id={id}
                index={item.index}
                start={item.start}
                row={rows.get(id)?.row}
                columns={props.columns}
                hrefOf={props.hrefOf}
                onOpen={props.onOpen}
                current={item.index === currentIndex}
                loading={t('common.loading')}
              />
            );
          })}
        </div>
      </div>
    </div>
  );
}

interface RowProps<R, S extends string> {
  id: string;
  index: number;
  start: number;
  row: R | undefined;
  columns: Column<R, S>[];
  hrefOf: (id: string) => string;
  onOpen: (id: string) => void;
  current: boolean;
  loading: string;
}

/**
 * One row. Memoised: while scrolling, rows that stay in view keep their props and are not
 * rendered again, so a frame only pays for the rows that enter.
 */
const TableRow = memo(function TableRow<R, S extends string>(props: RowProps<R, S>) {
  const { id, row, columns } = props;
  const primary = Math.max(
    0,
    columns.findIndex((c) => c.primary),
  );
  return (
    <div
      role="row"
      aria-rowindex={props.index + 2}
      aria-current={props.current || undefined}
      className="vtable-row"
      style={{
        position: 'absolute',
        insetInlineStart: 0,
        insetInlineEnd: 0,
        top: 0,
        height: ROW_HEIGHT,
        transform: `translateY(${props.start}px)`,
      }}
    >
      {row === undefined ? (
        <div role="cell" className="vtable-cell">
          {props.loading}
        </div>
      ) : (
        columns.map((column, index) => (
          <div key={column.key} role="cell" className={`vtable-cell ${column.className ?? ''}`}>
            {index === primary ? (
              <a
                href={props.hrefOf(id)}
                onClick={(e) => {
                  e.preventDefault();
                  props.onOpen(id);
                }}
              >
                {column.render(row)}
              </a>
            ) : (
              column.render(row)
            )}
          </div>
        ))
      )}
    </div>
  );
}) as <R, S extends string>(props: RowProps<R, S>) => ReactNode;
