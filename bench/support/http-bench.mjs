// The harness the HTTP adapter benches share (Express, Koa, Passport, Fastify). Each setup (bare
// route, the floor, ours, the JWT competitors) runs in a fresh server process for every round, a
// fork of the bench script, so no setup inherits another's heap or JIT state and the load
// generator (bench/support/load.mjs, raw sockets, requests built beforehand) never shares an event
// loop with the server. A round measures every setup once, in an order that alternates (forward,
// then backward) so drift of this shared machine weighs on all alike; ratios are taken within a
// round, then their median over rounds is reported with the quartiles (how noisy it was).
//
// Per setup and round, after a warm-up: saturated throughput (closed loop), then a fixed request
// rate below saturation (open loop, the same rate for every setup), during which the server
// reports its CPU time (user + system) per request and the in-place time of the middleware: a
// high-resolution timer around it inside the server, from the call until it calls `next` (or its
// promise settles), whose median is taken over every request of the phase. "Overhead" is the
// in-place time (or CPU per request) minus the bare route's, whose middleware is an empty one
// timed the same way; a setup's ratio is its overhead over the floor's in the same round.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { basename } from 'node:path';
import jsonwebtoken from 'jsonwebtoken';
import { createXmppToken, formatAuthorizationHeader } from '../../packages/core/dist/index.js';
import { createClient, requestBuffer } from './load.mjs';
import { count, machineLoad, markdownTable, median, ratioCell } from './stats.mjs';
import { serveSetup } from './serve-setup.mjs';

/** Bench-only core keys, the same for the minter here and the verifier in the server process. */
export const BENCH_KEYS = {
  tokenSecret: 'JYXEX4IQOEYFYQ2S3MC5P4ZT4SDHYEA7',
  otpSeed: 'XVGR73KMZH2M4XMY',
  domain: 'example.test',
};

/** Bench-only HS256 secret of the JWT competitors. */
export const JWT_SECRET = 'bench-only-hs256-secret-0123456789abcdef';

const env = (name, fallback) => Number(process.env[name] ?? fallback);
/** How every HTTP bench loads its servers; `BENCH_ROUNDS` etc. override it for quick runs. */
export const LOAD = {
  connections: 16,
  warmupSeconds: env('BENCH_WARMUP_SECONDS', 1),
  // The fixed rate, as a share of the slowest setup's saturated rate in the same round (so that it
  // stays below saturation however loaded the shared machine is), or BENCH_RATE req/s if set.
  rateShare: 0.4,
  rate: process.env.BENCH_RATE === undefined ? undefined : Number(process.env.BENCH_RATE),
  sliceSeconds: env('BENCH_SLICE_SECONDS', 0.5),
  slices: env('BENCH_SLICES', 8),
  rounds: env('BENCH_ROUNDS', 8),
};

const HOST = '127.0.0.1';

/** Forks `script` as `serve <name>`, with a client connected; resolves both. */
async function startServer(script, name) {
  const child = fork(new URL(script).pathname, ['serve', name], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    execArgv: [],
  });
  const [{ port }] = await once(child, 'message');
  return { child, client: await createClient(port, LOAD.connections) };
}

async function stopServer({ child, client }) {
  client.close();
  child.disconnect();
  await once(child, 'exit');
}

async function ask(child, command) {
  child.send(command);
  const [answer] = await once(child, 'message');
  return answer;
}

/**
 * A source of request buffers, `size` of them made beforehand: a distinct fresh X-TOKEN each
 * (made on the spot, should the server outrun the guess), or one JWT for all.
 */
function requestSource(setup, context, size) {
  if (setup.jwt) {
    const buffer = requestBuffer(HOST, context.jwt);
    return () => buffer;
  }
  const make = (i) => {
    const user = `user${i % 1000}`;
    const { token } = context.minter.mint(user);
    return requestBuffer(HOST, formatAuthorizationHeader({ authcid: user, token }));
  };
  const pool = Array.from({ length: size }, (_, i) => make(i));
  let next = 0;
  return () => (next < pool.length ? pool[next++] : make(next++));
}

/** Closed loop for `seconds` on one server, not measured: JIT and heap settle. */
async function warmUp(server, setup, context) {
  const seconds = LOAD.warmupSeconds;
  const next = requestSource(setup, context, Math.ceil(context.peakRate * seconds * 1.5) + 1000);
  const run = await server.client.closedLoop({ seconds, next });
  context.peakRate = Math.max(context.peakRate, run.ok / run.seconds);
}

/**
 * The saturated phase of a round: `LOAD.slices` slices, each loading every setup in turn with a
 * closed loop for `LOAD.sliceSeconds` (the order alternating), so that a burst of the other work
 * on this machine weighs on all setups alike. Resolves requests per second by setup.
 */
async function saturated(servers, setups, names, context) {
  const { sliceSeconds, slices } = LOAD;
  const totals = Object.fromEntries(names.map((name) => [name, { ok: 0, seconds: 0 }]));
  for (let slice = 0; slice < slices; slice++) {
    // Minted slice by slice, so that no token nears its expiry however long the phase takes.
    const perSetup = Math.ceil(context.peakRate * sliceSeconds * 1.5) + 500;
    const sources = Object.fromEntries(
      names.map((name) => [name, requestSource(setups[name], context, perSetup)]),
    );
    for (const name of slice % 2 === 0 ? names : [...names].reverse()) {
      const { child, client } = servers[name];
      await ask(child, { start: 'saturated' });
      const run = await client.closedLoop({ seconds: sliceSeconds, next: sources[name] });
      await ask(child, 'stop');
      totals[name].ok += run.ok;
      totals[name].seconds += run.seconds;
    }
  }
  return Object.fromEntries(names.map((name) => [name, totals[name].ok / totals[name].seconds]));
}

/**
 * The fixed-rate phase of a round: `LOAD.slices` slices, each loading every setup in turn for
 * `LOAD.sliceSeconds` (the order alternating), so that drift of the machine within the round
 * weighs on all setups alike. The servers add up their CPU time and in-place samples.
 */
async function fixedRate(servers, setups, names, context, rate) {
  const { sliceSeconds, slices } = LOAD;
  const answered = Object.fromEntries(names.map((name) => [name, { ok: 0, late: 0 }]));
  for (let slice = 0; slice < slices; slice++) {
    const perSetup = Math.ceil(rate * sliceSeconds) + 10;
    const sources = Object.fromEntries(
      names.map((name) => [name, requestSource(setups[name], context, perSetup)]),
    );
    for (const name of slice % 2 === 0 ? names : [...names].reverse()) {
      const { child, client } = servers[name];
      await ask(child, { start: 'fixed' });
      const run = await client.openLoop({ seconds: sliceSeconds, rate, next: sources[name] });
      await ask(child, 'stop');
      answered[name].ok += run.ok;
      answered[name].late += run.late;
    }
  }
  return answered;
}

/** What one server measured, as the table reads it. */
function metrics(report, answered) {
  const { saturated, fixed } = report;
  if (answered === undefined) return { inPlaceSaturated: saturated.inPlace };
  return {
    inPlaceSaturated: saturated.inPlace,
    inPlaceFixed: fixed.inPlace,
    cpuPerRequest: fixed.cpu / answered.ok,
    late: answered.late / answered.ok,
    samples: saturated.samples + fixed.samples,
  };
}

/** One round: fresh servers, warm-up and saturated runs one by one, then the fixed rate. */
async function runRound(script, setups, order, context) {
  const servers = {};
  try {
    for (const name of order) servers[name] = await startServer(script, name);
    for (const name of order) await warmUp(servers[name], setups[name], context);
    globalThis.gc?.();
    const rps = await saturated(servers, setups, order, context);
    globalThis.gc?.();
    const fixed = order.filter((name) => setups[name].fixedRate !== false);
    const slowest = Math.min(...fixed.map((name) => rps[name]));
    const rate = LOAD.rate ?? Math.max(100, Math.floor((slowest * LOAD.rateShare) / 50) * 50);
    const answered = await fixedRate(servers, setups, fixed, context, rate);
    const round = {};
    for (const name of order) {
      const report = await ask(servers[name].child, 'report');
      round[name] = { rps: rps[name], rate, ...metrics(report, answered[name]) };
    }
    return round;
  } finally {
    for (const server of Object.values(servers)) await stopServer(server);
  }
}

/** Every setup, `LOAD.rounds` rounds in alternating order; per round, results by setup name. */
async function runRounds(script, setups) {
  // BENCH_SETUPS=bare,floor,xmpp runs only those (quick comparisons while working).
  const only = process.env.BENCH_SETUPS?.split(',');
  const names = Object.keys(setups).filter((name) => only === undefined || only.includes(name));
  const jwtOptions = { algorithm: 'HS256', expiresIn: '1h' };
  const context = {
    minter: createXmppToken(BENCH_KEYS),
    jwt: `Bearer ${jsonwebtoken.sign({ sub: 'alice@example.test' }, JWT_SECRET, jwtOptions)}`,
    peakRate: 10_000,
  };
  const rounds = [];
  for (let round = 0; round < LOAD.rounds; round++) {
    const order = round % 2 === 0 ? names : [...names].reverse();
    rounds.push(await runRound(script, setups, order, context));
    process.stderr.write('.');
  }
  process.stderr.write('\n');
  if (process.env.BENCH_RAW) process.stderr.write(`${JSON.stringify(rounds)}\n`);
  return rounds;
}

/** Within-round ratios of `name`'s overhead in `field` (over bare) to the floor's. */
function overheadRatios(rounds, name, field) {
  return rounds.map((r) => (r[name][field] - r.bare[field]) / (r.floor[field] - r.bare[field]));
}

function table(rounds, setups) {
  const overhead = (name, field) =>
    name === 'bare' ? '(0)' : ratioCell(overheadRatios(rounds, name, field));
  const measured = Object.entries(setups).filter(([name]) => name in rounds[0]);
  const rows = measured.map(([name, { label, fixedRate }]) => {
    const timed = fixedRate !== false;
    const samples = rounds.reduce((sum, r) => sum + (r[name].samples ?? 0), 0);
    return [
      label,
      overhead(name, 'inPlaceSaturated'),
      timed ? overhead(name, 'inPlaceFixed') : '-',
      timed ? overhead(name, 'cpuPerRequest') : '-',
      ratioCell(rounds.map((r) => r[name].rps / r.bare.rps)),
      ratioCell(rounds.map((r) => r[name].rps / r.floor.rps)),
      timed ? count(samples) : '-',
    ];
  });
  const rate = 'the fixed rate';
  return markdownTable(
    [
      'setup',
      'in place, saturated: overhead / floor’s',
      `in place at ${rate}: overhead / floor’s`,
      `CPU per request at ${rate}: overhead / floor’s`,
      'saturated req/s / bare',
      'saturated req/s / floor',
      'requests timed in place',
    ],
    rows,
  );
}

/** The targets line: our in-place and CPU overhead ratios against the 1.15 limit. */
function verdict(rounds, ours) {
  const check = (field) => {
    const value = median(overheadRatios(rounds, ours, field).filter(Number.isFinite));
    return `${value.toFixed(2)} (${value <= 1.15 ? 'met' : 'NOT met'})`;
  };
  const late = median(rounds.map((r) => Math.max(...Object.values(r).map((m) => m.late ?? 0))));
  return (
    `Target: overhead over bare <= 1.15x the floor's. In place: ${check('inPlaceSaturated')} ` +
    `saturated, ${check('inPlaceFixed')} at the fixed rate; CPU per request at the fixed rate: ` +
    `${check('cpuPerRequest')}. Requests of the fixed rate that found every connection busy ` +
    `(the server behind): ${(late * 100).toFixed(1)}% (median of the worst setup per round).`
  );
}

async function section(script, bench, rounds) {
  const name = basename(new URL(script).pathname, '.bench.mjs');
  const { connections, warmupSeconds, sliceSeconds, slices } = LOAD;
  const rates = rounds.map((r) => r.bare.rate);
  const rate =
    LOAD.rate === undefined
      ? `a fixed rate, ${LOAD.rateShare * 100}% of the slowest setup's saturated rate in the ` +
        `round (${count(Math.min(...rates))} to ${count(Math.max(...rates))} req/s)`
      : `${count(LOAD.rate)} req/s`;
  return [
    `## ${bench.title}`,
    '',
    `\`pnpm bench ${name}\` (${bench.stack}): ${rounds.length} rounds, each setup in a fresh ` +
      `server process per round, the order alternating; per setup and round ${warmupSeconds} s ` +
      `of warm-up, then ${slices} slices of ${sliceSeconds} s saturated (closed loop, ` +
      `${connections} connections), then ${slices} slices of ${sliceSeconds} s at ${rate} ` +
      '(open loop), the same for every setup; within a phase the setups take turns slice by ' +
      'slice, in alternating order. Cells: median of the ' +
      'within-round ratios [25th-75th percentile]. Every X-TOKEN ' +
      `request carries a distinct fresh token and every answer is a 2xx. Finished at ${await machineLoad()}.`,
    '',
    table(rounds, bench.setups),
    '',
    verdict(rounds, bench.ours ?? 'xmpp'),
    bench.note ? `\n${bench.note}` : '',
  ].join('\n');
}

/**
 * Runs an HTTP bench (`{ title, stack, setups, app, ours?, note? }`) as the parent that loads and
 * reports, or, forked with `serve <setup>`, as that setup's server. `setups` must have `bare`
 * and `floor`; `app(use, time)` builds the server from the setup's `use` and the in-place timer.
 */
export async function httpBench(script, bench) {
  if (process.argv[2] === 'serve') return serveSetup(bench, bench.setups[process.argv[3]], HOST);
  console.log(await section(script, bench, await runRounds(script, bench.setups)));
}
