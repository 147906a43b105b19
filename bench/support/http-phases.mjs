// The phases of a round of an HTTP bench (see http-bench.mjs): server processes and their IPC,
// request sources, warm-up, the saturated and the fixed-rate slices.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { formatAuthorizationHeader } from '../../packages/core/dist/index.js';
import { createClient, requestBuffer } from './load.mjs';
import { median, sum } from './stats.mjs';

/** Where the servers listen. */
export const HOST = '127.0.0.1';

const env = (name, fallback) => Number(process.env[name] ?? fallback);
/** How every HTTP bench loads its servers; `BENCH_ROUNDS` etc. override it for quick runs. */
export const LOAD = {
  connections: 16,
  warmupSeconds: env('BENCH_WARMUP_SECONDS', 1),
  // Longer: the open loop's first requests deoptimize Node's HTTP code, and V8 takes 1-2 s of
  // traffic to optimize it again (bench/RESULTS.md, the investigations).
  rateWarmupSeconds: env('BENCH_RATE_WARMUP_SECONDS', 3),
  // The fixed rate, as a share of the slowest setup's saturated rate in the same round (so that it
  // stays below saturation however loaded the shared machine is), or BENCH_RATE req/s if set.
  rateShare: 0.4,
  rate: process.env.BENCH_RATE === undefined ? undefined : Number(process.env.BENCH_RATE),
  sliceSeconds: env('BENCH_SLICE_SECONDS', 0.5),
  slices: env('BENCH_SLICES', 8),
  rounds: env('BENCH_ROUNDS', 8),
};

/** Forks `script` as `serve <name>`, with a client connected; resolves both. */
export async function startServer(script, name) {
  const child = fork(new URL(script).pathname, ['serve', name], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    execArgv: [],
  });
  const [{ port }] = await once(child, 'message');
  return { child, client: await createClient(port, LOAD.connections) };
}

export async function stopServer({ child, client }) {
  client.close();
  child.disconnect();
  await once(child, 'exit');
}

export async function ask(child, command) {
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
export async function warmUp(server, setup, context) {
  const seconds = LOAD.warmupSeconds;
  const next = requestSource(setup, context, Math.ceil(context.peakRate * seconds * 1.5) + 1000);
  const run = await server.client.closedLoop({ seconds, next });
  context.peakRate = Math.max(context.peakRate, run.ok / run.seconds);
}

/**
 * Open loop at `rate` for `LOAD.rateWarmupSeconds` on one server, not measured. The open loop
 * takes paths the closed loop never did (a request pipelined behind a busy connection, answers at
 * another pace): their first runs deoptimize Node's HTTP code and the middleware, whose
 * recompilation on V8's compiler threads would otherwise be billed to the fixed-rate phase's CPU
 * per request (bench/RESULTS.md, the investigations).
 */
export async function warmUpAtRate(server, setup, context, rate) {
  const seconds = LOAD.rateWarmupSeconds;
  const next = requestSource(setup, context, Math.ceil(rate * seconds) + 10);
  await server.client.openLoop({ seconds, rate, next });
}

/**
 * The saturated phase of a round: `LOAD.slices` slices, each loading every setup in turn with a
 * closed loop for `LOAD.sliceSeconds` (the order alternating), so that a burst of the other work
 * on this machine weighs on all setups alike. Resolves requests per second by setup.
 */
export async function saturated(servers, setups, names, context) {
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
export async function fixedRate(servers, setups, names, context, rate) {
  const { sliceSeconds, slices } = LOAD;
  // Per setup: answers slice by slice (the server keeps its CPU time in the same order), and late.
  const answered = Object.fromEntries(names.map((name) => [name, { slices: [], late: 0 }]));
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
      answered[name].slices.push(run.ok);
      answered[name].late += run.late;
    }
  }
  return answered;
}

/**
 * What one server measured, as the table reads it. Its CPU per request at the fixed rate is the
 * median over the slices, each slice's CPU time over its answers: a one-off event of a young
 * process (a recompilation after its first 30-second step or its first expired token) then
 * weighs as one slice, not on the whole phase. The pooled figure (all slices' CPU over all
 * answers) is kept beside it.
 */
export function metrics(report, answered) {
  const { saturated, fixed } = report;
  if (answered === undefined) return { inPlaceSaturated: saturated.inPlace };
  const ok = sum(answered.slices);
  const perSlice = fixed.cpu.map((slice, i) => slice / answered.slices[i]);
  return {
    inPlaceSaturated: saturated.inPlace,
    inPlaceFixed: fixed.inPlace,
    cpuPerRequest: median(perSlice),
    // Slice by slice, for BENCH_RAW: where in the phase a setup paid more.
    cpuPerRequestSlices: perSlice,
    cpuPerRequestPooled: sum(fixed.cpu) / ok,
    late: answered.late / ok,
    samples: saturated.samples + fixed.samples,
  };
}
