/**
 * Composition root of the main process — the only module that imports Electron values. It wires
 * the pure pieces (protocol, guards, IPC handlers, menu, window state, device key, opened files)
 * to Electron: sandbox for every renderer, one instance per profile, the app served from
 * `daftar://app/`, a session that grants no permission and lets no request leave the machine, a
 * guarded IPC surface, `.daftar` files from the command line, a second launch or macOS, the
 * sync folder the user chose (watched), and hub requests only to origins the user confirmed.
 * It also locks every window when the system locks or sleeps, and wipes what it keeps on request.
 */
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  powerMonitor,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
  webContents,
  type SaveDialogOptions,
  type Session,
  type WebContents,
} from 'electron';
import { homedir } from 'node:os';
import path from 'node:path';
import {
  IPC_MENU_EVENT,
  IPC_OPEN_BUNDLE_EVENT,
  IPC_SYNC_FOLDER_EVENT,
  type MenuCommand,
  type UiLanguage,
} from '../../shared/ipc/contract.ts';
import { APP_ENTRY_URL, APP_SCHEME, createAppProtocolHandler } from './appProtocol.ts';
import { BASEMAPS_FOLDER_NAME, createBasemapStore } from './basemapStore.ts';
import {
  createDeviceKeyService,
  DEVICE_KEY_FILE_NAME,
  loadOrCreateHostDeviceKey,
} from './deviceKey.ts';
import { CONNECT_BUTTON, hubOriginQuestion } from './dialogTexts.ts';
import { createExternalOpener } from './externalLinks.ts';
import { createHostSettingsStore, pickLanguage, SETTINGS_FILE_NAME } from './hostSettings.ts';
import { wipeFailure, wipeHostData } from './hostWipe.ts';
import { createHubOriginGate } from './hubOrigins.ts';
import { createHubRequester } from './hubRequest.ts';
import { createIpcHandlers } from './ipcHandlers.ts';
import { registerIpcHandlers } from './ipcGuard.ts';
import { createKeychainStore, KEYCHAIN_UNLOCK_FILE_NAME } from './keychainUnlock.ts';
import { MENU_LABELS } from './menuLabels.ts';
import { buildMenuTemplate } from './menuTemplate.ts';
import { createWindowOpenHandler, guardNavigation, refuseWebview } from './navigationGuard.ts';
import { bundlePathsFromArgv, createBundleDelivery, existingBundleFiles } from './openFiles.ts';
import { createRequestFilter } from './requestFilter.ts';
import { printPdfWithDialog } from './printPdf.ts';
import { saveFileWithDialog } from './saveFile.ts';
import { createSyncFolderStore } from './syncFolderStore.ts';
import { lockOnSystemLock } from './systemLock.ts';
import { userDataOverride } from './userDataDir.ts';
import { mainWindowOptions } from './windowOptions.ts';
import {
  createWindowStateSaver,
  loadWindowState,
  placeWindow,
  saveWindowState,
  WINDOW_STATE_FILE_NAME,
} from './windowState.ts';

// Both must happen before `ready`; the profile folder also scopes the single-instance lock.
app.enableSandbox();
const userData = userDataOverride(process.env, process.cwd());
if (userData !== undefined) app.setPath('userData', userData);

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

/** Origins outside the app that requests may reach (a user-configured hub, later). */
const allowedOrigins: readonly string[] = [];

if (app.requestSingleInstanceLock()) {
  start();
} else {
  app.quit();
}

function start(): void {
  // main.cjs sits in dist/electron/, next to preload.cjs; the renderer build is dist/renderer/.
  const rendererRoot = path.join(__dirname, '../renderer');
  const preloadPath = path.join(__dirname, 'preload.cjs');
  const settingsFile = path.join(app.getPath('userData'), SETTINGS_FILE_NAME);
  const windowStateFile = path.join(app.getPath('userData'), WINDOW_STATE_FILE_NAME);
  const deviceKeyFile = path.join(app.getPath('userData'), DEVICE_KEY_FILE_NAME);
  const basemapsFolder = path.join(app.getPath('userData'), BASEMAPS_FOLDER_NAME);
  const keychainFile = path.join(app.getPath('userData'), KEYCHAIN_UNLOCK_FILE_NAME);
  /** Every settings write goes through here, one at a time (language, sync folder, hubs). */
  const settings = createHostSettingsStore(settingsFile);

  /** WebContents ids of our own windows: the only senders IPC answers. */
  const ourContents = new Set<number>();
  /** Writes that must finish before the process exits. */
  const pendingWrites = new Set<Promise<unknown>>();
  let mainWindow: BrowserWindow | undefined;
  let language: UiLanguage = 'en';

  const track = (write: Promise<unknown>): void => {
    pendingWrites.add(write);
    void write.finally(() => pendingWrites.delete(write));
  };

  const sendMenuCommand = (command: MenuCommand): void => {
    const target = BrowserWindow.getFocusedWindow() ?? mainWindow;
    if (target && !target.isDestroyed() && ourContents.has(target.webContents.id)) {
      target.webContents.send(IPC_MENU_EVENT, command);
    }
  };

  // Loaded on the first request, after `ready` (safeStorage on Linux needs it).
  const deviceKey = createDeviceKeyService(() =>
    loadOrCreateHostDeviceKey({ file: deviceKeyFile, safeStorage }),
  );

  // Like the device key, safeStorage is only asked once a request comes, after `ready`.
  const keychain = createKeychainStore({ file: keychainFile, safeStorage });

  /** Sends `command` to every one of our windows (a lock must reach them all). */
  const sendMenuCommandToAll = (command: MenuCommand): void => {
    for (const id of ourContents) {
      const contents = webContents.fromId(id);
      if (contents && !contents.isDestroyed()) contents.send(IPC_MENU_EVENT, command);
    }
  };

  const bundles = createBundleDelivery({
    onError: (_file, message) => {
      const options = {
        type: 'error' as const,
        message: 'Daftar could not open a file',
        detail: message,
      };
      void (mainWindow
        ? dialog.showMessageBox(mainWindow, options)
        : dialog.showMessageBox(options));
    },
  });
  /** Set once IPC and the menu are ready: only then may a window be created for a file. */
  let started = false;
  const openFiles = async (paths: string[]): Promise<void> => {
    bundles.open(await existingBundleFiles(paths));
    // macOS keeps running with no window; a file opened then needs one.
    if (started) await ensureMainWindow();
  };
  const openFromArgv = (argv: readonly string[], cwd: string): void => {
    const paths = bundlePathsFromArgv(argv, cwd);
    if (paths.length > 0) openFiles(paths).catch(fail);
  };

  /** File → Import Bundle: the native file chooser; the file then opens like a double-clicked one. */
  const chooseBundle = async (): Promise<void> => {
    const options = {
      properties: ['openFile' as const],
      filters: [{ name: MENU_LABELS[language].bundleFiles, extensions: ['daftar'] }],
    };
    const parent = BrowserWindow.getFocusedWindow() ?? mainWindow;
    const result = await (parent
      ? dialog.showOpenDialog(parent, options)
      : dialog.showOpenDialog(options));
    if (!result.canceled) await openFiles(result.filePaths);
  };

  const applyMenu = (): void => {
    const template = buildMenuTemplate({
      language,
      platform: process.platform,
      isPackaged: app.isPackaged,
      send: (command) =>
        command === 'importBundle' ? chooseBundle().catch(fail) : sendMenuCommand(command),
    });
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };

  const hardenSession = (ses: Session): void => {
    ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
    ses.setPermissionCheckHandler(() => false);
    ses.setDevicePermissionHandler(() => false);
    ses.setSpellCheckerEnabled(false);
    ses.webRequest.onBeforeRequest(
      createRequestFilter(
        () => allowedOrigins,
        (url) => {
          if (!app.isPackaged) console.warn(`[daftar] blocked request to ${url}`);
        },
      ),
    );
  };

  /** Every link for the system browser goes through the https allow-list (externalLinks.ts). */
  const openExternal = createExternalOpener((url) => shell.openExternal(url));

  const hardenContents = (contents: WebContents): void => {
    contents.on('will-navigate', guardNavigation);
    contents.on('will-frame-navigate', guardNavigation);
    contents.on('will-redirect', guardNavigation);
    contents.on('will-attach-webview', refuseWebview);
    contents.setWindowOpenHandler(createWindowOpenHandler(openExternal));
  };

  const windowOf = (senderId: number): BrowserWindow | null => {
    const sender = webContents.fromId(senderId);
    return sender ? BrowserWindow.fromWebContents(sender) : null;
  };

  const showSaveDialogFor = (senderId: number) => {
    const parent = windowOf(senderId);
    return (options: SaveDialogOptions) =>
      parent ? dialog.showSaveDialog(parent, options) : dialog.showSaveDialog(options);
  };

  const documentsFolder = (): string => {
    try {
      return app.getPath('documents');
    } catch {
      return homedir();
    }
  };

  const workAreas = () => {
    const primary = screen.getPrimaryDisplay();
    const others = screen.getAllDisplays().filter((display) => display.id !== primary.id);
    return [primary, ...others].map((display) => display.workArea);
  };

  const createMainWindow = async (): Promise<void> => {
    const placed = placeWindow(await loadWindowState(windowStateFile), workAreas());
    const options = mainWindowOptions({
      preloadPath,
      bounds: placed.bounds,
      isPackaged: app.isPackaged,
      title: 'Daftar',
    });
    // The security settings are written out again here, last, so they win over anything the
    // options carry and the static check (build/scripts/electronegativity.mjs) can see them.
    const window = new BrowserWindow({
      ...options,
      webPreferences: {
        ...options.webPreferences,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
        disableBlinkFeatures: 'Auxclick',
      },
    });
    mainWindow = window;
    const contentsId = window.webContents.id;
    ourContents.add(contentsId);

    const saver = createWindowStateSaver({
      read: () =>
        window.isDestroyed()
          ? undefined
          : { bounds: window.getNormalBounds(), maximized: window.isMaximized() },
      save: (state) => saveWindowState(windowStateFile, state),
      onError: (error) => console.error('[daftar] could not save the window state', error),
    });
    window.on('move', () => saver.schedule());
    window.on('resize', () => saver.schedule());
    window.on('maximize', () => saver.schedule());
    window.on('unmaximize', () => saver.schedule());
    window.on('close', () => track(saver.flush()));
    window.on('closed', () => {
      saver.cancel();
      ourContents.delete(contentsId);
      if (mainWindow === window) {
        mainWindow = undefined;
        bundles.setTarget(undefined);
      }
    });
    // The preload listens from here on; files opened earlier wait in `bundles` until then.
    window.webContents.on('did-finish-load', () => {
      bundles.setTarget({
        send: (message) => {
          if (window.isDestroyed()) return false;
          window.webContents.send(IPC_OPEN_BUNDLE_EVENT, message);
          return true;
        },
      });
    });
    window.once('ready-to-show', () => {
      if (placed.maximized) window.maximize();
      window.show();
    });
    try {
      await window.loadURL(APP_ENTRY_URL);
    } catch (error) {
      // ERR_ABORTED only means the page navigated again while loading (a redirect, a reload).
      if (!(error instanceof Error && 'code' in error && error.code === 'ERR_ABORTED')) throw error;
    }
  };

  /** Creates the window unless it exists or is being created (startup, activate, open-file). */
  let creatingWindow: Promise<void> | undefined;
  const ensureMainWindow = (): Promise<void> => {
    if (mainWindow) return Promise.resolve();
    creatingWindow ??= createMainWindow().finally(() => {
      creatingWindow = undefined;
    });
    return creatingWindow;
  };

  app.on('second-instance', (_event, argv, workingDirectory) => {
    openFromArgv(argv, workingDirectory);
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });
  // macOS: Finder's double-click and "Open with" (also before `ready`, when they launch the app).
  app.on('open-file', (event, file) => {
    event.preventDefault();
    openFiles(bundlePathsFromArgv([file], '/')).catch(fail);
  });
  openFromArgv(process.argv, process.cwd());
  app.on('web-contents-created', (_event, contents) => hardenContents(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (app.isReady()) ensureMainWindow().catch(fail);
  });
  app.on('will-quit', (event) => {
    // Let the last window-state and settings writes land before the process goes away.
    if (pendingWrites.size === 0) return;
    event.preventDefault();
    const writes = [...pendingWrites];
    pendingWrites.clear();
    void Promise.allSettled(writes).then(() => app.quit());
  });

  app
    .whenReady()
    .then(async () => {
      hardenSession(session.defaultSession);
      protocol.handle(APP_SCHEME, createAppProtocolHandler({ root: rendererRoot }));
      app.setAboutPanelOptions({ applicationName: 'Daftar', applicationVersion: app.getVersion() });

      language = pickLanguage((await settings.load()).language, app.getPreferredSystemLanguages());
      applyMenu();

      const syncFolder = createSyncFolderStore({
        settings,
        language: () => language,
        showOpenDialog: (options, senderId) => {
          const parent = windowOf(senderId);
          return parent ? dialog.showOpenDialog(parent, options) : dialog.showOpenDialog(options);
        },
      });
      syncFolder.watch(() => {
        for (const id of ourContents) {
          const contents = webContents.fromId(id);
          if (contents && !contents.isDestroyed()) contents.send(IPC_SYNC_FOLDER_EVENT);
        }
      });
      const hubOrigins = createHubOriginGate({
        settings,
        confirm: async (origin, senderId) => {
          const parent = windowOf(senderId);
          const question = hubOriginQuestion(language, origin);
          const { response } = await (parent
            ? dialog.showMessageBox(parent, question)
            : dialog.showMessageBox(question));
          return response === CONNECT_BUTTON;
        },
      });

      /** Quick wipe, the host's part (hostWipe.ts); the page reloads into first run after it. */
      const wipeHost = async (): Promise<void> => {
        const report = await wipeHostData({
          userData: app.getPath('userData'),
          forgetInMemory: () => {
            deviceKey.forget();
            hubOrigins.forget();
            syncFolder.reset();
          },
          settle: async () => {
            await Promise.allSettled([...pendingWrites]);
            await settings.idle();
          },
          session: session.defaultSession,
        });
        const failure = wipeFailure(report);
        if (failure !== undefined) {
          console.error('[daftar] the wipe left something behind', report.failed);
          throw failure;
        }
      };

      lockOnSystemLock(powerMonitor, () => sendMenuCommandToAll('lock'));

      registerIpcHandlers(
        ipcMain,
        createIpcHandlers({
          appVersion: app.getVersion(),
          os: process.platform,
          openExternal,
          saveFile: (request, senderId) =>
            saveFileWithDialog(request, {
              showSaveDialog: showSaveDialogFor(senderId),
              defaultDirectory: documentsFolder(),
            }),
          printPdf: async (request, senderId) => {
            const sender = webContents.fromId(senderId);
            if (!sender) throw new Error('The window that asked to print has closed.');
            return printPdfWithDialog(request, {
              printToPdf: (options) => sender.printToPDF(options),
              showSaveDialog: showSaveDialogFor(senderId),
              defaultDirectory: documentsFolder(),
            });
          },
          setLanguage: async (next) => {
            language = next;
            applyMenu();
            const write = settings.update({ language: next });
            track(write);
            await write;
          },
          deviceKey,
          basemaps: createBasemapStore(basemapsFolder),
          hubRequest: createHubRequester({ allowOrigin: hubOrigins.check }),
          syncFolder,
          keychain,
          wipeHost,
        }),
        { isOurWebContents: (id) => ourContents.has(id) },
      );

      started = true;
      await ensureMainWindow();
    })
    .catch(fail);
}

function fail(error: unknown): void {
  console.error('[daftar] startup failed', error);
  dialog.showErrorBox(
    'Daftar could not start',
    error instanceof Error ? error.message : String(error),
  );
  app.exit(1);
}
