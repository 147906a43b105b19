// Express adapter: requests/s of one route bare, behind verifyXmppToken and behind express-jwt
// (HS256), in one run. The server runs in a child process; autocannon loads it over loopback.
// Every verifier request carries a DIFFERENT fresh token (a replayed one would measure the
// rejection path), and every response must be a 200.
import { fork } from 'node:child_process';
import { createSecretKey } from 'node:crypto';
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
  const require = createRequire(new URL('../packages/express/package.json', import.meta.url));
  const express = require('express');
  const { expressjwt } = require('express-jwt');
  const { verifyXmppToken } = await import('../packages/express/dist/index.js');
  const xmppToken = createXmppToken(KEYS); // default bounded memory replay store (1M entries)
  const ok = (_req, res) => res.send('ok');
  const app = express();
  app.get('/bare', ok);
  app.get('/xmpp', verifyXmppToken({ xmppToken }), ok);
  // jsonwebtoken first tries a string (or Buffer) secret as a PEM public key, an OpenSSL error path
  // that costs ~1 ms a request; a KeyObject skips it. Both forms are measured: the fast one is the
  // comparison that counts, the string one is what express-jwt's README shows.
  const key = createSecretKey(Buffer.from(JWT_SECRET));
  app.get('/jwt', expressjwt({ secret: key, algorithms: ['HS256'] }), ok);
  app.get('/jwt-string', expressjwt({ secret: JWT_SECRET, algorithms: ['HS256'] }), ok);
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

  // Tokens are minted just before each run: each stays valid 30-60 s, a run lasts SECONDS.
  const xmppHeaders = (seconds) => {
    const pool = Array.from({ length: Math.ceil(expectedRate * (seconds + 1) * 1.5) }, () =>
      formatAuthorizationHeader({ authcid: 'alice', token: minter.mint('alice').token }),
    );
    let next = 0;
    return () =>
      pool[next++] ??
      formatAuthorizationHeader({ authcid: 'alice', token: minter.mint('alice').token });
  };
  const cases = [
    ['bare Express route', '/bare', () => () => undefined],
    ['behind verifyXmppToken', '/xmpp', xmppHeaders],
    ['behind express-jwt (HS256, KeyObject secret)', '/jwt', () => () => bearer],
    ['behind express-jwt (HS256, string secret)', '/jwt-string', () => () => bearer],
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
      const order = [...cases.slice(round % cases.length), ...cases.slice(0, round % cases.length)];
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
    '## Express: requests/s behind verifyXmppToken',
    '',
    '`pnpm bench express` (autocannon, loopback, ' +
      `${CONNECTIONS} connections, median of ${ROUNDS} x ${SECONDS} s per case in rotating order, Express 5; ` +
      'a different fresh token on every verifier request; every response checked to be 200)',
    '',
    '| route | requests/s | vs bare |',
    '| --- | ---: | ---: |',
    ...[...rates].map(
      ([name, rate]) => `| ${name} | ${Math.round(rate)} | ${((rate / bare) * 100).toFixed(1)}% |`,
    ),
    '',
    `The verifier keeps ${((xmpp / bare) * 100).toFixed(0)}% of bare throughput (target >= 90%) and runs at ` +
      `${((xmpp / jwtRate) * 100).toFixed(0)}% of express-jwt's with its fastest secret form (target >= 100%), while also refusing replays.`,
  ];
  console.log(lines.join('\n'));
}
