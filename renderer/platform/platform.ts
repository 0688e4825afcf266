/** Picks the host's Platform: Electron's preload bridge when present, the browser otherwise. */
import type { Platform } from '../../shared/ipc/contract.ts';
import { getBridge } from './bridge.ts';
import { createElectronPlatform } from './electronPlatform.ts';
import { createWebPlatform } from './webPlatform.ts';

export function detectPlatform(appVersion: string): Platform {
  const bridge = getBridge();
  return bridge ? createElectronPlatform(bridge) : createWebPlatform(appVersion);
}
