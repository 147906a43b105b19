import { ConfigurationError, ReplayStoreError } from './errors.js';
import type { ReplayStore } from './replay-store.js';

/** Options of {@link createMemoryReplayStore}. */
export interface MemoryReplayStoreOptions {
  /** Hard cap on remembered tokens; once reached, new tokens fail closed. Default 1,000,000. */
  readonly maxEntries?: number;
  /** Milliseconds since the Unix epoch. Default `Date.now`. */
  readonly clock?: () => number;
}

/** The in-process replay store: bounded memory, expired keys dropped. */
export interface MemoryReplayStore extends ReplayStore {
  /** How many keys are remembered now (expired ones may linger until the next sweep). */
  readonly size: number;
}

/**
 * An in-memory {@link ReplayStore} for a single process. Memory stays bounded: expired keys are
 * swept as time passes, and at `maxEntries` it refuses new keys (verification answers
 * `store_failure`) rather than evict a live one, which would reopen it to replay.
 */
export function createMemoryReplayStore(options: MemoryReplayStoreOptions = {}): MemoryReplayStore {
  const maxEntries = options.maxEntries ?? 1_000_000;
  const clock = options.clock ?? Date.now;
  if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
    throw new ConfigurationError('maxEntries must be a positive integer');
  }
  // Expiry in whole seconds keeps values small integers (unboxed in V8): ~70 bytes an entry.
  const expiries = new Map<string, number>();
  let nextSweep = 0;
  let nextCompleteSweep = 0;

  // Keys arrive in near-expiry order (TTLs are short and similar), so a routine sweep stops at
  // the first live key; only a full store pays for a complete pass.
  const sweep = (nowSeconds: number, complete: boolean): void => {
    for (const [key, expiry] of expiries) {
      if (expiry <= nowSeconds) expiries.delete(key);
      else if (!complete) break;
    }
    nextSweep = nowSeconds + 1;
    if (complete) nextCompleteSweep = nowSeconds + 1;
  };

  return {
    get size() {
      return expiries.size;
    },
    remember(key, ttlMs) {
      const now = clock() / 1000;
      if (now >= nextSweep) sweep(Math.floor(now), false);
      // A full store gets one complete pass a second, not one a request (that would be a DoS lever).
      if (expiries.size >= maxEntries && now >= nextCompleteSweep) sweep(Math.floor(now), true);
      const expiry = expiries.get(key);
      if (expiry !== undefined && expiry > now) return false;
      if (expiries.size >= maxEntries) {
        throw new ReplayStoreError(`memory replay store is full (maxEntries ${maxEntries})`);
      }
      expiries.set(key, Math.ceil(now + ttlMs / 1000));
      return true;
    },
  };
}
