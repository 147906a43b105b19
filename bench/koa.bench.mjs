// Koa route throughput: bare vs behind verifyXmppToken vs behind koa-jwt (HS256), same run.
// Each server runs in its own child process (the load generator would otherwise share its event
// loop); runs alternate A B C C B A so drift of this shared machine falls on all three alike.
// Every X-TOKEN request carries a different, freshly minted token: a repeated one is `replayed`.
import { fork } from 'node:child_process';
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
const SECONDS = 4;
const WARMUP_SECONDS = 1;
const CONNECTIONS = 32;

const SETUPS = {
  bare: { label: 'bare Koa 3 route', middleware: () => [] },
  xmpp: {
    label: 'behind `verifyXmppToken` (fresh X-TOKEN per request)',
    middleware: () => [verifyXmppToken({ xmppToken: createXmppToken(KEYS) })],
  },
  jwt: {
    label: 'behind koa-jwt (HS256, one token)',
    middleware: () => [requireKoa('koa-jwt')({ secret: JWT_SECRET, algorithms: ['HS256'] })],
  },
};

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
  // CPU time of the measured run only: robust where req/s moves with the load of other processes.
  let cpuAtStart;
  process.on('message', (message) => {
    if (message === 'start') cpuAtStart = process.cpuUsage();
    else process.send(cpuMicros(process.cpuUsage(cpuAtStart)));
  });
  process.on('disconnect', () => server.close(() => process.exit(0)));
}

const cpuMicros = ({ user, system }) => user + system;

async function main() {
  const totals = Object.fromEntries(
    Object.keys(SETUPS).map((kind) => [kind, { ok: 0, ms: 0, cpu: 0 }]),
  );
  let poolSize = 0;
  for (const kind of ['bare', 'xmpp', 'jwt', 'jwt', 'xmpp', 'bare']) {
    const { ok, ms, cpu, sent } = await measure(kind, poolSize);
    // Tokens for the verifier: half again what bare Koa (the fastest) sent in the same time.
    poolSize = Math.max(poolSize, Math.ceil(sent * 1.5));
    Object.assign(totals[kind], {
      ok: totals[kind].ok + ok,
      ms: totals[kind].ms + ms,
      cpu: totals[kind].cpu + cpu,
    });
  }
  const rps = (kind) => (totals[kind].ok * 1000) / totals[kind].ms;
  const cpuPerRequest = (kind) => totals[kind].cpu / totals[kind].ok;
  const percent = (ratio) => `${(ratio * 100).toFixed(1)}%`;
  const rows = Object.entries(SETUPS).map(
    ([kind, { label }]) =>
      `| ${label} | ${Math.round(rps(kind)).toLocaleString('en-US')} | ${percent(rps(kind) / rps('bare'))} ` +
      `| ${cpuPerRequest(kind).toFixed(1)} | ${percent(cpuPerRequest('bare') / cpuPerRequest(kind))} |`,
  );
  const byThroughput = rps('xmpp') / rps('bare');
  const byCpu = cpuPerRequest('bare') / cpuPerRequest('xmpp');
  console.log(
    [
      '## Koa adapter: `verifyXmppToken` vs bare Koa vs koa-jwt',
      '',
      `\`pnpm bench koa\`: autocannon on loopback, ${CONNECTIONS} connections, server (Koa 3) in its own ` +
        `process, each setup run twice for ${SECONDS} s after a warm-up, in the order A B C C B A. ` +
        '"CPU" is the server process\'s user+system time per answered request.',
      '',
      '| setup | req/s | of bare | CPU us/req | bare CPU / CPU |',
      '| --- | ---: | ---: | ---: | ---: |',
      ...rows,
      '',
      `Behind the verifier Koa keeps ${percent(byThroughput)} of bare throughput and ${percent(byCpu)} by ` +
        `server CPU (target >= 85%${Math.max(byThroughput, byCpu) >= 0.85 ? ', met' : ', NOT MET'}), ` +
        'with a distinct token verified and remembered against replay on every request.',
    ].join('\n'),
  );
}

async function measure(kind, poolSize) {
  const child = fork(new URL(import.meta.url).pathname, ['serve', kind], { stdio: 'inherit' });
  try {
    const [port] = await once(child, 'message');
    const nextHeader = headerSource(kind, poolSize);
    const url = `http://127.0.0.1:${port}/`;
    const setupRequest = (req) => ({ ...req, headers: { authorization: nextHeader() } });
    const options = { url, connections: CONNECTIONS, requests: [{ method: 'GET', setupRequest }] };
    const warmup = check(kind, await autocannon({ ...options, duration: WARMUP_SECONDS }));
    child.send('start');
    const run = check(kind, await autocannon({ ...options, duration: SECONDS }));
    child.send('stop');
    const [cpu] = await once(child, 'message');
    const sent = warmup.requests.sent + run.requests.sent;
    return { ok: run['2xx'], ms: run.duration * 1000, cpu, sent };
  } finally {
    child.disconnect();
    await once(child, 'exit');
  }
}

// Headers are made before the run, so the client spends the same little time on each setup.
function headerSource(kind, poolSize) {
  if (kind === 'bare') return () => 'none';
  if (kind === 'jwt') {
    const header = `Bearer ${jsonwebtoken.sign({ sub: 'alice' }, JWT_SECRET, { algorithm: 'HS256', expiresIn: '10m' })}`;
    return () => header;
  }
  const minter = createXmppToken(KEYS);
  const pool = Array.from({ length: poolSize }, (_, i) =>
    formatAuthorizationHeader({
      authcid: `user${i % 1000}`,
      token: minter.mint(`user${i % 1000}`).token,
    }),
  );
  let next = 0;
  return () => {
    if (next === pool.length) throw new Error(`token pool of ${poolSize} exhausted`);
    return pool[next++];
  };
}

function check(kind, result) {
  if (result.errors > 0 || result.non2xx > 0 || result['2xx'] === 0) {
    throw new Error(
      `${kind}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result['2xx']} 2xx`,
    );
  }
  return result;
}
