// The CLI as users run it: the built executable, spawned as a process.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CLI = fileURLToPath(new URL('../../dist/cli.js', import.meta.url));

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `node dist/cli.js ...args` with exactly `env` (no inherited secrets). */
export function runCli(args: readonly string[], env: Record<string, string>): Promise<CliRun> {
  if (!existsSync(CLI))
    throw new Error('packages/core/dist/cli.js is missing: run `pnpm build` first');
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { env }, (error, stdout, stderr) => {
      // A child killed by a signal has no exit code: -1, never mistaken for success.
      resolve({ code: error ? (error.signal ? -1 : Number(error.code)) : 0, stdout, stderr });
    });
  });
}
