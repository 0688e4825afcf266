/**
 * The main window's construction options, kept pure so the security-relevant web preferences can
 * be asserted by tests: isolated, sandboxed, no Node in the page or its workers, web security on,
 * no `<webview>`, no middle-click `auxclick` (a second way to ask for a new window), and no
 * spellchecker (it would download dictionaries from the network). main.ts pins the security
 * settings again at its `new BrowserWindow` call, where the static check can see them.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import { MIN_SIZE, type Rect } from './windowState.ts';

export interface MainWindowOptionsInput {
  preloadPath: string;
  bounds: Rect;
  /** DevTools are available in development builds only. */
  isPackaged: boolean;
  title: string;
}

export function mainWindowOptions(input: MainWindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    ...input.bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: input.title,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: !input.isPackaged,
      safeDialogs: true,
    },
  };
}
