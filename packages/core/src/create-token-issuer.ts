import type { XmppToken } from './create-xmpp-token.js';
import { requireJid } from './normalize-jid.js';
import type { MintedToken } from './verify-result.js';

/** Takes the signed-in user from a request: a JID or localpart, or a user object. */
export type IdentityResolver<Raw> = (request: Raw) => unknown;

/**
 * The XMPP identity in a signed-in user value: a string (JID or localpart) or an object with a
 * string `jid`, else `username`. Undefined for anonymous (null/undefined/false) or unusable values.
 */
export function identityOf(user: unknown): string | undefined {
  if (typeof user === 'string') return user.length > 0 ? user : undefined;
  if (typeof user !== 'object' || user === null) return undefined;
  const { jid, username } = user as { jid?: unknown; username?: unknown };
  if (typeof jid === 'string' && jid.length > 0) return jid;
  return typeof username === 'string' && username.length > 0 ? username : undefined;
}

/**
 * The minting side of an adapter: resolves the request's user (sync or async) and returns a
 * memoized minter, so a token is minted only if a route reads it. Undefined when nobody is signed
 * in; throws {@link InvalidJidError} at once, not on first read, for an unusable identity.
 */
export function createTokenIssuer<Raw>(
  xmppToken: XmppToken,
  resolveIdentity: IdentityResolver<Raw>,
): (request: Raw) => Promise<(() => MintedToken) | undefined> {
  if (typeof xmppToken?.mint !== 'function') {
    throw new TypeError('xmppToken is required: pass the result of createXmppToken()');
  }
  return async (request) => {
    const user = identityOf(await resolveIdentity(request));
    if (user === undefined) return undefined;
    const jid = requireJid(user, xmppToken.domain);
    let minted: MintedToken | undefined;
    return () => (minted ??= xmppToken.mint(jid));
  };
}

/** Headers for any response that carries a token: never cached, never sniffed. */
export const TOKEN_RESPONSE_HEADERS: Readonly<Record<string, string>> = {
  'Cache-Control': 'no-store',
  Pragma: 'no-cache',
  'X-Content-Type-Options': 'nosniff',
};

/** The Converse.js `credentials_url` JSON body: `{ jid, password }`. */
export function credentialsBody(minted: MintedToken): { jid: string; password: string } {
  return { jid: minted.jid, password: minted.token };
}
