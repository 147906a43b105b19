import { spawn, type ChildProcess } from 'node:child_process';
import { ROOT } from './workspace.js';

/** An example app started as a user starts it: `node server.mjs` in its folder. */
export interface ExampleServer {
  readonly origin: string;
  /** Everything the process printed, for assertions and failure messages. */
  output(): string;
  stop(): Promise<void>;
}

const READY_TIMEOUT_MS = 15_000;

/** Starts `examples/<name>/server.mjs` on a free port; resolves once it prints its URL. */
export function startExample(name: string): Promise<ExampleServer> {
  const child = spawn(process.execPath, ['server.mjs'], {
    cwd: `${ROOT}examples/${name}`,
    env: { PATH: process.env.PATH ?? '', PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const stop = () => stopChild(child);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`examples/${name} printed no URL in time:\n${output}`));
    }, READY_TIMEOUT_MS);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /http:\/\/localhost:(\d+)/.exec(output);
      if (url === null) return;
      clearTimeout(timer);
      resolve({ origin: `http://127.0.0.1:${url[1]}`, output: () => output, stop });
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`examples/${name} exited (${code}):\n${output}`));
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}
