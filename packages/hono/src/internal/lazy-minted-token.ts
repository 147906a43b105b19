import type { MintedToken } from '@xmpp-token/core';

/**
 * A `MintedToken` whose fields mint on first read (once: `mint` is core's memoized minter).
 * Hono keeps variables in a Map, where a getter cannot live, so the laziness is in the value.
 * Enumerable, so `c.json(c.get('xmppToken'))` and spreading work as on a plain token.
 */
export function lazyMintedToken(mint: () => MintedToken): MintedToken {
  const field = <K extends keyof MintedToken>(key: K): PropertyDescriptor => ({
    enumerable: true,
    get: () => mint()[key],
  });
  return Object.freeze(
    Object.defineProperties({} as MintedToken, {
      jid: field('jid'),
      token: field('token'),
      expiresAt: field('expiresAt'),
    }),
  );
}
