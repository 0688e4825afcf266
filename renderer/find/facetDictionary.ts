/**
 * One filterable field's values as small integer codes, with how many incidents use each: the
 * columns of the find engine store codes, the filter compares codes, the pickers read the counts.
 * Values are keyed exactly or folded (actors, places); a key shows as the first value seen for it
 * since it was last unused.
 */
import type { FacetValue } from './findTypes.ts';

export class FacetDictionary {
  private readonly codes = new Map<string, number>();
  /** Per code: its key, the value shown, the incidents using it. */
  readonly keys: string[] = [];
  private readonly shown: string[] = [];
  readonly counts: number[] = [];

  constructor(private readonly keyOf: (value: string) => string = (value) => value) {}

  get size(): number {
    return this.keys.length;
  }

  /** The code of `value`, counted once more. */
  use(value: string): number {
    const key = this.keyOf(value);
    let code = this.codes.get(key);
    if (code === undefined) {
      code = this.keys.length;
      this.codes.set(key, code);
      this.keys.push(key);
      this.shown.push(value);
      this.counts.push(0);
    }
    if (this.counts[code] === 0) this.shown[code] = value;
    this.counts[code]! += 1;
    return code;
  }

  /** One incident less uses the code. */
  release(code: number): void {
    this.counts[code]! -= 1;
  }

  /** The code of `value`'s key, if ever used. */
  find(value: string): number | undefined {
    return this.codes.get(this.keyOf(value));
  }

  /** A lookup table over codes: 1 for the codes of `values`. */
  mask(values: readonly string[]): Uint8Array {
    const mask = new Uint8Array(this.keys.length);
    for (const value of values) {
      const code = this.find(value);
      if (code !== undefined) mask[code] = 1;
    }
    return mask;
  }

  /** Values in use, most used first (then by value), for the pickers. */
  facets(): FacetValue[] {
    const out: FacetValue[] = [];
    for (let code = 0; code < this.keys.length; code++) {
      const count = this.counts[code]!;
      if (count > 0) out.push({ value: this.shown[code]!, count });
    }
    return out.sort(
      (a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0),
    );
  }
}
