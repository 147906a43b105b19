import { performance } from 'node:perf_hooks';
import { parseNow, required } from './arguments.js';
import type { Io } from './io.js';
import { keysFromEnvironment, keysOf } from './keys-from-environment.js';
import { formatReport } from './probe/format-report.js';
import { exitCodeOf } from './probe/probe-report.js';
import { runProbe } from './probe/run-probe.js';
import {
  parseProbeTarget,
  parseTimeout,
  parseTrust,
  type ProbeConnectionValues,
} from './probe-target.js';

/** `xmpp-token probe`'s options, as parsed. */
export interface ProbeValues extends ProbeConnectionValues {
  readonly jid?: string;
  readonly now?: string;
  readonly json: boolean;
}

/**
 * `xmpp-token probe`: logs in to a live server with a fresh token and prints what happened and
 * why. Exit 0 logged in, 1 refused, 2 unreachable (usage errors throw, and exit 2 too).
 */
export async function probeCommand(
  values: ProbeValues,
  env: NodeJS.ProcessEnv,
  io: Io,
): Promise<number> {
  const jid = required(values.jid, '--jid');
  const target = parseProbeTarget(values);
  const trust = parseTrust(values);
  const timeoutMs = parseTimeout(values.timeout);
  const clock = appClock(parseNow(values.now));
  // The mint offset (clock skew retries) moves the clock the minter reads.
  let offsetMs = 0;
  const minter = keysFromEnvironment(env, jid, () => clock() + offsetMs);
  const bareJid = minter.mint(jid).jid; // validates --jid before any connection; never sent
  const report = await runProbe({
    jid: bareJid,
    target,
    trust,
    timeoutMs,
    clock,
    mint(offset) {
      offsetMs = offset;
      try {
        return minter.mint(bareJid);
      } finally {
        offsetMs = 0;
      }
    },
    sensitive: keysOf(env),
  });
  io.out(values.json ? JSON.stringify(report) + '\n' : formatReport(report));
  return exitCodeOf(report.diagnosis.code);
}

/** This machine's clock, or one that started at `--now` and runs from there. */
function appClock(now: number | undefined): () => number {
  if (now === undefined) return () => Date.now();
  const started = performance.now();
  return () => now + Math.round(performance.now() - started);
}
