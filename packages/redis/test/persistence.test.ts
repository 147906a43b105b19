// What the README says of Redis restarts, on a real redis-server killed and started again: without
// persistence a token accepted before the restart is accepted again (the exposure it documents);
// with the README's AOF settings it stays refused.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLIENT_KINDS } from './support/clients.js';
import { hasRedisServer, startRedisServer } from './support/redis-server.js';
import { redisCore } from './support/redis-suite.js';

const ioredis = CLIENT_KINDS.find((kind) => kind.name === 'ioredis');
const README = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
// The README's redis.conf lines: the block under "Redis restarts".
const readmeConfig = (/## Redis restarts[\s\S]*?```conf\n([\s\S]*?)```/.exec(README)?.[1] ?? '')
  .split('\n')
  .filter((line) => line.trim() !== '');

/** Accepts a fresh token, kills and restarts Redis, and presents the token again. */
async function replayAcrossRestart(config: readonly string[]) {
  if (ioredis === undefined) throw new Error('the ioredis client kind is missing');
  const server = await startRedisServer({ config });
  const connection = await ioredis.connect(server);
  try {
    const xmppToken = redisCore(connection.client, { timeoutMs: 10_000 });
    const { jid, token } = xmppToken.mint('alice');
    await expect(xmppToken.verify(jid, token)).resolves.toMatchObject({ ok: true });
    await server.stop(); // SIGKILL: a crash, not a clean shutdown
    await server.start();
    return await xmppToken.verify(jid, token);
  } finally {
    await connection.close();
    await server.dispose();
  }
}

describe.skipIf(!hasRedisServer)('Redis restarts', () => {
  it('the README gives the settings: AOF written before each reply, no eviction', () => {
    expect(readmeConfig).toEqual([
      'appendonly yes',
      'appendfsync always',
      'maxmemory-policy noeviction',
    ]);
  });

  it('without persistence, a token accepted before the restart is accepted again', async () => {
    await expect(replayAcrossRestart([])).resolves.toMatchObject({ ok: true });
  });

  it('with the README’s settings, it stays refused after a crash and restart', async () => {
    await expect(replayAcrossRestart(readmeConfig)).resolves.toEqual({
      ok: false,
      reason: 'replayed',
    });
  });
});
