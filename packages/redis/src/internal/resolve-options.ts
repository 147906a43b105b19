import { ConfigurationError } from '@xmpp-token/core';
import type { RedisReplayStoreOptions } from '../create-redis-replay-store.js';
import { createSetIfAbsent, type SetIfAbsent } from './set-if-absent.js';

/** Options validated once, so `remember` only reads fields. */
export interface ResolvedOptions {
  readonly setIfAbsent: SetIfAbsent;
  readonly prefix: string;
  readonly timeoutMs: number;
}

const DEFAULT_PREFIX = 'xmpp-token:';
const DEFAULT_TIMEOUT_MS = 250;
const MAX_TIMEOUT_MS = 60_000;

export function resolveOptions(options: RedisReplayStoreOptions): ResolvedOptions {
  if (typeof options !== 'object' || options === null) fail('options must be an object');
  const { client, prefix = DEFAULT_PREFIX, timeoutMs = DEFAULT_TIMEOUT_MS } = options;
  if (typeof client !== 'object' || client === null || typeof client.set !== 'function') {
    fail('client must be a connected ioredis or node-redis client (or cluster)');
  }
  if (typeof prefix !== 'string') fail('prefix must be a string');
  if (!Number.isInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > MAX_TIMEOUT_MS) {
    fail(`timeoutMs must be an integer from 1 to ${MAX_TIMEOUT_MS}`);
  }
  return { setIfAbsent: createSetIfAbsent(client), prefix, timeoutMs };
}

function fail(message: string): never {
  throw new ConfigurationError(`createRedisReplayStore: ${message}`);
}
