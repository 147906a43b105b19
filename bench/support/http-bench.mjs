// The harness the HTTP adapter benches share. Each setup (bare route, ours, a JWT competitor) runs
// in its own server process, a fork of the bench script, so the load generator never shares an
// event loop with the server. The machine is small and shared and single runs swing by +-20%:
// setups take turns in short runs, rotating the order every round, and ratios are medians of
// ratios within a round. Every X-TOKEN request carries a different freshly minted token (a
// repeated one would measure the `replayed` path), and every response must be a 2xx.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { basename } from 'node:path';
import autocannon from 'autocannon';
import jsonwebtoken from 'jsonwebtoken';
import { createXmppToken, formatAuthorizationHeader } from '../../packages/core/dist/index.js';

/** Bench-only core keys, the same for the minter here and the verifier in the server process. */
export const BENCH_KEYS = {
  tokenSecret: 'JYXEX4IQOEYFYQ2S3MC5P4ZT4SDHYEA7',
  otpSeed: 'XVGR73KMZH2M4XMY',
  domain: 'example.test',
};

/** Bench-only HS256 secret of the JWT competitors. */
export const JWT_SECRET = 'bench-only-hs256-secret-0123456789abcdef';

// A first guess at the fastest setup's rate, to size the token pool of the warm-up runs.
const FIRST_RATE_GUESS = 20_000;

/** In a server process: listens on a free loopback port, tells the parent, serves CPU readings. */
export function serveToParent(app) {
  const server = app.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
  let cpuAtStart;
  // Server CPU (user + system, all threads) between the parent's 'start' and 'stop'.
  process.on('message', (message) => {
    if (message === 'start') cpuAtStart = process.cpuUsage();
    else process.send({ cpu: cpuMicros(process.cpuUsage(cpuAtStart)) });
  });
  process.on('disconnect', () => server.close(() => process.exit(0)));
}

const cpuMicros = ({ user, system }) => user + system;

/** Forks `script` as `serve <name>`; resolves the server's name, URL and process. */
export async function startServer(script, name) {
  const child = fork(new URL(script).pathname, ['serve', name], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  const [{ port }] = await once(child, 'message');
  return { name, child, url: `http://127.0.0.1:${port}/` };
}

/** Disconnects a server process and waits for it to exit. */
export async function stopServer({ child }) {
  child.disconnect();
  await once(child, 'exit');
}

/** `size` Authorization headers with distinct fresh X-TOKENs, each handed out once. */
export function tokenHeaders(minter, size) {
  const header = (_, i) => {
    const user = `user${i % 1000}`;
    return formatAuthorizationHeader({ authcid: user, token: minter.mint(user).token });
  };
  const pool = Array.from({ length: size }, header);
  let next = 0;
  return () => {
    if (next === pool.length) throw new Error(`header pool of ${size} exhausted`);
    return pool[next++];
  };
}

/** A `Bearer` header holding one HS256 JWT for `sub`, valid ten minutes. */
export function jwtHeader(sub) {
  const options = { algorithm: 'HS256', expiresIn: '10m' };
  return `Bearer ${jsonwebtoken.sign({ sub }, JWT_SECRET, options)}`;
}

/** One autocannon run with `nextHeader()` as each request's Authorization; throws unless all 2xx. */
export async function load(url, { connections, seconds, nextHeader }) {
  // The same per-request rewrite for every setup, so the load generator's work is alike.
  const setupRequest = (req) => ({
    ...req,
    headers: { ...req.headers, authorization: nextHeader() },
  });
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [{ setupRequest }],
  });
  const { non2xx, errors, timeouts } = result;
  if (non2xx > 0 || errors > 0 || timeouts > 0 || result['2xx'] === 0) {
    throw new Error(`${url}: ${non2xx} non-2xx, ${errors} errors, ${timeouts} timeouts`);
  }
  return result;
}

/** {@link load} with the server's CPU time around it: 2xx count, seconds, CPU microseconds. */
export async function measure({ child, url }, options) {
  globalThis.gc?.();
  child.send('start');
  const result = await load(url, options);
  child.send('stop');
  const [{ cpu }] = await once(child, 'message');
  return { ok: result['2xx'], seconds: result.duration, cpu };
}

/** The setups' names in round `round`: the list rotated by `round`, so each leads in turn. */
export function rotation(names, round) {
  const shift = round % names.length;
  return [...names.slice(shift), ...names.slice(0, shift)];
}

/** The median of `values`. */
export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Runs every setup (`{ label, jwt?, use }`, keyed by name; the first is the bare baseline) in
 * `rounds` rotating rounds after a 1 s warm-up each. Resolves per-round results.
 */
export async function runRounds(script, setups, { connections, seconds, rounds }) {
  const names = Object.keys(setups);
  const servers = new Map();
  const minter = createXmppToken(BENCH_KEYS);
  const jwt = jwtHeader('alice@example.test');
  let peakRate = FIRST_RATE_GUESS;
  // Tokens are minted just before each run (each stays valid 30-60 s), twice what the fastest
  // setup so far could use.
  const run = async (name, runSeconds) => {
    const size = Math.ceil(peakRate * runSeconds * 2) + 1_000;
    const nextHeader = setups[name].jwt ? () => jwt : tokenHeaders(minter, size);
    const result = await measure(servers.get(name), {
      connections,
      seconds: runSeconds,
      nextHeader,
    });
    peakRate = Math.max(peakRate, rate(result));
    return result;
  };
  try {
    for (const name of names) servers.set(name, await startServer(script, name));
    for (const name of names) await run(name, 1);
    const results = [];
    for (let round = 0; round < rounds; round++) {
      const byName = {};
      for (const name of rotation(names, round)) byName[name] = await run(name, seconds);
      results.push(byName);
    }
    return results;
  } finally {
    for (const server of servers.values()) await stopServer(server);
  }
}

/** Answered requests per second of one run. */
export const rate = (run) => run.ok / run.seconds;

/** Median over rounds of `name`'s rate divided by `baseline`'s rate in the same round. */
export function medianRatio(rounds, name, baseline) {
  return median(rounds.map((round) => rate(round[name]) / rate(round[baseline])));
}

/** Per setup: median req/s and server CPU us per answered request over all rounds. */
export function summarize(rounds, name) {
  const total = (field) => rounds.reduce((sum, round) => sum + round[name][field], 0);
  return {
    rps: median(rounds.map((round) => rate(round[name]))),
    cpu: total('cpu') / total('ok'),
  };
}

/** A ratio as a percentage with one decimal. */
export const percent = (ratio) => `${(ratio * 100).toFixed(1)}%`;

/** A Markdown table: `header` cells, then `rows`; the first column left-aligned, others right. */
export function markdownTable(header, rows) {
  const line = (cells) => `| ${cells.join(' | ')} |`;
  const align = header.map((_, i) => (i === 0 ? '---' : '---:'));
  return [line(header), line(align), ...rows.map(line)].join('\n');
}

/** One row per setup: label, median req/s, a median ratio per `compare` column, CPU us/req. */
export function resultTable(rounds, setups, compare) {
  const rows = Object.entries(setups).map(([name, { label }]) => {
    const { rps, cpu } = summarize(rounds, name);
    const ratios = Object.keys(compare).map((base) => percent(medianRatio(rounds, name, base)));
    return [label, Math.round(rps).toLocaleString('en-US'), ...ratios, cpu.toFixed(1)];
  });
  return markdownTable(['setup', 'req/s (median)', ...Object.values(compare), 'CPU us/req'], rows);
}

/** How the numbers were taken, for the line under the section's title. */
export function methodNote({ connections, seconds, rounds }) {
  return (
    `autocannon on loopback, ${connections} connections, each setup's server in its own process; ` +
    `${rounds} rounds of ${seconds} s per setup, the order rotating each round. Every request ` +
    'carries an Authorization header, read by all but the bare route (each X-TOKEN a different ' +
    'fresh one), and every response is checked to be 2xx. "vs" columns are medians over ' +
    "rounds of the ratio within a round; CPU is the server's user+system time per answered request."
  );
}

/** The bench's Markdown section: title, command and method, table, conclusion. */
export function section(script, bench, rounds) {
  const name = basename(new URL(script).pathname, '.bench.mjs');
  const compare = bench.compare ?? { [Object.keys(bench.setups)[0]]: 'vs bare' };
  const ratio = (setup, base) => medianRatio(rounds, setup, base);
  return [
    `## ${bench.title}`,
    '',
    `\`pnpm bench ${name}\` (${bench.stack}): ${methodNote(bench.load)}`,
    '',
    resultTable(rounds, bench.setups, compare),
    '',
    bench.conclusion(ratio),
  ].join('\n');
}

/**
 * Runs an HTTP bench (`{ title, stack, load, setups, compare?, app, conclusion }`, see the benches)
 * as the parent that loads and reports, or, forked with `serve <setup>`, as that setup's server.
 */
export async function httpBench(script, bench) {
  if (process.argv[2] === 'serve') {
    serveToParent(bench.app(bench.setups[process.argv[3]].use()));
    return;
  }
  console.log(section(script, bench, await runRounds(script, bench.setups, bench.load)));
}
