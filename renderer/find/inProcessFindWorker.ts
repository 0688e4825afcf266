/**
 * A stand-in for the find worker in Node tests: a FindPort answering with an engine in this
 * thread, one request per macrotask as a real worker would, so the client's batching and
 * superseding behave as with the worker. Records what it was asked.
 */
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
  const queue: FindRequest[] = [];
  const worker: InProcessFindWorker = {
    engine,
    received: [],
    terminated: false,
    postMessage(message) {
      // A structured clone, as postMessage makes: the engine never shares the caller's objects.
      const request = structuredClone(message);
      worker.received.push(request);
      queue.push(request);
      setTimeout(() => {
        const next = queue.shift();
        if (!next || worker.terminated) return;
        const response = structuredClone(answer(engine, next));
        for (const listener of listeners) listener({ data: response });
      }, 0);
    },
    addEventListener(type, listener) {
      if (type === 'message') listeners.push(listener);
    },
    terminate() {
      worker.terminated = true;
    },
  };
  return worker;
}
