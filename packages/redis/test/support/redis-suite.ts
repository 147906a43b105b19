// The setup every real-Redis test file shares: a throwaway server and its connections for one
// suite, and core instances that keep their replay state in that Redis.
import { createXmppToken, type XmppToken, type XmppTokenOptions } from '@xmpp-token/core';
import {
  createRedisReplayStore,
  type RedisClientLike,
  type RedisReplayStoreOptions,
} from '@xmpp-token/redis';
import { afterAll, beforeAll } from 'vitest';
import { SECRETS, type ClientKind, type TestClient } from './clients.js';
import { startRedisServer, type RedisServer } from './redis-server.js';

/** Store settings besides the client. */
export type StoreSettings = Omit<RedisReplayStoreOptions, 'client'>;

/**
 * A core with the test secrets whose replay store is Redis through `client`. Core's own store
 * timeout is out of the way (60 s), so the store's `timeoutMs` is the one a test sets.
 */
export function redisCore(
  client: RedisClientLike,
  store: StoreSettings = {},
  token: Partial<XmppTokenOptions> = {},
): XmppToken {
  const replayStore = createRedisReplayStore({ ...store, client });
  return createXmppToken({ ...SECRETS, replayStoreTimeoutMs: 60_000, ...token, replayStore });
}

/** What a suite gets from {@link useRedis}; read it inside tests, once `beforeAll` has run. */
export interface RedisSuite {
  readonly server: RedisServer;
  /** The first connection's client. */
  readonly client: RedisClientLike;
  /** Every connection's client, in connection order. */
  readonly clients: readonly RedisClientLike[];
  /** {@link redisCore} on the first connection. */
  core(store?: StoreSettings, token?: Partial<XmppTokenOptions>): XmppToken;
}

/** Where to connect: a one-node Cluster or a plain server, with how many connections. */
export interface RedisSuiteOptions {
  readonly cluster?: boolean;
  readonly connections?: number;
}

/**
 * Starts a redis-server and connects `kind` to it before the suite's tests, and closes both
 * after them. Call it in a `describe` body.
 */
export function useRedis(kind: ClientKind, options: RedisSuiteOptions = {}): RedisSuite {
  const { cluster = false, connections: count = 1 } = options;
  let server: RedisServer | undefined;
  let connections: TestClient[] = [];

  beforeAll(async () => {
    const started = await startRedisServer({ cluster });
    server = started;
    const connect = () => (cluster ? kind.connectCluster(started) : kind.connect(started));
    for (let i = 0; i < count; i++) connections.push(await connect());
  });
  afterAll(async () => {
    await Promise.all(connections.map((connection) => connection.close()));
    connections = [];
    await server?.dispose();
  });

  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('useRedis: read the suite inside a test');
    return value;
  };
  return {
    get server() {
      return ready(server);
    },
    get client() {
      return ready(connections[0]).client;
    },
    get clients() {
      return connections.map(({ client }) => client);
    },
    core: (store, token) => redisCore(ready(connections[0]).client, store, token),
  };
}
