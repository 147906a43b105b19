// Express adapter: one route bare, behind the floor (bench/support/floor.mjs), behind
// verifyXmppToken and behind express-jwt (HS256, both secret forms). The harness is
// bench/support/http-bench.mjs.
import { createSecretKey } from 'node:crypto';
import { createRequire } from 'node:module';
import { createXmppToken } from '../packages/core/dist/index.js';
import { verifyXmppToken } from '../packages/express/dist/index.js';
import { createFloor } from './support/floor.mjs';
import { BENCH_KEYS, JWT_SECRET, httpBench } from './support/http-bench.mjs';
import { timeExpress } from './support/serve-setup.mjs';

const require = createRequire(new URL('../packages/express/package.json', import.meta.url));
const express = require('express');
const { expressjwt } = require('express-jwt');

/** The floor as an Express middleware: what a hand-written verifier would do. */
function floorMiddleware() {
  const floor = createFloor(BENCH_KEYS);
  return (req, res, next) => {
    const identity = floor.verifyAuthorization(req.headers.authorization);
    if (identity === undefined) return res.status(401).end();
    req.xmpp = identity;
    next();
  };
}

// jsonwebtoken first tries a string (or Buffer) secret as a PEM public key, an OpenSSL error path
// that costs ~1 ms a request; a KeyObject skips it. Both forms are measured: the fast one is the
// comparison that counts, the string one is what express-jwt's README shows.
const jwtWith = (secret) => () => expressjwt({ secret, algorithms: ['HS256'] });

await httpBench(import.meta.url, {
  title: 'Express: `verifyXmppToken` against the floor',
  stack: 'Express 5',
  setups: {
    bare: { label: 'bare Express route', use: () => (_req, _res, next) => next() },
    floor: { label: 'floor (hand-written, synchronous)', use: floorMiddleware },
    // The default bounded memory replay store (1M entries).
    xmpp: {
      label: 'verifyXmppToken',
      use: () => verifyXmppToken({ xmppToken: createXmppToken(BENCH_KEYS) }),
    },
    jwt: {
      label: 'express-jwt (HS256, KeyObject secret)',
      jwt: true,
      use: jwtWith(createSecretKey(Buffer.from(JWT_SECRET))),
    },
    jwtString: {
      label: 'express-jwt (HS256, string secret)',
      jwt: true,
      fixedRate: false,
      use: jwtWith(JWT_SECRET),
    },
  },
  app: (use, record) =>
    express().get('/', timeExpress(use(), record), (_req, res) => res.send('ok')),
});
