// The server side of an HTTP bench: builds one setup's app, listens on a free loopback port and,
// between the parent's 'start' and 'stop', counts the process's CPU time and records the
// in-place time of the setup's middleware (see the timers below).

import { performance } from 'node:perf_hooks';

const MAX_SAMPLES = 1 << 20;

/**
 * The process's CPU time so far (user + system), in microseconds. Not `process.cpuUsage()`: its
 * `{ user, system }` shares V8's hidden class for the `user` field with core's `{ user, token }`
 * credentials, and once its readings store a number there in another representation (traced at
 * the same slice of every round), V8 retypes the field and deoptimizes the very middleware being
 * measured, mid-phase (bench/RESULTS.md, the investigations).
 */
function cpuMicroseconds() {
  const { userCPUTime, systemCPUTime } = process.resourceUsage();
  return userCPUTime + systemCPUTime;
}

/** In-place samples and CPU time of one phase (saturated or fixed rate), slice by slice. */
function createPhase() {
  return { samples: new Float64Array(MAX_SAMPLES), recorded: 0, cpu: [] };
}

function summary({ samples, recorded, cpu }) {
  const sorted = samples.subarray(0, recorded).sort();
  return {
    cpu,
    inPlace: recorded > 0 ? sorted[recorded >> 1] * 1000 : Number.NaN,
    samples: recorded,
  };
}

/**
 * Serves `setup` of `bench`, talking to the parent over IPC: `{ start: phase }` and 'stop'
 * bracket a loaded slice of a phase (in-place samples add up over its slices, CPU time is kept
 * per slice), 'report' answers every phase's samples and CPU times.
 */
export function serveSetup(bench, setup, host) {
  const phases = { saturated: createPhase(), fixed: createPhase() };
  let current;
  let cpuAtStart;
  const record = (ms) => {
    if (current !== undefined && current.recorded < MAX_SAMPLES) {
      current.samples[current.recorded++] = ms;
    }
  };
  const server = bench.app(setup.use, record).listen(0, host, () => {
    process.send({ port: server.address().port });
  });
  // The client's connections idle while other setups take their turn: keep them open.
  server.keepAliveTimeout = 0;
  const answer = (message) => {
    if (message === 'report') {
      return Object.fromEntries(Object.entries(phases).map(([name, p]) => [name, summary(p)]));
    }
    if (message === 'stop') {
      current.cpu.push(cpuMicroseconds() - cpuAtStart);
      current = undefined;
      return 'stopped';
    }
    current = phases[message.start];
    cpuAtStart = cpuMicroseconds();
    return 'started';
  };
  process.on('message', (message) => process.send(answer(message)));
  process.on('disconnect', () => process.exit(0));
}

/** Express/Passport: times `middleware` from its call until it calls `next`. */
export function timeExpress(middleware, record) {
  return function timed(req, res, next) {
    const start = performance.now();
    middleware(req, res, (error) => {
      record(performance.now() - start);
      next(error);
    });
  };
}

/** Koa: times `middleware` from its call until it calls `next`. */
export function timeKoa(middleware, record) {
  return function timed(ctx, next) {
    const start = performance.now();
    return middleware(ctx, () => {
      record(performance.now() - start);
      return next();
    });
  };
}

/** Fastify: times a hook until it calls `done` or its promise settles, whichever it uses. */
export function timeFastify(hook, record) {
  return function timed(request, reply, done) {
    const start = performance.now();
    const settled = () => record(performance.now() - start);
    const result = hook(request, reply, (error) => {
      settled();
      done(error);
    });
    if (result && typeof result.then === 'function') {
      return result.then(settled, (error) => {
        settled();
        throw error;
      });
    }
    return result;
  };
}
