// Against a real redis-server: a token is accepted once, and what lands in Redis is a hashed,
// prefixed key with a TTL no longer than the token's life.
import { describe, expect, it } from 'vitest';
import { CLIENT_KINDS } from './support/clients.js';
import { hasRedisServer } from './support/redis-server.js';
import { useRedis } from './support/redis-suite.js';

describe.skipIf(!hasRedisServer).each(CLIENT_KINDS)('with $name', (kind) => {
  const prefix = `replay-once:${kind.name}:`;
  const redis = useRedis(kind);
  // A generous timeout: every check here expects Redis to answer, however busy the machine.
  const core = () => redis.core({ prefix, timeoutMs: 10_000 });
  const keys = async () =>
    (await redis.server.cli('--scan', '--pattern', `${prefix}*`)).split('\n');

  it('accepts a token once, then answers replayed, also to another core instance', async () => {
    const { token } = core().mint('alice');
    await expect(core().verify('alice', token)).resolves.toMatchObject({ ok: true });
    await expect(core().verify('alice', token)).resolves.toEqual({ ok: false, reason: 'replayed' });
    await expect(core().verify('alice', token)).resolves.toEqual({ ok: false, reason: 'replayed' });
  });

  it('stores a hashed key that holds no token material', async () => {
    const xmppToken = core();
    const { token } = xmppToken.mint('bob');
    const before = new Set(await keys());
    await expect(xmppToken.verify('bob', token)).resolves.toMatchObject({ ok: true });
    const added = (await keys()).filter((key) => !before.has(key));
    expect(added).toHaveLength(1);
    const key = added[0] as string;
    expect(key).toMatch(new RegExp(`^${prefix}[A-Za-z0-9_-]{43}$`));
    const [otpAndNonce = '', signature = ''] = token.split(' ');
    const rawSignature = Buffer.from(signature, 'base64');
    for (const material of [otpAndNonce.slice(0, 8), otpAndNonce.slice(8), signature.slice(0, 8)]) {
      expect(key).not.toContain(material);
    }
    for (const encoding of ['hex', 'base64url', 'latin1'] as const) {
      expect(key).not.toContain(rawSignature.subarray(0, 4).toString(encoding));
    }
  });

  it('puts a TTL on every key, no longer than the token can still verify', async () => {
    const xmppToken = core();
    for (let i = 0; i < 5; i++) {
      const { token } = xmppToken.mint(`user${i}`);
      await expect(xmppToken.verify(`user${i}`, token)).resolves.toMatchObject({ ok: true });
    }
    const all = await keys();
    expect(all.length).toBeGreaterThanOrEqual(5);
    // Default 30 s steps and window 1: a token verifies for at most (window + 1) steps more.
    for (const key of all) {
      const pttl = Number(await redis.server.cli('PTTL', key));
      expect(pttl).toBeGreaterThan(0);
      expect(pttl).toBeLessThanOrEqual(60_000);
    }
  });
});
