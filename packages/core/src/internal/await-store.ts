import { ReplayStoreError } from '../errors.js';

/** A promise, or anything `await` would treat as one. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  const candidate = typeof value === 'object' || typeof value === 'function' ? value : null;
  return candidate !== null && typeof (candidate as { then?: unknown }).then === 'function';
}

/**
 * Waits for an asynchronous store answer at most `timeoutMs`, then rejects with a
 * {@link ReplayStoreError}: a store that never settles must not hang `verify` (and the request).
 */
export function createStoreAwaiter(
  timeoutMs: number,
): (answer: PromiseLike<unknown>) => Promise<unknown> {
  const timedOut = () =>
    new ReplayStoreError(`replay store gave no answer within ${timeoutMs} ms: token refused`);
  return (answer) =>
    new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(timedOut()), timeoutMs);
      const fail = (cause: unknown) => {
        clearTimeout(timer);
        reject(cause);
      };
      try {
        answer.then((value) => {
          clearTimeout(timer);
          resolve(value);
        }, fail);
      } catch (cause) {
        fail(cause); // a thenable whose `then` throws
      }
    });
}
