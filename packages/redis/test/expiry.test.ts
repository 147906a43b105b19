// Redis must not fill up with spent tokens: every key carries a TTL, and once the tokens can no
// longer verify, their keys are gone. Short steps (1 s, window 1) keep the wait to ~2 s. Core runs
// on a clock the test moves by hand, so no token can expire early on a busy machine; only Redis'
// own key expiry runs on real time.
import { describe, expect, it, vi } from 'vitest';
import { CLIENT_KINDS } from './support/clients.js';
import { hasRedisServer } from './support/redis-server.js';
import { useRedis } from './support/redis-suite.js';

const STEP_SECONDS = 1;
const WINDOW = 1;
const TOKENS = 20;
const STEP_MS = STEP_SECONDS * 1000;
// What a token minted at the very start of a step has left to live, so its keys' TTL.
const LIFETIME_MS = (WINDOW + 1) * STEP_MS;
// PTTL of every key in one round trip, so none can expire between the scan and its PTTL.
const ALL_PTTLS =
  "local t = {} for _, k in ipairs(redis.call('KEYS', '*')) do t[#t + 1] = redis.call('PTTL', k) end return t";

describe.skipIf(!hasRedisServer).each(CLIENT_KINDS)('with $name', (kind) => {
  const redis = useRedis(kind);

  it('sets a TTL on every key and leaves no key once the tokens have expired', async () => {
    let now = Math.floor(Date.now() / STEP_MS) * STEP_MS; // the start of a step
    const xmppToken = redis.core(
      { timeoutMs: 10_000 },
      { stepSeconds: STEP_SECONDS, window: WINDOW, clock: () => now },
    );
    const minted = Array.from({ length: TOKENS }, (_, i) => xmppToken.mint(`user${i}`));
    const results = await Promise.all(minted.map(({ jid, token }) => xmppToken.verify(jid, token)));
    expect(results.filter((result) => result.ok)).toHaveLength(TOKENS);

    // Core computes the TTL from its clock, which has not moved: each key gets the whole lifetime.
    const pttls = (await redis.server.cli('EVAL', ALL_PTTLS, '0')).split('\n').filter(Boolean);
    expect(pttls).toHaveLength(TOKENS);
    for (const pttl of pttls.map(Number)) {
      expect(pttl).toBeGreaterThan(0);
      expect(pttl).toBeLessThanOrEqual(LIFETIME_MS);
    }

    // Redis' active expiry, not a read, must remove them: DBSIZE does not touch keys.
    await vi.waitFor(async () => expect(await redis.server.cli('DBSIZE')).toBe('0'), {
      timeout: 10_000,
      interval: 100,
    });
    now += LIFETIME_MS; // the first instant the tokens no longer verify
    const { jid, token } = minted[0] as (typeof minted)[number];
    await expect(xmppToken.verify(jid, token)).resolves.toEqual({ ok: false, reason: 'expired' });
  });
});
