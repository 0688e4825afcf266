import { execFileSync } from 'node:child_process';
import { truncateSync } from 'node:fs';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OpenBundleMessage } from '../../shared/ipc/contract.ts';
import {
  bundlePathsFromArgv,
  createBundleDelivery,
  existingBundleFiles,
  OpenBundleError,
  sendBundleFile,
  type BundleSink,
} from './openFiles.ts';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'daftar-open-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A window that records what it is sent and can go away after `limit` messages. */
function recordingSink(limit = Infinity) {
  const messages: OpenBundleMessage[] = [];
  const sink: BundleSink & { messages: OpenBundleMessage[] } = {
    messages,
    send: (message) => {
      if (messages.length >= limit) return false;
      messages.push(message);
      return true;
    },
  };
  return sink;
}

function reassemble(messages: OpenBundleMessage[]): Uint8Array {
  const parts = messages.flatMap((m) => (m.type === 'chunk' ? [m.data] : []));
  return new Uint8Array(Buffer.concat(parts));
}

describe('bundlePathsFromArgv', () => {
  it('keeps .daftar arguments, resolved, and nothing else', () => {
    const cwd = path.resolve('/home/mariam');
    const argv = [
      '/opt/Daftar/daftar',
      '--no-sandbox',
      '--open=/tmp/x.daftar',
      'exchange/kabul.daftar',
      '/media/usb/HERAT.DAFTAR',
      'notes.txt',
      'exchange/kabul.daftar',
      'https://example.org/a.daftar',
      pathToFileURL(path.resolve('/media/usb/from url.daftar')).href,
      '.daftar-cache',
    ];
    expect(bundlePathsFromArgv(argv, cwd)).toEqual([
      path.join(cwd, 'exchange/kabul.daftar'),
      path.resolve('/media/usb/HERAT.DAFTAR'),
      path.resolve('/media/usb/from url.daftar'),
    ]);
  });

  it('finds nothing in a plain start', () => {
    expect(bundlePathsFromArgv(['/usr/bin/electron', '.'], '/work')).toEqual([]);
  });
});

describe('existingBundleFiles', () => {
  it('keeps regular files (also through a link) and drops folders and missing paths', async () => {
    const file = path.join(dir, 'a.daftar');
    const folder = path.join(dir, 'b.daftar');
    const link = path.join(dir, 'c.daftar');
    await writeFile(file, 'PK');
    await mkdir(folder);
    await symlink(file, link);
    const missing = path.join(dir, 'gone.daftar');
    expect(await existingBundleFiles([file, folder, missing, link])).toEqual([file, link]);
  });
});

describe('sendBundleFile', () => {
  it('sends the file in ordered chunks between begin and end', async () => {
    const file = path.join(dir, 'kabul.daftar');
    const content = new Uint8Array(1000).map((_, i) => i % 251);
    await writeFile(file, content);
    const sink = recordingSink();
    await expect(sendBundleFile(file, 7, sink, { chunkBytes: 300 })).resolves.toBe('sent');
    expect(sink.messages.map((m) => [m.type, 'offset' in m ? m.offset : null])).toEqual([
      ['begin', null],
      ['chunk', 0],
      ['chunk', 300],
      ['chunk', 600],
      ['chunk', 900],
      ['end', null],
    ]);
    expect(sink.messages[0]).toEqual({
      type: 'begin',
      transfer: 7,
      name: 'kabul.daftar',
      size: 1000,
    });
    expect(sink.messages.every((m) => m.transfer === 7)).toBe(true);
    expect(reassemble(sink.messages)).toEqual(content);
  });

  it('sends an empty file as begin and end', async () => {
    const file = path.join(dir, 'empty.daftar');
    await writeFile(file, '');
    const sink = recordingSink();
    await sendBundleFile(file, 1, sink);
    expect(sink.messages.map((m) => m.type)).toEqual(['begin', 'end']);
  });

  it('refuses a file over the limit before sending anything', async () => {
    const file = path.join(dir, 'huge.daftar');
    await writeFile(file, new Uint8Array(2048));
    const sink = recordingSink();
    const sending = sendBundleFile(file, 1, sink, { maxBytes: 1024 });
    await expect(sending).rejects.toThrow(OpenBundleError);
    await expect(sending).rejects.toThrow(/“huge\.daftar” is too large to open .* up to /);
    expect(sink.messages).toEqual([]);
  });

  it('says when the file is gone or is not a file', async () => {
    const sink = recordingSink();
    await expect(sendBundleFile(path.join(dir, 'x.daftar'), 1, sink)).rejects.toThrow(
      '“x.daftar” no longer exists.',
    );
    await mkdir(path.join(dir, 'folder.daftar'));
    await expect(sendBundleFile(path.join(dir, 'folder.daftar'), 1, sink)).rejects.toThrow(
      OpenBundleError,
    );
    expect(sink.messages).toEqual([]);
  });

  if (process.platform === 'win32') {
    console.log('openFiles.test.ts: skipping the FIFO test: Windows has no FIFOs (mkfifo)');
  }
  it.skipIf(process.platform === 'win32')(
    'does not hang on a FIFO named like a bundle',
    async () => {
      const fifo = path.join(dir, 'pipe.daftar');
      execFileSync('mkfifo', [fifo]);
      expect(await existingBundleFiles([fifo])).toEqual([]);
      await expect(sendBundleFile(fifo, 1, recordingSink())).rejects.toThrow('is not a file');
    },
  );

  it('aborts the transfer when the file shrinks while being read', async () => {
    const file = path.join(dir, 'shrinking.daftar');
    await writeFile(file, new Uint8Array(1000));
    const sink = recordingSink();
    const shrinking: BundleSink = {
      send: (message) => {
        if (message.type === 'chunk' && message.offset === 0) truncateSync(file, 100);
        return sink.send(message);
      },
    };
    await expect(sendBundleFile(file, 3, shrinking, { chunkBytes: 100 })).rejects.toThrow(
      /changed while Daftar was reading it/,
    );
    expect(sink.messages.at(-1)).toEqual({ type: 'abort', transfer: 3 });
  });

  it('stops when the window goes away', async () => {
    const file = path.join(dir, 'a.daftar');
    await writeFile(file, new Uint8Array(1000));
    const sink = recordingSink(2);
    await expect(sendBundleFile(file, 1, sink, { chunkBytes: 100 })).resolves.toBe('gone');
    expect(sink.messages).toHaveLength(2);
  });
});

describe('createBundleDelivery', () => {
  function setup() {
    const sent: string[] = [];
    let goneOnce = new Set<string>();
    const send = vi.fn(async (file: string, transfer: number, sink: BundleSink) => {
      if (file.endsWith('bad.daftar')) throw new OpenBundleError(`cannot read ${file}`);
      if (goneOnce.has(file)) {
        goneOnce.delete(file);
        return 'gone' as const;
      }
      sink.send({ type: 'end', transfer });
      sent.push(file);
      return 'sent' as const;
    });
    const onError = vi.fn();
    const delivery = createBundleDelivery({ onError, send });
    const goneFor = (files: string[]) => (goneOnce = new Set(files));
    return { delivery, sent, send, onError, goneFor };
  }

  it('holds files until the page has loaded, then sends them in order', async () => {
    const { delivery, sent } = setup();
    delivery.open(['/a.daftar', '/b.daftar']);
    await delivery.idle();
    expect(sent).toEqual([]);
    delivery.setTarget(recordingSink());
    delivery.open(['/c.daftar']);
    await delivery.idle();
    expect(sent).toEqual(['/a.daftar', '/b.daftar', '/c.daftar']);
  });

  it('reports a file it cannot read and carries on', async () => {
    const { delivery, sent, onError } = setup();
    delivery.setTarget(recordingSink());
    delivery.open(['/bad.daftar', '/b.daftar']);
    await delivery.idle();
    expect(onError).toHaveBeenCalledExactlyOnceWith('/bad.daftar', 'cannot read /bad.daftar');
    expect(sent).toEqual(['/b.daftar']);
  });

  it('keeps a file the window went away from for the next window', async () => {
    const { delivery, sent, send, goneFor } = setup();
    goneFor(['/a.daftar']);
    delivery.setTarget(recordingSink());
    delivery.open(['/a.daftar', '/b.daftar']);
    await delivery.idle();
    expect(sent).toEqual([]);
    expect(send).toHaveBeenCalledTimes(1);
    delivery.setTarget(recordingSink());
    await delivery.idle();
    expect(sent).toEqual(['/a.daftar', '/b.daftar']);
    expect(send.mock.calls.map((call) => call[1])).toEqual([1, 2, 3]);
  });
});
