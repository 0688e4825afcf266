/**
 * The find engine as the UI sees it: the client of its worker, whether it has every record yet
 * (with progress while it loads), and a version that moves after each change it applied, so the
 * list, the map and the timeline ask again (renderer/find/findState.ts starts it).
 */
import { create } from 'zustand';
import type { FindClient } from '../find/findClient.ts';

export interface FindStatus {
  client: FindClient | null;
  phase: 'idle' | 'loading' | 'ready' | 'failed';
  loaded: number;
  total: number;
  /** Moves after every change the engine applied once ready. */
  version: number;
}

export const useFind = create<FindStatus>()(() => ({
  client: null,
  phase: 'idle',
  loaded: 0,
  total: 0,
  version: 0,
}));
