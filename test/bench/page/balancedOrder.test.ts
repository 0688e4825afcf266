import { describe, expect, it } from 'vitest';
import { balancedOrders } from './balancedOrder.ts';

/** How often each variant runs right after each other one, over all the orders in turn. */
function followers(orders: number[][]): Map<string, number> {
  const counts = new Map<string, number>();
  const sequence = orders.flat();
  for (let i = 1; i < sequence.length; i++) {
    // Within a chunk only: a chunk's first variant follows whatever the last chunk ended with.
    if (i % orders[0]!.length === 0) continue;
    const pair = `${sequence[i - 1]}→${sequence[i]}`;
    counts.set(pair, (counts.get(pair) ?? 0) + 1);
  }
  return counts;
}

describe('the order of interleaved variants', () => {
  for (const n of [1, 2, 3, 4, 7, 8]) {
    it(`runs each of ${n} variants once a chunk, each after every other equally often`, () => {
      const orders = balancedOrders(n);
      for (const order of orders)
        expect([...order].sort((a, b) => a - b)).toEqual([...Array(n).keys()]);
      const counts = followers(orders);
      expect(counts.size).toBe(n * (n - 1));
      expect(new Set(counts.values()).size).toBeLessThanOrEqual(1);
    });
  }

  it('is not a rotation, in which a variant nearly always follows the same one', () => {
    const rotation = Array.from({ length: 3 }, (_, k) => [0, 1, 2].map((v) => (v + k) % 3));
    expect(followers(rotation).size).toBeLessThan(6);
    expect(followers(balancedOrders(3)).size).toBe(6);
  });
});
