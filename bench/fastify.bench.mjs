// Fastify: one Fastify 5 route bare, behind a hand-written floor hook (bench/support/floor.mjs),
// behind the verifying onRequest hook (the function the plugin decorates as `xmppAuthenticate`)
// and behind @fastify/jwt (HS256, `request.jwtVerify()` in onRequest, as its README shows). The
// harness is bench/support/http-bench.mjs.
import { createRequire } from 'node:module';
import { createXmppToken } from '../packages/core/dist/index.js';
import { verifyXmppToken } from '../packages/fastify/dist/index.js';
import { createFloor } from './support/floor.mjs';
import { BENCH_KEYS, JWT_SECRET, httpBench } from './support/http-bench.mjs';
import { timeFastify } from './support/serve-setup.mjs';

const require = createRequire(new URL('../packages/fastify/package.json', import.meta.url));
const fastify = require('fastify');
const fastifyJwt = require('@fastify/jwt');

/** The floor as a Fastify callback hook: what a hand-written verifier would do. */
function floorHook() {
  const floor = createFloor(BENCH_KEYS);
  return (request, reply, done) => {
    const identity = floor.verifyAuthorization(request.headers.authorization);
    if (identity === undefined) return done(Object.assign(new Error('401'), { statusCode: 401 }));
    request.xmpp = identity;
    done();
  };
}

// Each setup registers its plugin, if any, and returns its onRequest hook.
// @fastify/jwt refuses a KeyObject secret ("missing public key"): fast-jwt turns a string or a
// Buffer into a KeyObject once, when the plugin starts, so both accepted forms are measured.
const jwt = (secret) => (app) => {
  app.register(fastifyJwt, { secret, verify: { algorithms: ['HS256'] } });
  return (request) => request.jwtVerify();
};

// The harness calls `listen(port, host, callback)` and reads `address()` of the returned server.
function fastifyApp(use, record) {
  const app = fastify();
  // Declared up front, as the plugin does, so that every request object has one shape.
  app.decorateRequest('xmpp', null);
  const onRequest = timeFastify(use(app), record);
  app.get('/', { onRequest }, async () => 'ok');
  return {
    listen(port, host, callback) {
      app.listen({ port, host }).then(callback);
      return app.server;
    },
  };
}

await httpBench(import.meta.url, {
  title: 'Fastify: the verifying hook against the floor',
  stack: 'Fastify 5',
  setups: {
    bare: { label: 'bare Fastify route', use: () => (_request, _reply, done) => done() },
    floor: { label: 'floor hook (hand-written, synchronous)', use: floorHook },
    xmpp: {
      label: '`verifyXmppToken` (onRequest)',
      use: () => verifyXmppToken({ xmppToken: createXmppToken(BENCH_KEYS) }),
    },
    jwt: {
      label: '@fastify/jwt (HS256, Buffer secret)',
      jwt: true,
      use: jwt(Buffer.from(JWT_SECRET)),
    },
    jwtString: {
      label: '@fastify/jwt (HS256, string secret)',
      jwt: true,
      fixedRate: false,
      use: jwt(JWT_SECRET),
    },
  },
  app: fastifyApp,
});
