export { createRedisReplayStore } from './create-redis-replay-store.js';
export type { RedisReplayStoreOptions } from './create-redis-replay-store.js';
export type {
  RedisClientLike,
  IoredisClientLike,
  NodeRedisClientLike,
  NodeRedisSetOptions,
} from './redis-client.js';
