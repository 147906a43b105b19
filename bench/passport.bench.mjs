// Passport strategy: requests/s of one Express route bare, behind
// passport.authenticate('xmpp-token') and behind passport-jwt (HS256), in one run. The server runs
// in a child process; autocannon loads it over loopback. Every xmpp-token request carries a
// DIFFERENT fresh token (a replayed one would measure the rejection path), and every response
// must be a 2xx.
import { fork } from 'node:child_process';
import { createRequire } from 'node:module';
import autocannon from 'autocannon';
import jwt from 'jsonwebtoken';
import { createXmppToken, formatAuthorizationHeader } from '../packages/core/dist/index.js';

const KEYS = {
  tokenSecret: 'JYXEX4IQOEYFYQ2S3MC5P4ZT4SDHYEA7',
  otpSeed: 'XVGR73KMZH2M4XMY',
  domain: 'example.test',
};
const JWT_SECRET = 'bench-only-hs256-secret-0123456789abcdef';
const CONNECTIONS = 16;
const SECONDS = 2; // per round: ROUNDS rounds per case in rotating order, 8 s per case
const ROUNDS = 4;

if (process.argv[2] === 'serve') await serve();
else await main();

async function serve() {
  const require = createRequire(new URL('../packages/passport/package.json', import.meta.url));
  const express = require('express');
  const { Passport } = require('passport');
  const { Strategy: JwtStrategy, ExtractJwt } = require('passport-jwt');
  const { XmppTokenStrategy } = await import('../packages/passport/dist/index.js');
  const xmppToken = createXmppToken(KEYS); // default bounded memory replay store
  const passport = new Passport();
  // The same trivial user lookup behind both strategies, callback style.
  passport.use(new XmppTokenStrategy({ xmppToken }, (jid, done) => done(null, { jid })));
  passport.use(
    new JwtStrategy(
      {
        secretOrKey: JWT_SECRET,
        algorithms: ['HS256'],
        jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      },
      (payload, done) => done(null, { jid: payload.sub }),
    ),
  );
  const ok = (_req, res) => res.send('ok');
  const app = express();
  app.get('/bare', ok);
  app.get('/xmpp', passport.authenticate('xmpp-token', { session: false }), ok);
  app.get('/jwt', passport.authenticate('jwt', { session: false }), ok);
  const server = app.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
  process.on('disconnect', () => server.close(() => process.exit(0)));
}

async function main() {
  const child = fork(new URL(import.meta.url).pathname, ['serve'], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const { port } = await new Promise((resolve) => child.once('message', resolve));
  const base = `http://127.0.0.1:${port}`;
  const minter = createXmppToken(KEYS);
  const bearer = `Bearer ${jwt.sign({ sub: 'alice@example.test' }, JWT_SECRET, { algorithm: 'HS256', expiresIn: '10m' })}`;
  let expectedRate = 20_000;

  // A pool minted just before each run: each token stays valid 30-60 s, a run lasts SECONDS.
  const mint = () =>
    formatAuthorizationHeader({ authcid: 'alice', token: minter.mint('alice').token });
  const xmppHeaders = (seconds) => {
    const pool = Array.from({ length: Math.ceil(expectedRate * (seconds + 1) * 1.5) }, mint);
    let next = 0;
    return () => pool[next++] ?? mint();
  };
  const cases = [
    ['bare Express route', '/bare', () => () => undefined],
    ["passport.authenticate('xmpp-token')", '/xmpp', xmppHeaders],
    ["passport.authenticate('jwt') (HS256)", '/jwt', () => () => bearer],
  ];

  // All cases go through setupRequest, so the load generator does the same work for each.
  const run = async (path, authorization, seconds) => {
    const result = await autocannon({
      url: base + path,
      connections: CONNECTIONS,
      duration: seconds,
      requests: [
        {
          setupRequest: (req) => {
            const value = authorization();
            return value === undefined
              ? req
              : { ...req, headers: { ...req.headers, authorization: value } };
          },
        },
      ],
    });
    if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0 || result['2xx'] === 0) {
      throw new Error(
        `${path}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
      );
    }
    return result;
  };

  try {
    for (const [, path, headers] of cases) await run(path, headers(1), 1); // warm up JIT and sockets
    const rates = new Map(cases.map(([name]) => [name, []]));
    for (let round = 0; round < ROUNDS; round++) {
      // Rotating the order spreads the drift of a shared machine over every case.
      const order = [...cases.slice(round % 3), ...cases.slice(0, round % 3)];
      for (const [name, path, headers] of order) {
        globalThis.gc?.();
        const result = await run(path, headers(SECONDS), SECONDS);
        rates.get(name).push(result.requests.average);
        if (path === '/bare') expectedRate = result.requests.average;
      }
    }
    report(new Map([...rates].map(([name, list]) => [name, median(list)])));
  } finally {
    child.disconnect();
  }
}

function median(list) {
  const sorted = [...list].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function report(rates) {
  const [bare, xmpp, jwtRate] = [...rates.values()];
  const lines = [
    '## Passport: requests/s through XmppTokenStrategy',
    '',
    '`pnpm bench passport` (autocannon, loopback, ' +
      `${CONNECTIONS} connections, median of ${ROUNDS} x ${SECONDS} s per case in rotating order, ` +
      'Passport 0.7, Express 5, `session: false`; a different fresh token on every xmpp-token ' +
      'request; every response checked to be 2xx)',
    '',
    '| route | requests/s | vs bare | vs passport-jwt |',
    '| --- | ---: | ---: | ---: |',
    ...[...rates].map(
      ([name, rate]) =>
        `| ${name} | ${Math.round(rate)} | ${((rate / bare) * 100).toFixed(1)}% | ` +
        `${((rate / jwtRate) * 100).toFixed(1)}% |`,
    ),
    '',
    `Through Passport the X-TOKEN strategy keeps ${((xmpp / bare) * 100).toFixed(0)}% of bare ` +
      `throughput and runs at ${((xmpp / jwtRate) * 100).toFixed(0)}% of passport-jwt's rate, ` +
      'while also enforcing single use (replay store) on every request.',
  ];
  console.log(lines.join('\n'));
}
