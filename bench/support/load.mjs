// A cheap HTTP/1.1 load generator on raw sockets. Every request is a ready Buffer built before the
// run (one per request, since each X-TOKEN is single use), so sending one is a socket write and
// reading one is a scan for the status line and Content-Length: a few microseconds of the
// generator's CPU, where autocannon's per-request `setupRequest` cost 30-58 us on the core the
// server shares. Two modes: closed loop (each connection sends its next request when the answer
// arrives: saturated throughput) and open loop (requests leave on a fixed schedule whatever the
// server does: CPU per request at a fixed rate).
import { connect } from 'node:net';
import { performance } from 'node:perf_hooks';

const HEAD_END = '\r\n\r\n';

/** `GET /` with `authorization` (if any) as one Buffer, ready to write. */
export function requestBuffer(host, authorization) {
  const auth = authorization === undefined ? '' : `Authorization: ${authorization}\r\n`;
  return Buffer.from(`GET / HTTP/1.1\r\nHost: ${host}\r\n${auth}\r\n`, 'latin1');
}

// One keep-alive connection; answers are matched to requests in order (HTTP/1.1).
class Connection {
  constructor(socket, client) {
    this.socket = socket;
    this.pending = 0;
    this.buffer = '';
    socket.setNoDelay(true);
    socket.setEncoding('latin1');
    socket.on('data', (chunk) => this.read(chunk, client));
    socket.on('error', (error) => client.fail(error));
    socket.on('close', () => {
      this.closed = true;
      if (this.pending > 0) client.fail(new Error('connection closed with answers pending'));
    });
    this.client = client;
  }

  send(request) {
    if (this.closed) return this.client.fail(new Error('connection closed by the server'));
    this.pending++;
    this.socket.write(request);
  }

  read(chunk, client) {
    this.buffer += chunk;
    for (;;) {
      const end = this.buffer.indexOf(HEAD_END);
      if (end === -1) return;
      const length = contentLength(this.buffer, end);
      const total = end + HEAD_END.length + length;
      if (this.buffer.length < total) return;
      const status = Number(this.buffer.slice(9, 12));
      this.buffer = this.buffer.slice(total);
      this.pending--;
      client.answer(this, status);
    }
  }
}

function contentLength(text, headEnd) {
  const head = text.slice(0, headEnd).toLowerCase();
  const at = head.indexOf('\r\ncontent-length:');
  if (at === -1) throw new Error('answer without Content-Length');
  return Number.parseInt(head.slice(at + 17, head.indexOf('\r\n', at + 17)), 10);
}

/**
 * `connections` keep-alive connections to 127.0.0.1:`port`, kept open across runs, so that the
 * server's CPU during a run is spent on requests, not on accepting connections.
 */
export async function createClient(port, connections) {
  const open = () =>
    new Promise((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port }, () => resolve(socket));
      socket.once('error', reject);
    });
  const sockets = await Promise.all(Array.from({ length: connections }, open));
  let run;
  const client = {
    answer(connection, status) {
      if (status < 200 || status > 299) return run.fail(new Error(`answer ${status}`));
      run.ok++;
      run.onAnswer?.(connection);
    },
    fail: (error) => run?.fail(error),
  };
  const pool = sockets.map((socket) => new Connection(socket, client));
  const begin = (onAnswer) => {
    run = { ok: 0, onAnswer };
    run.failed = new Promise((_, reject) => (run.fail = reject));
    return run;
  };
  const settle = async (current) => {
    await Promise.race([current.failed, drained(pool)]);
  };
  return {
    closedLoop: (options) => closedLoop(pool, begin, settle, options),
    openLoop: (options) => openLoop(pool, begin, settle, options),
    close: () => pool.forEach((connection) => connection.socket.destroy()),
  };
}

/**
 * Closed loop: every connection keeps one request in flight for `seconds` (`next()` gives each
 * request). Resolves `{ ok, seconds }`; rejects on any non-2xx answer.
 */
async function closedLoop(pool, begin, settle, { seconds, next }) {
  let stopping = false;
  const run = begin((connection) => stopping || connection.send(next()));
  const start = performance.now();
  for (const connection of pool) connection.send(next());
  await Promise.race([run.failed, sleep(seconds * 1000)]);
  stopping = true;
  const elapsed = (performance.now() - start) / 1000;
  const counted = run.ok;
  await settle(run);
  return { ok: counted, seconds: elapsed };
}

/**
 * Open loop: `rate` requests a second for `seconds`, sent on schedule (to an idle connection when
 * there is one, else pipelined behind the least busy), whatever the server answers. Resolves
 * `{ ok, seconds, late }` once every answer is in; `late` counts requests that found every
 * connection busy (the server falling behind).
 */
async function openLoop(pool, begin, settle, { seconds, rate, next }) {
  const run = begin();
  const total = Math.round(rate * seconds);
  let sent = 0;
  let late = 0;
  let turn = 0;
  const start = performance.now();
  const tick = () => {
    const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate));
    for (; sent < due; sent++) {
      let target = pool[turn++ % pool.length];
      for (let i = 0; target.pending > 0 && i < pool.length; i++) {
        const candidate = pool[turn++ % pool.length];
        if (candidate.pending < target.pending) target = candidate;
      }
      if (target.pending > 0) late++;
      target.send(next());
    }
  };
  const timer = setInterval(tick, 1);
  try {
    await Promise.race([run.failed, sleep(seconds * 1000 + 5)]);
    tick();
  } finally {
    clearInterval(timer);
  }
  await settle(run);
  return { ok: run.ok, seconds: (performance.now() - start) / 1000, late };
}

function drained(pool) {
  return new Promise((resolve) => {
    const check = () => (pool.every((c) => c.pending === 0) ? resolve() : setTimeout(check, 2));
    check();
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
