// Koa adapter: requests/s of one route bare, behind verifyXmppToken and behind koa-jwt (HS256),
// in one run. The harness is bench/support/http-bench.mjs.
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

const OPTIONS = { connections: 32, seconds: 2.5, rounds: 4 };
const SETUPS = {
  bare: { label: 'bare Koa 3 route', auth: 'x-token' },
  xmpp: { label: 'behind `verifyXmppToken`', auth: 'x-token' },
  jwt: { label: 'behind koa-jwt (HS256, one token)', auth: 'jwt' },
};

if (process.argv[2] === 'serve') await serve(process.argv[3]);
else console.log(report(await runRounds(import.meta.url, SETUPS, OPTIONS)));

async function serve(name) {
  const require = createRequire(new URL('../packages/koa/package.json', import.meta.url));
  const Koa = require('koa');
  const { verifyXmppToken } = await import('../packages/koa/dist/index.js');
  const middleware = {
    bare: () => [],
    xmpp: () => [verifyXmppToken({ xmppToken: createXmppToken(BENCH_KEYS) })],
    jwt: () => [require('koa-jwt')({ secret: JWT_SECRET, algorithms: ['HS256'] })],
  };
  const app = new Koa();
  for (const layer of middleware[name]()) app.use(layer);
  app.use((ctx) => {
    ctx.body = { hello: 'world' };
  });
  serveToParent(app);
}

function report(rounds) {
  const rows = Object.entries(SETUPS).map(([name, { label }]) => {
    const { rps, cpu } = summarize(rounds, name);
    const vsBare = percent(medianRatio(rounds, name, 'bare'));
    return [label, Math.round(rps).toLocaleString('en-US'), vsBare, cpu.toFixed(1)];
  });
  const kept = medianRatio(rounds, 'xmpp', 'bare');
  return [
    '## Koa adapter: `verifyXmppToken` vs bare Koa vs koa-jwt',
    '',
    `\`pnpm bench koa\` (Koa 3): ${methodNote(OPTIONS)}`,
    '',
    markdownTable(['setup', 'req/s (median)', 'vs bare', 'CPU us/req'], rows),
    '',
    `Behind the verifier Koa keeps ${percent(kept)} of bare throughput (target >= 85%: ` +
      `${kept >= 0.85 ? 'met' : 'NOT met'}), verifying a distinct token and remembering it ` +
      'against replay on every request.',
  ].join('\n');
}
