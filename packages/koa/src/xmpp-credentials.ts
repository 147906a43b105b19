import { createCredentialsResponder } from '@xmpp-token/core/adapter';
import type { Context, Middleware } from 'koa';
import { signedInUser } from './internal/signed-in-user.js';
import type { IssueXmppTokenOptions } from './issue-xmpp-token.js';

/** Options of {@link xmppCredentials}: the same as `issueXmppToken`'s. */
export type XmppCredentialsOptions = IssueXmppTokenOptions;

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
  const respond = createCredentialsResponder<Context>(options, signedInUser);
  return async function xmppCredentialsHandler(ctx) {
    const { status, headers, body } = await respond(ctx.method, ctx);
    ctx.set(headers);
    ctx.status = status;
    if (body !== undefined) ctx.body = body;
  };
}
