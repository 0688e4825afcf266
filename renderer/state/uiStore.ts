/**
 * UI state (zustand): the current view, list sort orders, the incidents selected for export, a
 * bundle file waiting to be opened, the undo stack and announcements for screen readers. Records
 * are never kept here — they live in the data layer and are read live.
 */
import { create } from 'zustand';
import type { WriteOp } from '../data/recordStore.ts';
import type { IncidentSort, SortDirection, SourceSort } from '../data/daftarData.ts';
import { NO_FILTER, type IncidentFilter } from '../data/incidentFilter.ts';
import type { ReviewStatus } from '../../shared/domain/vocabulary.ts';
import { parseRoute, routeHash, type Route } from './route.ts';

export interface UndoEntry {
  /** i18n key describing what undo will revert, with its parameters. */
  label: string;
  params?: Record<string, string>;
  ops: WriteOp[];
}

export interface Announcement {
  id: number;
  message: string;
  /** Offer to undo this action from the announcement. */
  undoable: boolean;
}

/** A `.daftar` file handed to the import flow (file chooser, drop, or opened from the system). */
export interface IncomingBundle {
  /** Changes with every file, so the import flow starts afresh even for the same file again. */
  id: number;
  name: string;
  data: Uint8Array;
}

interface UiState {
  route: Route;
  /** Changes whenever the user opens a view, so editors start afresh; not when a new record gets its id. */
  editorSession: number;
  incidentSort: { by: IncidentSort; direction: SortDirection };
  sourceSort: { by: SourceSort; direction: SortDirection };
  undoStack: UndoEntry[];
  announcement: Announcement | null;
  /** Incidents ticked in the list, for "Selected incidents" exports. */
  selectedIncidents: ReadonlySet<string>;
  incomingBundle: IncomingBundle | null;
  /** What the incidents list and the map show. */
  incidentFilter: IncidentFilter;
  /** The review statuses the sources list shows, or null for all. */
  sourceStatuses: readonly ReviewStatus[] | null;
  /**
   * The incident last opened from the list or picked on the map: the list marks its row and the
   * map its point.
   */
  focusedIncident: string | null;
  navigate: (route: Route, options?: { replace?: boolean; keepEditor?: boolean }) => void;
  syncRouteFromLocation: () => void;
  sortIncidents: (by: IncidentSort) => void;
  sortSources: (by: SourceSort) => void;
  pushUndo: (entry: UndoEntry) => void;
  popUndo: () => UndoEntry | undefined;
  announce: (message: string, undoable?: boolean) => void;
  dismissAnnouncement: () => void;
  setIncidentSelected: (id: string, selected: boolean) => void;
  selectIncidents: (ids: readonly string[]) => void;
  clearIncidentSelection: () => void;
  receiveBundle: (file: { name: string; data: Uint8Array }) => void;
  finishBundle: () => void;
  setIncidentFilter: (filter: IncidentFilter) => void;
  /** Set the search text; the list is ordered by best match while a query is set. */
  setSearchText: (text: string) => void;
  setSourceStatuses: (statuses: readonly ReviewStatus[] | null) => void;
  focusIncident: (id: string | null) => void;
}

const UNDO_LIMIT = 100;
let announcementSeq = 0;
let bundleSeq = 0;

const toggle = <T extends string>(current: { by: T; direction: SortDirection }, by: T) => ({
  by,
  direction:
    current.by === by ? (current.direction === 'asc' ? 'desc' : 'asc') : ('desc' as SortDirection),
});

export const useUi = create<UiState>()((set, get) => ({
  route: parseRoute(globalThis.location?.hash ?? ''),
  editorSession: 0,
  incidentSort: { by: 'dateStart', direction: 'desc' },
  sourceSort: { by: 'updated', direction: 'desc' },
  undoStack: [],
  announcement: null,
  selectedIncidents: new Set(),
  incomingBundle: null,
  incidentFilter: NO_FILTER,
  sourceStatuses: null,
  focusedIncident: null,
  navigate: (route, options) => {
    const hash = routeHash(route);
    if (globalThis.location && globalThis.location.hash !== hash) {
      if (options?.replace) globalThis.history.replaceState(null, '', hash);
      else globalThis.location.hash = hash;
    }
    set({ route, editorSession: get().editorSession + (options?.keepEditor ? 0 : 1) });
    if (route.view === 'incident' && route.id !== null) set({ focusedIncident: route.id });
  },
  syncRouteFromLocation: () => {
    const route = parseRoute(globalThis.location.hash);
    if (routeHash(route) !== routeHash(get().route)) {
      set({ route, editorSession: get().editorSession + 1 });
    }
  },
  sortIncidents: (by) => set({ incidentSort: toggle(get().incidentSort, by) }),
  sortSources: (by) => set({ sourceSort: toggle(get().sourceSort, by) }),
  pushUndo: (entry) => set({ undoStack: [...get().undoStack, entry].slice(-UNDO_LIMIT) }),
  popUndo: () => {
    const stack = get().undoStack;
    const entry = stack.at(-1);
    if (entry) set({ undoStack: stack.slice(0, -1) });
    return entry;
  },
  announce: (message, undoable = false) =>
    set({ announcement: { id: ++announcementSeq, message, undoable } }),
  dismissAnnouncement: () => set({ announcement: null }),
  setIncidentSelected: (id, selected) => {
    const current = get().selectedIncidents;
    if (current.has(id) === selected) return;
    const next = new Set(current);
    if (selected) next.add(id);
    else next.delete(id);
    set({ selectedIncidents: next });
  },
  selectIncidents: (ids) =>
    set({ selectedIncidents: new Set([...get().selectedIncidents, ...ids]) }),
  clearIncidentSelection: () => set({ selectedIncidents: new Set() }),
  receiveBundle: ({ name, data }) => set({ incomingBundle: { id: ++bundleSeq, name, data } }),
  finishBundle: () => set({ incomingBundle: null }),
  setIncidentFilter: (incidentFilter) => {
    const sort = get().incidentSort;
    // Best match means nothing without a query: back to the default order.
    if (incidentFilter.text.trim() === '' && sort.by === 'relevance') {
      set({ incidentFilter, incidentSort: { by: 'dateStart', direction: 'desc' } });
    } else set({ incidentFilter });
  },
  setSearchText: (text) => {
    const { incidentFilter, incidentSort } = get();
    const starting = incidentFilter.text.trim() === '' && text.trim() !== '';
    get().setIncidentFilter({ ...incidentFilter, text });
    if (starting && incidentSort.by === 'dateStart') {
      set({ incidentSort: { by: 'relevance', direction: 'desc' } });
    }
  },
  setSourceStatuses: (sourceStatuses) => set({ sourceStatuses }),
  focusIncident: (focusedIncident) => set({ focusedIncident }),
}));
