import { createTimeoutRace, type TimeoutRace } from '../adapter/create-timeout-race.js';
import { ReplayStoreError } from '../errors.js';

/** A promise, or anything `await` would treat as one. */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  const candidate = typeof value === 'object' || typeof value === 'function' ? value : null;
  return candidate !== null && typeof (candidate as { then?: unknown }).then === 'function';
}

/**
 * Waits for an asynchronous store answer at most `timeoutMs`, then gives a
 * {@link ReplayStoreError} to `onError`: a store that never settles must not hang `verify` (and
 * the request).
 */
export function createStoreAwaiter(timeoutMs: number): TimeoutRace {
  return createTimeoutRace(
    timeoutMs,
    () => new ReplayStoreError(`replay store gave no answer within ${timeoutMs} ms: token refused`),
  );
}
