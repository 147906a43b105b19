// Redis down or refusing writes must never turn into an accepted token, nor into a request that
// hangs: verify answers store_failure within timeoutMs, and works again once Redis is back.
import { isXmppTokenError, type VerifyResult } from '@xmpp-token/core';
import { describe, expect, it, vi } from 'vitest';
import { CLIENT_KINDS } from './support/clients.js';
import { hasRedisServer } from './support/redis-server.js';
import { useRedis } from './support/redis-suite.js';

const expectStoreFailure = (result: VerifyResult) => {
  expect(result).toMatchObject({ ok: false, reason: 'store_failure' });
  expect(isXmppTokenError(result.ok ? undefined : result.cause, 'ERR_XMPP_TOKEN_STORE')).toBe(true);
};

describe.skipIf(!hasRedisServer).each(CLIENT_KINDS)('with $name', (kind) => {
  const redis = useRedis(kind);
  // Success paths get a generous timeout, so a busy machine cannot turn them into failures; only
  // the core that runs while Redis is down keeps a short one, which it must answer within.
  const core = () => redis.core({ timeoutMs: 10_000 });
  const coreWhileDown = () => redis.core({ timeoutMs: 200 });
  const verifyFresh = (xmppToken = core()) => {
    const { jid, token } = xmppToken.mint('alice');
    return xmppToken.verify(jid, token);
  };

  it('answers store_failure while Redis is down, and accepts again once it is back', async () => {
    await expect(verifyFresh()).resolves.toMatchObject({ ok: true });
    await redis.server.stop();
    for (let i = 0; i < 3; i++) expectStoreFailure(await verifyFresh(coreWhileDown()));
    await redis.server.start();
    await vi.waitFor(async () => expect(await verifyFresh()).toMatchObject({ ok: true }), {
      timeout: 15_000,
      interval: 100,
    });
    const { jid, token } = core().mint('bob');
    await expect(core().verify(jid, token)).resolves.toMatchObject({ ok: true });
    await expect(core().verify(jid, token)).resolves.toEqual({ ok: false, reason: 'replayed' });
  });

  it('answers store_failure, with the Redis error as cause, when Redis refuses the write', async () => {
    // maxmemory 1 with the default noeviction policy: every SET gets an OOM error reply.
    await redis.server.cli('CONFIG', 'SET', 'maxmemory', '1');
    try {
      const result = await verifyFresh();
      expectStoreFailure(result);
      const cause = (result as { cause?: { cause?: unknown } }).cause;
      expect(String(cause?.cause)).toContain('OOM');
    } finally {
      await redis.server.cli('CONFIG', 'SET', 'maxmemory', '0');
    }
    await expect(verifyFresh()).resolves.toMatchObject({ ok: true });
  });
});
