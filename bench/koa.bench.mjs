// Koa adapter: requests/s of one route bare, behind verifyXmppToken and behind koa-jwt (HS256),
// in one run. The harness is bench/support/http-bench.mjs.
import { createSecretKey } from 'node:crypto';
import { createRequire } from 'node:module';
import { createXmppToken } from '../packages/core/dist/index.js';
import { verifyXmppToken } from '../packages/koa/dist/index.js';
import { BENCH_KEYS, JWT_SECRET, httpBench, percent } from './support/http-bench.mjs';

const require = createRequire(new URL('../packages/koa/package.json', import.meta.url));
const Koa = require('koa');
const koaJwt = require('koa-jwt');

function koaApp(middleware) {
  const app = new Koa();
  for (const layer of middleware) app.use(layer);
  app.use((ctx) => {
    ctx.body = { hello: 'world' };
  });
  return app;
}

await httpBench(import.meta.url, {
  title: 'Koa adapter: `verifyXmppToken` vs bare Koa vs koa-jwt',
  stack: 'Koa 3',
  load: { connections: 32, seconds: 2.5, rounds: 4 },
  setups: {
    bare: { label: 'bare Koa 3 route', use: () => [] },
    xmpp: {
      label: 'behind `verifyXmppToken`',
      use: () => [verifyXmppToken({ xmppToken: createXmppToken(BENCH_KEYS) })],
    },
    // As for express-jwt: a KeyObject skips jsonwebtoken's ~1 ms PEM attempt on a string secret.
    jwt: {
      label: 'behind koa-jwt (HS256, KeyObject secret)',
      jwt: true,
      use: () => [
        koaJwt({ secret: createSecretKey(Buffer.from(JWT_SECRET)), algorithms: ['HS256'] }),
      ],
    },
    jwtString: {
      label: 'behind koa-jwt (HS256, string secret)',
      jwt: true,
      use: () => [koaJwt({ secret: JWT_SECRET, algorithms: ['HS256'] })],
    },
  },
  app: koaApp,
  conclusion: (ratio) => {
    const kept = ratio('xmpp', 'bare');
    return (
      `Behind the verifier Koa keeps ${percent(kept)} of bare throughput (target >= 85%: ` +
      `${kept >= 0.85 ? 'met' : 'NOT met'}) and runs at ${percent(ratio('xmpp', 'jwt'))} of ` +
      "koa-jwt's rate with its fastest secret form, verifying a distinct token and remembering " +
      'it against replay on every request.'
    );
  },
});
