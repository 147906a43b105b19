// Koa adapter: one route bare, behind the floor (bench/support/floor.mjs), behind verifyXmppToken
// and behind koa-jwt (HS256, both secret forms). The harness is bench/support/http-bench.mjs.
import { createSecretKey } from 'node:crypto';
import { createRequire } from 'node:module';
import { createXmppToken } from '../packages/core/dist/index.js';
import { verifyXmppToken } from '../packages/koa/dist/index.js';
import { createFloor } from './support/floor.mjs';
import { BENCH_KEYS, JWT_SECRET, httpBench } from './support/http-bench.mjs';
import { timeKoa } from './support/serve-setup.mjs';

const require = createRequire(new URL('../packages/koa/package.json', import.meta.url));
const Koa = require('koa');
const koaJwt = require('koa-jwt');

/** The floor as a Koa middleware: what a hand-written verifier would do. */
function floorMiddleware() {
  const floor = createFloor(BENCH_KEYS);
  return (ctx, next) => {
    const identity = floor.verifyAuthorization(ctx.headers.authorization);
    if (identity === undefined) ctx.throw(401);
    ctx.state.xmpp = identity;
    return next();
  };
}

// As for express-jwt: a KeyObject skips jsonwebtoken's ~1 ms PEM attempt on a string secret.
const jwtWith = (secret) => () => koaJwt({ secret, algorithms: ['HS256'] });

await httpBench(import.meta.url, {
  title: 'Koa: `verifyXmppToken` against the floor',
  stack: 'Koa 3',
  setups: {
    bare: { label: 'bare Koa route', use: () => (_ctx, next) => next() },
    floor: { label: 'floor (hand-written, synchronous)', use: floorMiddleware },
    xmpp: {
      label: 'verifyXmppToken',
      use: () => verifyXmppToken({ xmppToken: createXmppToken(BENCH_KEYS) }),
    },
    jwt: {
      label: 'koa-jwt (HS256, KeyObject secret)',
      jwt: true,
      use: jwtWith(createSecretKey(Buffer.from(JWT_SECRET))),
    },
    jwtString: {
      label: 'koa-jwt (HS256, string secret)',
      jwt: true,
      fixedRate: false,
      use: jwtWith(JWT_SECRET),
    },
  },
  app(use, record) {
    const app = new Koa();
    app.use(timeKoa(use(), record));
    app.use((ctx) => {
      ctx.body = { hello: 'world' };
    });
    return app;
  },
});
