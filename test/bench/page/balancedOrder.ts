/**
 * The orders in which interleaved variants run, chunk after chunk, so that each follows every
 * other equally often (a Williams design). Writes leave work behind them — IndexedDB's compaction,
 * the disk's write-back — that slows whatever runs next; a plain rotation has each variant follow
 * the same one in almost every chunk, which charges one variant for its neighbour's leftovers.
 *
 * Row r of the square is its first row shifted by r; the first row is 0, 1, n−1, 2, n−2, …. For
 * an even n the n rows balance who follows whom; an odd n needs them mirrored as well (2n rows).
 */
export function balancedOrders(n: number): number[][] {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`No orders of ${n} variants`);
  const first = [0];
  for (let low = 1, high = n - 1; first.length < n;) {
    first.push(low++);
    if (first.length < n) first.push(high--);
  }
  const rows = Array.from({ length: n }, (_, r) => first.map((v) => (v + r) % n));
  return n % 2 === 0 ? rows : [...rows, ...rows.map((row) => [...row].reverse())];
}
