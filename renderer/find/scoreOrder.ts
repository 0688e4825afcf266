/**
 * Sorting matches best first without a comparator: each (score, slot) pair is packed into one
 * float — the score's bits with its lowest mantissa bits replaced by the slot — and the packed
 * floats sorted by the engine's native numeric sort. Scores are positive, and positive doubles
 * order as their bit patterns do, so the packed floats order by score up to the dropped bits
 * (about 17 of 52 for 100,000 slots, i.e. one part in 10^10); a last insertion pass on the exact
 * scores puts right the rare neighbours that this reordered. Equal scores come out in
 * descending slot order.
 */

const word = new Float64Array(1);
const halves = new Uint32Array(word.buffer);
/** Index of the low 32 bits of a double in `halves` (0 on little-endian machines). */
const LOW = (() => {
  word[0] = 1; // 0x3FF0000000000000: the low word is zero
  return halves[0] === 0 ? 0 : 1;
})();

/**
 * The `count` slots of `slots` ordered by `scoreOf[slot]` descending, with their scores; every
 * slot must be below `slotLimit` and every score positive and finite.
 */
export function bestFirst(
  slots: Int32Array,
  count: number,
  scoreOf: Float64Array,
  slotLimit: number,
): { slots: Int32Array; scores: Float64Array } {
  const bits = Math.max(1, 32 - Math.clz32(Math.max(1, slotLimit - 1)));
  const keep = bits >= 32 ? 0 : ~((1 << bits) - 1);
  const packed = new Float64Array(count);
  const packedHalves = new Uint32Array(packed.buffer);
  for (let i = 0; i < count; i++) {
    const slot = slots[i]!;
    word[0] = scoreOf[slot]!;
    packedHalves[2 * i + LOW] = (halves[LOW]! & keep) | slot;
    packedHalves[2 * i + 1 - LOW] = halves[1 - LOW]!;
  }
  packed.sort();
  const mask = bits >= 32 ? -1 : (1 << bits) - 1;
  const outSlots = new Int32Array(count);
  const outScores = new Float64Array(count);
  for (let i = 0, j = count - 1; i < count; i++, j--) {
    const slot = (packedHalves[2 * j + LOW]! & mask) >>> 0;
    const score = scoreOf[slot]!;
    // Insertion step: only scores closer than the dropped bits can be out of order.
    let k = i;
    while (k > 0 && outScores[k - 1]! < score) {
      outScores[k] = outScores[k - 1]!;
      outSlots[k] = outSlots[k - 1]!;
      k--;
    }
    outScores[k] = score;
    outSlots[k] = slot;
  }
  return { slots: outSlots, scores: outScores };
}
