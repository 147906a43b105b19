// Redis replay store: against a real redis-server (spawned here on a free loopback port), the rate
// of the raw client doing the very command the store sends, `SET key 1 PX ttl NX` with keys of the
// same length (the floor), next to `remember` of the store and to a whole `verify` through it,
// for ioredis (plain and with auto-pipelining) and node-redis, at 64 operations in flight; and
// the in-process memory store for scale. Every write is of a new key, as a fresh token's is.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { createConnection, createServer } from 'node:net';
import { createMemoryReplayStore, createXmppToken } from '../packages/core/dist/index.js';
import { createRedisReplayStore } from '../packages/redis/dist/index.js';
import { count, machineLoad, markdownTable, median, ratioCell } from './support/stats.mjs';

// The clients are the redis package's (dev) dependencies, not the repo root's.
const require = createRequire(new URL('../packages/redis/package.json', import.meta.url));
const { Redis } = require('ioredis');
const { createClient } = require('redis');

const REDIS_SERVER = process.env.REDIS_SERVER ?? '/usr/bin/redis-server';
const KEYS = { tokenSecret: 'JYXEX4IQOEYFYQ2S3MC5P4ZT4SDHYEA7', otpSeed: 'XVGR73KMZH2M4XMY' };
const NOW = 1_700_000_025_000; // fixed: no token expires mid-run, whatever the machine's load
const clock = () => NOW;
const OPS = Number(process.env.BENCH_REDIS_OPS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 9);
const IN_FLIGHT = 64;
const TTL_MS = 60_000;
// The store's keys: 'xmpp-token:' and 43 base64url characters (a SHA-256).
const KEY_LENGTH = 'xmpp-token:'.length + 43;

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
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  const child = spawn(REDIS_SERVER, args, { stdio: 'ignore' });
  process.once('exit', () => child.kill('SIGKILL'));
  for (let i = 0; i < 200 && !(await ping(port)); i++) {
    if (child.exitCode !== null) throw new Error(`redis-server exited (port ${port})`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const stop = () => new Promise((resolve) => (child.once('exit', resolve), child.kill('SIGKILL')));
  return { port, stop };
}

/** Runs `op(i)` for i < OPS with `IN_FLIGHT` in flight; ops/s. Any refusal aborts the bench. */
async function run(op) {
  let next = 0;
  const worker = async () => {
    while (next < OPS) {
      const answer = await op(next++);
      if (answer !== true && answer !== 'OK' && answer?.ok !== true) {
        throw new Error(`refused: ${JSON.stringify(answer)}`);
      }
    }
  };
  globalThis.gc?.();
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return OPS / (Number(process.hrtime.bigint() - start) / 1e9);
}

const freshKeys = () =>
  Array.from({ length: OPS }, () =>
    randomBytes(40)
      .toString('base64url')
      .slice(0, KEY_LENGTH - 'raw:'.length),
  ).map((key) => `raw:${key}`);
// What verify hands the store: 12 characters of a signature, distinct.
const replayKeys = () => Array.from({ length: OPS }, () => randomBytes(9).toString('base64'));
const freshTokens = (xmppToken) =>
  Array.from({ length: OPS }, (_, n) => xmppToken.mint(`user${n % 1000}`));

const redis = await startRedis();
const connection = { host: '127.0.0.1', port: redis.port };
const clients = {
  ioredis: new Redis(connection),
  'ioredis (auto-pipelining)': new Redis({ ...connection, enableAutoPipelining: true }),
  'node-redis': createClient({ socket: connection }),
};
await clients['node-redis'].connect();
const core = (replayStore) =>
  createXmppToken({ ...KEYS, domain: 'example.com', clock, replayStore });

// Per client: the raw command, the store's remember, verify through the store. Each case
// prepares its inputs (not timed) and returns the op.
const cases = {};
for (const [name, client] of Object.entries(clients)) {
  const set =
    name === 'node-redis'
      ? (key) =>
          client.set(key, '1', { condition: 'NX', expiration: { type: 'PX', value: TTL_MS } })
      : (key) => client.set(key, '1', 'PX', TTL_MS, 'NX');
  cases[`${name}: raw SET NX PX`] = () => {
    const keys = freshKeys();
    return (i) => set(keys[i]);
  };
  cases[`${name}: store.remember`] = () => {
    const store = createRedisReplayStore({ client, timeoutMs: 5_000 });
    const keys = replayKeys();
    return (i) => store.remember(keys[i], TTL_MS);
  };
  cases[`${name}: verify`] = () => {
    const xmppToken = core(createRedisReplayStore({ client, timeoutMs: 5_000 }));
    const tokens = freshTokens(xmppToken);
    return (i) => xmppToken.verify(tokens[i].jid, tokens[i].token);
  };
}
cases['memory store: verify'] = () => {
  const xmppToken = core(createMemoryReplayStore({ clock, maxEntries: 10_000_000 }));
  const tokens = freshTokens(xmppToken);
  return (i) => xmppToken.verify(tokens[i].jid, tokens[i].token);
};

try {
  const names = Object.keys(cases);
  for (const name of names) await run(cases[name]()); // warm-up
  const rates = Object.fromEntries(names.map((name) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    await clients.ioredis.flushall();
    for (const name of round % 2 === 0 ? names : [...names].reverse()) {
      rates[name].push(await run(cases[name]()));
    }
  }
  const ratio = (name, base) => rates[name].map((rate, i) => rate / rates[base][i]);
  const rows = names.map((name) => {
    const [client] = name.split(': ');
    const raw = `${client}: raw SET NX PX`;
    const floor = rates[raw] ? ratioCell(ratio(name, raw)) : '-';
    return [name, count(median(rates[name])), floor];
  });
  const verdicts = Object.keys(clients).map((client) => {
    const raw = `${client}: raw SET NX PX`;
    const store = median(ratio(`${client}: store.remember`, raw));
    const verify = median(ratio(`${client}: verify`, raw));
    return (
      `${client}: the store ${store.toFixed(2)}x (${store >= 0.8 ? 'met' : 'NOT met'}), ` +
      `a whole verify ${verify.toFixed(2)}x`
    );
  });
  console.log(`## Redis replay store (\`@xmpp-token/redis\`)

\`pnpm bench redis\`: a local redis-server over loopback, ${IN_FLIGHT} operations in flight on one client connection, ${count(OPS)} operations per case and round, ${ROUNDS} rounds in alternating order (FLUSHALL before each). The floor is the raw client sending the store's very command, \`SET key 1 PX ${TTL_MS} NX\` with keys as long as the store's, each new. \`store.remember\` adds what the store does (SHA-256 of the key, the timeout, reading the reply); \`verify\` is a whole verification of a fresh token through the store (parse, HMAC, OTP window, then the store). Cells: median ops/s; median of within-round ratios to the same client's floor [25th-75th percentile]. Finished at ${await machineLoad()}.

${markdownTable(['case', 'ops/s (median)', 'vs raw SET NX PX'], rows)}

Target: the store >= 0.80x the raw client's rate at ${IN_FLIGHT} in flight. ${verdicts.join('; ')}.`);
} finally {
  clients.ioredis.disconnect();
  clients['ioredis (auto-pipelining)'].disconnect();
  await clients['node-redis'].destroy();
  await redis.stop();
}
