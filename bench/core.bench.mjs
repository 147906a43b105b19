// Core: mint and verify ops/s next to the tightest hand-written node:crypto implementation of the
// same checks (the floor, bench/support/floor.mjs), jsonwebtoken and jose HS256; then bytes per
// memory replay-store entry.
import { createSecretKey } from 'node:crypto';
import * as jose from 'jose';
import jwt from 'jsonwebtoken';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import {
  VERIFY_CHANNEL,
  createMemoryReplayStore,
  createXmppToken,
} from '../packages/core/dist/index.js';
import { createFloor } from './support/floor.mjs';
import { machineLoad, median, ratioCell } from './support/stats.mjs';

const tokenSecret = 'JYXEX4IQOEYFYQ2S3MC5P4ZT4SDHYEA7';
const otpSeed = 'XVGR73KMZH2M4XMY';
const NOW = 1_700_000_025_000;
const clock = () => NOW;
const POOL = 200_000;
const SECONDS = 0.25;
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);

/**
 * Runs ops `from` to `to`, each awaited if it answers a promise (as a caller of `verify` does),
 * in a function of its own: a small frame, as a route handler's, so an await costs here what it
 * costs an app, not the save and restore of the measuring loop's many locals.
 */
async function runOps(name, fn, from, to) {
  for (let i = from; i < to; i++) {
    let r = fn(i);
    if (r instanceof Promise) r = await r;
    // Every op must succeed: a rejected token would measure the wrong path.
    if (r === undefined || r === false || r?.ok === false)
      throw new Error(`${name}: op ${i} failed`);
  }
}

/**
 * Per-case ops/s of every interleaved round (`Map` of name -> list, in round order). Each case
 * runs for about `SECONDS` (at most `POOL` ops, so verify always sees a fresh token); `setup()`
 * returns `fn(i)`, which runs op number i; `fn.done()`, if set, is called once the case ran.
 */
async function measure(cases) {
  const rates = new Map(cases.map(([name]) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    // The order alternates, so that no case always follows the same one.
    for (const [name, setup] of round % 2 === 0 ? cases : [...cases].reverse()) {
      const fn = await setup();
      globalThis.gc?.();
      const start = process.hrtime.bigint();
      const deadline = start + BigInt(SECONDS * 1e9);
      let ops = 0;
      while (ops < POOL) {
        await runOps(name, fn, ops, ops + 500);
        ops += 500;
        if (process.hrtime.bigint() > deadline) break;
      }
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      fn.done?.();
      rates.get(name).push(ops / seconds);
    }
  }
  return rates;
}

const jid = 'alice@example.test';
const fresh = () =>
  createXmppToken({
    tokenSecret,
    otpSeed,
    domain: 'example.test',
    clock,
    replayStore: createMemoryReplayStore({ clock, maxEntries: 10_000_000 }),
  });
const minter = fresh();
const tokens = Array.from({ length: POOL }, () => minter.mint(jid).token);
const secretKey = createSecretKey(Buffer.from(tokenSecret));
const claims = { sub: jid };
const jwtString = jwt.sign(claims, tokenSecret, { algorithm: 'HS256', expiresIn: 3600 });
const joseKey = new TextEncoder().encode(tokenSecret);
const joseJwt = await new jose.SignJWT(claims)
  .setProtectedHeader({ alg: 'HS256' })
  .setExpirationTime('1h')
  .sign(joseKey);

async function fullGc() {
  for (let i = 0; i < 4; i++) {
    globalThis.gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
}

// Bytes per remembered token: heap growth of a memory store holding N verified tokens.
// The memory store keeps its keys in typed arrays, whose backing stores live outside the JS heap.
function heapAndBuffers() {
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

async function bytesPerEntry() {
  const n = 200_000;
  const store = createMemoryReplayStore({ clock, maxEntries: n });
  const x = createXmppToken({
    tokenSecret,
    otpSeed,
    domain: 'example.test',
    clock,
    replayStore: store,
  });
  const many = Array.from({ length: n }, () => x.mint(jid).token);
  // The tokens stay alive across both readings, so what grows is what the store keeps. Minted
  // tokens are rope strings; flattening them shrinks the heap, so it happens before the first
  // reading. The store gets the very key verify gives it: the signature's first 12 characters.
  for (const token of many) /^\d/.test(token);
  await fullGc();
  const before = heapAndBuffers();
  for (const token of many) store.remember(token.slice(41, 53), 60_000);
  await fullGc();
  const after = heapAndBuffers();
  if (many.length !== n) throw new Error('tokens must stay alive while measuring');
  if (store.size !== n) throw new Error(`store holds ${store.size}, expected ${n}`);
  return (after - before) / n;
}
// Measured first, on a quiet heap.
const bytes = await bytesPerEntry();

const mintRates = await measure([
  [
    'xmpp-token mint',
    () => {
      const x = fresh();
      return () => x.mint(jid);
    },
  ],
  [
    'floor (node:crypto) mint',
    () => {
      const f = createFloor({ tokenSecret, otpSeed, domain: 'example.test', clock });
      return () => f.mint(jid);
    },
  ],
  [
    'jsonwebtoken sign (string secret)',
    () => () => jwt.sign(claims, tokenSecret, { algorithm: 'HS256' }),
  ],
  [
    'jsonwebtoken sign (KeyObject)',
    () => () => jwt.sign(claims, secretKey, { algorithm: 'HS256' }),
  ],
  [
    'jose SignJWT HS256',
    () => () => new jose.SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).sign(joseKey),
  ],
]);
const verifyRates = await measure([
  [
    'xmpp-token verify (memory replay store)',
    () => {
      const x = fresh();
      return (i) => x.verify(jid, tokens[i]);
    },
  ],
  [
    // What an app with a metrics subscriber pays: a message and two clock reads per verify.
    'xmpp-token verify with a diagnostics subscriber',
    () => {
      const x = fresh();
      let count = 0;
      const onMessage = (message) => {
        if (message.ok) count++;
      };
      subscribe(VERIFY_CHANNEL, onMessage);
      const fn = (i) => x.verify(jid, tokens[i]);
      fn.done = () => {
        unsubscribe(VERIFY_CHANNEL, onMessage);
        if (count === 0) throw new Error('the subscriber heard nothing');
      };
      return fn;
    },
  ],
  [
    'floor (node:crypto) verify',
    () => {
      const f = createFloor({ tokenSecret, otpSeed, domain: 'example.test', clock });
      return (i) => f.verify(jid, tokens[i]);
    },
  ],
  [
    'jsonwebtoken verify (string secret)',
    () => () => jwt.verify(jwtString, tokenSecret, { algorithms: ['HS256'] }),
  ],
  [
    'jsonwebtoken verify (KeyObject)',
    () => () => jwt.verify(jwtString, secretKey, { algorithms: ['HS256'] }),
  ],
  ['jose jwtVerify HS256', () => () => jose.jwtVerify(joseJwt, joseKey, { algorithms: ['HS256'] })],
]);

const fmt = (n) => Math.round(n).toLocaleString('en-US');
// Ratios are taken within each round (cases measured seconds apart), then the median: this
// machine's speed drifts between rounds far more than within one.
const ratios = (rates, a, b) => rates.get(a).map((rate, i) => rate / rates.get(b)[i]);
const ratio = (rates, a, b) => median(ratios(rates, a, b));
const table = (rates, ours, floorName, jwtKey) => {
  const lines = [
    '| operation | ops/s (median) | vs floor [25th-75th percentile] |',
    '| --- | ---: | ---: |',
  ];
  for (const [name, list] of rates) {
    lines.push(`| ${name} | ${fmt(median(list))} | ${ratioCell(ratios(rates, name, floorName))} |`);
  }
  lines.push(
    '',
    `xmpp-token / floor: **${(ratio(rates, ours, floorName) * 100).toFixed(0)}%**; ` +
      `xmpp-token / jsonwebtoken (KeyObject): **${ratio(rates, ours, jwtKey).toFixed(2)}x**.`,
  );
  return lines.join('\n');
};

console.log(`## Core: mint and verify

\`pnpm bench core\` (\`bench/core.bench.mjs\`): about ${SECONDS} s a case (at most ${fmt(POOL)} operations), ${ROUNDS} rounds in one process, the order alternating; "vs" is the median of the ratios within a round [25th-75th percentile]. Every verify is of a distinct valid token, so the replay store is written each time; every instance, ours and the floor's, is fresh each round. xmpp-token is called through its public API (\`verify\` answers a promise, awaited), the floor synchronously. The floor (\`bench/support/floor.mjs\`) does the same checks with no abstraction; its replay set grows and is bounded as our memory store is (1M live tokens by default). Finished at ${await machineLoad()}.

### Mint

${table(mintRates, 'xmpp-token mint', 'floor (node:crypto) mint', 'jsonwebtoken sign (KeyObject)')}

### Verify

${table(verifyRates, 'xmpp-token verify (memory replay store)', 'floor (node:crypto) verify', 'jsonwebtoken verify (KeyObject)')}

### Memory replay store

${fmt(200_000)} remembered tokens: **${bytes.toFixed(0)} bytes per entry** (heap plus ArrayBuffer growth after GC; target <= 32).
`);
