/**
 * Small JSON files in userData (settings, window state): read through a schema so a corrupt,
 * truncated or hand-edited file yields `undefined` (callers fall back to defaults), and written
 * atomically so a crash mid-write never leaves a corrupt file behind.
 */
import { readFile } from 'node:fs/promises';
import type { z } from 'zod';
import { writeFileAtomic } from './atomicWrite.ts';

/** The file's value if it exists, parses and matches `schema`; otherwise `undefined`. */
export async function readJsonFile<T>(file: string, schema: z.ZodType<T>): Promise<T | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return undefined;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

export async function writeJsonFile(file: string, value: unknown): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(value, null, 2)}\n`);
}
