// Passport strategy: requests/s of one Express route bare, behind
// passport.authenticate('xmpp-token') and behind passport-jwt (HS256, both secret forms), in one run. The harness is
// bench/support/http-bench.mjs.
import { createSecretKey } from 'node:crypto';
import { createRequire } from 'node:module';
import { createXmppToken } from '../packages/core/dist/index.js';
import { XmppTokenStrategy } from '../packages/passport/dist/index.js';
import { BENCH_KEYS, JWT_SECRET, httpBench, percent } from './support/http-bench.mjs';

const require = createRequire(new URL('../packages/passport/package.json', import.meta.url));
const express = require('express');
const { Passport } = require('passport');
const { Strategy: JwtStrategy, ExtractJwt } = require('passport-jwt');

// The same trivial user lookup behind both strategies, callback style.
const passport = new Passport();
const xmppToken = createXmppToken(BENCH_KEYS);
passport.use(new XmppTokenStrategy({ xmppToken }, (jid, done) => done(null, { jid })));
const jwtFromRequest = ExtractJwt.fromAuthHeaderAsBearerToken();
const jwtUser = (payload, done) => done(null, { jid: payload.sub });
// As for express-jwt: a KeyObject skips jsonwebtoken's ~1 ms PEM attempt on a string secret.
const secretKey = createSecretKey(Buffer.from(JWT_SECRET));
for (const [name, secretOrKey] of [
  ['jwt', secretKey],
  ['jwt-string', JWT_SECRET],
]) {
  const options = { secretOrKey, algorithms: ['HS256'], jwtFromRequest };
  passport.use(name, new JwtStrategy(options, jwtUser));
}
const authenticate = (strategy) => () => [passport.authenticate(strategy, { session: false })];

await httpBench(import.meta.url, {
  title: 'Passport: requests/s through XmppTokenStrategy',
  stack: 'Passport 0.7, Express 5, `session: false`',
  load: { connections: 16, seconds: 2, rounds: 4 },
  setups: {
    bare: { label: 'bare Express route', use: () => [] },
    xmpp: { label: "passport.authenticate('xmpp-token')", use: authenticate('xmpp-token') },
    jwt: {
      label: 'passport-jwt (HS256, KeyObject secret)',
      jwt: true,
      use: authenticate('jwt'),
    },
    jwtString: {
      label: 'passport-jwt (HS256, string secret)',
      jwt: true,
      use: authenticate('jwt-string'),
    },
  },
  compare: { bare: 'vs bare', jwt: 'vs passport-jwt' },
  app: (middleware) => express().get('/', ...middleware, (_req, res) => res.send('ok')),
  conclusion: (ratio) =>
    `Through Passport the X-TOKEN strategy keeps ${percent(ratio('xmpp', 'bare'))} of bare ` +
    `throughput and runs at ${percent(ratio('xmpp', 'jwt'))} of passport-jwt's rate (KeyObject ` +
    'secret), while ' +
    'also enforcing single use (replay store) on every request.',
});
