import type { Change } from '../projections/projection';
import type { Projector } from '../projections/projector';

/**
 * Turns projector changes into an async iterator for a GraphQL subscription. Changes the
 * filter rejects are dropped before they reach the client; a slow client's queue is bounded.
 */
export function changeStream(projector: Projector, accept: (change: Change) => boolean, maxQueued = 1000): AsyncIterableIterator<Change> {
  const queue: Change[] = [];
  let waiting: ((result: IteratorResult<Change>) => void) | null = null;
  let done = false;
  const off = projector.onChange((change) => {
    if (done || !accept(change)) return;
    if (waiting) {
      const resolve = waiting;
      waiting = null;
      resolve({ value: change, done: false });
    } else if (queue.length < maxQueued) {
      queue.push(change);
    }
  });
  const finish = (): Promise<IteratorResult<Change>> => {
    done = true;
    off();
    queue.length = 0;
    if (waiting) waiting({ value: undefined, done: true });
    waiting = null;
    return Promise.resolve({ value: undefined, done: true });
  };
  return {
    next: () => {
      if (queue.length > 0) return Promise.resolve({ value: queue.shift()!, done: false });
      if (done) return Promise.resolve({ value: undefined, done: true });
      return new Promise((resolve) => (waiting = resolve));
    },
    return: finish,
    throw: (error?: unknown) => {
      void finish();
      return Promise.reject(error);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}
