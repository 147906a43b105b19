import { createXmppToken } from '../create-xmpp-token.js';
import { generateKeys } from '../generate-keys.js';
import { prosodyConfig } from '../prosody-config.js';
import { UsageError } from './arguments.js';
import type { Io } from './io.js';
import { KEY_VARIABLES, keyList } from './keys-from-environment.js';
import { formatRotation, rotationPhases } from './rotation-phases.js';

/**
 * `xmpp-token keygen`: fresh keys, as JSON or as prosody.cfg.lua lines. With `--rotate`, the next
 * keys after the environment's and the config lines of each phase of the rotation (they hold the
 * current keys: printing them is the point, on stdout only; errors never quote a key).
 */
export function keygenCommand(
  values: { readonly json: boolean; readonly rotate: boolean },
  env: NodeJS.ProcessEnv,
  io: Io,
): number {
  const next = generateKeys();
  if (!values.rotate) {
    io.out(values.json ? JSON.stringify(next) + '\n' : prosodyConfig(next));
    return 0;
  }
  const phases = rotationPhases(currentKeys(env), next);
  io.out(values.json ? JSON.stringify({ next, phases }) + '\n' : formatRotation(phases));
  return 0;
}

/** The one key of each variable: a list means a rotation is still under way. */
function currentKeys(env: NodeJS.ProcessEnv): { tokenSecret: string; otpSeed: string } {
  const [tokenSecret, otpSeed] = Object.values(KEY_VARIABLES).map((variable) => {
    const keys = keyList(env, variable);
    if (keys.length > 1) {
      throw new UsageError(
        `${variable} holds ${keys.length} keys: finish the rotation under way (its phase 3) first`,
      );
    }
    return keys[0] as string;
  }) as [string, string];
  // The keys must work before they are carried into every phase; any domain checks them.
  createXmppToken({ tokenSecret, otpSeed, domain: 'localhost' });
  return { tokenSecret, otpSeed };
}
