/**
 * The shipped translations stay complete: Dari has every English string with the same
 * placeholders, and every literal key the code asks for exists.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import en from './locales/en.json';
import faAF from './locales/fa-AF.json';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [k, v] of flatten(value, `${prefix}${key}.`)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sourceFiles(file);
    return /\.tsx?$/.test(name) && !name.includes('.test.') ? [file] : [];
  });
}

describe('translations', () => {
  const english = flatten(en as Tree);
  const dari = flatten(faAF as Tree);

  it('has every English string in Dari, with the same placeholders and none empty', () => {
    expect([...dari.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, text] of english) {
      expect(text.trim(), key).not.toBe('');
      expect(dari.get(key)?.trim(), key).not.toBe('');
      expect(placeholders(dari.get(key) ?? ''), key).toEqual(placeholders(text));
    }
  });

  it('defines every literal key the renderer asks for', () => {
    const root = path.resolve(import.meta.dirname, '..');
    const missing: string[] = [];
    for (const file of sourceFiles(root)) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/\bt\(\s*'([a-zA-Z]+\.[a-zA-Z0-9.]+)'/g)) {
        const key = match[1]!;
        const plural = [...english.keys()].some((k) => k.startsWith(`${key}_`));
        if (!english.has(key) && !plural) missing.push(`${path.relative(root, file)}: ${key}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
