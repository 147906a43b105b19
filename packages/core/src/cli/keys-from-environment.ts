import { createXmppToken, type XmppToken } from '../create-xmpp-token.js';
import { required, UsageError } from './arguments.js';

/**
 * One minter/verifier per `otp_seed` in XMPP_OTP_SEED (a comma-separated list; the first mints),
 * each with every secret of XMPP_TOKEN_SECRET (the first mints), for the domain the operator
 * names: XMPP_DOMAIN, or the domain of `jid`.
 */
export function keysFromEnvironment(
  env: NodeJS.ProcessEnv,
  jid: string,
  clock: (() => number) | undefined,
): readonly [XmppToken, ...XmppToken[]] {
  const secret = required(env.XMPP_TOKEN_SECRET, 'environment variable XMPP_TOKEN_SECRET');
  const seeds = required(env.XMPP_OTP_SEED, 'environment variable XMPP_OTP_SEED').split(',');
  const domain = env.XMPP_DOMAIN || domainOf(jid);
  const create = (otpSeed: string) =>
    createXmppToken({
      tokenSecret: secret.split(','),
      otpSeed,
      domain,
      ...(clock === undefined ? {} : { clock }),
    });
  const [first = '', ...others] = seeds;
  return [create(first), ...others.map(create)];
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
