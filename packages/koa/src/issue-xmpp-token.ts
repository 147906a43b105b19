import type { MintedToken, XmppToken } from '@xmpp-token/core';
import { createTokenIssuer, defineLazyToken } from '@xmpp-token/core/adapter';
import type { Context, Middleware } from 'koa';
import { signedInUser } from './internal/signed-in-user.js';

/** Options of {@link issueXmppToken} (and of `xmppCredentials`). */
export interface IssueXmppTokenOptions {
  /** The configured minter, from `createXmppToken`. */
  readonly xmppToken: XmppToken;
  /**
   * The signed-in user of a request, sync or async: a JID, a localpart, or an object with `jid`
   * or `username`; nullish for anonymous. Default `ctx.state.user ?? ctx.session?.user`.
   */
  readonly identity?: (ctx: Context) => unknown;
}

/** What {@link issueXmppToken} adds to `ctx.state`. */
export interface XmppTokenState {
  /** A token for the signed-in user, minted on first read; absent for anonymous requests. */
  xmppToken?: MintedToken;
}

/**
 * Middleware that gives signed-in requests a lazily minted token on `ctx.state.xmppToken`: nothing
 * is minted unless a later middleware reads it, and a second read returns the same token.
 * Anonymous requests pass with no token; an identity function that throws is rethrown.
 *
 * @example
 * ```ts
 * app.use(session(app)).use(issueXmppToken({ xmppToken }));
 * router.get('/chat', (ctx) => { ctx.body = { jid: ctx.state.xmppToken?.jid }; });
 * ```
 */
export function issueXmppToken(options: IssueXmppTokenOptions): Middleware<XmppTokenState> {
  const issue = createTokenIssuer<Context>(options, signedInUser);
  return async function issueXmppTokenMiddleware(ctx, next) {
    const mint = await issue(ctx);
    // Not enumerable: view engines (koa-views) spread ctx.state into their locals, which would
    // read the getter and mint a token for every rendered page.
    if (mint !== undefined) defineLazyToken(ctx.state, mint, false);
    await next();
  };
}
