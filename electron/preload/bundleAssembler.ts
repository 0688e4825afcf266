/**
 * Reassembles the `.daftar` files main sends in chunks on `daftar:open-bundle` (see
 * `OpenBundleMessage`). Everything is checked as it arrives — shapes, the declared size against
 * the limit, chunks contiguous and within that size, the total complete at `end` — and anything
 * out of order drops the transfer, so the page only ever receives whole files.
 */
import {
  MAX_OPEN_BUNDLE_BYTES,
  type OpenBundleMessage,
  type OpenedBundleFile,
} from '../../shared/ipc/channels.ts';

interface Transfer {
  id: number;
  name: string;
  data: Uint8Array;
  received: number;
}

/** A base name as main sends it: no folders, no control characters, not `.` or `..`. */
export function isBundleFileName(name: unknown): name is string {
  return (
    typeof name === 'string' &&
    name.length > 0 &&
    name.length <= 255 &&
    name !== '.' &&
    name !== '..' &&
    !/[/\\]/.test(name) &&
    ![...name].some((c) => c < ' ' || c === '\u007f')
  );
}

function field(message: object, key: string): unknown {
  return (message as Record<string, unknown>)[key];
}

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/** A checked `OpenBundleMessage`, or `undefined` for anything else. */
export function readOpenBundleMessage(value: unknown): OpenBundleMessage | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const type = field(value, 'type');
  const transfer = field(value, 'transfer');
  if (!isCount(transfer)) return undefined;
  switch (type) {
    case 'begin': {
      const name = field(value, 'name');
      const size = field(value, 'size');
      return isBundleFileName(name) && isCount(size) ? { type, transfer, name, size } : undefined;
    }
    case 'chunk': {
      const offset = field(value, 'offset');
      const data = field(value, 'data');
      return isCount(offset) && data instanceof Uint8Array
        ? { type, transfer, offset, data }
        : undefined;
    }
    case 'end':
    case 'abort':
      return { type, transfer };
    default:
      return undefined;
  }
}

/** Returns the function to feed each IPC payload to; calls `deliver` once per whole file. */
export function createBundleAssembler(
  deliver: (file: OpenedBundleFile) => void,
  maxBytes: number = MAX_OPEN_BUNDLE_BYTES,
): (payload: unknown) => void {
  let current: Transfer | undefined;
  const drop = (why: string): void => {
    if (current) console.warn(`[daftar] dropped the opened file “${current.name}”: ${why}`);
    current = undefined;
  };

  return (payload) => {
    const message = readOpenBundleMessage(payload);
    if (message === undefined) return;
    if (message.type === 'begin') {
      drop('another file started before it ended');
      if (message.size > maxBytes) return;
      try {
        const data = new Uint8Array(message.size);
        current = { id: message.transfer, name: message.name, data, received: 0 };
      } catch {
        console.warn(`[daftar] not enough memory to open “${message.name}”`);
      }
      return;
    }
    if (current?.id !== message.transfer) return;
    switch (message.type) {
      case 'chunk':
        if (
          message.offset !== current.received ||
          message.data.length > current.data.length - current.received
        ) {
          drop('its parts arrived out of order');
          return;
        }
        current.data.set(message.data, current.received);
        current.received += message.data.length;
        return;
      case 'end': {
        const done = current;
        current = undefined;
        if (done.received !== done.data.length) {
          console.warn(`[daftar] dropped the opened file “${done.name}”: it arrived incomplete`);
          return;
        }
        deliver({ name: done.name, data: done.data });
        return;
      }
      case 'abort':
        current = undefined;
        return;
    }
  };
}
