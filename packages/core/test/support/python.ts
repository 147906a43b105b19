import { spawnSync } from 'node:child_process';

/** Debian's python3-pyotp is importable by the system interpreter, not by a pyenv `python3`. */
export const PYTHON = '/usr/bin/python3';

/** Interop suites must run in CI; elsewhere a missing interpreter or module skips them. */
export interface PythonSupport {
  /** The interpreter imports every module asked for. */
  readonly available: boolean;
  /** Skip the suite (not available, and not in CI, where its absence must fail). */
  readonly skip: boolean;
  /** Why it is not available: the interpreter's stderr. */
  readonly problem: string;
}

export function probePython(modules: readonly string[]): PythonSupport {
  const probe = spawnSync(PYTHON, ['-c', modules.map((m) => `import ${m}`).join('; ')], {
    encoding: 'utf8',
  });
  const available = probe.status === 0;
  const inCi = process.env.CI !== undefined && process.env.CI !== '';
  const problem = available ? '' : probe.stderr || String(probe.error ?? 'not found');
  if (!available && !inCi) {
    console.warn(`skipped: ${PYTHON} cannot import ${modules.join(', ')} (${problem.trim()})`);
  }
  return { available, skip: !available && !inCi, problem };
}

/** Runs `script` with `input` as JSON on stdin and parses its JSON stdout. */
export function runPython<T>(script: string, input: unknown, env: NodeJS.ProcessEnv = {}): T {
  const run = spawnSync(PYTHON, ['-c', script], {
    input: JSON.stringify(input),
    encoding: 'utf8',
    env: { PATH: '/usr/bin:/bin', ...env },
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`${PYTHON} failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}
