import { createCredentialsResponder, type TokenIssuerOptions } from '@xmpp-token/core/adapter';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { signedInUser } from './internal/signed-in-user.js';

/** Options of {@link xmppCredentials} (and the minting options of the plugin). */
export interface XmppCredentialsOptions extends TokenIssuerOptions<FastifyRequest> {
  /**
   * The signed-in user of a request, sync or async: a JID, a localpart, or an object with `jid`
   * or `username`; nullish for anonymous. Default `request.user ?? request.session?.user`
   * (or `request.session.get('user')`).
   */
  readonly identity?: (request: FastifyRequest) => unknown;
}

/** A route handler answering Converse.js' credentials request. */
export type XmppCredentialsHandler = (
  request: FastifyRequest,
  reply: FastifyReply,
) => Promise<FastifyReply>;

/**
 * The Converse.js `credentials_url` handler: `GET` (and Fastify's automatic `HEAD`) answer
 * `{ jid, password }` with a fresh token for the signed-in user, never cached; 401 JSON when
 * nobody is signed in; 405 for other methods (`app.all`). It sets no CORS header. An identity
 * function that throws goes to Fastify's error handler.
 *
 * @example
 * ```ts
 * app.get('/xmpp/credentials', xmppCredentials({ xmppToken }));
 * ```
 */
export function xmppCredentials(options: XmppCredentialsOptions): XmppCredentialsHandler {
  const respond = createCredentialsResponder<FastifyRequest>(options, signedInUser);
  return async function xmppCredentialsHandler(request, reply) {
    const { status, headers, body } = await respond(request.method, request);
    return reply.code(status).headers(headers).send(body);
  };
}
