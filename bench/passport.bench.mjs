// Passport strategy: requests/s of one Express route bare, behind
// passport.authenticate('xmpp-token') and behind passport-jwt (HS256), in one run. The harness is
// bench/support/http-bench.mjs.
import { createRequire } from 'node:module';
import { createXmppToken } from '../packages/core/dist/index.js';
import {
  BENCH_KEYS,
  JWT_SECRET,
  markdownTable,
  medianRatio,
  methodNote,
  percent,
  runRounds,
  serveToParent,
  summarize,
} from './support/http-bench.mjs';

const OPTIONS = { connections: 16, seconds: 2, rounds: 4 };
const SETUPS = {
  bare: { label: 'bare Express route', auth: 'x-token' },
  xmpp: { label: "passport.authenticate('xmpp-token')", auth: 'x-token' },
  jwt: { label: "passport.authenticate('jwt') (HS256)", auth: 'jwt' },
};

if (process.argv[2] === 'serve') await serve(process.argv[3]);
else console.log(report(await runRounds(import.meta.url, SETUPS, OPTIONS)));

async function serve(name) {
  const require = createRequire(new URL('../packages/passport/package.json', import.meta.url));
  const express = require('express');
  const { Passport } = require('passport');
  const { Strategy: JwtStrategy, ExtractJwt } = require('passport-jwt');
  const { XmppTokenStrategy } = await import('../packages/passport/dist/index.js');
  const passport = new Passport();
  // The same trivial user lookup behind both strategies, callback style.
  passport.use(
    new XmppTokenStrategy({ xmppToken: createXmppToken(BENCH_KEYS) }, (jid, done) =>
      done(null, { jid }),
    ),
  );
  const jwtOptions = {
    secretOrKey: JWT_SECRET,
    algorithms: ['HS256'],
    jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
  };
  passport.use(new JwtStrategy(jwtOptions, (payload, done) => done(null, { jid: payload.sub })));
  const middleware = {
    bare: () => [],
    xmpp: () => [passport.authenticate('xmpp-token', { session: false })],
    jwt: () => [passport.authenticate('jwt', { session: false })],
  };
  const app = express();
  app.get('/', ...middleware[name](), (_req, res) => res.send('ok'));
  serveToParent(app);
}

function report(rounds) {
  const rows = Object.entries(SETUPS).map(([name, { label }]) => {
    const { rps, cpu } = summarize(rounds, name);
    const vsBare = percent(medianRatio(rounds, name, 'bare'));
    const vsJwt = percent(medianRatio(rounds, name, 'jwt'));
    return [label, Math.round(rps).toLocaleString('en-US'), vsBare, vsJwt, cpu.toFixed(1)];
  });
  const kept = medianRatio(rounds, 'xmpp', 'bare');
  const vsJwt = medianRatio(rounds, 'xmpp', 'jwt');
  return [
    '## Passport: requests/s through XmppTokenStrategy',
    '',
    `\`pnpm bench passport\` (Passport 0.7, Express 5, \`session: false\`): ${methodNote(OPTIONS)}`,
    '',
    markdownTable(['route', 'req/s (median)', 'vs bare', 'vs passport-jwt', 'CPU us/req'], rows),
    '',
    `Through Passport the X-TOKEN strategy keeps ${percent(kept)} of bare throughput and runs ` +
      `at ${percent(vsJwt)} of passport-jwt's rate, while also enforcing single use (replay ` +
      'store) on every request.',
  ].join('\n');
}
