import type { XmppToken } from '../create-xmpp-token.js';
import type { Verify } from './verify-token.js';

// Registered, so the adapter entry finds it on an instance made by another copy of core (the ESM
// and CJS builds loaded side by side); not enumerable, so a spread copy does not carry it.
const IMMEDIATE = Symbol.for('@xmpp-token/core.immediate-verify');

interface Attached {
  /** The public `verify` it stands for: if the instance's `verify` is replaced, it steps aside. */
  readonly verify: XmppToken['verify'];
  readonly immediate: Verify;
}

/** Gives an instance the verification that answers synchronously when its store does. */
export function attachImmediateVerify(xmppToken: XmppToken, immediate: Verify): XmppToken {
  const attached: Attached = { verify: xmppToken.verify, immediate };
  return Object.defineProperty(xmppToken, IMMEDIATE, { value: attached });
}

/**
 * How the adapters verify: the instance's immediate verification (a result, or a promise only for
 * an asynchronous store), unless it has none (a wrapper, another implementation) or its `verify`
 * was replaced (a spy), in which case its `verify` is called, as it always was.
 */
export function immediateVerifyOf(xmppToken: XmppToken): Verify {
  const attached = (xmppToken as { [IMMEDIATE]?: Attached })[IMMEDIATE];
  if (attached === undefined) return (user, token) => xmppToken.verify(user, token);
  const { verify, immediate } = attached;
  return (user, token) =>
    xmppToken.verify === verify ? immediate(user, token) : xmppToken.verify(user, token);
}
