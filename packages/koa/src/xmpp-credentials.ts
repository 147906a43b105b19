import { TOKEN_RESPONSE_HEADERS, createTokenIssuer, credentialsBody } from '@xmpp-token/core';
import type { Context, Middleware } from 'koa';
import { signedInUser } from './internal/signed-in-user.js';
import type { IssueXmppTokenOptions } from './issue-xmpp-token.js';

/** Options of {@link xmppCredentials}: the same as `issueXmppToken`'s. */
export type XmppCredentialsOptions = IssueXmppTokenOptions;

const NOT_SIGNED_IN = Object.freeze({
  error: 'unauthorized',
  message: 'Sign in to get XMPP credentials',
});

/**
 * The Converse.js `credentials_url` handler: `GET` answers `{ jid, password }` with a fresh token
 * for the signed-in user, never cached; 401 JSON when nobody is signed in. It sets no CORS
 * header, so other origins cannot read it.
 *
 * @example
 * ```ts
 * router.get('/xmpp/credentials', xmppCredentials({ xmppToken }));
 * ```
 */
export function xmppCredentials(options: XmppCredentialsOptions): Middleware {
  const issue = createTokenIssuer<Context>(options.xmppToken, options.identity ?? signedInUser);
  return async function xmppCredentialsHandler(ctx) {
    // Mounted with app.use rather than a GET route, a POST must not mint (nor look like it did).
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') {
      ctx.set('Allow', 'GET, HEAD');
      ctx.status = 405;
      return;
    }
    const mint = await issue(ctx);
    ctx.set(TOKEN_RESPONSE_HEADERS);
    if (mint === undefined) {
      ctx.status = 401;
      ctx.body = NOT_SIGNED_IN;
      return;
    }
    ctx.body = credentialsBody(mint());
  };
}
