/**
 * A stand-in for the find worker in Node tests: a FindPort answering with an engine in this
 * thread, one request at a time and each in a later macrotask, as a real worker would, so the
 * client's batching and superseding behave as with the worker. Its loads read the test's
 * (fake) IndexedDB. Records what it was asked.
 */
import { StoredPages } from '../data/storedPages.ts';
import type { FindPort, PortEvent } from './findClient.ts';
import { FindEngine } from './findEngine.ts';
import { answer, type FindRequest } from './findProtocol.ts';

export interface InProcessFindWorker extends FindPort {
  readonly engine: FindEngine;
  /** Every request received, in order. */
  readonly received: FindRequest[];
  terminated: boolean;
}

export function inProcessFindWorker(engine = new FindEngine()): InProcessFindWorker {
  const listeners: ((event: PortEvent) => void)[] = [];
  const pages = new StoredPages();
  let turn = Promise.resolve();
  const worker: InProcessFindWorker = {
    engine,
    received: [],
    terminated: false,
    postMessage(message) {
      // A structured clone, as postMessage makes: the engine never shares the caller's objects.
      const request = structuredClone(message);
      worker.received.push(request);
      turn = turn.then(async () => {
        await new Promise((resolve) => setTimeout(resolve, 0));
        if (worker.terminated) return;
        const response = structuredClone(await answer(engine, pages, request));
        for (const listener of listeners) listener({ data: response });
      });
    },
    addEventListener(type, listener) {
      if (type === 'message') listeners.push(listener);
    },
    terminate() {
      worker.terminated = true;
      pages.close();
    },
  };
  return worker;
}
