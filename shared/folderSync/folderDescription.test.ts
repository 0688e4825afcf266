import { describe, expect, it } from 'vitest';
import { fromUtf8, utf8 } from '../teamSync/webCrypto.ts';
import {
  describeNewFolder,
  openFolder,
  parseFolderDescription,
  type DescribeOptions,
} from './folderDescription.ts';
import { isFolderSyncError } from './folderSyncError.ts';

const WEAK: DescribeOptions = { iterations: 1_000, testOnlyAllowWeakKdf: true };
const PASS = 'our orchard by the river';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isFolderSyncError(error)) return error.code;
    throw error;
  }
  throw new Error('expected a refusal');
}

function edit(bytes: Uint8Array, change: (json: Record<string, unknown>) => void): Uint8Array {
  const json = JSON.parse(fromUtf8(bytes)) as Record<string, unknown>;
  change(json);
  return utf8(JSON.stringify(json));
}

describe('the sync folder description', () => {
  it('opens with the passphrase it was made with, giving the same folder key', async () => {
    const made = await describeNewFolder(PASS, WEAK);
    const text = fromUtf8(made.bytes);
    expect(text).toContain('"format": "daftar-sync-folder"');
    expect(made.folder.key).toHaveLength(32);
    const opened = await openFolder(parseFolderDescription(made.bytes), PASS, WEAK);
    expect(opened.id).toBe(made.folder.id);
    expect(opened.key).toEqual(made.folder.key);
    // Dari typed in another normal form opens it too.
    const dari = await describeNewFolder('باغ ما کنار دریا', WEAK);
    const again = await openFolder(
      parseFolderDescription(dari.bytes),
      'باغ ما کنار دریا'.normalize('NFD'),
      WEAK,
    );
    expect(again.key).toEqual(dari.folder.key);
  });

  it('refuses a wrong passphrase, and a description whose id was changed, as a wrong passphrase', async () => {
    const made = await describeNewFolder(PASS, WEAK);
    expect(await codeOf(openFolder(parseFolderDescription(made.bytes), 'not it', WEAK))).toBe(
      'wrongFolderPassphrase',
    );
    const moved = edit(made.bytes, (j) => {
      j.id = 'A'.repeat(22);
    });
    expect(await codeOf(openFolder(parseFolderDescription(moved), PASS, WEAK))).toBe(
      'wrongFolderPassphrase',
    );
    expect(await codeOf(openFolder(parseFolderDescription(made.bytes), '', WEAK))).toBe(
      'passphraseRequired',
    );
  });

  it('refuses a weak key derivation outside tests', async () => {
    const made = await describeNewFolder(PASS, WEAK);
    expect(await codeOf(openFolder(parseFolderDescription(made.bytes), PASS))).toBe(
      'notAFolderDescription',
    );
  });

  it.each<[string, (j: Record<string, unknown>) => void, string]>([
    ['another format', (j) => (j.format = 'zip'), 'notAFolderDescription'],
    ['a newer version', (j) => (j.version = 2), 'unsupportedFolder'],
    ['an unknown field', (j) => (j.script = '<script>'), 'notAFolderDescription'],
    ['a malformed id', (j) => (j.id = '../../etc'), 'notAFolderDescription'],
    [
      'a hostile iteration count',
      (j) => ((j.key as Record<string, unknown>).iterations = 1e12),
      'notAFolderDescription',
    ],
    [
      'a short salt',
      (j) => ((j.key as Record<string, unknown>).salt = 'AAAA'),
      'notAFolderDescription',
    ],
    ['no key', (j) => delete j.key, 'notAFolderDescription'],
  ])('refuses a description with %s, clearly', async (_name, change, code) => {
    const made = await describeNewFolder(PASS, WEAK);
    expect(
      await codeOf(Promise.resolve().then(() => parseFolderDescription(edit(made.bytes, change)))),
    ).toBe(code);
  });

  it('refuses what is not JSON, or far too large, before reading it', async () => {
    expect(
      await codeOf(Promise.resolve().then(() => parseFolderDescription(utf8('PK\u0003\u0004')))),
    ).toBe('notAFolderDescription');
    const huge = new Uint8Array(5_000).fill(32);
    expect(await codeOf(Promise.resolve().then(() => parseFolderDescription(huge)))).toBe(
      'notAFolderDescription',
    );
  });
});
