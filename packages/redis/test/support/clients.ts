// The two supported clients behind one shape, so every Redis test runs against both.
import { Cluster, Redis } from 'ioredis';
import { createClient, createCluster } from 'redis';
import type { RedisClientLike } from '@xmpp-token/redis';
import type { RedisServer } from './redis-server.js';

/** A connected client and how to drop it (immediately, even with the server down). */
export interface TestClient {
  readonly client: RedisClientLike;
  close(): Promise<void>;
}

/** How to connect one library to a single server or to a one-node Cluster. */
export interface ClientKind {
  readonly name: string;
  connect(server: RedisServer): Promise<TestClient>;
  connectCluster(server: RedisServer): Promise<TestClient>;
}

// Reconnect quickly so the outage test does not wait on the libraries' back-off.
const RETRY_MS = 50;
// Both libraries emit 'error' on every lost connection; unheard, it would crash the worker.
const ignore = (): void => undefined;

const ioredis: ClientKind = {
  name: 'ioredis',
  async connect({ port }) {
    const client = new Redis({
      host: '127.0.0.1',
      port,
      lazyConnect: true,
      retryStrategy: () => RETRY_MS,
    });
    client.on('error', ignore);
    await client.connect();
    return { client, close: async () => client.disconnect() };
  },
  async connectCluster({ port }) {
    const client = new Cluster([{ host: '127.0.0.1', port }], {
      lazyConnect: true,
      clusterRetryStrategy: () => RETRY_MS,
    });
    client.on('error', ignore);
    await client.connect();
    return { client, close: async () => client.disconnect() };
  },
};

const nodeRedis: ClientKind = {
  name: 'node-redis',
  async connect({ port }) {
    const client = createClient({
      socket: { host: '127.0.0.1', port, reconnectStrategy: () => RETRY_MS },
    });
    client.on('error', ignore);
    await client.connect();
    return { client, close: async () => client.destroy() };
  },
  async connectCluster({ port }) {
    const client = createCluster({ rootNodes: [{ socket: { host: '127.0.0.1', port } }] });
    client.on('error', ignore);
    await client.connect();
    return { client, close: async () => client.destroy() };
  },
};

/** Every supported client library, for `describe.each`. */
export const CLIENT_KINDS: readonly ClientKind[] = [ioredis, nodeRedis];

/** Settings shared by the tests: Prosody-style secrets of the minimum sizes core accepts. */
export const SECRETS = {
  tokenSecret: 'redis-test-token-secret-0123456789',
  otpSeed: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
  domain: 'example.com',
} as const;
