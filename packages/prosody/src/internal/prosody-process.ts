import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { isListening } from './network.js';

const STOP_GRACE_MS = 5000;
const POLL_MS = 50;

/** Where one instance keeps its files. */
export interface InstancePaths {
  readonly directory: string;
  readonly config: string;
  readonly log: string;
  /** Prosody's stdout and stderr (startup warnings, errors before logging is set up). */
  readonly console: string;
}

/**
 * Spawns `prosody --config <config> -F` (foreground: the pid is Prosody's own) and resolves once
 * every port accepts connections and `readyUrl` answers: the kernel accepts on a listening port
 * while Prosody may still be loading other hosts, but HTTP is answered only from its event loop,
 * which starts after every host is loaded. Rejects with the log's tail on exit or timeout.
 */
export async function spawnProsody(
  executable: string,
  paths: InstancePaths,
  ports: readonly number[],
  readyUrl: string,
  timeoutMs: number,
): Promise<ChildProcess> {
  const output = openSync(paths.console, 'a');
  const child = spawn(executable, ['--config', paths.config, '-F'], {
    cwd: paths.directory,
    stdio: ['ignore', output, output],
  });
  closeSync(output);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (hasExited(child)) {
      const status = child.exitCode ?? child.signalCode;
      throw new Error(`startProsody: prosody exited (${status}) before listening:\n${tail(paths)}`);
    }
    const listening = (await Promise.all(ports.map(isListening))).every(Boolean);
    if (listening && (await isAnswering(readyUrl))) return child;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(
        `startProsody: prosody did not listen within ${timeoutMs} ms:\n${tail(paths)}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Sends `signal` and waits for the exit; SIGKILL if a clean stop takes over 5 s. */
export async function stopProsody(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  if (hasExited(child)) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

/** Console output, then the log file. */
export function readLog(paths: InstancePaths): string {
  return readIfPresent(paths.console) + readIfPresent(paths.log);
}

async function isAnswering(url: string): Promise<boolean> {
  try {
    await (await fetch(url, { signal: AbortSignal.timeout(2000) })).arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function readIfPresent(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function tail(paths: InstancePaths): string {
  return readLog(paths).split('\n').slice(-40).join('\n');
}
