/**
 * What someone holding the computer would find: every file under a profile folder searched for
 * marker strings, as UTF-8/Latin-1 and as UTF-16 (Chromium stores two-byte strings so).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(full)));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/** For each marker, the files (relative to `dir`) that contain it. */
export async function scanProfile(
  dir: string,
  markers: readonly string[],
): Promise<{ files: number; hits: Record<string, string[]> }> {
  const files = await filesUnder(dir);
  const hits: Record<string, string[]> = Object.fromEntries(markers.map((m) => [m, []]));
  const needles = markers.map((marker) => ({
    marker,
    forms: [Buffer.from(marker, 'utf8'), Buffer.from(marker, 'utf16le')],
  }));
  for (const file of files) {
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch {
      continue; // a lock file or socket that vanished
    }
    for (const { marker, forms } of needles)
      if (forms.some((form) => bytes.includes(form))) hits[marker]!.push(path.relative(dir, file));
  }
  return { files: files.length, hits };
}
