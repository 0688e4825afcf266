import { describe, expect, it } from 'vitest';
import { afterWork, inOrder } from './transactionGate.ts';

async function freshDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(`gate-${Math.random()}`);
    request.onupgradeneeded = () => request.result.createObjectStore('rows');
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('open failed'));
  });
}

const later = <T>(value: T, ms = 30) =>
  new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

const requested = <T>(request: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('request failed'));
  });

const done = (trans: IDBTransaction) =>
  new Promise<void>((resolve, reject) => {
    trans.oncomplete = () => resolve();
    trans.onabort = () => reject(trans.error ?? new Error('aborted'));
  });

async function read(db: IDBDatabase, key: string): Promise<unknown> {
  return requested(db.transaction('rows').objectStore('rows').get(key));
}

describe('the transaction gate', () => {
  it('(control) a transaction left waiting on other work has ended when the work is done', async () => {
    const db = await freshDb();
    const trans = db.transaction('rows', 'readwrite');
    const value = await later('late');
    expect(() => trans.objectStore('rows').put(value, 'k')).toThrow();
  });

  it('holds the transaction open until the work is done, then makes the request in it', async () => {
    const db = await freshDb();
    const trans = db.transaction('rows', 'readwrite');
    const written = afterWork(trans, 'rows', later('late'), (value) =>
      requested(trans.objectStore('rows').put(value, 'k')),
    );
    await expect(written).resolves.toBe('k');
    await done(trans);
    expect(await read(db, 'k')).toBe('late');
  });

  it('makes requests made meanwhile after it, in their order', async () => {
    const db = await freshDb();
    const trans = db.transaction('rows', 'readwrite');
    const store = trans.objectStore('rows');
    const order: string[] = [];
    const first = afterWork(trans, 'rows', later('first'), (value) => {
      order.push('bulk');
      return requested(store.put(value, 'k'));
    });
    const seen = inOrder(trans, () => {
      order.push('read');
      return requested(store.get('k'));
    });
    const second = afterWork(trans, 'rows', later('second', 5), (value) => {
      order.push('second');
      return requested(store.put(value, 'k'));
    });
    await Promise.all([first, seen, second]);
    expect(order).toEqual(['bulk', 'read', 'second']);
    expect(await seen).toBe('first');
    await done(trans);
    expect(await read(db, 'k')).toBe('second');
  });

  it('passes on the work’s failure, and later requests still run', async () => {
    const db = await freshDb();
    const trans = db.transaction('rows', 'readwrite');
    const failing = afterWork(trans, 'rows', Promise.reject(new Error('cipher failed')), () =>
      requested(trans.objectStore('rows').put('never', 'k')),
    );
    const after = inOrder(trans, () => requested(trans.objectStore('rows').put('after', 'j')));
    await expect(failing).rejects.toThrow('cipher failed');
    await expect(after).resolves.toBe('j');
    await done(trans);
    expect(await read(db, 'k')).toBeUndefined();
  });

  it('fails what waits when the transaction is aborted meanwhile', async () => {
    const db = await freshDb();
    const trans = db.transaction('rows', 'readwrite');
    const waiting = afterWork(trans, 'rows', later('late'), (value) =>
      requested(trans.objectStore('rows').put(value, 'k')),
    );
    trans.abort();
    await expect(waiting).rejects.toBeTruthy();
    expect(await read(db, 'k')).toBeUndefined();
  });
});
