import type { VerifyResult } from '../verify-result.js';
import { parseNow, required } from './arguments.js';
import type { Io } from './io.js';
import { keysFromEnvironment } from './keys-from-environment.js';

/**
 * `xmpp-token verify`: exit 0 if `--token` is valid for `--jid` under any of the seeds, 1 if not
 * (the reason under the first seed on stderr).
 */
export async function verifyCommand(
  values: {
    readonly jid?: string;
    readonly token?: string;
    readonly now?: string;
    readonly json: boolean;
  },
  env: NodeJS.ProcessEnv,
  io: Io,
): Promise<number> {
  const jid = required(values.jid, '--jid');
  const now = parseNow(values.now);
  const verifiers = keysFromEnvironment(env, jid, now === undefined ? undefined : () => now);
  const token = required(values.token, '--token');
  let result: VerifyResult | undefined;
  for (const verifier of verifiers) {
    const next = await verifier.verify(jid, token);
    result = result === undefined || next.ok ? next : result;
    if (next.ok) break;
  }
  if (result === undefined) return 2;
  if (values.json) {
    io.out(JSON.stringify(result.ok ? result : { ok: false, reason: result.reason }) + '\n');
  } else if (result.ok) {
    io.out(`valid for ${result.jid} until ${result.expiresAt.toISOString()}\n`);
  } else {
    io.err(`invalid: ${result.reason}\n`);
  }
  return result.ok ? 0 : 1;
}
