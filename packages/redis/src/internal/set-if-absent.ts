import type { IoredisClientLike, RedisClientLike } from '../redis-client.js';

/** `SET key 1 PX ttl NX` in one round trip; resolves the raw reply (`'OK'` or `null`). */
export type SetIfAbsent = (key: string, ttlMs: number) => Promise<unknown>;

/** Binds the one command this store sends to the client's own calling convention. */
export function createSetIfAbsent(client: RedisClientLike): SetIfAbsent {
  if (isIoredis(client)) return (key, ttlMs) => client.set(key, '1', 'PX', ttlMs, 'NX');
  return (key, ttlMs) =>
    client.set(key, '1', {
      NX: true,
      PX: ttlMs,
      condition: 'NX',
      expiration: { type: 'PX', value: ttlMs },
    });
}

// ioredis `Redis` and `Cluster` both carry a `status` string; node-redis clients never have one.
function isIoredis(client: RedisClientLike): client is IoredisClientLike {
  return typeof (client as { status?: unknown }).status === 'string';
}
