import { describe, expect, it, vi } from 'vitest';
import { createIpcHandlers, type IpcHandlerDeps } from './ipcHandlers.ts';

function setup(overrides: Partial<IpcHandlerDeps> = {}) {
  const deps = {
    appVersion: '0.1.0',
    os: 'linux',
    openExternal: vi.fn(async () => undefined),
    saveFile: vi.fn(async () => 'saved' as const),
    setLanguage: vi.fn(async () => undefined),
    deviceKey: {
      publicKey: vi.fn(async () => new Uint8Array(32).fill(1)),
      sign: vi.fn(async () => new Uint8Array(64).fill(2)),
    },
    ...overrides,
  };
  return { deps, handlers: createIpcHandlers(deps) };
}
const context = { senderId: 3 };

describe('createIpcHandlers', () => {
  it('reports the host', async () => {
    const { handlers } = setup();
    await expect(handlers['daftar:info'](undefined, context)).resolves.toEqual({
      host: 'electron',
      appVersion: '0.1.0',
      os: 'linux',
    });
  });

  it('opens allowed links and refuses the rest', async () => {
    const { deps, handlers } = setup();
    await handlers['daftar:open-external']('https://example.org/a', context);
    expect(deps.openExternal).toHaveBeenCalledExactlyOnceWith('https://example.org/a');
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'https://u:p@example.org/']) {
      await expect(handlers['daftar:open-external'](url, context)).rejects.toThrow(/http\(s\)/);
    }
    expect(deps.openExternal).toHaveBeenCalledTimes(1);
  });

  it('saves through the dialog for the sending window', async () => {
    const { deps, handlers } = setup();
    const request = { suggestedName: 'a.csv', mediaType: 'text/csv', data: new Uint8Array() };
    await expect(handlers['daftar:save-file'](request, context)).resolves.toBe('saved');
    expect(deps.saveFile).toHaveBeenCalledExactlyOnceWith(request, 3);
  });

  it('passes the language on', async () => {
    const { deps, handlers } = setup();
    await handlers['daftar:set-language']('fa-AF', context);
    expect(deps.setLanguage).toHaveBeenCalledExactlyOnceWith('fa-AF');
  });

  it('answers with the device key and signs with it', async () => {
    const { deps, handlers } = setup();
    await expect(handlers['daftar:device-public-key'](undefined, context)).resolves.toEqual(
      new Uint8Array(32).fill(1),
    );
    const data = new Uint8Array([1, 2, 3]);
    await expect(handlers['daftar:device-sign'](data, context)).resolves.toHaveLength(64);
    expect(deps.deviceKey.sign).toHaveBeenCalledExactlyOnceWith(data);
  });

  it('passes on that the host keeps no key', async () => {
    const deviceKey = {
      publicKey: async () => null,
      sign: async () => Promise.reject(new Error('This device has no host signing key')),
    };
    const { handlers } = setup({ deviceKey });
    await expect(handlers['daftar:device-public-key'](undefined, context)).resolves.toBeNull();
    await expect(handlers['daftar:device-sign'](new Uint8Array(), context)).rejects.toThrow(
      /no host signing key/,
    );
  });
});
