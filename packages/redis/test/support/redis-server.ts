// Spawns a throwaway redis-server (the Debian package) on a free loopback port, so the tests run
// against the real thing. No persistence unless asked, nothing left behind: each test file kills
// its own.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const REDIS_SERVER = process.env.REDIS_SERVER ?? '/usr/bin/redis-server';
const REDIS_CLI = process.env.REDIS_CLI ?? '/usr/bin/redis-cli';
const READY_TIMEOUT_MS = 10_000;
const run = promisify(execFile);

/** True when the tests that need Redis can run. In CI a missing server is an error, not a skip. */
export const hasRedisServer = existsSync(REDIS_SERVER) && existsSync(REDIS_CLI);
if (!hasRedisServer) {
  const message = `${REDIS_SERVER} or ${REDIS_CLI} not found: install the Debian package redis-server`;
  if (process.env.CI) throw new Error(`${message} (required in CI)`);
  console.warn(`${message}; skipping the Redis tests`);
}

/** A redis-server child process on 127.0.0.1 that can be stopped and started again on its port. */
export interface RedisServer {
  readonly port: number;
  readonly url: string;
  /** Starts the process again on the same port (after `stop`). */
  start(): Promise<void>;
  /** Kills the process, as a crash or an outage would; `start` brings it back. */
  stop(): Promise<void>;
  /** Kills the process for good and removes its working directory. */
  dispose(): Promise<void>;
  /** One redis-cli command; resolves its raw stdout, trimmed. */
  cli(...args: string[]): Promise<string>;
}

/**
 * Starts a server; `cluster` makes it a one-node Redis Cluster holding all 16384 slots; `config`
 * lines (`appendonly yes`, as in redis.conf) override the defaults (no persistence).
 */
export async function startRedisServer(
  options: { cluster?: boolean; config?: readonly string[] } = {},
): Promise<RedisServer> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'xmpp-token-redis-'));
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'];
  args.push('--dir', dir);
  for (const line of options.config ?? []) {
    const [key = '', ...values] = line.trim().split(/\s+/);
    args.push(`--${key}`, ...values);
  }
  if (options.cluster) {
    // Without announce-ip a lone node lists itself with an empty host in CLUSTER SLOTS, and
    // ioredis, finding no node to route to, reconnects forever.
    args.push('--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf');
    args.push('--cluster-announce-ip', '127.0.0.1');
  }
  let child: ChildProcess | undefined;
  const killOnExit = () => child?.kill('SIGKILL');
  process.once('exit', killOnExit);

  const cli = async (...command: string[]) =>
    (await run(REDIS_CLI, ['-h', '127.0.0.1', '-p', String(port), ...command])).stdout.trim();
  const stop = async () => {
    const current = child;
    child = undefined;
    if (current === undefined || current.exitCode !== null) return;
    const exited = new Promise((resolve) => current.once('exit', resolve));
    current.kill('SIGKILL');
    await exited;
  };
  const server: RedisServer = {
    port,
    url: `redis://127.0.0.1:${port}`,
    cli,
    async start() {
      child = spawn(REDIS_SERVER, args, { stdio: ['ignore', 'ignore', 'pipe'] });
      await waitForPing(child, port);
    },
    stop,
    async dispose() {
      await stop();
      process.off('exit', killOnExit);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await server.start();
  if (options.cluster) await assignAllSlots(cli);
  return server;
}

async function assignAllSlots(cli: RedisServer['cli']): Promise<void> {
  await cli('CLUSTER', 'ADDSLOTSRANGE', '0', '16383');
  await waitUntil(async () => (await cli('CLUSTER', 'INFO')).includes('cluster_state:ok'));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForPing(child: ChildProcess, port: number): Promise<void> {
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  await waitUntil(() => {
    if (child.exitCode !== null) throw new Error(`redis-server exited on port ${port}: ${stderr}`);
    return ping(port);
  });
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port }, () => socket.write('PING\r\n'));
    socket.setTimeout(500);
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

async function waitUntil(condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('redis-server did not become ready in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
