// The store's contract without a server: option checks, the exact command each client receives,
// and failing closed on silence or nonsense. The real-Redis behaviour is in the other files.
import { isXmppTokenError } from '@xmpp-token/core';
import {
  createRedisReplayStore,
  type IoredisClientLike,
  type NodeRedisClientLike,
  type RedisClientLike,
} from '@xmpp-token/redis';
import { describe, expect, it, vi } from 'vitest';
import { redisCore } from './support/redis-suite.js';

const KEY = 'core-replay-key';

describe('createRedisReplayStore options', () => {
  const client: NodeRedisClientLike = { set: async () => 'OK' };

  it.each([
    ['no options', undefined],
    ['no client', {}],
    ['a client without set', { client: {} }],
    ['a non-string prefix', { client, prefix: 1 }],
    ['a zero timeout', { client, timeoutMs: 0 }],
    ['a fractional timeout', { client, timeoutMs: 1.5 }],
    ['a timeout over a minute', { client, timeoutMs: 60_001 }],
  ])('throws ConfigurationError for %s', (_, options) => {
    const create = () => createRedisReplayStore(options as never);
    expect(create).toThrow(expect.objectContaining({ code: 'ERR_XMPP_TOKEN_CONFIG' }));
  });
});

describe('the command sent', () => {
  it('gives ioredis SET key 1 PX ttl NX as positional arguments', async () => {
    const set = vi.fn<IoredisClientLike['set']>(async () => 'OK');
    const store = createRedisReplayStore({ client: { status: 'ready', set } });
    await expect(store.remember(KEY, 1234.2)).resolves.toBe(true);
    expect(set).toHaveBeenCalledWith(expect.stringMatching(/^xmpp-token:/), '1', 'PX', 1235, 'NX');
  });

  it('gives node-redis both the v4 and the v5+ spelling of NX and PX', async () => {
    const set = vi.fn<NodeRedisClientLike['set']>(async () => null);
    const store = createRedisReplayStore({ client: { set }, prefix: 'p:' });
    await expect(store.remember(KEY, 0.5)).resolves.toBe(false);
    expect(set).toHaveBeenCalledWith(expect.stringMatching(/^p:[\w-]{43}$/), '1', {
      NX: true,
      PX: 1,
      condition: 'NX',
      expiration: { type: 'PX', value: 1 },
    });
  });

  it('clamps a spent TTL to 1 ms rather than sending PX 0, which Redis refuses', async () => {
    const set = vi.fn<NodeRedisClientLike['set']>(async () => 'OK');
    await createRedisReplayStore({ client: { set } }).remember(KEY, -5);
    expect(set.mock.calls[0]?.[2].PX).toBe(1);
  });

  it('hashes the key: same input, same key; the input never appears', async () => {
    const set = vi.fn<NodeRedisClientLike['set']>(async () => 'OK');
    const store = createRedisReplayStore({ client: { set } });
    await store.remember(KEY, 1000);
    await store.remember(KEY, 1000);
    await store.remember(`${KEY}!`, 1000);
    const keys = set.mock.calls.map(([key]) => key);
    expect(keys[0]).toBe(keys[1]);
    expect(keys[2]).not.toBe(keys[0]);
    for (const key of keys) expect(key).not.toContain(KEY);
  });
});

describe('failing closed', () => {
  const verifyWith = async (client: RedisClientLike, timeoutMs?: number) => {
    const xmppToken = redisCore(client, timeoutMs === undefined ? {} : { timeoutMs });
    const { token } = xmppToken.mint('alice');
    const result = await xmppToken.verify('alice', token);
    return { result, token };
  };

  it('answers store_failure when Redis never replies, after timeoutMs, without the key', async () => {
    const { result, token } = await verifyWith({ set: () => new Promise(() => undefined) }, 20);
    expect(result).toMatchObject({ ok: false, reason: 'store_failure' });
    const cause = (result as { cause?: Error }).cause;
    expect(isXmppTokenError(cause, 'ERR_XMPP_TOKEN_STORE')).toBe(true);
    expect(cause?.message).toBe('redis replay store: no reply within 20 ms');
    expect(cause?.message).not.toContain(token.slice(-10));
  });

  it('wraps a client error as a ReplayStoreError whose cause is the original', async () => {
    const original = new Error('READONLY You cannot write against a read only replica.');
    const { result } = await verifyWith({ set: async () => Promise.reject(original) });
    expect(result).toMatchObject({ ok: false, reason: 'store_failure' });
    expect((result as { cause?: Error }).cause).toMatchObject({
      code: 'ERR_XMPP_TOKEN_STORE',
      cause: original,
    });
  });

  it('treats a synchronous throw like a rejection', async () => {
    const { result } = await verifyWith({
      set: () => {
        throw new Error('The client is closed');
      },
    });
    expect(result).toMatchObject({ ok: false, reason: 'store_failure' });
  });

  it.each([undefined, 'QUEUED', 1, true])('refuses the unexpected reply %j', async (reply) => {
    const { result } = await verifyWith({ set: async () => reply });
    expect(result).toMatchObject({ ok: false, reason: 'store_failure' });
  });

  it('bounds every command in flight with one timer, and leaves none once they are answered', async () => {
    vi.useFakeTimers();
    try {
      const replies: ((reply: unknown) => void)[] = [];
      const set = () => new Promise<unknown>((resolve) => replies.push(resolve));
      const store = createRedisReplayStore({ client: { set }, timeoutMs: 100 });
      const answers = Array.from({ length: 64 }, (_, i) => store.remember(`k${i}`, 1000));
      expect(vi.getTimerCount()).toBe(1);
      replies.slice(0, 32).forEach((resolve) => resolve('OK'));
      await expect(Promise.all(answers.slice(0, 32))).resolves.toEqual(Array(32).fill(true));
      const silent = Promise.allSettled(answers.slice(32));
      await vi.advanceTimersByTimeAsync(100);
      const outcomes = await silent;
      expect(outcomes).toHaveLength(32);
      for (const outcome of outcomes) {
        expect(outcome).toMatchObject({
          status: 'rejected',
          reason: {
            code: 'ERR_XMPP_TOKEN_STORE',
            message: 'redis replay store: no reply within 100 ms',
          },
        });
      }
      expect(vi.getTimerCount()).toBe(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('rejects, never throws, when the client throws', async () => {
    const store = createRedisReplayStore({
      client: {
        set: () => {
          throw new Error('The client is closed');
        },
      },
    });
    let answer: Promise<boolean> | boolean | undefined;
    expect(() => (answer = store.remember(KEY, 1000))).not.toThrow();
    await expect(answer).rejects.toMatchObject({
      code: 'ERR_XMPP_TOKEN_STORE',
      cause: { message: 'The client is closed' },
    });
  });

  it('accepts OK as a Buffer (node-redis type mappings)', async () => {
    const { result } = await verifyWith({ set: async () => Buffer.from('OK') });
    expect(result).toMatchObject({ ok: true });
  });
});
