import { parseNow, required } from './arguments.js';
import type { Io } from './io.js';
import { keysFromEnvironment } from './keys-from-environment.js';

/**
 * `xmpp-token verify`: exit 0 if `--token` is valid for `--jid` under the environment's keys (any
 * of a rotation list), 1 if not (the reason on stderr).
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
  const verifier = keysFromEnvironment(env, jid, now === undefined ? undefined : () => now);
  const result = await verifier.verify(jid, required(values.token, '--token'));
  if (values.json) {
    io.out(JSON.stringify(result.ok ? result : { ok: false, reason: result.reason }) + '\n');
  } else if (result.ok) {
    io.out(`valid for ${result.jid} until ${result.expiresAt.toISOString()}\n`);
  } else {
    io.err(`invalid: ${result.reason}\n`);
  }
  return result.ok ? 0 : 1;
}
