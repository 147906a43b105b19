import { ReplayStoreError, type ReplayStore } from '@xmpp-token/core';
import { createTimeoutRace } from '@xmpp-token/core/adapter';
import { redisKey } from './internal/redis-key.js';
import { resolveOptions } from './internal/resolve-options.js';
import type { RedisClientLike } from './redis-client.js';

/** Options of {@link createRedisReplayStore}. */
export interface RedisReplayStoreOptions {
  /** A connected ioredis `Redis`/`Cluster` or node-redis client/cluster; never closed by the store. */
  readonly client: RedisClientLike;
  /** Prepended to every key. Default `'xmpp-token:'`. Put no `{hash tag}` in it on a Cluster. */
  readonly prefix?: string;
  /** Milliseconds to wait for Redis before failing closed. Default 250. */
  readonly timeoutMs?: number;
}

/**
 * A {@link ReplayStore} shared by every process and machine that uses the same Redis: a token
 * accepted by one instance is refused by all the others. One atomic `SET key 1 PX ttl NX` per
 * verification; the key is a hash of the token signature and expires when the token would.
 * Redis down, slow or answering an error makes `remember` reject with a `ReplayStoreError`, so
 * verification fails closed with `store_failure`.
 *
 * @example
 * ```ts
 * const redis = new Redis(process.env.REDIS_URL); // ioredis, or node-redis' createClient()
 * const xmppToken = createXmppToken({
 *   tokenSecret, otpSeed, domain: 'example.com',
 *   replayStore: createRedisReplayStore({ client: redis }),
 * });
 * ```
 */
export function createRedisReplayStore(options: RedisReplayStoreOptions): ReplayStore {
  const { setIfAbsent, prefix, timeoutMs } = resolveOptions(options);
  // One timer for every command in flight, not one each. The message is fixed: it must never
  // carry the key, and core logs it as the failure's cause.
  const race = createTimeoutRace(
    timeoutMs,
    () => new ReplayStoreError(`redis replay store: no reply within ${timeoutMs} ms`),
  );

  return {
    // Not an async function: the client's promise, raced and read in one step, no extra hop.
    remember(key, ttlMs) {
      // PX takes a positive integer; a token in its last millisecond still gets a live key.
      const ttl = Math.max(1, Math.ceil(ttlMs));
      let reply: Promise<unknown>;
      try {
        reply = setIfAbsent(redisKey(prefix, key), ttl);
      } catch (cause) {
        return Promise.reject(storeError(cause)); // a client that throws ("client is closed")
      }
      return race(reply, isFresh, (cause) => {
        throw storeError(cause);
      });
    },
  };
}

function storeError(cause: unknown): ReplayStoreError {
  if (cause instanceof ReplayStoreError) return cause;
  return new ReplayStoreError('redis replay store: SET failed', { cause });
}

// `SET ... NX` answers OK when it wrote and nil when the key existed. Anything else (a legacy-mode
// client's `undefined`, a proxy's oddity) is not an answer: refuse rather than guess.
function isFresh(reply: unknown): boolean {
  if (reply === null) return false;
  if (reply === 'OK' || (Buffer.isBuffer(reply) && reply.toString() === 'OK')) return true;
  throw new ReplayStoreError('redis replay store: unexpected reply to SET NX');
}
