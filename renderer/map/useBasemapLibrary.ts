/**
 * The basemap library's state for the map view: the kept basemaps, the active one (remembered on
 * this device), and the one import that may be running, with its progress, cancel and outcome.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BasemapFiles, StoredBasemap } from '../../shared/maps/basemapFiles.ts';
import { addBasemapFile } from './addBasemapFile.ts';
import { storedReader } from './readRange.ts';
import { isRegistered, registerArchive, unregisterArchive } from './basemapProtocol.ts';

const ACTIVE_KEY = 'daftar.activeBasemap';

export interface BasemapImportJob {
  fileName: string;
  done: number;
  total: number;
}

export type LibraryOutcome =
  | { kind: 'added'; entry: StoredBasemap }
  | { kind: 'failed'; fileName: string; error: unknown }
  | { kind: 'removed'; name: string };

export interface BasemapLibrary {
  /** Undefined while the store is read. */
  entries: StoredBasemap[] | undefined;
  /** The basemap drawn over the world basemap, or null for the world basemap alone. */
  active: StoredBasemap | null;
  job: BasemapImportJob | null;
  outcome: LibraryOutcome | null;
  /** Why the library could not be read, if it could not. */
  unavailable: unknown;
  add(file: File): void;
  cancel(): void;
  remove(id: string): Promise<void>;
  choose(id: string | null): void;
}

/** Makes a library basemap readable by the map (`pmtiles://<id>`). */
export function registerStored(files: BasemapFiles, entry: StoredBasemap): void {
  if (!isRegistered(entry.id)) {
    registerArchive(entry.id, { size: entry.info.bytes, read: storedReader(files, entry.id) });
  }
}

export function useBasemapLibrary(files: BasemapFiles): BasemapLibrary {
  const [entries, setEntries] = useState<StoredBasemap[]>();
  const [activeId, setActiveId] = useState(() => localStorage.getItem(ACTIVE_KEY));
  const [job, setJob] = useState<BasemapImportJob | null>(null);
  const [outcome, setOutcome] = useState<LibraryOutcome | null>(null);
  const [unavailable, setUnavailable] = useState<unknown>(null);
  const signal = useRef<{ aborted: boolean } | null>(null);

  useEffect(() => {
    let gone = false;
    files.list().then(
      (kept) => {
        if (!gone) setEntries(kept);
      },
      (error: unknown) => {
        if (gone) return;
        setEntries([]);
        setUnavailable(error);
      },
    );
    return () => {
      gone = true;
    };
  }, [files]);

  const choose = useCallback((id: string | null) => {
    if (id === null) localStorage.removeItem(ACTIVE_KEY);
    else localStorage.setItem(ACTIVE_KEY, id);
    setActiveId(id);
  }, []);

  const add = useCallback(
    (file: File) => {
      if (signal.current) return;
      const mine = { aborted: false };
      signal.current = mine;
      setOutcome(null);
      setJob({ fileName: file.name, done: 0, total: file.size });
      addBasemapFile(files, file, {
        signal: mine,
        onProgress: (done, total) => setJob({ fileName: file.name, done, total }),
      })
        .then(
          (entry) => {
            setEntries((now) => [...(now ?? []), entry]);
            choose(entry.id);
            setOutcome({ kind: 'added', entry });
          },
          (error: unknown) => setOutcome({ kind: 'failed', fileName: file.name, error }),
        )
        .finally(() => {
          signal.current = null;
          setJob(null);
        });
    },
    [files, choose],
  );

  const remove = useCallback(
    async (id: string) => {
      const entry = entries?.find((e) => e.id === id);
      await files.remove(id);
      unregisterArchive(id);
      setEntries((now) => now?.filter((e) => e.id !== id));
      if (activeId === id) choose(null);
      if (entry) setOutcome({ kind: 'removed', name: entry.info.name });
    },
    [files, entries, activeId, choose],
  );

  const cancel = useCallback(() => {
    if (signal.current) signal.current.aborted = true;
  }, []);

  const active = entries?.find((e) => e.id === activeId) ?? null;
  return { entries, active, job, outcome, unavailable, add, cancel, remove, choose };
}
