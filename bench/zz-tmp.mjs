// Core: mint and verify ops/s next to the tightest hand-written node:crypto implementation of the
// same checks (the floor, bench/support/floor.mjs), jsonwebtoken and jose HS256; then bytes per
// memory replay-store entry.
import { createSecretKey } from 'node:crypto';
import * as jose from 'jose';
import jwt from 'jsonwebtoken';
import { createMemoryReplayStore, createXmppToken } from '../packages/core/dist/index.js';
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
 * returns `fn(i)`, which runs op number i.
 */
async function measure(cases) {
  if (process.env.ONLY) cases = cases.filter(([n]) => n.includes(process.env.ONLY));
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
const verifyRates = await measure([
  [
    'xmpp-token verify (memory replay store)',
    () => {
      const x = fresh();
      return (i) => x.verify(jid, tokens[i]);
    },
  ],
  [
    'sync verify',
    () => {
      const x = fresh();
      const v = x[Symbol.for('@xmpp-token/core.immediate-verify')].immediate;
      return (i) => v(jid, tokens[i]);
    },
  ],
  [
    'floor (node:crypto) verify',
    () => {
      const f = createFloor({ tokenSecret, otpSeed, domain: 'example.test', clock });
      return (i) => f.verify(jid, tokens[i]);
    },
  ],
]);
const r = [...verifyRates.values()];
const [a, b, c] = r; console.log('public/floor', median(a.map((v, i) => v / c[i])).toFixed(3), 'sync/floor', median(b.map((v, i) => v / c[i])).toFixed(3));
