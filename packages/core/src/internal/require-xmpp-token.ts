import type { XmppToken } from '../create-xmpp-token.js';
import { ConfigurationError } from '../errors.js';

/**
 * The `xmppToken` of an adapter's options, checked at construction: a JavaScript app that forgets
 * it (or the options) gets a {@link ConfigurationError} there, not a `TypeError` on a request.
 */
export function requireXmppToken(
  options: { readonly xmppToken?: XmppToken } | undefined,
): XmppToken {
  const candidate = (options as { xmppToken?: Partial<XmppToken> } | undefined)?.xmppToken;
  if (
    typeof candidate?.mint !== 'function' ||
    typeof candidate.verify !== 'function' ||
    !Array.isArray(candidate.domains)
  ) {
    throw new ConfigurationError('xmppToken is required: pass the result of createXmppToken()');
  }
  return candidate as XmppToken;
}
