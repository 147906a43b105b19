// The structural client types must accept what users actually hold: both libraries' single-node
// and cluster clients, without casts, and refuse what this store cannot drive.
import type { ReplayStore } from '@xmpp-token/core';
import {
  createRedisReplayStore,
  type RedisClientLike,
  type RedisReplayStoreOptions,
} from '@xmpp-token/redis';
import type { Cluster, Redis } from 'ioredis';
import type { RedisClientType, RedisClusterType, createClient, createCluster } from 'redis';
import { describe, expectTypeOf, it } from 'vitest';

describe('RedisClientLike', () => {
  it('accepts ioredis Redis and Cluster', () => {
    expectTypeOf<Redis>().toExtend<RedisClientLike>();
    expectTypeOf<Cluster>().toExtend<RedisClientLike>();
  });

  it('accepts node-redis clients and clusters, as declared and as created', () => {
    expectTypeOf<RedisClientType>().toExtend<RedisClientLike>();
    expectTypeOf<RedisClusterType>().toExtend<RedisClientLike>();
    expectTypeOf<ReturnType<typeof createClient>>().toExtend<RedisClientLike>();
    expectTypeOf<ReturnType<typeof createCluster>>().toExtend<RedisClientLike>();
  });

  it('refuses objects that cannot SET', () => {
    expectTypeOf<{ get(key: string): Promise<string> }>().not.toExtend<RedisClientLike>();
    expectTypeOf<{ set(key: string): void }>().not.toExtend<RedisClientLike>();
  });
});

describe('createRedisReplayStore', () => {
  it('takes a client and optional settings, and returns a core ReplayStore', () => {
    expectTypeOf(createRedisReplayStore).parameter(0).toEqualTypeOf<RedisReplayStoreOptions>();
    expectTypeOf<RedisReplayStoreOptions>()
      .toHaveProperty('client')
      .toEqualTypeOf<RedisClientLike>();
    expectTypeOf<{ client: Redis }>().toExtend<RedisReplayStoreOptions>();
    expectTypeOf<{ client: Redis; prefix: number }>().not.toExtend<RedisReplayStoreOptions>();
    expectTypeOf(createRedisReplayStore).returns.toEqualTypeOf<ReplayStore>();
  });
});
