import type { MintedToken, XmppToken } from '@xmpp-token/core';
import { createTokenIssuer } from '@xmpp-token/core/adapter';
import type { Context, MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import { lazyMintedToken } from './internal/lazy-minted-token.js';
import { requireIdentity } from './internal/require-identity.js';

/** Options of {@link issueXmppToken} (and of `xmppCredentials`). */
export interface IssueXmppTokenOptions {
  /** The configured minter, from `createXmppToken`. */
  readonly xmppToken: XmppToken;
  /**
   * The signed-in user of a request, sync or async: a JID, a localpart, or an object with `jid`
   * or `username`; nullish for anonymous. Required: Hono has no session of its own. Annotate
   * `c` as `Context<AppEnv>` to read your app's typed variables.
   */
  readonly identity: (c: Context) => unknown;
}

/** The variable {@link issueXmppToken} sets: `c.get('xmppToken')`. */
export interface XmppTokenVariables {
  /** A token for the signed-in user, minted on first read of a field; absent for anonymous. */
  xmppToken?: MintedToken;
}

/**
 * Middleware that gives signed-in requests a lazily minted token as `c.get('xmppToken')`: its
 * fields mint on first read (once), so a route that never reads it mints nothing. Anonymous
 * requests pass with no token; an identity function that throws is rethrown (Hono's `onError`).
 *
 * @example
 * ```ts
 * app.use(issueXmppToken({ xmppToken, identity: (c) => c.get('user') }));
 * app.get('/chat', (c) => c.json({ jid: c.get('xmppToken')?.jid ?? null }));
 * ```
 */
export function issueXmppToken(
  options: IssueXmppTokenOptions,
): MiddlewareHandler<{ Variables: XmppTokenVariables }> {
  const issue = createTokenIssuer<Context>(options, requireIdentity(options?.identity));
  return createMiddleware<{ Variables: XmppTokenVariables }>(async (c, next) => {
    const mint = await issue(c);
    if (mint !== undefined) c.set('xmppToken', lazyMintedToken(mint));
    await next();
  });
}
