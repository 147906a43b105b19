// Express adapter: requests/s of one route bare, behind verifyXmppToken and behind express-jwt
// (HS256, both secret forms), in one run. The harness is bench/support/http-bench.mjs.
import { createSecretKey } from 'node:crypto';
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
  xmpp: { label: 'behind verifyXmppToken', auth: 'x-token' },
  jwt: { label: 'behind express-jwt (HS256, KeyObject secret)', auth: 'jwt' },
  jwtString: { label: 'behind express-jwt (HS256, string secret)', auth: 'jwt' },
};

if (process.argv[2] === 'serve') await serve(process.argv[3]);
else console.log(report(await runRounds(import.meta.url, SETUPS, OPTIONS)));

async function serve(name) {
  const require = createRequire(new URL('../packages/express/package.json', import.meta.url));
  const express = require('express');
  const { expressjwt } = require('express-jwt');
  const { verifyXmppToken } = await import('../packages/express/dist/index.js');
  // jsonwebtoken first tries a string (or Buffer) secret as a PEM public key, an OpenSSL error path
  // that costs ~1 ms a request; a KeyObject skips it. Both forms are measured: the fast one is the
  // comparison that counts, the string one is what express-jwt's README shows.
  const middleware = {
    bare: () => [],
    // The default bounded memory replay store (1M entries).
    xmpp: () => [verifyXmppToken({ xmppToken: createXmppToken(BENCH_KEYS) })],
    jwt: () => [
      expressjwt({ secret: createSecretKey(Buffer.from(JWT_SECRET)), algorithms: ['HS256'] }),
    ],
    jwtString: () => [expressjwt({ secret: JWT_SECRET, algorithms: ['HS256'] })],
  };
  const app = express();
  app.get('/', ...middleware[name](), (_req, res) => res.send('ok'));
  serveToParent(app);
}

function report(rounds) {
  const rows = Object.entries(SETUPS).map(([name, { label }]) => {
    const { rps, cpu } = summarize(rounds, name);
    const vsBare = percent(medianRatio(rounds, name, 'bare'));
    return [label, Math.round(rps).toLocaleString('en-US'), vsBare, cpu.toFixed(1)];
  });
  const kept = medianRatio(rounds, 'xmpp', 'bare');
  const vsJwt = medianRatio(rounds, 'xmpp', 'jwt');
  return [
    '## Express: requests/s behind verifyXmppToken',
    '',
    `\`pnpm bench express\` (Express 5): ${methodNote(OPTIONS)}`,
    '',
    markdownTable(['route', 'req/s (median)', 'vs bare', 'CPU us/req'], rows),
    '',
    `The verifier keeps ${percent(kept)} of bare throughput (target >= 90%) and runs at ` +
      `${percent(vsJwt)} of express-jwt's rate with its fastest secret form (target >= 100%), ` +
      'while also refusing replays.',
  ].join('\n');
}
