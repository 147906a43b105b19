import { createXmppToken, type XmppToken } from '../create-xmpp-token.js';
import { required, UsageError } from './arguments.js';

/** The environment variables that hold the keys, with the option each one is. */
export const KEY_VARIABLES = {
  tokenSecret: 'XMPP_TOKEN_SECRET',
  otpSeed: 'XMPP_OTP_SEED',
} as const;

/**
 * The minter/verifier of the environment's keys, XMPP_TOKEN_SECRET and XMPP_OTP_SEED (each one
 * key or a rotation list: the first mints, all verify), for the domain the operator names:
 * XMPP_DOMAIN, or the domain of `jid`.
 */
export function keysFromEnvironment(
  env: NodeJS.ProcessEnv,
  jid: string,
  clock: (() => number) | undefined,
): XmppToken {
  return createXmppToken({
    tokenSecret: keyList(env, KEY_VARIABLES.tokenSecret),
    otpSeed: keyList(env, KEY_VARIABLES.otpSeed),
    domain: env.XMPP_DOMAIN || domainOf(jid),
    ...(clock === undefined ? {} : { clock }),
  });
}

/**
 * A key variable's keys: one key, or a comma-separated list with nothing else between the keys
 * (no spaces: a space would be part of a token_secret). Errors name the item, never its value.
 */
export function keyList(env: NodeJS.ProcessEnv, variable: string): string[] {
  const keys = required(env[variable], `environment variable ${variable}`).split(',');
  keys.forEach((key, i) => {
    const item = keys.length > 1 ? `${variable} item ${i + 1}` : variable;
    if (key === '') throw new UsageError(`${item} is empty (separate keys with one comma)`);
    if (key.trim() !== key) {
      throw new UsageError(`${item} has spaces around it (separate keys with a comma alone)`);
    }
  });
  return keys;
}

function domainOf(jid: string): string {
  const at = jid.indexOf('@');
  if (at === -1) {
    throw new UsageError('--jid is a bare localpart: give local@domain or set XMPP_DOMAIN');
  }
  return jid.slice(at + 1);
}

/** Every key of the environment, for redaction. */
export function keysOf(env: NodeJS.ProcessEnv): string[] {
  return [env.XMPP_TOKEN_SECRET ?? '', env.XMPP_OTP_SEED ?? ''].flatMap((list) => [
    list,
    ...list.split(','),
  ]);
}
