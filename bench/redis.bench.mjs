// Redis replay store: verify ops/s with the in-process memory store, then with a real Redis
// (spawned here on a free loopback port) through ioredis and node-redis, one verification at a
// time and with many in flight. Every verification uses a distinct fresh token, so each one is a
// real SET NX that writes.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createConnection, createServer } from 'node:net';
import { createRedisReplayStore } from '../packages/redis/dist/index.js';
import { createMemoryReplayStore, createXmppToken } from '../packages/core/dist/index.js';

// The clients are the redis package's (dev) dependencies, not the repo root's.
const require = createRequire(new URL('../packages/redis/package.json', import.meta.url));
const { Redis } = require('ioredis');
const { createClient } = require('redis');

const REDIS_SERVER = process.env.REDIS_SERVER ?? '/usr/bin/redis-server';
const tokenSecret = 'JYXEX4IQOEYFYQ2S3MC5P4ZT4SDHYEA7';
const otpSeed = 'XVGR73KMZH2M4XMY';
const NOW = 1_700_000_025_000; // fixed: no token expires mid-run, whatever the machine's load
const clock = () => NOW;
const OPS = 4_000;
const ROUNDS = 3;
const IN_FLIGHT = 64;

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

function ping(port) {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => socket.write('PING\r\n'));
    socket.once('data', (data) => (socket.destroy(), resolve(data.toString().startsWith('+PONG'))));
    socket.once('error', () => resolve(false));
  });
}

async function startRedis() {
  const port = await freePort();
  const child = spawn(
    REDIS_SERVER,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  process.once('exit', () => child.kill('SIGKILL'));
  for (let i = 0; i < 200 && !(await ping(port)); i++) {
    if (child.exitCode !== null) throw new Error(`redis-server exited (port ${port})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const stop = () => new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGKILL')));
  return { port, stop };
}

/** Verifies `tokens` with `limit` verifications in flight; ops/s. Any refusal aborts the bench. */
async function run(xmppToken, tokens, limit) {
  let next = 0;
  const worker = async () => {
    while (next < tokens.length) {
      const { jid, token } = tokens[next++];
      const result = await xmppToken.verify(jid, token);
      if (!result.ok) throw new Error(`verification refused: ${result.reason}`);
    }
  };
  globalThis.gc?.();
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: limit }, worker));
  return tokens.length / (Number(process.hrtime.bigint() - start) / 1e9);
}

/** Median ops/s per case over interleaved rounds, each round on freshly minted tokens. */
async function measure(cases) {
  const rates = cases.map(() => []);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, { xmppToken, limit }] of cases.entries()) {
      const tokens = Array.from({ length: OPS }, (_, n) => xmppToken.mint(`user${n % 1000}`));
      rates[i].push(await run(xmppToken, tokens, limit));
    }
  }
  return rates.map((list) => list.sort((a, b) => a - b)[ROUNDS >> 1]);
}

const redis = await startRedis();
const ioredis = new Redis({ host: '127.0.0.1', port: redis.port });
const nodeRedis = createClient({ socket: { host: '127.0.0.1', port: redis.port } });
await nodeRedis.connect();
const core = (replayStore) =>
  createXmppToken({ tokenSecret, otpSeed, domain: 'example.com', clock, replayStore });
const withRedis = (client) => core(createRedisReplayStore({ client, timeoutMs: 5_000 }));

const cases = [
  { store: 'memory (in process)', limit: 1, xmppToken: core(createMemoryReplayStore({ clock })) },
  { store: 'Redis via ioredis', limit: 1, xmppToken: withRedis(ioredis) },
  { store: 'Redis via ioredis', limit: IN_FLIGHT, xmppToken: withRedis(ioredis) },
  { store: 'Redis via node-redis', limit: 1, xmppToken: withRedis(nodeRedis) },
  { store: 'Redis via node-redis', limit: IN_FLIGHT, xmppToken: withRedis(nodeRedis) },
];
try {
  await run(cases[1].xmppToken, [cases[1].xmppToken.mint('warmup')], 1);
  const rates = await measure(cases);
  const [memory, ioSequential, ioConcurrent, nodeSequential, nodeConcurrent] = rates;
  const fmt = (n) => Math.round(n).toLocaleString('en-US');
  console.log('## Redis replay store (`@xmpp-token/redis`)\n');
  console.log(
    '`pnpm bench redis` — verify ops/s, each on a distinct fresh token (one `SET NX PX` each),',
  );
  console.log(
    `against a local redis-server over loopback; median of ${ROUNDS} rounds of ${fmt(OPS)}.\n`,
  );
  console.log('| replay store | in flight | verify ops/s | vs memory |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const [i, { store, limit }] of cases.entries()) {
    console.log(`| ${store} | ${limit} | ${fmt(rates[i])} | ${(rates[i] / memory).toFixed(2)}x |`);
  }
  const sequential = Math.max(ioSequential, nodeSequential);
  const concurrent = Math.max(ioConcurrent, nodeConcurrent);
  console.log(
    `\nAwaited one by one, each verification waits a loopback round trip (memory is ` +
      `${(memory / sequential).toFixed(1)}x faster); with ${IN_FLIGHT} in flight the clients pipeline ` +
      `on one connection, throughput rises ${(concurrent / sequential).toFixed(1)}x and reaches ` +
      `${Math.round((100 * concurrent) / memory)}% of the memory store's.`,
  );
} finally {
  ioredis.disconnect();
  nodeRedis.destroy();
  await redis.stop();
}
