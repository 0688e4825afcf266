/**
 * Fuzzes every IPC channel of the contract through the guard main registers (`registerIpcHandlers`
 * with a fake `ipcMain`): malformed payloads and calls from frames that are not our app page must
 * come back as an `{ ok: false }` value naming the channel, never throw, and never reach the
 * handler. Channels are enumerated from the contract, so a new channel is fuzzed as soon as it
 * exists — and this file stops compiling until it gets a valid sample below.
 */
import fc from 'fast-check';
import { z } from 'zod';
import { afterAll, describe, expect, it, vi } from 'vitest';
import {
  IPC_INVOKE,
  IPC_INVOKE_CHANNELS,
  type IpcInvokeArgs,
  type IpcInvokeChannel,
} from '../../shared/ipc/contract.ts';
import {
  registerIpcHandlers,
  type FrameLike,
  type InvokeEventLike,
  type IpcHandlers,
} from './ipcGuard.ts';
import { BASEMAP_TEST_ID as BASEMAP_ID, basemapEntry } from '../../test/helpers/basemapEntry.ts';

const seed = Number(process.env.FC_SEED ?? 42);
console.log(`ipcFuzz.test.ts: fast-check seed ${seed} (set FC_SEED to change)`);
const runs = { seed, numRuns: 60 };

const OUR_ID = 7;
const APP_URL = 'daftar://app/index.html';
const topFrame = (url: string): FrameLike => ({ url, parent: null });
const APP_EVENT: InvokeEventLike = { sender: { id: OUR_ID }, senderFrame: topFrame(APP_URL) };

/** One payload each channel accepts; the fuzz mutates it into ones it must not. */
const VALID: { [C in IpcInvokeChannel]: IpcInvokeArgs[C] } = {
  'daftar:basemap-create': undefined,
  'daftar:basemap-keep': basemapEntry({ info: { vectorLayers: ['roads'] } }),
  'daftar:basemap-list': undefined,
  'daftar:basemap-read': { id: BASEMAP_ID, offset: 0, length: 16 },
  'daftar:basemap-remove': BASEMAP_ID,
  'daftar:basemap-seal': BASEMAP_ID,
  'daftar:basemap-write': { id: BASEMAP_ID, offset: 0, data: new Uint8Array([1, 2]) },
  'daftar:device-public-key': undefined,
  'daftar:device-sign': new Uint8Array([1, 2, 3]),
  'daftar:folder-choose': undefined,
  'daftar:folder-commit': 'daftar-abc.daftarsync',
  'daftar:folder-current': undefined,
  'daftar:folder-forget': undefined,
  'daftar:folder-list': undefined,
  'daftar:folder-read': { name: 'daftar-folder.json', offset: 0, length: 10 },
  'daftar:folder-write': { name: 'daftar-abc.daftarsync', offset: 0, data: new Uint8Array([1]) },
  'daftar:hub-request': {
    url: 'https://hub.example.org/v1/bundles',
    method: 'POST',
    headers: { authorization: 'Bearer x', 'content-type': 'application/octet-stream' },
    body: new Uint8Array([1]),
  },
  'daftar:info': undefined,
  'daftar:keychain-available': undefined,
  'daftar:keychain-forget': undefined,
  'daftar:keychain-load': undefined,
  'daftar:keychain-save': {
    database: 'daftar-0b6f2f2e-5b8c-4d53-9a3e-6a1d2c0e9f10',
    rowKey: new Uint8Array(32).fill(7),
  },
  'daftar:open-external': 'https://example.org/report',
  'daftar:print-pdf': { suggestedName: 'dossier.pdf' },
  'daftar:save-file': {
    suggestedName: 'kabul.daftar',
    mediaType: 'application/x-daftar-bundle',
    data: new Uint8Array([1]),
  },
  'daftar:set-language': 'fa-AF',
  'daftar:wipe-host': undefined,
};

/**
 * Where a channel's payload names a file, a stored object or a URL (`''`: the argument itself):
 * there a traversal, a foreign scheme or a control character must be refused.
 */
const PATH_FIELDS: { [C in IpcInvokeChannel]: readonly string[] } = {
  'daftar:basemap-create': [],
  'daftar:basemap-keep': ['id'],
  'daftar:basemap-list': [],
  'daftar:basemap-read': ['id'],
  'daftar:basemap-remove': [''],
  'daftar:basemap-seal': [''],
  'daftar:basemap-write': ['id'],
  'daftar:device-public-key': [],
  'daftar:device-sign': [],
  'daftar:folder-choose': [],
  'daftar:folder-commit': [''],
  'daftar:folder-current': [],
  'daftar:folder-forget': [],
  'daftar:folder-list': [],
  'daftar:folder-read': ['name'],
  'daftar:folder-write': ['name'],
  'daftar:hub-request': ['url'],
  'daftar:info': [],
  'daftar:keychain-available': [],
  'daftar:keychain-forget': [],
  'daftar:keychain-load': [],
  'daftar:keychain-save': ['database'],
  'daftar:open-external': [''],
  'daftar:print-pdf': ['suggestedName'],
  'daftar:save-file': ['suggestedName'],
  'daftar:set-language': [''],
  'daftar:wipe-host': [],
};

/** A coarse type, so a mutation is known to be wrong by construction, not by asking the schema. */
function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isFinite(value) ? 'number' : 'non-finite';
  if (typeof value !== 'object') return typeof value;
  if (value instanceof Uint8Array) return 'bytes';
  if (ArrayBuffer.isView(value)) return 'typed-array';
  if (Array.isArray(value)) return 'array';
  return 'object';
}

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = i % 2 === 0 ? [value] : { next: value };
  return value;
}

const HUGE = 'A'.repeat(8 * 1024 ** 2);

/** Values of every shape IPC can carry, and then some: the raw material of wrong payloads. */
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.anything({
    maxDepth: 3,
    withBigInt: true,
    withBoxedValues: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withObjectString: true,
    withSparseArray: true,
    withTypedArray: true,
    withUnicodeString: true,
  }),
  fc.constantFrom<unknown>(
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    null,
    undefined,
    HUGE,
    new Uint16Array([1, 2]),
    new Float64Array([1]),
    new Int8Array(4),
    new Uint8ClampedArray(2),
    new DataView(new ArrayBuffer(2)),
    new ArrayBuffer(8),
    Array.from({ length: 200_000 }, () => 0),
    nested(5_000),
    JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}'),
    { toString: () => BASEMAP_ID, valueOf: () => 0 },
  ),
);

/** Keys an attacker adds to a payload object, prototype pollution first. */
const extraKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'path'),
  fc.string({ minLength: 1, maxLength: 12 }),
);

/** Strings that leave a folder, name another scheme or smuggle control characters. */
const pathLike = fc
  .tuple(
    fc.constantFrom(
      '../',
      '..\\',
      '/',
      '\\',
      'C:\\',
      '\\\\?\\C:\\',
      '\\\\server\\share\\',
      'a/../../',
      'daftar-../',
      'file:///',
      'javascript:',
      'data:text/html,',
      'daftar://app/',
      '\u0000',
      '\r\n',
    ),
    fc.string({ maxLength: 24 }),
    fc.constantFrom('', '.pdf', '.daftarsync', '/v1/bundles', '\u0000.pdf'),
  )
  .map(([prefix, middle, suffix]) => `${prefix}${middle}${suffix}`);

/** Sets an own property, even `__proto__` (as JSON.parse and structured clone do). */
function withOwn(object: object, key: string, value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...object };
  Object.defineProperty(copy, key, { value, enumerable: true, configurable: true, writable: true });
  return copy;
}

function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return kindOf(value) === 'object';
}

/** Whether the channel's schema would take `undefined` for `field` (an optional field). */
function fieldIsOptional(channel: IpcInvokeChannel, field: string): boolean {
  const schema: unknown = IPC_INVOKE[channel];
  if (!(schema instanceof z.ZodObject)) return false;
  const shape = schema.shape as Record<string, z.ZodType | undefined>;
  return shape[field]?.safeParse(undefined).success === true;
}

/** Payloads `channel` must refuse, each wrong by construction. */
function malformed(channel: IpcInvokeChannel): fc.Arbitrary<unknown> {
  const valid: unknown = VALID[channel];
  const wrongKind = hostileValue.filter((v) => kindOf(v) !== kindOf(valid));
  const options: fc.Arbitrary<unknown>[] = [wrongKind];
  if (isPlainRecord(valid)) {
    const fields = Object.keys(valid);
    options.push(
      fc
        .tuple(
          extraKey.filter((k) => !fields.includes(k)),
          hostileValue,
        )
        .map(([key, value]) => withOwn(valid, key, value)),
      fc
        .constantFrom(...fields)
        .chain((field) =>
          hostileValue
            .filter(
              (v) =>
                kindOf(v) !== kindOf(valid[field]) &&
                !(v === undefined && fieldIsOptional(channel, field)),
            )
            .map((value) => withOwn(valid, field, value)),
        ),
    );
  }
  const paths = PATH_FIELDS[channel];
  if (paths.length > 0) {
    options.push(
      fc
        .tuple(fc.constantFrom(...paths), fc.oneof(pathLike, fc.constant(HUGE)))
        .map(([field, text]) =>
          field === '' ? text : withOwn(valid as Record<string, unknown>, field, text),
        ),
    );
  }
  return fc.oneof(...options);
}

/** A guarded registration of every channel whose handlers only record that they ran. */
function registerSpies() {
  const listeners = new Map<string, (event: InvokeEventLike, arg?: unknown) => Promise<unknown>>();
  const spies = new Map<string, ReturnType<typeof vi.fn>>();
  const handlers = Object.fromEntries(
    IPC_INVOKE_CHANNELS.map((channel) => {
      const spy = vi.fn(async () => undefined);
      spies.set(channel, spy);
      return [channel, spy];
    }),
  ) as unknown as IpcHandlers;
  registerIpcHandlers(
    { handle: (channel, listener) => listeners.set(channel, listener) },
    handlers,
    { isOurWebContents: (id) => id === OUR_ID },
  );
  const invoke = (channel: IpcInvokeChannel, event: InvokeEventLike, arg: unknown) => {
    const listener = listeners.get(channel);
    if (!listener) throw new Error(`${channel} has no registered handler`);
    return listener(event, arg);
  };
  const spy = (channel: IpcInvokeChannel) => spies.get(channel)!;
  return { invoke, spy, listeners };
}

describe('the IPC contract', () => {
  it('gives every channel a payload schema, and registers exactly those channels', () => {
    const { listeners } = registerSpies();
    expect(Object.keys(IPC_INVOKE).sort()).toEqual([...IPC_INVOKE_CHANNELS].sort());
    for (const channel of IPC_INVOKE_CHANNELS) {
      expect(IPC_INVOKE[channel], `${channel} has no payload schema`).toBeInstanceOf(z.ZodType);
      expect(listeners.has(channel), `${channel} is not registered`).toBe(true);
    }
    expect([...listeners.keys()].sort()).toEqual([...IPC_INVOKE_CHANNELS].sort());
  });

  it.each(IPC_INVOKE_CHANNELS)('lets the valid sample for %s through', async (channel) => {
    const { invoke, spy } = registerSpies();
    await expect(invoke(channel, APP_EVENT, VALID[channel])).resolves.toEqual({
      ok: true,
      value: undefined,
    });
    expect(spy(channel)).toHaveBeenCalledOnce();
  });
});

describe('malformed payloads', () => {
  afterAll(() => {
    // A payload with `__proto__` keys must never have reached the shared prototype.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each(IPC_INVOKE_CHANNELS)('are refused on %s, and its handler never runs', async (channel) => {
    const { invoke, spy } = registerSpies();
    await fc.assert(
      fc.asyncProperty(malformed(channel), async (payload) => {
        const result = await invoke(channel, APP_EVENT, payload);
        expect(result).toEqual({
          ok: false,
          error: expect.stringMatching(new RegExp(`^${channel}: invalid argument \\(.+\\)\\.$`)),
        });
        expect(spy(channel)).not.toHaveBeenCalled();
      }),
      runs,
    );
  });
});

/** Invocations that do not come from the top frame of our window on an app page. */
const strangeSender: fc.Arbitrary<InvokeEventLike> = fc.oneof(
  fc.constant({ sender: { id: OUR_ID }, senderFrame: null }),
  // A sub-frame, even one showing an app page, at any depth.
  fc.integer({ min: 1, max: 4 }).map((depth) => {
    let frame: FrameLike = topFrame(APP_URL);
    for (let i = 0; i < depth; i++) frame = { url: APP_URL, parent: frame };
    return { sender: { id: OUR_ID }, senderFrame: frame };
  }),
  fc
    .oneof(
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.constantFrom(
        'daftar://evil/index.html',
        'daftar://app.evil/index.html',
        'daftar://user:pass@app/index.html',
        'daftar://app:8080/index.html',
        'file:///tmp/index.html',
        'about:blank',
        'about:srcdoc',
        'data:text/html,<script>1</script>',
        'blob:daftar://app/0b6f2f2e',
        'devtools://devtools/bundled/inspector.html',
        'chrome-extension://abc/index.html',
        'javascript:1',
        '',
        'not a url',
      ),
    )
    .map((url) => ({ sender: { id: OUR_ID }, senderFrame: topFrame(url) })),
  // Another WebContents (a devtools window, a stray webview) on an app page.
  fc
    .integer()
    .filter((id) => id !== OUR_ID)
    .map((id) => ({ sender: { id }, senderFrame: topFrame(APP_URL) })),
  // A frame disposed while its message was in flight: Electron throws from its getters.
  fc.constant({
    sender: { id: OUR_ID },
    senderFrame: {
      get url(): string {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
      parent: null,
    },
  }),
  fc.constant({
    get sender(): { id: number } {
      throw new Error('Object has been destroyed');
    },
    senderFrame: topFrame(APP_URL),
  }),
);

describe('unexpected senders', () => {
  it.each(IPC_INVOKE_CHANNELS)('are refused on %s, and its handler never runs', async (channel) => {
    const { invoke, spy } = registerSpies();
    await fc.assert(
      fc.asyncProperty(strangeSender, async (event) => {
        const result = await invoke(channel, event, VALID[channel]);
        expect(result).toEqual({
          ok: false,
          error: expect.stringMatching(new RegExp(`^${channel} refused: .+\\.$`)),
        });
        expect(spy(channel)).not.toHaveBeenCalled();
      }),
      runs,
    );
  });
});
