// Redis Cluster: each check is one key, hence one slot, so both libraries' cluster clients work
// without hash tags. A one-node cluster holding all 16384 slots is a real cluster to the clients.
import { describe, expect, it } from 'vitest';
import { CLIENT_KINDS } from './support/clients.js';
import { hasRedisServer } from './support/redis-server.js';
import { redisCore, useRedis } from './support/redis-suite.js';

// Generous: these checks expect success, which a busy machine must not turn into a timeout.
const STORE = { timeoutMs: 10_000 };

describe.skipIf(!hasRedisServer).each(CLIENT_KINDS)('with a $name cluster client', (kind) => {
  const redis = useRedis(kind, { cluster: true, connections: 2 });

  it('accepts a token once across two cluster clients', async () => {
    const [first, second] = redis.clients.map((client) => redisCore(client, STORE));
    if (first === undefined || second === undefined) throw new Error('two clients expected');
    const { jid, token } = first.mint('alice');
    const results = await Promise.all([first.verify(jid, token), second.verify(jid, token)]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    await expect(second.verify(jid, token)).resolves.toEqual({ ok: false, reason: 'replayed' });
  });

  it('spreads keys over slots: the prefix carries no hash tag', async () => {
    const xmppToken = redis.core(STORE);
    for (let i = 0; i < 8; i++) {
      const { jid, token } = xmppToken.mint(`spread${i}`);
      await expect(xmppToken.verify(jid, token)).resolves.toMatchObject({ ok: true });
    }
    const keys = (await redis.server.cli('--scan', '--pattern', 'xmpp-token:*')).split('\n');
    const slots = await Promise.all(keys.map((key) => redis.server.cli('CLUSTER', 'KEYSLOT', key)));
    expect(new Set(slots).size).toBeGreaterThan(1);
  });
});
