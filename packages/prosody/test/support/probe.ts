// `xmpp-token probe` as admins run it: core's built CLI, spawned, with the keys in the
// environment only. Every output is checked for keys and tokens as it comes.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { GeneratedKeys } from '@xmpp-token/core';
import { expect } from 'vitest';

const CLI = fileURLToPath(new URL('../../../core/dist/cli.js', import.meta.url));

/** The parts of a `--json` report the tests read. */
export interface ProbeJson {
  readonly ok: boolean;
  readonly jid: string;
  readonly target: string;
  readonly steps: readonly { step: string; status: string; ms: number; detail: string }[];
  readonly attempts: readonly { offsetSeconds: number; outcome: string; ms: number }[];
  readonly diagnosis: {
    readonly code: string;
    readonly message: string;
    readonly fix: readonly string[];
    readonly skewSeconds?: { readonly min: number; readonly max: number };
  };
  readonly durationMs: number;
}

export interface ProbeRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `xmpp-token probe ...args` with these keys; fails the test if it printed a secret. */
export async function probe(
  keys: GeneratedKeys,
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<ProbeRun> {
  if (!existsSync(CLI)) throw new Error('packages/core/dist/cli.js is missing: run `pnpm build`');
  const environment = {
    PATH: process.env.PATH ?? '',
    XMPP_TOKEN_SECRET: keys.tokenSecret,
    XMPP_OTP_SEED: keys.otpSeed,
    ...env,
  };
  const run = await new Promise<ProbeRun>((resolve) => {
    execFile(
      process.execPath,
      [CLI, 'probe', ...args],
      { env: environment },
      (error, stdout, stderr) => {
        resolve({ code: error ? (error.signal ? -1 : Number(error.code)) : 0, stdout, stderr });
      },
    );
  });
  expectNothingSecret(run.stdout + run.stderr, [
    keys.tokenSecret,
    keys.otpSeed,
    ...Object.values(env),
  ]);
  return run;
}

/** {@link probe} with `--json`: the exit code and the one JSON object on stdout. */
export async function probeJson(
  keys: GeneratedKeys,
  args: readonly string[],
  env: Readonly<Record<string, string>> = {},
): Promise<{ readonly code: number; readonly report: ProbeJson }> {
  const { code, stdout, stderr } = await probe(keys, [...args, '--json'], env);
  expect(stderr).toBe('');
  expect(stdout.trim().split('\n')).toHaveLength(1);
  return { code, report: JSON.parse(stdout) as ProbeJson };
}

/**
 * No key, nothing shaped like a token (40 digits; a base64 HMAC-SHA256) and no X-TOKEN initial
 * response (`\0alice\0` base64-encoded starts with `AGFsaWNl`).
 */
export function expectNothingSecret(output: string, keys: readonly string[]): void {
  for (const key of keys.filter((value) => value.length >= 16)) expect(output).not.toContain(key);
  expect(output).not.toMatch(/\d{40}/);
  expect(output).not.toMatch(/[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=/);
  expect(output).not.toContain(Buffer.from('\0alice\0').toString('base64').slice(0, 8));
}
