/**
 * Lets the sealing middleware wait for WebCrypto inside an IndexedDB transaction, without the
 * transaction committing under it and without reordering its requests.
 *
 * IndexedDB commits a transaction as soon as no request of its own is pending at the end of a
 * task, so awaiting anything else (WebCrypto) inside one would end it. While work is pending on a
 * transaction, the gate keeps one cheap request (`get(-Infinity)`, a key no table uses) in flight
 * on it, and from inside that request's success callback — the only place the transaction
 * accepts requests — it issues, in their order, whatever waited for the work: the write that
 * needed it, then every request made on the transaction meanwhile. So a read issued after a bulk
 * write still sees the write, and two writes to one key still land in the order they were made.
 *
 * Chromium, as it happens, still accepts requests after WebCrypto's promises (they settle before
 * it ends the transaction), but IndexedDB's rules do not promise that, and a wait on anything
 * else ends it there too; the gate does not depend on it. Dexie's `Transaction.waitFor` keeps a
 * transaction alive the same way, but only at Dexie's top level and without holding back later
 * requests; this sits in the middleware, below Dexie.
 */
import { Dexie } from 'dexie';

interface Entry {
  ready(): boolean;
  run(): void;
  fail(error: unknown): void;
}

interface Held {
  store: IDBObjectStore;
  queue: Entry[];
}

/** What a DBCore request carries as `trans` at the bottom of Dexie's stack. */
type Transaction = object;

const holds = new WeakMap<Transaction, Held>();

const isIdbTransaction = (trans: unknown): trans is IDBTransaction =>
  typeof (trans as IDBTransaction | null)?.objectStore === 'function';

/**
 * `op` now, or, when the transaction is held for pending work, after that work and every request
 * queued before this one.
 */
export function inOrder<R>(trans: Transaction, op: () => Promise<R>): Promise<R> {
  const held = holds.get(trans);
  if (!held) return op();
  return new Dexie.Promise<R>((resolve, reject) => {
    held.queue.push({
      ready: () => true,
      run: () => run(op, resolve, reject),
      fail: reject,
    });
  });
}

/**
 * `op(value)` once `work` gives its value, in order with the transaction's other requests, the
 * transaction held open until then. `storeName` must be in the transaction's scope. Where the
 * transaction is not an IndexedDB one (it always is below Dexie), the work is awaited plainly.
 */
export function afterWork<T, R>(
  trans: Transaction,
  storeName: string,
  work: Promise<T>,
  op: (value: T) => Promise<R>,
): Promise<R> {
  if (!isIdbTransaction(trans)) return Dexie.Promise.resolve(work).then(op);
  let outcome: { value: T } | { error: unknown } | undefined;
  work.then(
    (value) => (outcome = { value }),
    (error: unknown) => (outcome = { error }),
  );
  return new Dexie.Promise<R>((resolve, reject) => {
    const entry: Entry = {
      ready: () => outcome !== undefined,
      run: () => {
        const settled = outcome!;
        if ('value' in settled) run(() => op(settled.value), resolve, reject);
        else reject(settled.error);
      },
      fail: reject,
    };
    const held = holds.get(trans);
    if (held) held.queue.push(entry);
    else hold(trans, storeName, entry);
  });
}

function run<R>(
  op: () => Promise<R>,
  resolve: (value: R) => void,
  reject: (error: unknown) => void,
): void {
  try {
    op().then(resolve, reject);
  } catch (error) {
    reject(error);
  }
}

function hold(trans: IDBTransaction, storeName: string, first: Entry): void {
  let held: Held;
  try {
    held = { store: trans.objectStore(storeName), queue: [first] };
  } catch (error) {
    first.fail(error);
    return;
  }
  holds.set(trans, held);
  const failAll = (error: unknown) => {
    holds.delete(trans);
    for (const entry of held.queue.splice(0)) entry.fail(error);
  };
  const spin = () => {
    // Issue everything whose turn has come, while the transaction is active (inside a request's
    // success callback). A queued request that starts work of its own holds the transaction
    // again: the rest of this queue then waits behind that work too.
    while (held.queue[0]?.ready()) {
      const entry = held.queue.shift()!;
      holds.delete(trans);
      entry.run();
      const again = holds.get(trans);
      if (again) {
        again.queue.push(...held.queue.splice(0));
        return;
      }
      holds.set(trans, held);
    }
    if (held.queue.length === 0) {
      holds.delete(trans);
      return;
    }
    try {
      const request = held.store.get(-Infinity);
      request.onsuccess = spin;
      request.onerror = (event) => {
        event.preventDefault();
        failAll(request.error ?? trans.error);
      };
    } catch (error) {
      failAll(error);
    }
  };
  // Started from a callback the caller is in, the first request is made while the transaction
  // is still active; the work cannot have finished yet, so the first spin only keeps it open.
  spin();
}
