/**
 * The sandboxed preload: it exposes `window.daftar` and nothing else. Bundled into one file that
 * requires only `electron`, as sandboxed preloads must.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { exposeBridge } from './createBridge.ts';

exposeBridge(contextBridge, ipcRenderer);
