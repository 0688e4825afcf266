/**
 * Every incident slot in the order IndexedDB's `orderBy(index)` gives for each sortable field —
 * the field's value, then the id (the primary key) for ties — kept so that a filtered list in
 * any order is one pass over a ready order. An order is built on first use; after that, a few
 * changed incidents are moved within it (binary search and a block copy) and a large batch (a
 * load) just drops it to be built again when next asked for.
 */
import { STATUS_SORT_RANK, type IncidentTable } from './incidentTable.ts';

export type OrderKey = 'dateStart' | 'updated' | 'eventType' | 'status' | 'fatalities' | 'id';

type Compare = (a: number, b: number) => number;

interface Order {
  data: Int32Array;
  length: number;
}

export class SortOrders {
  private readonly orders = new Map<OrderKey, Order>();
  private readonly ranks = new Map<OrderKey, Int32Array>();

  constructor(private readonly table: IncidentTable) {}

  /** Slots of every incident, ascending by `key` then id. */
  get(key: OrderKey): Int32Array {
    let order = this.orders.get(key);
    if (!order) {
      order = this.build(key);
      this.orders.set(key, order);
    }
    return order.data.subarray(0, order.length);
  }

  /** Each slot's position in the `key` order (for sorting a subset with integer compares). */
  rank(key: OrderKey): Int32Array {
    let rank = this.ranks.get(key);
    if (!rank) {
      const order = this.get(key);
      rank = new Int32Array(this.table.ids.length);
      for (let i = 0; i < order.length; i++) rank[order[i]!] = i;
      this.ranks.set(key, rank);
    }
    return rank;
  }

  /** Forget every order (many incidents change at once: cheaper to sort again later). */
  invalidate(): void {
    this.orders.clear();
    this.ranks.clear();
  }

  /** Take the slot out of every built order, before its values change or it is removed. */
  detach(slot: number): void {
    this.ranks.clear();
    for (const [key, order] of this.orders) {
      const at = lowerBound(order, slot, this.compare(key));
      if (order.data[at] !== slot) {
        this.orders.delete(key);
        continue;
      }
      order.data.copyWithin(at, at + 1, order.length);
      order.length -= 1;
    }
  }

  /** Put the slot into every built order, after its values were written. */
  attach(slot: number): void {
    this.ranks.clear();
    for (const [key, order] of this.orders) {
      const at = lowerBound(order, slot, this.compare(key));
      if (order.length === order.data.length) {
        const bigger = new Int32Array(Math.max(1024, order.data.length * 2));
        bigger.set(order.data);
        order.data = bigger;
      }
      order.data.copyWithin(at + 1, at, order.length);
      order.data[at] = slot;
      order.length += 1;
    }
  }

  private build(key: OrderKey): Order {
    const t = this.table;
    const data = new Int32Array(Math.max(1024, t.count + 256));
    let length = 0;
    for (const slot of t.slots()) data[length++] = slot;
    const slots = data.subarray(0, length);
    if (key === 'id') {
      slots.sort(this.compare('id'));
      return { data, length };
    }
    // Ties by id: compare ranks in the id order (integers) rather than the id strings.
    const rank = this.rank('id');
    const primary = this.primary(key);
    slots.sort((a, b) => primary(a, b) || rank[a]! - rank[b]!);
    return { data, length };
  }

  /** The field's order, then the id's. */
  private compare(key: OrderKey): Compare {
    const ids = this.table.ids;
    const byId: Compare = (a, b) => (ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0);
    if (key === 'id') return byId;
    const primary = this.primary(key);
    return (a, b) => primary(a, b) || byId(a, b);
  }

  private primary(key: Exclude<OrderKey, 'id'>): Compare {
    const t = this.table;
    switch (key) {
      case 'dateStart':
        return (a, b) => t.dateStart[a]! - t.dateStart[b]!;
      case 'fatalities':
        return (a, b) => t.fatalities[a]! - t.fatalities[b]!;
      case 'status':
        return (a, b) => STATUS_SORT_RANK[t.status[a]!]! - STATUS_SORT_RANK[t.status[b]!]!;
      case 'updated':
        return (a, b) => stringOrder(t.updated[a]!, t.updated[b]!);
      case 'eventType': {
        const names = t.eventTypes.keys;
        return (a, b) => stringOrder(names[t.eventType[a]!]!, names[t.eventType[b]!]!);
      }
    }
  }
}

/** Code-unit order, as IndexedDB compares string keys. */
const stringOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** First position whose slot does not sort before `slot`. */
function lowerBound(order: Order, slot: number, compare: Compare): number {
  let lo = 0;
  let hi = order.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compare(order.data[mid]!, slot) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
