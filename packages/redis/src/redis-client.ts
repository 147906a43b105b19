/**
 * The part of an `ioredis` client (`Redis` or `Cluster`, v5/v6) this package uses. Structural, so
 * ioredis stays an optional peer dependency; `status` is how it is told apart from node-redis.
 */
export interface IoredisClientLike {
  readonly status: string;
  set(key: string, value: string, px: 'PX', milliseconds: number, nx: 'NX'): Promise<unknown>;
}

/**
 * The `SET` options object sent to node-redis. Both spellings at once: v4 reads `NX`/`PX`, v5 and
 * later read `condition`/`expiration` first and only fall back to the deprecated pair.
 */
export interface NodeRedisSetOptions {
  readonly NX: true;
  readonly PX: number;
  readonly condition: 'NX';
  readonly expiration: { readonly type: 'PX'; readonly value: number };
}

/** The part of a node-redis client (`createClient` or `createCluster`, v4 to v6) this package uses. */
export interface NodeRedisClientLike {
  set(key: string, value: string, options: NodeRedisSetOptions): Promise<unknown>;
}

/** Either supported client. Pass the client itself, connected, not a `legacy()` wrapper. */
export type RedisClientLike = IoredisClientLike | NodeRedisClientLike;
