// Core: mint and verify ops/s next to the tightest hand-written node:crypto implementation of the
// same checks (the floor), jsonwebtoken and jose HS256; then bytes per memory replay-store entry.
import { createHmac, createSecretKey, randomFillSync, timingSafeEqual } from 'node:crypto';
import * as jose from 'jose';
import jwt from 'jsonwebtoken';
import { createMemoryReplayStore, createXmppToken } from '../packages/core/dist/index.js';

const tokenSecret = 'JYXEX4IQOEYFYQ2S3MC5P4ZT4SDHYEA7';
const otpSeed = 'XVGR73KMZH2M4XMY';
const NOW = 1_700_000_025_000;
const clock = () => NOW;
const POOL = 30_000;
const ROUNDS = 5;

/** Median ops/s over interleaved rounds; `fn(i)` runs op number i. */
async function measure(cases, opsPerRound) {
  const rates = new Map(cases.map(([name]) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, setup] of cases) {
      const fn = await setup();
      globalThis.gc?.();
      const start = process.hrtime.bigint();
      for (let i = 0; i < opsPerRound; i++) {
        const r = fn(i);
        if (r instanceof Promise) await r;
      }
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      rates.get(name).push(opsPerRound / seconds);
    }
  }
  return new Map([...rates].map(([name, list]) => [name, list.sort((a, b) => a - b)[ROUNDS >> 1]]));
}

// The floor: the same protocol steps with nothing else (OTP of the step precomputed, as we do).
function floor() {
  const key = Buffer.from(tokenSecret);
  const otp = createXmppToken({ tokenSecret, otpSeed, clock }).mint('x@y').token.slice(0, 8);
  const pool = new Uint8Array(4096);
  let offset = pool.length;
  const shape = /^\d{40} [A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/;
  const seen = new Map();
  return {
    mint(jid) {
      let nonce = '';
      while (nonce.length < 32) {
        if (offset === pool.length) {
          randomFillSync(pool);
          offset = 0;
        }
        const b = pool[offset++];
        if (b < 250) nonce += String.fromCharCode(48 + (b % 10));
      }
      const sig = createHmac('sha256', key)
        .update(otp + nonce + jid)
        .digest('base64');
      return `${otp}${nonce} ${sig}`;
    },
    verify(jid, token) {
      if (!shape.test(token)) return false;
      const sig = Buffer.from(token.slice(41), 'base64');
      const expected = createHmac('sha256', key)
        .update(token.slice(0, 40) + jid)
        .digest();
      if (!timingSafeEqual(sig, expected) || token.slice(0, 8) !== otp) return false;
      const id = sig.toString('latin1', 0, 16);
      if (seen.has(id)) return false;
      seen.set(id, NOW + 60_000);
      return true;
    },
  };
}

const jid = 'alice@example.test';
const fresh = () =>
  createXmppToken({
    tokenSecret,
    otpSeed,
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

const mintRates = await measure(
  [
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
        const f = floor();
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
  ],
  POOL,
);
const verifyRates = await measure(
  [
    [
      'xmpp-token verify (memory replay store)',
      () => {
        const x = fresh();
        return (i) =>
          x.verify(jid, tokens[i]).then((r) => {
            if (!r.ok) throw new Error(r.reason);
          });
      },
    ],
    [
      'floor (node:crypto) verify',
      () => {
        const f = floor();
        return (i) => {
          if (!f.verify(jid, tokens[i])) throw new Error('floor rejected');
        };
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
    [
      'jose jwtVerify HS256',
      () => () => jose.jwtVerify(joseJwt, joseKey, { algorithms: ['HS256'] }),
    ],
  ],
  POOL,
);

// Bytes per remembered token: heap growth of a memory store holding N verified tokens.
async function bytesPerEntry() {
  const n = 200_000;
  const store = createMemoryReplayStore({ clock, maxEntries: n });
  const x = createXmppToken({ tokenSecret, otpSeed, clock, replayStore: store });
  const many = Array.from({ length: n }, () => x.mint(jid).token);
  globalThis.gc();
  const before = process.memoryUsage().heapUsed;
  for (const token of many) await x.verify(jid, token);
  many.length = 0;
  globalThis.gc();
  const after = process.memoryUsage().heapUsed;
  if (store.size !== n) throw new Error(`store holds ${store.size}, expected ${n}`);
  return (after - before) / n;
}
const bytes = await bytesPerEntry();

const fmt = (n) => Math.round(n).toLocaleString('en-US');
const table = (rates, ours, floorName, jwtKey) => {
  const lines = ['| operation | ops/s | vs floor |', '| --- | ---: | ---: |'];
  for (const [name, rate] of rates)
    lines.push(`| ${name} | ${fmt(rate)} | ${(rate / rates.get(floorName)).toFixed(2)} |`);
  lines.push(
    '',
    `xmpp-token / floor: **${((rates.get(ours) / rates.get(floorName)) * 100).toFixed(0)}%**; ` +
      `xmpp-token / jsonwebtoken (KeyObject): **${(rates.get(ours) / rates.get(jwtKey)).toFixed(2)}x**.`,
  );
  return lines.join('\n');
};

console.log(`## Core: mint and verify

\`pnpm bench core\` (\`bench/core.bench.mjs\`): ${fmt(POOL)} operations a case, median of ${ROUNDS} interleaved rounds, one process. Every verify is of a distinct valid token, so the replay store is written each time.

### Mint

${table(mintRates, 'xmpp-token mint', 'floor (node:crypto) mint', 'jsonwebtoken sign (KeyObject)')}

### Verify

${table(verifyRates, 'xmpp-token verify (memory replay store)', 'floor (node:crypto) verify', 'jsonwebtoken verify (KeyObject)')}

### Memory replay store

${fmt(200_000)} remembered tokens: **${bytes.toFixed(0)} bytes per entry** (heap growth after GC; target <= 120).
`);
