import { describe, expect, it, vi } from 'vitest';
import { IPC_INVOKE_CHANNELS } from '../../shared/ipc/contract.ts';
import { MAX_BASEMAP_BYTES, MAX_BASEMAP_PIECE } from '../../shared/maps/basemapFiles.ts';
import {
  guardHandler,
  refuseSender,
  registerIpcHandlers,
  type FrameLike,
  type IpcHandlers,
  type InvokeEventLike,
} from './ipcGuard.ts';

const OUR_ID = 7;
const deps = { isOurWebContents: (id: number) => id === OUR_ID };
const topFrame = (url: string): FrameLike => ({ url, parent: null });
const event = (frame: FrameLike | null, id = OUR_ID): InvokeEventLike => ({
  sender: { id },
  senderFrame: frame,
});
const APP_EVENT = event(topFrame('daftar://app/index.html'));

const goodSave = {
  suggestedName: 'kabul-incidents.daftar',
  mediaType: 'application/x-daftar-bundle',
  data: new Uint8Array([1, 2, 3]),
};

const BASEMAP_ID = '0b6f2f2e-5b8c-4d53-9a3e-6a1d2c0e9f10';
const goodWrite = { id: BASEMAP_ID, offset: 0, data: new Uint8Array([1]) };
const goodRead = { id: BASEMAP_ID, offset: 0, length: 1 };

describe('refuseSender', () => {
  it('accepts the top frame of our window on an app page', () => {
    expect(refuseSender(APP_EVENT, deps)).toBeUndefined();
  });

  it.each([
    ['a missing frame', event(null), 'gone'],
    ['a web page', event(topFrame('https://evil.example/')), 'not an app page'],
    ['another daftar host', event(topFrame('daftar://evil/index.html')), 'not an app page'],
    ['a file page', event(topFrame('file:///tmp/x.html')), 'not an app page'],
    [
      'a sub-frame',
      event({ url: 'daftar://app/frame.html', parent: topFrame('daftar://app/index.html') }),
      'top frame',
    ],
    ['a foreign WebContents', event(topFrame('daftar://app/index.html'), 99), 'our windows'],
  ])('refuses %s', (_name, invokeEvent, reason) => {
    expect(refuseSender(invokeEvent, deps)).toContain(reason);
  });
});

describe('guardHandler', () => {
  it('passes a valid call from our window to the handler', async () => {
    const handler = vi.fn(async () => 'saved' as const);
    const guarded = guardHandler('daftar:save-file', handler, deps);
    await expect(guarded(APP_EVENT, goodSave)).resolves.toEqual({ ok: true, value: 'saved' });
    expect(handler).toHaveBeenCalledExactlyOnceWith(goodSave, { senderId: OUR_ID });
  });

  it('lets a PDF name in Dari through', async () => {
    const handler = vi.fn(async () => 'saved' as const);
    const request = { suggestedName: 'پرونده - حمله در کابل - 2024-05-02.pdf' };
    const guarded = guardHandler('daftar:print-pdf', handler, deps);
    await expect(guarded(APP_EVENT, request)).resolves.toEqual({ ok: true, value: 'saved' });
    expect(handler).toHaveBeenCalledExactlyOnceWith(request, { senderId: OUR_ID });
  });

  it('refuses a wrong-origin sender without calling the handler', async () => {
    const handler = vi.fn(async () => 'saved' as const);
    const guarded = guardHandler('daftar:save-file', handler, deps);
    const result = await guarded(event(topFrame('https://evil.example/')), goodSave);
    expect(result).toEqual({ ok: false, error: expect.stringContaining('refused') });
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses a missing frame without calling the handler', async () => {
    const handler = vi.fn(async () => undefined);
    const result = await guardHandler('daftar:set-language', handler, deps)(event(null), 'en');
    expect(result.ok).toBe(false);
    expect(handler).not.toHaveBeenCalled();
  });

  it.each([
    ['daftar:save-file', { ...goodSave, suggestedName: '../../.bashrc' }, 'suggestedName'],
    ['daftar:save-file', { ...goodSave, suggestedName: 'a\u0000b' }, 'suggestedName'],
    ['daftar:save-file', { ...goodSave, data: 'not bytes' }, 'data'],
    ['daftar:save-file', undefined, 'argument'],
    ['daftar:print-pdf', { suggestedName: 'dossier.html' }, '.pdf'],
    ['daftar:print-pdf', { suggestedName: '../dossier.pdf' }, 'suggestedName'],
    ['daftar:print-pdf', { suggestedName: 'a.pdf', landscape: true }, 'argument'],
    ['daftar:print-pdf', 'dossier.pdf', 'argument'],
    ['daftar:set-language', 'de', 'argument'],
    ['daftar:open-external', 42, 'argument'],
    ['daftar:open-external', `https://example.org/${'a'.repeat(3000)}`, 'argument'],
    ['daftar:info', { sneaky: true }, 'argument'],
    ['daftar:basemap-list', 'all', 'argument'],
    ['daftar:basemap-create', { id: BASEMAP_ID }, 'argument'],
    ['daftar:basemap-write', { ...goodWrite, id: '../x' }, 'id'],
    ['daftar:basemap-write', { ...goodWrite, offset: -1 }, 'offset'],
    ['daftar:basemap-write', { ...goodWrite, offset: 0.5 }, 'offset'],
    ['daftar:basemap-write', { ...goodWrite, offset: MAX_BASEMAP_BYTES }, '64 GiB'],
    ['daftar:basemap-write', { ...goodWrite, data: [1, 2] }, 'data'],
    ['daftar:basemap-write', undefined, 'argument'],
    ['daftar:basemap-seal', '../../etc/passwd', 'argument'],
    ['daftar:basemap-seal', 42, 'argument'],
    ['daftar:basemap-read', { ...goodRead, id: `${BASEMAP_ID}/..` }, 'id'],
    ['daftar:basemap-read', { ...goodRead, offset: Number.NaN }, 'offset'],
    ['daftar:basemap-read', { ...goodRead, length: MAX_BASEMAP_PIECE + 1 }, 'length'],
    ['daftar:basemap-read', { ...goodRead, offset: MAX_BASEMAP_BYTES }, '64 GiB'],
    ['daftar:basemap-read', { id: BASEMAP_ID }, 'offset'],
    ['daftar:basemap-keep', { id: BASEMAP_ID, fileName: 'a.pmtiles' }, 'addedAt'],
    ['daftar:basemap-keep', 'a.pmtiles', 'argument'],
    ['daftar:basemap-remove', '', 'argument'],
    ['daftar:basemap-remove', null, 'argument'],
    ['daftar:folder-read', { name: '../secret', offset: 0, length: 1 }, 'name'],
    ['daftar:folder-read', { name: 'a.daftar', offset: 0, length: 8 * 1024 ** 2 + 1 }, 'length'],
    ['daftar:folder-read', { name: 'a.daftar', offset: 2 * 1024 ** 3, length: 1 }, '2 GiB'],
    ['daftar:folder-read', { name: 'a.daftar', offset: 0, length: 1, path: '/' }, 'argument'],
    ['daftar:folder-write', { name: 'a/b', offset: 0, data: new Uint8Array() }, 'name'],
    ['daftar:folder-write', { name: 'a.daftar', offset: -1, data: new Uint8Array() }, 'offset'],
    ['daftar:folder-write', { name: 'a.daftar', offset: 0, data: [1] }, 'data'],
    ['daftar:folder-commit', '.hidden', 'argument'],
    ['daftar:folder-commit', 'C:x', 'argument'],
    ['daftar:folder-list', '/etc', 'argument'],
    ['daftar:folder-choose', '/home', 'argument'],
  ] as const)('refuses a bad %s payload with a message', async (channel, payload, field) => {
    const handler = vi.fn(async () => undefined);
    const guarded = guardHandler(channel, handler as never, deps);
    const result = await guarded(APP_EVENT, payload);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toContain(`${channel}: invalid argument`);
      expect(result.error).toContain(field);
    }
    expect(handler).not.toHaveBeenCalled();
  });

  it('refuses a basemap piece over 16 MiB', async () => {
    const write = vi.fn(async () => undefined);
    const piece = { ...goodWrite, data: new Uint8Array(MAX_BASEMAP_PIECE + 1) };
    await expect(
      guardHandler('daftar:basemap-write', write, deps)(APP_EVENT, piece),
    ).resolves.toEqual({
      ok: false,
      error:
        'daftar:basemap-write: invalid argument (data: Too many bytes in one piece (limit 16 MiB).).',
    });
    expect(write).not.toHaveBeenCalled();
  });

  it('passes valid basemap pieces through', async () => {
    // Only the bytes' identity is compared: a deep comparison of 16 MiB takes vitest minutes.
    const received: Uint8Array[] = [];
    const write = async ({ data }: { data: Uint8Array }) => {
      received.push(data);
      return undefined;
    };
    const guarded = guardHandler('daftar:basemap-write', write, deps);
    const piece = { ...goodWrite, data: new Uint8Array(MAX_BASEMAP_PIECE) };
    await expect(guarded(APP_EVENT, piece)).resolves.toEqual({ ok: true, value: undefined });
    expect(received).toHaveLength(1);
    expect(received[0] === piece.data).toBe(true);
    const read = vi.fn(async () => new Uint8Array([1]));
    const last = { id: BASEMAP_ID, offset: MAX_BASEMAP_BYTES - 1, length: 1 };
    await expect(guardHandler('daftar:basemap-read', read, deps)(APP_EVENT, last)).resolves.toEqual(
      { ok: true, value: new Uint8Array([1]) },
    );
  });

  it('turns a handler failure into an error value instead of throwing', async () => {
    const guarded = guardHandler(
      'daftar:set-language',
      async () => {
        throw new Error('disk full');
      },
      deps,
    );
    await expect(guarded(APP_EVENT, 'fa-AF')).resolves.toEqual({ ok: false, error: 'disk full' });
  });

  it('passes on the code of a failure the page tells apart, and no other code', async () => {
    const failing = (code: string) =>
      guardHandler(
        'daftar:set-language',
        async () => {
          throw Object.assign(new Error('no'), { code });
        },
        deps,
      );
    await expect(failing('hub_not_allowed')(APP_EVENT, 'fa-AF')).resolves.toEqual({
      ok: false,
      error: 'no',
      code: 'hub_not_allowed',
    });
    await expect(failing('ENOENT')(APP_EVENT, 'fa-AF')).resolves.toEqual({
      ok: false,
      error: 'no',
    });
  });
});

describe('registerIpcHandlers', () => {
  it('registers a guarded handler for every channel of the contract', async () => {
    const registered = new Map<string, (event: InvokeEventLike, arg?: unknown) => unknown>();
    const ipcMain = {
      handle: vi.fn((channel: string, listener) => registered.set(channel, listener)),
    };
    const handlers: IpcHandlers = {
      'daftar:basemap-create': async () => BASEMAP_ID,
      'daftar:basemap-keep': async () => undefined,
      'daftar:basemap-list': async () => [],
      'daftar:basemap-read': async () => new Uint8Array(),
      'daftar:basemap-remove': async () => undefined,
      'daftar:basemap-seal': async () => 0,
      'daftar:basemap-write': async () => undefined,
      'daftar:device-public-key': async () => null,
      'daftar:device-sign': async () => new Uint8Array(64),
      'daftar:folder-choose': async () => null,
      'daftar:folder-commit': async () => undefined,
      'daftar:folder-current': async () => null,
      'daftar:folder-forget': async () => undefined,
      'daftar:folder-list': async () => [],
      'daftar:folder-read': async () => new Uint8Array(),
      'daftar:folder-write': async () => undefined,
      'daftar:hub-request': async () => ({ status: 200, headers: {}, body: new Uint8Array() }),
      'daftar:info': async () => ({ host: 'electron', appVersion: '1.0.0', os: 'linux' }),
      'daftar:keychain-available': async () => false,
      'daftar:keychain-forget': async () => undefined,
      'daftar:keychain-load': async () => null,
      'daftar:keychain-save': async () => undefined,
      'daftar:open-external': async () => undefined,
      'daftar:print-pdf': async () => 'cancelled',
      'daftar:save-file': async () => 'cancelled',
      'daftar:set-language': async () => undefined,
      'daftar:wipe-host': async () => undefined,
    };
    registerIpcHandlers(ipcMain, handlers, deps);
    expect([...registered.keys()].sort()).toEqual([...IPC_INVOKE_CHANNELS].sort());
    const info = registered.get('daftar:info')!;
    await expect(info(APP_EVENT, undefined)).resolves.toMatchObject({ ok: true });
    await expect(info(event(topFrame('https://evil.example/')), undefined)).resolves.toMatchObject({
      ok: false,
    });
    const sign = registered.get('daftar:device-sign')!;
    await expect(sign(APP_EVENT, new Uint8Array(16 * 1024 ** 2 + 1))).resolves.toEqual({
      ok: false,
      error:
        'daftar:device-sign: invalid argument (argument: Too much data to sign (limit 16 MiB).).',
    });
  });
});
