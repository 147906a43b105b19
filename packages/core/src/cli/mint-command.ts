import { parseNow, required } from './arguments.js';
import type { Io } from './io.js';
import { keysFromEnvironment } from './keys-from-environment.js';

/** `xmpp-token mint`: a token for `--jid` on stdout (JSON: jid, token, expiresAt). */
export function mintCommand(
  values: { readonly jid?: string; readonly now?: string; readonly json: boolean },
  env: NodeJS.ProcessEnv,
  io: Io,
): number {
  const jid = required(values.jid, '--jid');
  const now = parseNow(values.now);
  const minter = keysFromEnvironment(env, jid, now === undefined ? undefined : () => now);
  const minted = minter.mint(jid);
  io.out(values.json ? JSON.stringify(minted) + '\n' : minted.token + '\n');
  return 0;
}
