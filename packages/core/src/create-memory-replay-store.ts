import { ConfigurationError, ReplayStoreError } from './errors.js';
import { FingerprintTable } from './internal/fingerprint-table.js';
import type { ReplayStore } from './replay-store.js';

/** Options of {@link createMemoryReplayStore}. */
export interface MemoryReplayStoreOptions {
  /** Hard cap on remembered tokens; once reached, new tokens fail closed. Default 1,000,000. */
  readonly maxEntries?: number;
  /**
   * Milliseconds since the Unix epoch, read when `remember` is not given the time (`verify` gives
   * it its own clock's reading) and for `size`. Default `Date.now`.
   */
  readonly clock?: () => number;
}

/** The in-process replay store: bounded memory, expired keys dropped. */
export interface MemoryReplayStore extends ReplayStore {
  /** How many keys are remembered now (counted: a scan, for monitoring and tests). */
  readonly size: number;
}

/**
 * An in-memory {@link ReplayStore} for a single process. Keys are kept as 64-bit fingerprints in
 * one typed array (24 to 48 bytes a key beyond a first 192 KB, which holds 8,192 keys before it
 * grows; no garbage-collected object per key), with expiries relative to a base that follows the
 * clock (no 2106 wrap); a fingerprint collision could only refuse a key, never accept one. It
 * answers synchronously, and keeps time by the `now` that `verify` gives it. Memory stays
 * bounded: expired keys are dropped, and at `maxEntries` it refuses new keys (verification
 * answers `store_failure`) rather than evict a live one, which would reopen it to replay.
 */
export function createMemoryReplayStore(options: MemoryReplayStoreOptions = {}): MemoryReplayStore {
  const maxEntries = options.maxEntries ?? 1_000_000;
  const clock = options.clock ?? Date.now;
  if (!Number.isSafeInteger(maxEntries) || maxEntries < 1) {
    throw new ConfigurationError('maxEntries must be a positive integer');
  }
  const table = new FingerprintTable(clock() / 1000);
  // While full, no live entry expires before this second: refuse at once instead of rescanning.
  let fullUntil = 0;

  return {
    get size() {
      return table.countLive(clock() / 1000);
    },
    remember(key, ttlMs, nowMs) {
      const now = (nowMs ?? clock()) / 1000;
      if (!Number.isFinite(now)) throw new ReplayStoreError('memory replay store: unusable clock');
      if (table.occupied >= maxEntries) {
        // A replay is still answered as one; only a new key is refused.
        if (table.has(key, now)) return false;
        if (now < fullUntil) throw full(maxEntries);
        const { live, earliestExpiry } = table.rebuild(now);
        if (live >= maxEntries) {
          fullUntil = earliestExpiry;
          throw full(maxEntries);
        }
      } else if (table.crowded) {
        table.rebuild(now);
      }
      // Whole seconds, rounded up: a key is kept at least its TTL, at most a second more.
      return table.add(key, Math.ceil(now + ttlMs / 1000), now);
    },
  };
}

function full(maxEntries: number): ReplayStoreError {
  return new ReplayStoreError(`memory replay store is full (maxEntries ${maxEntries})`);
}
