// Redis Cluster: each check is one key, hence one slot, so both libraries' cluster clients work
// without hash tags. A one-node cluster holding all 16384 slots is a real cluster to the clients.
import { createXmppToken } from '@xmpp-token/core';
import { createRedisReplayStore } from '@xmpp-token/redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_KINDS, SECRETS, type TestClient } from './support/clients.js';
import { hasRedisServer, startRedisServer, type RedisServer } from './support/redis-server.js';

describe.skipIf(!hasRedisServer).each(CLIENT_KINDS)('with a $name cluster client', (kind) => {
  let server: RedisServer;
  let connections: TestClient[] = [];

  beforeAll(async () => {
    server = await startRedisServer({ cluster: true });
    connections = [await kind.connectCluster(server), await kind.connectCluster(server)];
  });
  afterAll(async () => {
    await Promise.all(connections.map((connection) => connection.close()));
    await server?.dispose();
  });

  it('accepts a token once across two cluster clients', async () => {
    const [first, second] = connections.map(({ client }) =>
      createXmppToken({ ...SECRETS, replayStore: createRedisReplayStore({ client }) }),
    );
    if (first === undefined || second === undefined) throw new Error('two clients expected');
    const { jid, token } = first.mint('alice');
    const results = await Promise.all([first.verify(jid, token), second.verify(jid, token)]);
    expect(results.filter((result) => result.ok)).toHaveLength(1);
    await expect(second.verify(jid, token)).resolves.toEqual({ ok: false, reason: 'replayed' });
  });

  it('spreads keys over slots: the prefix carries no hash tag', async () => {
    const xmppToken = createXmppToken({
      ...SECRETS,
      replayStore: createRedisReplayStore({ client: (connections[0] as TestClient).client }),
    });
    for (let i = 0; i < 8; i++) {
      const { jid, token } = xmppToken.mint(`spread${i}`);
      await expect(xmppToken.verify(jid, token)).resolves.toMatchObject({ ok: true });
    }
    const keys = (await server.cli('--scan', '--pattern', 'xmpp-token:*')).split('\n');
    const slots = await Promise.all(keys.map((key) => server.cli('CLUSTER', 'KEYSLOT', key)));
    expect(new Set(slots).size).toBeGreaterThan(1);
  });
});
