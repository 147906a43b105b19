import { createXmppToken, type XmppToken, type XmppTokenOptions } from '@xmpp-token/core';
import express, { type ErrorRequestHandler, type Response } from 'express';
import express4 from 'express4';
import session from 'express-session';
import type request from 'supertest';
import passport from 'passport';
import { Strategy as LocalStrategy } from 'passport-local';
import { vi } from 'vitest';

declare module 'express-session' {
  interface SessionData {
    user?: string;
  }
}

/** Every test file runs against both supported majors. */
export const EXPRESS_VERSIONS = [
  { name: 'express 4', express: express4 },
  { name: 'express 5', express },
] as const;

export type CreateExpress = typeof express;

// The example keys of mod_auth_token's README: test data, not a secret.
export const KEYS = {
  tokenSecret: 'JYXEX4IQOEYFYQ2S3MC5P4ZT4SDHYEA7',
  otpSeed: 'XVGR73KMZH2M4XMY',
};
export const DOMAIN = 'example.test';

/** A minter/verifier for DOMAIN; `clock` and `replayStore` may be injected. */
export function createTestToken(options: Partial<XmppTokenOptions> = {}): XmppToken {
  return createXmppToken({ ...KEYS, domain: DOMAIN, ...options });
}

/** A wrapper whose `mint` is a spy, to prove what was (not) minted. */
export function countingToken(xmppToken: XmppToken = createTestToken()) {
  const mint = vi.fn((user: string) => xmppToken.mint(user));
  const { domain, domains, verify } = xmppToken;
  return { xmppToken: { domain, domains, verify, mint }, mint };
}

/** An app where `POST /login` with `user=<name>` stores the name in express-session. */
export function sessionApp(createExpress: CreateExpress): express.Express {
  const app = createExpress();
  app.use(createExpress.urlencoded({ extended: false }));
  app.use(session({ secret: 'test-session-secret', resave: false, saveUninitialized: false }));
  app.post('/login', (req, res) => {
    req.session.user = String(req.body.user);
    res.sendStatus(204);
  });
  return app;
}

/** An app where `POST /login` signs in through passport-local (password "secret"). */
export function passportApp(createExpress: CreateExpress): express.Express {
  const auth = new passport.Passport();
  auth.use(
    new LocalStrategy((username, password, done) => {
      done(null, password === 'secret' ? { username } : false);
    }),
  );
  auth.serializeUser((user, done) => done(null, (user as { username: string }).username));
  auth.deserializeUser((username: string, done) => done(null, { username }));
  const app = createExpress();
  app.use(createExpress.urlencoded({ extended: false }));
  app.use(session({ secret: 'test-session-secret', resave: false, saveUninitialized: false }));
  app.use(auth.authenticate('session'));
  app.post('/login', auth.authenticate('local'), (_req, res) => {
    res.sendStatus(204);
  });
  return app;
}

/** Signs in on a {@link passportApp} through passport-local and checks the answer. */
export async function passportLogin(
  agent: ReturnType<typeof request.agent>,
  username: string,
  password = 'secret',
): Promise<void> {
  const expected = password === 'secret' ? 204 : 401;
  await agent.post('/login').type('form').send({ username, password }).expect(expected);
}

/** What the tests read off an error passed to `next(err)`. */
export type PassedError = Error & { status?: number; reason?: string; code?: string };

/** An error handler that records each error and lets the test answer. */
export function recordErrors(answer: (err: PassedError, res: Response) => void): {
  errors: PassedError[];
  handler: ErrorRequestHandler;
} {
  const errors: PassedError[] = [];
  // Express tells error handlers apart by their arity, so `next` must be declared.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars
  const handler: ErrorRequestHandler = (err: PassedError, _req, res, _next) => {
    errors.push(err);
    answer(err, res);
  };
  return { errors, handler };
}
