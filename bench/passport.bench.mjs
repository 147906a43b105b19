// Passport strategy: one Express route bare, behind a hand-written floor strategy
// (bench/support/floor.mjs), behind passport.authenticate('xmpp-token') and behind passport-jwt
// (HS256, both secret forms), all with the same callback-style user lookup. The harness is
// bench/support/http-bench.mjs.
import { createSecretKey } from 'node:crypto';
import { createRequire } from 'node:module';
import { createXmppToken } from '../packages/core/dist/index.js';
import { XmppTokenStrategy } from '../packages/passport/dist/index.js';
import { createFloor } from './support/floor.mjs';
import { BENCH_KEYS, JWT_SECRET, httpBench } from './support/http-bench.mjs';
import { timeExpress } from './support/serve-setup.mjs';

const require = createRequire(new URL('../packages/passport/package.json', import.meta.url));
const express = require('express');
const { Passport } = require('passport');
const { Strategy: JwtStrategy, ExtractJwt } = require('passport-jwt');

const CHALLENGE = 'X-TOKEN realm="xmpp", error="invalid_token"';
const lookup = (jid, done) => done(null, { jid });

/** The floor as a Passport strategy: what a hand-written one would do. */
class FloorStrategy {
  name = 'floor';
  floor = createFloor(BENCH_KEYS);

  authenticate(req) {
    const identity = this.floor.verifyAuthorization(req.headers.authorization);
    if (identity === undefined) return this.fail(CHALLENGE, 401);
    lookup(identity.jid, (error, user) => {
      if (error) return this.error(error);
      if (!user) return this.fail(CHALLENGE, 401);
      this.success(user, identity);
    });
  }
}

// Each setup gets its own Passport with one strategy, built in its own server process.
const authenticate = (strategy) => {
  const passport = new Passport();
  passport.use(strategy.name, strategy);
  return passport.authenticate(strategy.name, { session: false });
};
const jwt = (name, secretOrKey) =>
  Object.assign(
    new JwtStrategy(
      {
        secretOrKey,
        algorithms: ['HS256'],
        jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      },
      (payload, done) => done(null, { jid: payload.sub }),
    ),
    { name },
  );

await httpBench(import.meta.url, {
  title: 'Passport: `XmppTokenStrategy` against the floor',
  stack: 'Passport 0.7, Express 5, `session: false`',
  setups: {
    bare: { label: 'bare Express route', use: () => (_req, _res, next) => next() },
    floor: {
      label: 'floor strategy (hand-written, synchronous)',
      use: () => authenticate(new FloorStrategy()),
    },
    xmpp: {
      label: "passport.authenticate('xmpp-token')",
      use: () =>
        authenticate(new XmppTokenStrategy({ xmppToken: createXmppToken(BENCH_KEYS) }, lookup)),
    },
    jwt: {
      label: 'passport-jwt (HS256, KeyObject secret)',
      jwt: true,
      use: () => authenticate(jwt('jwt', createSecretKey(Buffer.from(JWT_SECRET)))),
    },
    jwtString: {
      label: 'passport-jwt (HS256, string secret)',
      jwt: true,
      fixedRate: false,
      use: () => authenticate(jwt('jwt-string', JWT_SECRET)),
    },
  },
  app: (use, record) =>
    express().get('/', timeExpress(use(), record), (_req, res) => res.send('ok')),
});
