import type { XmppToken } from '../create-xmpp-token.js';
import { requireXmppToken } from '../internal/require-xmpp-token.js';
import { requireServedJid } from '../internal/served-domains.js';
import type { MintedToken } from '../verify-result.js';

/** Takes the signed-in user from a request: a JID or localpart, or a user object. */
export type IdentityResolver<Raw> = (request: Raw) => unknown;

/** The options every minting adapter takes (`issueXmppToken`, `xmppCredentials`). */
export interface TokenIssuerOptions<Raw> {
  /** The configured minter, from `createXmppToken`. */
  readonly xmppToken: XmppToken;
  /** The signed-in user of a request, sync or async; the adapter's default when absent. */
  readonly identity?: IdentityResolver<Raw>;
}

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
 * The minting side of an adapter: resolves the request's user (sync or async; `identity`, else
 * the adapter's `defaultIdentity`) and returns a
 * memoized minter, so a token is minted only if a route reads it. Undefined when nobody is signed
 * in; throws {@link InvalidJidError} (or {@link ForeignDomainError}) at once, not on first read,
 * for an unusable identity. Throws a {@link ConfigurationError} without a usable `xmppToken`.
 */
export function createTokenIssuer<Raw>(
  options: TokenIssuerOptions<Raw>,
  defaultIdentity: IdentityResolver<Raw>,
): (request: Raw) => Promise<(() => MintedToken) | undefined> {
  const xmppToken = requireXmppToken(options);
  const resolveIdentity = options.identity ?? defaultIdentity;
  return async (request) => {
    const user = identityOf(await resolveIdentity(request));
    if (user === undefined) return undefined;
    const jid = requireServedJid(user, xmppToken);
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
