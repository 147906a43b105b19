// Fastify plugin: requests/s of one Fastify 5 route bare, behind the verifying onRequest hook (the
// function the plugin decorates as `xmppAuthenticate`) and behind @fastify/jwt (HS256,
// `request.jwtVerify()` in onRequest, as its README shows), in one run. The harness is
// bench/support/http-bench.mjs.
import { createRequire } from 'node:module';
import { createXmppToken } from '../packages/core/dist/index.js';
import { verifyXmppToken } from '../packages/fastify/dist/index.js';
import { BENCH_KEYS, JWT_SECRET, httpBench, percent } from './support/http-bench.mjs';

const require = createRequire(new URL('../packages/fastify/package.json', import.meta.url));
const fastify = require('fastify');
const fastifyJwt = require('@fastify/jwt');

// Each setup registers its plugin, if any, and returns its onRequest hooks.
const xmpp = () => () => [verifyXmppToken({ xmppToken: createXmppToken(BENCH_KEYS) })];
// @fastify/jwt refuses a KeyObject secret ("missing public key"): fast-jwt turns a string or a
// Buffer into a KeyObject once, when the plugin starts, so both accepted forms are measured.
const jwt = (secret) => () => (app) => {
  app.register(fastifyJwt, { secret, verify: { algorithms: ['HS256'] } });
  return [(request) => request.jwtVerify()];
};

// The harness calls `listen(port, host, callback)` and closes the returned Node server.
function fastifyApp(setup) {
  const app = fastify();
  const onRequest = setup(app);
  app.get('/', { onRequest }, async () => 'ok');
  return {
    listen(port, host, callback) {
      app.listen({ port, host }).then(callback);
      return app.server;
    },
  };
}

await httpBench(import.meta.url, {
  title: 'Fastify: requests/s behind the verifying hook',
  stack: 'Fastify 5',
  load: { connections: 16, seconds: 2, rounds: 4 },
  setups: {
    bare: { label: 'bare Fastify route', use: () => () => [] },
    xmpp: { label: 'behind `verifyXmppToken` (onRequest)', use: xmpp },
    jwt: {
      label: 'behind @fastify/jwt (HS256, Buffer secret)',
      jwt: true,
      use: jwt(Buffer.from(JWT_SECRET)),
    },
    jwtString: {
      label: 'behind @fastify/jwt (HS256, string secret)',
      jwt: true,
      use: jwt(JWT_SECRET),
    },
  },
  app: fastifyApp,
  conclusion: (ratio) =>
    `The hook keeps ${percent(ratio('xmpp', 'bare'))} of bare Fastify's throughput and runs at ` +
    `${percent(ratio('xmpp', 'jwtString'))} of @fastify/jwt's rate (string secret, which fast-jwt ` +
    'holds as a KeyObject), while also refusing replays.',
});
