import type { FastifyRequest } from 'fastify';

// Typed here rather than through @fastify/passport's and the session plugins' types, which the app
// may not install; all are read as plain data.
interface SignedInRequest {
  readonly user?: unknown;
  readonly session?: { readonly user?: unknown; readonly get?: unknown } | null;
}

/**
 * The default identity: `request.user` (@fastify/passport, or an auth hook of the app), else the
 * session's `user`: a property with @fastify/session, `session.get('user')` with
 * @fastify/secure-session.
 */
export function signedInUser(request: FastifyRequest): unknown {
  const { user, session } = request as SignedInRequest;
  if (user !== undefined && user !== null) return user;
  if (typeof session !== 'object' || session === null) return undefined;
  const { get } = session;
  return session.user ?? (typeof get === 'function' ? get.call(session, 'user') : undefined);
}
