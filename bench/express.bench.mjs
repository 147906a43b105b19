// Express adapter: requests/s of one route bare, behind verifyXmppToken and behind express-jwt
// (HS256, both secret forms), in one run. The harness is bench/support/http-bench.mjs.
import { createSecretKey } from 'node:crypto';
import { createRequire } from 'node:module';
import { createXmppToken } from '../packages/core/dist/index.js';
import { verifyXmppToken } from '../packages/express/dist/index.js';
import { BENCH_KEYS, JWT_SECRET, httpBench, percent } from './support/http-bench.mjs';

const require = createRequire(new URL('../packages/express/package.json', import.meta.url));
const express = require('express');
const { expressjwt } = require('express-jwt');

// jsonwebtoken first tries a string (or Buffer) secret as a PEM public key, an OpenSSL error path
// that costs ~1 ms a request; a KeyObject skips it. Both forms are measured: the fast one is the
// comparison that counts, the string one is what express-jwt's README shows.
const jwtWith = (secret) => () => [expressjwt({ secret, algorithms: ['HS256'] })];

await httpBench(import.meta.url, {
  title: 'Express: requests/s behind verifyXmppToken',
  stack: 'Express 5',
  load: { connections: 16, seconds: 2, rounds: 4 },
  setups: {
    bare: { label: 'bare Express route', use: () => [] },
    // The default bounded memory replay store (1M entries).
    xmpp: {
      label: 'behind verifyXmppToken',
      use: () => [verifyXmppToken({ xmppToken: createXmppToken(BENCH_KEYS) })],
    },
    jwt: {
      label: 'behind express-jwt (HS256, KeyObject secret)',
      jwt: true,
      use: jwtWith(createSecretKey(Buffer.from(JWT_SECRET))),
    },
    jwtString: {
      label: 'behind express-jwt (HS256, string secret)',
      jwt: true,
      use: jwtWith(JWT_SECRET),
    },
  },
  app: (middleware) => express().get('/', ...middleware, (_req, res) => res.send('ok')),
  conclusion: (ratio) =>
    `The verifier keeps ${percent(ratio('xmpp', 'bare'))} of bare throughput (target >= 90%) ` +
    `and runs at ${percent(ratio('xmpp', 'jwt'))} of express-jwt's rate with its fastest secret ` +
    'form (target >= 100%), while also refusing replays.',
});
