// The reason this package exists: several app instances (separate core objects, separate Redis
// connections) verifying the same token at the same moment must accept it exactly once.
import type { XmppToken } from '@xmpp-token/core';
import { describe, expect, it } from 'vitest';
import { CLIENT_KINDS } from './support/clients.js';
import { hasRedisServer } from './support/redis-server.js';
import { redisCore, useRedis } from './support/redis-suite.js';

const INSTANCES = 4;
const ATTEMPTS_PER_TOKEN = 128;
const TOKENS = 4;

describe.skipIf(!hasRedisServer).each(CLIENT_KINDS)('with $name', (kind) => {
  const redis = useRedis(kind, { connections: INSTANCES });

  it(`accepts each token once among ${ATTEMPTS_PER_TOKEN} concurrent attempts on ${INSTANCES} instances`, async () => {
    // A generous timeout: this test is about atomicity, and a slow shared machine is no failure.
    const instances = redis.clients.map((client) => redisCore(client, { timeoutMs: 10_000 }));
    const minter = instances[0] as XmppToken;
    const tokens = Array.from({ length: TOKENS }, (_, i) => minter.mint(`user${i}`));
    const attempts = [];
    // Interleaved so every token is in flight on every instance at once.
    for (let a = 0; a < ATTEMPTS_PER_TOKEN; a++) {
      for (let t = 0; t < TOKENS; t++) {
        const instance = instances[(a + t) % INSTANCES] as XmppToken;
        const { jid, token } = tokens[t] as (typeof tokens)[number];
        attempts.push(instance.verify(jid, token).then((result) => ({ t, result })));
      }
    }
    const outcomes = await Promise.all(attempts);
    for (let t = 0; t < TOKENS; t++) {
      const results = outcomes.filter((outcome) => outcome.t === t).map(({ result }) => result);
      expect(results).toHaveLength(ATTEMPTS_PER_TOKEN);
      expect(results.filter((result) => result.ok)).toHaveLength(1);
      const refusals = results.flatMap((result) => (result.ok ? [] : [result.reason]));
      expect(refusals).toEqual(Array(ATTEMPTS_PER_TOKEN - 1).fill('replayed'));
    }
  });
});
