// Koa route throughput: bare vs behind verifyXmppToken vs behind koa-jwt (HS256), same run.
// Each server runs in its own child process (the load generator would otherwise share its event
// loop). This machine is small and shared, so single runs swing by +-20%: the setups alternate
// in short runs (A B C, C B A, ...) and the ratio reported is the median of per-round ratios.
// Every X-TOKEN request carries a different, freshly minted token: a repeated one is `replayed`.
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import autocannon from 'autocannon';
import jsonwebtoken from 'jsonwebtoken';
import { createXmppToken, formatAuthorizationHeader } from '../packages/core/dist/index.js';
import { verifyXmppToken } from '../packages/koa/dist/index.js';

const requireKoa = createRequire(new URL('../packages/koa/package.json', import.meta.url));
const KEYS = {
  tokenSecret: 'bench-token-secret-of-32-bytes!!',
  otpSeed: 'XVGR73KMZH2M4XMY',
  domain: 'example.com',
};
const JWT_SECRET = 'bench-jwt-secret-of-32-bytes!!!!';
const ROUNDS = 4;
const SECONDS = 2.5;
const CONNECTIONS = 32;

const SETUPS = {
  bare: { label: 'bare Koa 3 route', middleware: () => [] },
  xmpp: {
    label: 'behind `verifyXmppToken` (a fresh X-TOKEN per request)',
    middleware: () => [verifyXmppToken({ xmppToken: createXmppToken(KEYS) })],
  },
  jwt: {
    label: 'behind koa-jwt (HS256, one token)',
    middleware: () => [requireKoa('koa-jwt')({ secret: JWT_SECRET, algorithms: ['HS256'] })],
  },
};
const KINDS = Object.keys(SETUPS);

if (process.argv[2] === 'serve') serve(process.argv[3]);
else await main();

function serve(kind) {
  const Koa = requireKoa('koa');
  const app = new Koa();
  for (const middleware of SETUPS[kind].middleware()) app.use(middleware);
  app.use((ctx) => {
    ctx.body = { hello: 'world' };
  });
  const server = app.listen(0, '127.0.0.1', () => process.send(server.address().port));
  // Server CPU of the measured runs only (user + system, all threads of the process).
  let cpuAtStart;
  process.on('message', (message) => {
    if (message === 'start') cpuAtStart = process.cpuUsage();
    else process.send(cpuMicros(process.cpuUsage(cpuAtStart)));
  });
  process.on('disconnect', () => server.close(() => process.exit(0)));
}

const cpuMicros = ({ user, system }) => user + system;

async function main() {
  const servers = await Promise.all(KINDS.map(startServer));
  try {
    const byKind = Object.fromEntries(KINDS.map((kind, i) => [kind, servers[i]]));
    let poolSize = 60_000;
    for (const kind of KINDS) await load(byKind[kind], 1, poolSize); // warm-up
    const rounds = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const order = round % 2 === 0 ? KINDS : [...KINDS].reverse();
      const results = {};
      for (const kind of order) {
        results[kind] = await load(byKind[kind], SECONDS, poolSize, true);
        // Headers for the next runs: three times what bare Koa (the fastest) sent in one run.
        if (kind === 'bare') poolSize = Math.ceil(results.bare.sent * 3);
      }
      rounds.push(results);
    }
    console.log(report(rounds));
  } finally {
    await Promise.all(servers.map(stopServer));
  }
}

async function startServer(kind) {
  const child = fork(new URL(import.meta.url).pathname, ['serve', kind], { stdio: 'inherit' });
  const [port] = await once(child, 'message');
  return { kind, child, url: `http://127.0.0.1:${port}/` };
}

async function stopServer({ child }) {
  child.disconnect();
  await once(child, 'exit');
}

async function load({ kind, child, url }, seconds, poolSize, measured = false) {
  const nextHeader = headerSource(kind, poolSize);
  // The same per-request header rewrite for every setup, so the client's cost is alike.
  const setupRequest = (req) => ({ ...req, headers: { authorization: nextHeader() } });
  const options = { url, connections: CONNECTIONS, duration: seconds };
  if (measured) child.send('start');
  const result = check(kind, await autocannon({ ...options, requests: [{ setupRequest }] }));
  if (!measured) return result;
  child.send('stop');
  const [cpu] = await once(child, 'message');
  return { ok: result['2xx'], seconds: result.duration, sent: result.requests.sent, cpu };
}

// Headers are made before the run. Bare Koa gets a pool of the same size and header length as
// the verifier's (ignored), so the load generator does the same work for both.
function headerSource(kind, poolSize) {
  if (kind === 'jwt') {
    const jwt = jsonwebtoken.sign({ sub: 'alice' }, JWT_SECRET, {
      algorithm: 'HS256',
      expiresIn: '10m',
    });
    return () => `Bearer ${jwt}`;
  }
  const minter = createXmppToken(KEYS);
  const header = (i) => {
    const user = `user${i % 1000}`;
    return formatAuthorizationHeader({ authcid: user, token: minter.mint(user).token });
  };
  const fillerBytes = header(0).length * 0.75 - 5;
  const filler = () => `Basic ${randomBytes(fillerBytes).toString('base64')}`;
  const pool = Array.from({ length: poolSize }, kind === 'bare' ? filler : (_, i) => header(i));
  let next = 0;
  return () => {
    if (next === pool.length) throw new Error(`header pool of ${poolSize} exhausted`);
    return pool[next++];
  };
}

function check(kind, result) {
  if (result.errors > 0 || result.non2xx > 0 || result['2xx'] === 0) {
    const { non2xx, errors } = result;
    throw new Error(`${kind}: ${non2xx} non-2xx, ${errors} errors, ${result['2xx']} 2xx`);
  }
  return result;
}

function report(rounds) {
  const rps = (r) => r.ok / r.seconds;
  const sum = (kind, field) => rounds.reduce((total, r) => total + r[kind][field], 0);
  const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const ratio = (kind) => median(rounds.map((r) => rps(r[kind]) / rps(r.bare)));
  const percent = (value) => `${(value * 100).toFixed(1)}%`;
  const rows = KINDS.map((kind) => {
    const meanRps = sum(kind, 'ok') / sum(kind, 'seconds');
    const cpu = sum(kind, 'cpu') / sum(kind, 'ok');
    return `| ${SETUPS[kind].label} | ${Math.round(meanRps).toLocaleString('en-US')} | ${percent(ratio(kind))} | ${cpu.toFixed(1)} |`;
  });
  const kept = ratio('xmpp');
  return [
    '## Koa adapter: `verifyXmppToken` vs bare Koa vs koa-jwt',
    '',
    `\`pnpm bench koa\`: autocannon on loopback, ${CONNECTIONS} connections, each server (Koa 3) in ` +
      `its own process; ${ROUNDS} rounds of ${SECONDS} s per setup, alternating A B C / C B A. ` +
      '"of bare" is the median over rounds of req/s divided by bare req/s in the same round; ' +
      '"CPU" is server user+system time per answered request.',
    '',
    '| setup | req/s (mean) | of bare (median) | CPU us/req |',
    '| --- | ---: | ---: | ---: |',
    ...rows,
    '',
    `Behind the verifier Koa keeps ${percent(kept)} of bare throughput (target >= 85%: ` +
      `${kept >= 0.85 ? 'met' : 'NOT met'}), verifying a distinct token and remembering it ` +
      'against replay on every request.',
  ].join('\n');
}
