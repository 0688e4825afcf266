import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OpenBundleMessage } from '../../shared/ipc/channels.ts';
import {
  createBundleAssembler,
  isBundleFileName,
  readOpenBundleMessage,
} from './bundleAssembler.ts';

const bytes = (...values: number[]) => new Uint8Array(values);

function setup(maxBytes?: number) {
  const deliver = vi.fn();
  const feed = createBundleAssembler(deliver, maxBytes);
  const send = (...messages: OpenBundleMessage[]) => messages.forEach((m) => feed(m));
  return { deliver, feed, send };
}

beforeEach(() => {
  vi.spyOn(console, 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe('createBundleAssembler', () => {
  it('hands over a whole file once its parts are in', () => {
    const { deliver, send } = setup();
    send(
      { type: 'begin', transfer: 1, name: 'kabul.daftar', size: 5 },
      { type: 'chunk', transfer: 1, offset: 0, data: bytes(1, 2) },
      { type: 'chunk', transfer: 1, offset: 2, data: bytes(3, 4, 5) },
    );
    expect(deliver).not.toHaveBeenCalled();
    send({ type: 'end', transfer: 1 });
    expect(deliver).toHaveBeenCalledExactlyOnceWith({
      name: 'kabul.daftar',
      data: bytes(1, 2, 3, 4, 5),
    });
  });

  it('hands over an empty file', () => {
    const { deliver, send } = setup();
    send({ type: 'begin', transfer: 1, name: 'e.daftar', size: 0 }, { type: 'end', transfer: 1 });
    expect(deliver).toHaveBeenCalledExactlyOnceWith({ name: 'e.daftar', data: bytes() });
  });

  it.each<[string, OpenBundleMessage[]]>([
    ['incomplete', [{ type: 'chunk', transfer: 1, offset: 0, data: bytes(1, 2) }]],
    ['with a gap', [{ type: 'chunk', transfer: 1, offset: 1, data: bytes(1, 2, 3) }]],
    [
      'with a repeated part',
      [
        { type: 'chunk', transfer: 1, offset: 0, data: bytes(1, 2) },
        { type: 'chunk', transfer: 1, offset: 0, data: bytes(1, 2) },
      ],
    ],
    ['too long', [{ type: 'chunk', transfer: 1, offset: 0, data: bytes(1, 2, 3, 4) }]],
    [
      'aborted',
      [
        { type: 'chunk', transfer: 1, offset: 0, data: bytes(1, 2, 3) },
        { type: 'abort', transfer: 1 },
      ],
    ],
    [
      'interrupted by another file',
      [
        { type: 'chunk', transfer: 1, offset: 0, data: bytes(1) },
        { type: 'begin', transfer: 2, name: 'b.daftar', size: 1 },
        { type: 'chunk', transfer: 1, offset: 1, data: bytes(2, 3) },
      ],
    ],
  ])('drops a file that arrives %s', (_name, middle) => {
    const { deliver, send } = setup();
    send({ type: 'begin', transfer: 1, name: 'a.daftar', size: 3 }, ...middle, {
      type: 'end',
      transfer: 1,
    });
    expect(deliver).not.toHaveBeenCalled();
  });

  it('ignores parts of transfers it is not receiving', () => {
    const { deliver, send } = setup();
    send(
      { type: 'begin', transfer: 2, name: 'a.daftar', size: 1 },
      { type: 'chunk', transfer: 1, offset: 0, data: bytes(9) },
      { type: 'end', transfer: 1 },
      { type: 'chunk', transfer: 2, offset: 0, data: bytes(7) },
      { type: 'end', transfer: 2 },
    );
    expect(deliver).toHaveBeenCalledExactlyOnceWith({ name: 'a.daftar', data: bytes(7) });
  });

  it('refuses a file announced larger than the limit without allocating it', () => {
    const { deliver, send } = setup(4);
    send(
      { type: 'begin', transfer: 1, name: 'a.daftar', size: 5 },
      { type: 'chunk', transfer: 1, offset: 0, data: bytes(1, 2, 3, 4, 5) },
      { type: 'end', transfer: 1 },
    );
    expect(deliver).not.toHaveBeenCalled();
  });

  it('ignores payloads that are not messages', () => {
    const { deliver, feed } = setup();
    for (const junk of [undefined, null, 'begin', 42, { type: 'begin' }, { type: 'end' }]) {
      feed(junk);
    }
    expect(deliver).not.toHaveBeenCalled();
  });
});

describe('readOpenBundleMessage', () => {
  it.each([
    { type: 'begin', transfer: 1, name: '../x.daftar', size: 1 },
    { type: 'begin', transfer: 1, name: 'a.daftar', size: -1 },
    { type: 'begin', transfer: 1, name: 'a.daftar', size: 1.5 },
    { type: 'begin', transfer: '1', name: 'a.daftar', size: 1 },
    { type: 'chunk', transfer: 1, offset: 0, data: [1, 2] },
    { type: 'chunk', transfer: 1, offset: -1, data: bytes(1) },
    { type: 'other', transfer: 1 },
  ])('refuses %j', (message) => {
    expect(readOpenBundleMessage(message)).toBeUndefined();
  });

  it.each(['a.daftar', 'گزارش کابل.daftar'])('accepts the file name %j', (name) => {
    expect(isBundleFileName(name)).toBe(true);
  });

  it.each(['', '.', '..', 'a/b.daftar', 'a\\b.daftar', 'a\nb.daftar', 'x'.repeat(256)])(
    'refuses the file name %j',
    (name) => {
      expect(isBundleFileName(name)).toBe(false);
    },
  );
});
