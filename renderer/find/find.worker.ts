/**
 * The find worker (a module worker, started by main.tsx through FindClient): one FindEngine in
 * this thread's memory, answering the client's requests in the order they arrive. Nothing it
 * holds is written anywhere; it ends with the page or when the client disposes of it.
 */
import { FindEngine } from './findEngine.ts';
import { answer, type FindRequest, type FindResponse } from './findProtocol.ts';

interface WorkerScope {
  addEventListener(type: 'message', listener: (event: { data: FindRequest }) => void): void;
  postMessage(message: FindResponse): void;
}

const scope = self as unknown as WorkerScope;
const engine = new FindEngine();

scope.addEventListener('message', (event) => scope.postMessage(answer(engine, event.data)));
