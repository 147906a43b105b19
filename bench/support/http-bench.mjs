// The harness the HTTP adapter benches share (Express, Koa, Passport, Fastify). Setups: the bare
// route (an empty middleware, timed like the others), the floor (bench/support/floor.mjs as a
// middleware), ours, the JWT competitors. Every round starts a fresh server process per setup (a
// fork of the bench script, so no setup inherits another's heap or JIT state, and the load
// generator, bench/support/load.mjs on raw sockets with requests built beforehand, never shares an
// event loop with a server). After a warm-up, a round has two phases, each in slices of
// `LOAD.sliceSeconds` per setup taken in turn, the order alternating, so that bursts of the other
// work on this shared machine weigh on all setups alike:
// - saturated: a closed loop, for throughput, and the in-place time of the middleware under load
//   (a high-resolution timer around it inside the server, from the call until it calls `next` or
//   its promise settles; median over every request of the phase);
// - fixed rate: after a warm-up at that rate, an open loop at the same rate for every setup,
//   below saturation (a share of the slowest setup's saturated rate in the round), for the
//   server's CPU time (user + system) per request, the median over the slices, and the in-place
//   time again.
// "Overhead" is a setup's in-place time (or CPU per request) minus the bare route's; a setup's
// ratio is its overhead over the floor's in the same round. Reported: the median over rounds of
// the within-round ratios, with the quartiles (how noisy it was).
import jsonwebtoken from 'jsonwebtoken';
import { createXmppToken } from '../../packages/core/dist/index.js';
import {
  HOST,
  LOAD,
  ask,
  fixedRate,
  metrics,
  saturated,
  startServer,
  stopServer,
  warmUp,
  warmUpAtRate,
} from './http-phases.mjs';
import { section } from './http-report.mjs';
import { serveSetup } from './serve-setup.mjs';

/** Bench-only core keys, the same for the minter here and the verifier in the server process. */
export const BENCH_KEYS = {
  tokenSecret: 'JYXEX4IQOEYFYQ2S3MC5P4ZT4SDHYEA7',
  otpSeed: 'XVGR73KMZH2M4XMY',
  domain: 'example.test',
};

/** Bench-only HS256 secret of the JWT competitors. */
export const JWT_SECRET = 'bench-only-hs256-secret-0123456789abcdef';

/**
 * One round: fresh servers, warm-up, the saturated slices, warm-up at the fixed rate, then the
 * fixed-rate slices.
 */
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
    for (const name of fixed) await warmUpAtRate(servers[name], setups[name], context, rate);
    globalThis.gc?.();
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

/**
 * A bench's setups plus `floorAgain`, the floor in a second server: an A/A control, run only when
 * `BENCH_SETUPS` names it, whose cells show how far this method puts two identical setups apart.
 */
function withControl(setups) {
  const floorAgain = { ...setups.floor, label: 'the floor again (A/A control)', control: true };
  return { ...setups, floorAgain };
}

/** Every setup, `LOAD.rounds` rounds in alternating order; per round, results by setup name. */
async function runRounds(script, setups) {
  // BENCH_SETUPS=bare,floor,xmpp runs only those (quick comparisons while working).
  const only = process.env.BENCH_SETUPS?.split(',');
  const names = Object.keys(setups).filter((name) =>
    only === undefined ? !setups[name].control : only.includes(name),
  );
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

/**
 * Runs an HTTP bench (`{ title, stack, setups, app, ours?, note? }`) as the parent that loads and
 * reports, or, forked with `serve <setup>`, as that setup's server. `setups` must have `bare`
 * and `floor`; `app(use, time)` builds the server from the setup's `use` and the in-place timer.
 */
export async function httpBench(script, bench) {
  const setups = withControl(bench.setups);
  if (process.argv[2] === 'serve') return serveSetup(bench, setups[process.argv[3]], HOST);
  console.log(await section(script, { ...bench, setups }, LOAD, await runRounds(script, setups)));
}
