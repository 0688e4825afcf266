import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from './windowOptions.ts';

const input = {
  preloadPath: '/app/dist/electron/preload.cjs',
  bounds: { x: 10, y: 20, width: 1000, height: 700 },
  title: 'Daftar',
};

describe('mainWindowOptions', () => {
  it('isolates and sandboxes the renderer', () => {
    const { webPreferences } = mainWindowOptions({ ...input, isPackaged: true });
    expect(webPreferences).toMatchObject({
      preload: '/app/dist/electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
      devTools: false,
    });
  });

  it('waits for ready-to-show and uses the restored bounds', () => {
    const options = mainWindowOptions({ ...input, isPackaged: false });
    expect(options).toMatchObject({ show: false, ...input.bounds });
    expect(options.webPreferences?.devTools).toBe(true);
  });
});
