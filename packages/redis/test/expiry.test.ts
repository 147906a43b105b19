// Redis must not fill up with spent tokens: every key carries a TTL, and once the tokens can no
// longer verify, their keys are gone. Short steps (1 s, window 1) keep the wait to ~2 s.
import { describe, expect, it, vi } from 'vitest';
import { CLIENT_KINDS } from './support/clients.js';
import { hasRedisServer } from './support/redis-server.js';
import { useRedis } from './support/redis-suite.js';

const STEP_SECONDS = 1;
const WINDOW = 1;
const TOKENS = 20;

describe.skipIf(!hasRedisServer).each(CLIENT_KINDS)('with $name', (kind) => {
  const redis = useRedis(kind);

  it('sets a TTL on every key and leaves no key once the tokens have expired', async () => {
    const xmppToken = redis.core(
      { timeoutMs: 5_000 },
      { stepSeconds: STEP_SECONDS, window: WINDOW },
    );
    const minted = Array.from({ length: TOKENS }, (_, i) => xmppToken.mint(`user${i}`));
    const results = await Promise.all(minted.map(({ jid, token }) => xmppToken.verify(jid, token)));
    expect(results.filter((result) => result.ok)).toHaveLength(TOKENS);

    const keys = (await redis.server.cli('--scan')).split('\n').filter(Boolean);
    expect(keys).toHaveLength(TOKENS);
    for (const key of keys) {
      const pttl = Number(await redis.server.cli('PTTL', key));
      expect(pttl).toBeGreaterThan(0);
      expect(pttl).toBeLessThanOrEqual((WINDOW + 1) * STEP_SECONDS * 1000);
    }

    // Redis' active expiry, not a read, must remove them: DBSIZE does not touch keys.
    await vi.waitFor(async () => expect(await redis.server.cli('DBSIZE')).toBe('0'), {
      timeout: 10_000,
      interval: 100,
    });
    const { jid, token } = minted[0] as (typeof minted)[number];
    await expect(xmppToken.verify(jid, token)).resolves.toEqual({ ok: false, reason: 'expired' });
  });
});
