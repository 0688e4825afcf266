/**
 * The find worker (a module worker, started by main.tsx through FindClient): one FindEngine in
 * this thread's memory, answering the client's requests in the order they arrive, one at a time.
 * At start-up it also reads the stored records itself, page by page (`load`, findLoad.ts), so the
 * window does none of that work. Nothing it holds is written anywhere; it ends with the page or
 * when the client disposes of it.
 */
import { StoredPages } from '../data/storedPages.ts';
import { FindEngine } from './findEngine.ts';
import { answer, type FindRequest, type FindResponse } from './findProtocol.ts';

interface WorkerScope {
  addEventListener(type: 'message', listener: (event: { data: FindRequest }) => void): void;
  postMessage(message: FindResponse): void;
}

const scope = self as unknown as WorkerScope;
const engine = new FindEngine();
const pages = new StoredPages();
let turn = Promise.resolve();

scope.addEventListener('message', (event) => {
  turn = turn.then(async () => scope.postMessage(await answer(engine, pages, event.data)));
});
