import { createTokenIssuer, defineLazyToken } from '@xmpp-token/core/adapter';
import type { FastifyInstance, FastifyPluginAsync, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { signedInUser } from './internal/signed-in-user.js';
import { verifyXmppToken, type VerifyXmppTokenOptions } from './verify-xmpp-token.js';
import { xmppCredentials, type XmppCredentialsOptions } from './xmpp-credentials.js';

/** Options of {@link fastifyXmppToken}: those of `verifyXmppToken` and `xmppCredentials`. */
export interface FastifyXmppTokenOptions extends VerifyXmppTokenOptions, XmppCredentialsOptions {
  /**
   * The hook that reads the signed-in user to offer `request.xmppToken`: `'preHandler'` (the
   * default) runs after @fastify/passport and the session plugins; `false` adds none.
   */
  readonly issueHook?: 'onRequest' | 'preValidation' | 'preHandler' | false;
}

const plugin: FastifyPluginAsync<FastifyXmppTokenOptions> = async (fastify, options) => {
  const xmppAuthenticate = verifyXmppToken(options);
  const credentials = xmppCredentials(options);
  // Declared up front (null), as Fastify asks, so every request object has the same shape.
  fastify.decorateRequest('xmpp', null);
  fastify.decorateRequest('xmppToken', null);
  fastify.decorate('xmppAuthenticate', xmppAuthenticate);
  fastify.decorate('xmppCredentials', credentials);
  const hook = options.issueHook ?? 'preHandler';
  if (hook !== false) addIssueHook(fastify, hook, options);
};

function addIssueHook(
  fastify: FastifyInstance,
  hook: 'onRequest' | 'preValidation' | 'preHandler',
  options: FastifyXmppTokenOptions,
): void {
  const issue = createTokenIssuer<FastifyRequest>(options, signedInUser);
  const issueXmppToken = async (request: FastifyRequest) => {
    const mint = await issue(request);
    // Not enumerable, so serializers and loggers that walk the request do not mint (or print) one.
    if (mint !== undefined) defineLazyToken(request, mint, false);
  };
  // The three hooks take the same async (request) form; addHook's overloads want one name each.
  fastify.addHook(hook as 'onRequest', issueXmppToken);
}

/**
 * The plugin: decorates requests with `xmpp` (set by the verifying hook) and `xmppToken` (minted
 * on first read for the signed-in user), and the instance with `xmppAuthenticate` (the verifying
 * hook, for `onRequest`, `preHandler` or `@fastify/auth`) and `xmppCredentials` (the Converse.js
 * route handler). Wrapped with fastify-plugin: it decorates the scope it is registered in.
 *
 * @example
 * ```ts
 * await app.register(fastifyXmppToken, { xmppToken });
 * app.get('/xmpp/credentials', app.xmppCredentials);
 * app.get('/api/me', { onRequest: app.xmppAuthenticate }, async (request) => request.xmpp);
 * ```
 */
export const fastifyXmppToken = fp(plugin, { fastify: '4.x || 5.x', name: '@xmpp-token/fastify' });
