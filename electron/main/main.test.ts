/**
 * The composition root, run against a fake `electron` module (the real one cannot load here):
 * checks that main.ts wires the tested pieces to the right Electron calls, in the right order.
 */
import fc from 'fast-check';
import { EventEmitter } from 'node:events';
import { mkdir, mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { verifySignature } from '../../shared/bundle/crypto.ts';
import {
  IPC_INVOKE_CHANNELS,
  IPC_MENU_EVENT,
  IPC_OPEN_BUNDLE_EVENT,
  IPC_SYNC_FOLDER_EVENT,
  type IpcResult,
  type OpenBundleMessage,
} from '../../shared/ipc/contract.ts';
import { cspHeader } from '../../shared/security/csp.ts';
import { HOSTILE_URLS, hostileUrl, safeHttpsUrl } from '../../test/helpers/hostileUrls.ts';
import type { InvokeEventLike } from './ipcGuard.ts';
import type { MenuTemplateItem } from './menuTemplate.ts';

type Listener = (...args: unknown[]) => unknown;

class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly send = vi.fn();
  isDestroyed = () => false;
  windowOpenHandler: Listener | undefined;
  setWindowOpenHandler(handler: Listener): void {
    this.windowOpenHandler = handler;
  }
}

class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  static getFocusedWindow = (): FakeBrowserWindow | null => FakeBrowserWindow.instances[0] ?? null;
  static fromWebContents = (contents: FakeWebContents): FakeBrowserWindow | null =>
    FakeBrowserWindow.instances.find((w) => w.webContents === contents) ?? null;
  readonly webContents = new FakeWebContents();
  readonly loadURL = vi.fn(async () => undefined);
  readonly show = vi.fn();
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  isDestroyed = () => false;
  isMaximized = () => false;
  isMinimized = () => false;
  maximize = vi.fn();
  restore = vi.fn();
  focus = vi.fn();
  getNormalBounds = () => ({ x: 0, y: 0, width: 1280, height: 820 });
}

const calls: string[] = [];
const paths = new Map<string, string>();
const app = Object.assign(new EventEmitter(), {
  enableSandbox: vi.fn(() => calls.push('enableSandbox')),
  setPath: vi.fn((name: string, value: string) => paths.set(name, value)),
  getPath: (name: string) => paths.get(name) ?? path.join(tmpdir(), 'unused'),
  requestSingleInstanceLock: vi.fn(() => true),
  whenReady: () => {
    calls.push('whenReady');
    return Promise.resolve();
  },
  isReady: () => true,
  isPackaged: false,
  getVersion: () => '0.1.0',
  getPreferredSystemLanguages: () => ['en-US'],
  setAboutPanelOptions: vi.fn(),
  quit: vi.fn(),
  exit: vi.fn(),
});
const protocolHandlers = new Map<string, (request: Request) => Promise<Response>>();
const protocol = {
  registerSchemesAsPrivileged: vi.fn(() => calls.push('registerSchemes')),
  handle: vi.fn((scheme: string, handler: (request: Request) => Promise<Response>) => {
    protocolHandlers.set(scheme, handler);
  }),
};
const sessionHooks: Record<string, Listener> = {};
const defaultSession = {
  setPermissionRequestHandler: (handler: Listener) => (sessionHooks.request = handler),
  setPermissionCheckHandler: (handler: Listener) => (sessionHooks.check = handler),
  setDevicePermissionHandler: (handler: Listener) => (sessionHooks.device = handler),
  setSpellCheckerEnabled: vi.fn(),
  webRequest: { onBeforeRequest: (handler: Listener) => (sessionHooks.beforeRequest = handler) },
  clearStorageData: vi.fn(async () => undefined),
  clearData: vi.fn(async () => undefined),
  clearCache: vi.fn(async () => undefined),
  clearCodeCaches: vi.fn(async () => undefined),
  clearAuthCache: vi.fn(async () => undefined),
  clearHostResolverCache: vi.fn(async () => undefined),
  flushStorageData: vi.fn(),
};
const powerMonitor = new EventEmitter();
const ipcHandlers = new Map<string, (event: InvokeEventLike, arg?: unknown) => Promise<unknown>>();
const menus: MenuTemplateItem[][] = [];
const fakeElectron = {
  app,
  BrowserWindow: FakeBrowserWindow,
  protocol,
  powerMonitor,
  session: { defaultSession },
  ipcMain: {
    handle: (
      channel: string,
      handler: (event: InvokeEventLike, arg?: unknown) => Promise<unknown>,
    ) => ipcHandlers.set(channel, handler),
  },
  Menu: {
    buildFromTemplate: (template: MenuTemplateItem[]) => template,
    setApplicationMenu: (template: MenuTemplateItem[]) => menus.push(template),
  },
  screen: {
    getPrimaryDisplay: () => ({ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }),
    getAllDisplays: () => [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
  },
  shell: { openExternal: vi.fn(async () => undefined) },
  dialog: {
    showSaveDialog: vi.fn(),
    showOpenDialog: vi.fn(async (): Promise<{ canceled: boolean; filePaths: string[] }> => ({
      canceled: true,
      filePaths: [],
    })),
    showErrorBox: vi.fn(),
    showMessageBox: vi.fn(async () => ({ response: 0 })),
  },
  webContents: {
    fromId: (id: number) =>
      FakeBrowserWindow.instances.find((w) => w.webContents.id === id)?.webContents,
  },
  safeStorage: {
    isEncryptionAvailable: () => true,
    encryptString: (plain: string) => Buffer.from(plain).reverse(),
    decryptString: (encrypted: Buffer) => Buffer.from(encrypted).reverse().toString(),
  },
};

let userData: string;
let window: FakeBrowserWindow;

beforeAll(async () => {
  userData = await mkdtemp(path.join(tmpdir(), 'daftar-main-'));
  vi.stubEnv('DAFTAR_USER_DATA_DIR', userData);
  vi.doMock('electron', () => fakeElectron);
  await import('./main.ts');
  await vi.waitFor(() => expect(FakeBrowserWindow.instances).toHaveLength(1));
  window = FakeBrowserWindow.instances[0]!;
});

afterAll(async () => {
  vi.doUnmock('electron');
  vi.unstubAllEnvs();
  await rm(userData, { recursive: true, force: true });
});

const appEvent = (): InvokeEventLike => ({
  sender: { id: window.webContents.id },
  senderFrame: { url: 'daftar://app/index.html', parent: null },
});

describe('main process wiring', () => {
  it('sandboxes, uses the profile folder and registers the scheme before ready', () => {
    expect(calls.slice(0, 3)).toEqual(['enableSandbox', 'registerSchemes', 'whenReady']);
    expect(app.setPath).toHaveBeenCalledWith('userData', userData);
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      { scheme: 'daftar', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('opens one hardened window on the app page', () => {
    expect(window.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    });
    expect(window.loadURL).toHaveBeenCalledWith('daftar://app/index.html');
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalled();
  });

  it('serves the app protocol with the CSP', async () => {
    const response = await protocolHandlers.get('daftar')!(new Request('daftar://app/missing.js'));
    expect(response.status).toBe(404);
    expect(response.headers.get('Content-Security-Policy')).toBe(cspHeader());
  });

  it('denies permissions and cancels network requests', () => {
    const granted = vi.fn();
    sessionHooks.request!(window.webContents, 'geolocation', granted, {});
    expect(granted).toHaveBeenCalledWith(false);
    expect(sessionHooks.check!(window.webContents, 'media', 'daftar://app', {})).toBe(false);
    expect(sessionHooks.device!({})).toBe(false);
    const callback = vi.fn();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    sessionHooks.beforeRequest!({ url: 'https://example.com/' }, callback);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('https://example.com/'));
    warn.mockRestore();
    sessionHooks.beforeRequest!({ url: 'daftar://app/index.html' }, callback);
    expect(callback.mock.calls).toEqual([[{ cancel: true }], [{ cancel: false }]]);
  });

  it('guards navigation and new windows of every WebContents', () => {
    const navigation = { url: 'https://evil.example/', preventDefault: vi.fn() };
    window.webContents.emit('will-navigate', navigation);
    window.webContents.emit('will-redirect', navigation);
    expect(navigation.preventDefault).toHaveBeenCalledTimes(2);
    expect(window.webContents.windowOpenHandler!({ url: 'https://example.org/' })).toEqual({
      action: 'deny',
    });
    expect(fakeElectron.shell.openExternal).toHaveBeenCalledWith('https://example.org/');
  });

  it('answers IPC from its window only', async () => {
    expect([...ipcHandlers.keys()].sort()).toEqual([...IPC_INVOKE_CHANNELS].sort());
    const info = ipcHandlers.get('daftar:info')!;
    await expect(info(appEvent(), undefined)).resolves.toEqual({
      ok: true,
      value: { host: 'electron', appVersion: '0.1.0', os: process.platform },
    });
    const stranger = { ...appEvent(), sender: { id: 9999 } };
    await expect(info(stranger, undefined)).resolves.toMatchObject({ ok: false });
  });

  it('rebuilds the menu in Dari and remembers the choice', async () => {
    const setLanguage = ipcHandlers.get('daftar:set-language')!;
    await expect(setLanguage(appEvent(), 'fa-AF')).resolves.toEqual({ ok: true });
    expect(menus.at(-1)?.[0]?.label).toBe('فایل');
    const settings = JSON.parse(await readFile(path.join(userData, 'settings.json'), 'utf8'));
    expect(settings).toEqual({ language: 'fa-AF' });
  });

  it('sends menu commands to the focused window', () => {
    const newIncident = menus.at(-1)![0]!.submenu!.find((item) => item.id === 'newIncident')!;
    newIncident.click!();
    expect(window.webContents.send).toHaveBeenCalledWith(IPC_MENU_EVENT, 'newIncident');
  });

  it('saves the window state when the window closes', async () => {
    window.emit('close');
    await vi.waitFor(async () => {
      const state = JSON.parse(await readFile(path.join(userData, 'window-state.json'), 'utf8'));
      expect(state).toEqual({ bounds: { x: 0, y: 0, width: 1280, height: 820 }, maximized: false });
    });
  });

  it('signs with a device key kept by main, encrypted by the keychain', async () => {
    const publicKey = (await ipcHandlers.get('daftar:device-public-key')!(
      appEvent(),
      undefined,
    )) as IpcResult<Uint8Array>;
    expect(publicKey.ok && publicKey.value).toHaveLength(32);
    const data = new Uint8Array([1, 2, 3]);
    const signature = (await ipcHandlers.get('daftar:device-sign')!(
      appEvent(),
      data,
    )) as IpcResult<Uint8Array>;
    expect(signature.ok).toBe(true);
    if (!publicKey.ok || !signature.ok) return;
    expect(await verifySignature(publicKey.value, signature.value, data)).toBe(true);
    const stored = JSON.parse(await readFile(path.join(userData, 'device-key.json'), 'utf8'));
    expect(stored).toMatchObject({ storage: 'safeStorage' });
  });

  const bundleMessages = (): OpenBundleMessage[] =>
    window.webContents.send.mock.calls
      .filter(([channel]) => channel === IPC_OPEN_BUNDLE_EVENT)
      .map(([, message]) => message as OpenBundleMessage);

  it('sends a .daftar file from a second launch once the page has loaded', async () => {
    await writeFile(path.join(userData, 'kabul.daftar'), new Uint8Array([80, 75, 5, 6]));
    app.emit('second-instance', {}, ['/opt/Daftar/daftar', '--x', 'kabul.daftar'], userData);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(bundleMessages()).toEqual([]);
    window.webContents.emit('did-finish-load');
    await vi.waitFor(() => expect(bundleMessages().at(-1)?.type).toBe('end'));
    expect(bundleMessages()).toEqual([
      { type: 'begin', transfer: 1, name: 'kabul.daftar', size: 4 },
      { type: 'chunk', transfer: 1, offset: 0, data: new Uint8Array([80, 75, 5, 6]) },
      { type: 'end', transfer: 1 },
    ]);
  });

  it('takes files from macOS open-file, and says so when one is too large', async () => {
    const huge = path.join(userData, 'huge.daftar');
    await writeFile(huge, '');
    await truncate(huge, 2 * 1024 ** 3 + 1); // sparse: no disk space used
    const preventDefault = vi.fn();
    app.emit('open-file', { preventDefault }, huge);
    expect(preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(fakeElectron.dialog.showMessageBox).toHaveBeenCalled());
    expect(fakeElectron.dialog.showMessageBox).toHaveBeenCalledWith(
      window,
      expect.objectContaining({ type: 'error', detail: expect.stringMatching(/too large/) }),
    );
    expect(bundleMessages().filter((m) => m.type === 'begin')).toHaveLength(1);
  });
  it('keeps the sync folder the user chose, lists it and tells the window of changes', async () => {
    const team = path.join(userData, 'Team Bundles');
    await mkdir(team);
    fakeElectron.dialog.showOpenDialog.mockResolvedValueOnce({
      canceled: false,
      filePaths: [team],
    });
    const choose = ipcHandlers.get('daftar:folder-choose')!;
    await expect(choose(appEvent(), undefined)).resolves.toEqual({
      ok: true,
      value: 'Team Bundles',
    });
    expect(fakeElectron.dialog.showOpenDialog).toHaveBeenCalledWith(
      window,
      expect.objectContaining({
        properties: expect.arrayContaining(['openDirectory', 'createDirectory']),
      }),
    );
    const settings = JSON.parse(await readFile(path.join(userData, 'settings.json'), 'utf8'));
    expect(settings).toMatchObject({ language: 'fa-AF', syncFolder: team });
    const changes = () =>
      window.webContents.send.mock.calls.filter(([channel]) => channel === IPC_SYNC_FOLDER_EVENT);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await writeFile(path.join(team, 'daftar-a-20260101T000000Z-AAAAAAAA.daftarsync'), 'abc');
    await vi.waitFor(() => expect(changes()).toHaveLength(1), { timeout: 4000 });
    expect(changes()[0]).toEqual([IPC_SYNC_FOLDER_EVENT]);
    await expect(ipcHandlers.get('daftar:folder-list')!(appEvent(), undefined)).resolves.toEqual({
      ok: true,
      value: [
        {
          name: 'daftar-a-20260101T000000Z-AAAAAAAA.daftarsync',
          size: 3,
          modified: expect.any(Number),
        },
      ],
    });
    await expect(
      ipcHandlers.get('daftar:folder-read')!(appEvent(), {
        name: '../settings.json',
        offset: 0,
        length: 9,
      }),
    ).resolves.toMatchObject({ ok: false, error: expect.stringContaining('invalid argument') });
  });

  it('asks in the UI language before connecting to a hub, once per hub', async () => {
    const hub = createServer((_req, res) => res.writeHead(204).end());
    await new Promise<void>((resolve) => hub.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(hub.address() as AddressInfo).port}`;
    try {
      const hubRequest = ipcHandlers.get('daftar:hub-request')!;
      const request = (url: string) => hubRequest(appEvent(), { url, method: 'GET', headers: {} });
      const { showMessageBox } = fakeElectron.dialog;
      showMessageBox.mockClear();
      showMessageBox.mockResolvedValueOnce({ response: 0 });
      await expect(request(`${origin}/v1/health`)).resolves.toMatchObject({
        ok: true,
        value: { status: 204 },
      });
      expect(showMessageBox).toHaveBeenCalledExactlyOnceWith(
        window,
        expect.objectContaining({ buttons: ['وصل شدن', 'لغو'], defaultId: 1, cancelId: 1 }),
      );
      await expect(request(`${origin}/v1/health`)).resolves.toMatchObject({ ok: true });
      expect(showMessageBox).toHaveBeenCalledOnce();
      showMessageBox.mockResolvedValueOnce({ response: 1 });
      await expect(request('https://hub.example.org/v1/health')).resolves.toEqual({
        ok: false,
        error: 'You did not allow Daftar to connect to https://hub.example.org.',
        code: 'hub_not_allowed',
      });
      await expect(request('https://hub.example.org/v1/other')).resolves.toMatchObject({
        ok: false,
      });
      // After a decline, no question about another new hub for a while; the allowed one works.
      await expect(request('https://other.example.org/v1/health')).resolves.toMatchObject({
        ok: false,
        code: 'hub_not_allowed',
      });
      await expect(request(`${origin}/v1/health`)).resolves.toMatchObject({ ok: true });
      expect(showMessageBox).toHaveBeenCalledTimes(2);
      const settings = JSON.parse(await readFile(path.join(userData, 'settings.json'), 'utf8'));
      expect(settings.hubOrigins).toEqual([origin]);
    } finally {
      await new Promise<void>((resolve) => hub.close(() => resolve()));
    }
  });

  it('locks every window when the screen locks or the machine sleeps', () => {
    const locks = () =>
      window.webContents.send.mock.calls.filter(
        ([channel, command]) => channel === IPC_MENU_EVENT && command === 'lock',
      );
    const before = locks().length;
    powerMonitor.emit('lock-screen');
    powerMonitor.emit('suspend');
    expect(locks()).toHaveLength(before + 2);
  });

  it('keeps the row key with the keychain, then a wipe deletes it with all main keeps', async () => {
    const invoke = (channel: string, arg?: unknown) => ipcHandlers.get(channel)!(appEvent(), arg);
    const entry = {
      database: 'daftar-0b6f2f2e-5b8c-4d53-9a3e-6a1d2c0e9f10',
      rowKey: new Uint8Array(32).fill(5),
    };
    await expect(invoke('daftar:keychain-available')).resolves.toEqual({ ok: true, value: true });
    await expect(invoke('daftar:keychain-save', entry)).resolves.toEqual({ ok: true });
    await expect(invoke('daftar:keychain-load')).resolves.toEqual({ ok: true, value: entry });
    const keyBefore = (await invoke('daftar:device-public-key')) as IpcResult<Uint8Array>;
    const mainFiles = ['device-key.json', 'keychain-unlock.json', 'settings.json'];
    for (const name of mainFiles) await readFile(path.join(userData, name));

    await expect(invoke('daftar:wipe-host')).resolves.toEqual({ ok: true });
    for (const name of [...mainFiles, 'window-state.json']) {
      await expect(readFile(path.join(userData, name)), name).rejects.toThrow(/ENOENT/);
    }
    for (const clear of [
      defaultSession.clearStorageData,
      defaultSession.clearData,
      defaultSession.clearCache,
      defaultSession.clearCodeCaches,
      defaultSession.clearAuthCache,
      defaultSession.clearHostResolverCache,
    ]) {
      expect(clear).toHaveBeenCalledOnce();
    }
    // The user's sync folder and its files are theirs, not main's: left alone.
    await readFile(
      path.join(userData, 'Team Bundles', 'daftar-a-20260101T000000Z-AAAAAAAA.daftarsync'),
    );

    // Nothing of before survives in memory: no folder, a new device key, hubs asked about anew.
    await expect(invoke('daftar:keychain-load')).resolves.toEqual({ ok: true, value: null });
    await expect(invoke('daftar:folder-current')).resolves.toEqual({ ok: true, value: null });
    const keyAfter = (await invoke('daftar:device-public-key')) as IpcResult<Uint8Array>;
    expect(keyAfter.ok && keyBefore.ok && keyAfter.value).not.toEqual(
      keyBefore.ok && keyBefore.value,
    );
    const { showMessageBox } = fakeElectron.dialog;
    showMessageBox.mockClear();
    showMessageBox.mockResolvedValueOnce({ response: 1 });
    await expect(
      invoke('daftar:hub-request', {
        url: 'https://hub.example.org/v1/health',
        method: 'GET',
        headers: {},
      }),
    ).resolves.toMatchObject({ ok: false, code: 'hub_not_allowed' });
    expect(showMessageBox).toHaveBeenCalledOnce();
  });
});

/** Electron's permission names (session.setPermissionRequestHandler / CheckHandler), and some. */
const PERMISSIONS = [
  'clipboard-read',
  'clipboard-sanitized-write',
  'display-capture',
  'fileSystem',
  'fullscreen',
  'geolocation',
  'hid',
  'idle-detection',
  'keyboardLock',
  'media',
  'mediaKeySystem',
  'midi',
  'midiSysex',
  'notifications',
  'openExternal',
  'pointerLock',
  'serial',
  'speaker-selection',
  'storage-access',
  'top-level-storage-access',
  'usb',
  'window-management',
  'unknown',
];

describe('hardening: what a page cannot do', () => {
  const seed = Number(process.env.FC_SEED ?? 42);
  const shell = fakeElectron.shell.openExternal;

  it('isolates and sandboxes every window, with no Node, webview or middle-click windows', () => {
    expect(FakeBrowserWindow.instances.length).toBeGreaterThan(0);
    for (const created of FakeBrowserWindow.instances) {
      const preferences = created.options.webPreferences as Record<string, unknown>;
      expect(preferences).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        webviewTag: false,
      });
      expect(String(preferences.disableBlinkFeatures).split(',')).toContain('Auxclick');
      expect(preferences).not.toHaveProperty('enableBlinkFeatures');
      expect(preferences).not.toHaveProperty('experimentalFeatures', true);
    }
  });

  it('refuses every navigation, frame navigation and redirect away from the app', () => {
    for (const name of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      const away = HOSTILE_URLS.filter((url) => !url.startsWith('daftar://app/'));
      for (const url of [...away, 'https://example.org/', 'daftar://app.evil/']) {
        const event = { url, preventDefault: vi.fn() };
        window.webContents.emit(name, event);
        expect(event.preventDefault, `${name} ${url}`).toHaveBeenCalled();
      }
      const inside = { url: 'daftar://app/index.html#/sources', preventDefault: vi.fn() };
      window.webContents.emit(name, inside);
      expect(inside.preventDefault).not.toHaveBeenCalled();
    }
    const webview = { preventDefault: vi.fn() };
    window.webContents.emit('will-attach-webview', webview, {}, {});
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('denies every new window — window.open, target=_blank, middle-click — of any URL', () => {
    const open = window.webContents.windowOpenHandler!;
    const dispositions = ['default', 'foreground-tab', 'background-tab', 'new-window', 'other'];
    fc.assert(
      fc.property(
        fc.oneof(hostileUrl, safeHttpsUrl, fc.constant('daftar://app/index.html')),
        fc.constantFrom(...dispositions),
        (url, disposition) => {
          expect(open({ url, disposition, frameName: '', features: '' })).toEqual({
            action: 'deny',
          });
        },
      ),
      { seed, numRuns: 500 },
    );
  });

  it('lets only allow-listed https links from a new window reach the system browser', () => {
    const open = window.webContents.windowOpenHandler!;
    shell.mockClear();
    fc.assert(
      fc.property(hostileUrl, (url) => {
        open({ url, disposition: 'background-tab' });
      }),
      { seed, numRuns: 1_000 },
    );
    expect(shell).not.toHaveBeenCalled();
    open({ url: 'https://Example.org/report', disposition: 'foreground-tab' });
    expect(shell).toHaveBeenCalledExactlyOnceWith('https://example.org/report');
  });

  it("lets only allow-listed https links from the page's openExternal reach the system browser", async () => {
    const openExternal = ipcHandlers.get('daftar:open-external')!;
    shell.mockClear();
    await fc.assert(
      fc.asyncProperty(hostileUrl, async (url) => {
        await expect(openExternal(appEvent(), url)).resolves.toMatchObject({ ok: false });
      }),
      { seed, numRuns: 500 },
    );
    expect(shell).not.toHaveBeenCalled();
    await expect(openExternal(appEvent(), 'https://خبر.af/1')).resolves.toEqual({ ok: true });
    expect(shell).toHaveBeenCalledExactlyOnceWith('https://xn--ngblk.af/1');
  });

  it('denies every permission request and check, from any origin', () => {
    for (const permission of PERMISSIONS) {
      for (const origin of ['daftar://app', 'https://example.org', 'file://']) {
        const callback = vi.fn();
        sessionHooks.request!(window.webContents, permission, callback, {
          requestingUrl: `${origin}/`,
          isMainFrame: true,
        });
        expect(callback, permission).toHaveBeenCalledExactlyOnceWith(false);
        expect(
          sessionHooks.check!(window.webContents, permission, origin, {
            requestingUrl: `${origin}/`,
            isMainFrame: true,
          }),
          permission,
        ).toBe(false);
      }
      expect(sessionHooks.device!({ deviceType: permission, origin: 'daftar://app' })).toBe(false);
    }
  });
});
