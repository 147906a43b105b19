import fastifyAuth from '@fastify/auth';
import fastifyCookie from '@fastify/cookie';
import fastifySession from '@fastify/session';
import fastify, { type FastifyInstance, type LightMyRequestResponse } from 'fastify';
import fastify4 from 'fastify4';
import fastifyAuth4 from 'fastify-auth4';
import fastifyCookie4 from 'fastify-cookie4';
import fastifySession4 from 'fastify-session4';

declare module 'fastify' {
  interface Session {
    user?: string;
  }
}

// The Fastify 4 packages are npm aliases installed to run every test on both majors. They are
// typed as their Fastify 5 versions, whose surface these tests use identically.
/** Every test file runs against both supported majors, each with its matching plugins. */
export const FASTIFY_VERSIONS = [
  {
    name: 'Fastify 4',
    fastify: fastify4 as unknown as typeof fastify,
    auth: fastifyAuth4 as unknown as typeof fastifyAuth,
    cookie: fastifyCookie4 as unknown as typeof fastifyCookie,
    session: fastifySession4 as unknown as typeof fastifySession,
  },
  {
    name: 'Fastify 5',
    fastify,
    auth: fastifyAuth,
    cookie: fastifyCookie,
    session: fastifySession,
  },
] as const;

export type FastifyVersion = (typeof FASTIFY_VERSIONS)[number];

export * from '../../core/test/support/adapter-matrix.js';

/**
 * An app with @fastify/cookie and @fastify/session where `POST /login` with `{ user }` signs in;
 * `signIn` returns the session cookie to send with later requests.
 */
export async function sessionApp({ fastify: create, cookie, session }: FastifyVersion) {
  const app = create();
  await app.register(cookie);
  await app.register(session, {
    secret: 'a-test-session-secret-of-32-chars-or-more',
    cookie: { secure: false },
  });
  app.post<{ Body: { user: string } }>('/login', async (request, reply) => {
    request.session.user = request.body.user;
    return reply.code(204).send();
  });
  const signIn = async (user: string) =>
    sessionCookie(await app.inject().post('/login').body({ user }));
  return { app, signIn };
}

/** The `cookies` option of `inject` that carries a response's session cookie. */
export function sessionCookie(response: LightMyRequestResponse): Record<string, string> {
  const [cookie] = response.cookies as { name: string; value: string }[];
  if (cookie === undefined) throw new Error(`no session cookie (status ${response.statusCode})`);
  return { [cookie.name]: cookie.value };
}

/** What the tests read off an error that reached Fastify's error handler. */
export type HandledError = Error & {
  status?: number;
  statusCode?: number;
  reason?: string;
  code?: string;
  headers?: Record<string, string>;
};

/** Records every error reaching `app`'s error handler, then lets Fastify's default answer it. */
export function recordErrors(app: FastifyInstance): HandledError[] {
  const errors: HandledError[] = [];
  app.setErrorHandler((error, _request, reply) => {
    errors.push(error as HandledError);
    return reply.send(error);
  });
  return errors;
}
