import { createAdaptorServer } from '@hono/node-server';
import { Hono, type Context, type Env, type Schema } from 'hono';
import { getCookie } from 'hono/cookie';
import { sign, verify } from 'hono/jwt';
import type { Server } from 'node:http';

export * from '../../core/test/support/adapter-matrix.js';

const SESSION_SECRET = 'hono-test-session-secret';

/** The app's own sign-in, as many Hono apps do it: a JWT in a `session` cookie -> `c.get('user')`. */
export interface SessionEnv {
  Variables: { user?: string };
}

/** A Hono app whose middleware reads the signed-in user from a JWT `session` cookie. */
export function sessionApp(): Hono<SessionEnv> {
  const app = new Hono<SessionEnv>();
  app.use(async (c, next) => {
    const session = getCookie(c, 'session');
    if (session !== undefined) {
      const { sub } = await verify(session, SESSION_SECRET, 'HS256');
      if (typeof sub === 'string') c.set('user', sub);
    }
    await next();
  });
  return app;
}

/** The identity option for a {@link sessionApp}. */
export const sessionUser = (c: Context<SessionEnv>) => c.get('user');

/** The `Cookie` header of a user signed in on a {@link sessionApp}. */
export async function sessionCookie(user: string): Promise<string> {
  return `session=${await sign({ sub: user }, SESSION_SECRET, 'HS256')}`;
}

/** A Node server running the Hono app through @hono/node-server, for supertest. */
export function nodeServer(app: {
  fetch: (request: Request) => Response | Promise<Response>;
}): Server {
  return createAdaptorServer({ fetch: app.fetch }) as Server;
}

/** Records errors reaching `app.onError`, then answers as Hono's default handler would. */
export function recordErrors<E extends Env, S extends Schema, B extends string>(
  app: Hono<E, S, B>,
): unknown[] {
  const errors: unknown[] = [];
  app.onError((error, c) => {
    errors.push(error);
    if ('getResponse' in error && typeof error.getResponse === 'function') {
      return error.getResponse() as Response;
    }
    return c.text('Internal Server Error', 500);
  });
  return errors;
}
