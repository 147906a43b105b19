import { VerificationError, XmppTokenStrategy, isXmppTokenError } from '@xmpp-token/passport';
import express, { type ErrorRequestHandler } from 'express';
import session from 'express-session';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { USERS, authorization, createPassport, fixture, type TestUser } from './support.js';

function strategyPassport() {
  const { xmppToken } = fixture();
  const passport = createPassport();
  passport.use(
    new XmppTokenStrategy<TestUser>({ xmppToken }, async (jid) => USERS.get(jid) ?? false),
  );
  return { passport, xmppToken };
}

describe('XmppTokenStrategy with Passport features', () => {
  it('logs in once and keeps the user in an express-session', async () => {
    const { passport, xmppToken } = strategyPassport();
    passport.serializeUser<string>((user, done) => done(null, (user as TestUser).jid));
    passport.deserializeUser<string>((jid, done) => done(null, USERS.get(jid) ?? false));
    const app = express();
    app.use(session({ secret: 'test-session-secret', resave: false, saveUninitialized: false }));
    app.use(passport.session());
    app.post('/login', passport.authenticate('xmpp-token'), (_req, res) => {
      res.sendStatus(204);
    });
    app.get('/me', (req, res) => {
      res.status(req.isAuthenticated() ? 200 : 401).json(req.user ?? null);
    });

    const agent = request.agent(app);
    expect((await agent.get('/me')).status).toBe(401);
    const login = await agent.post('/login').set('Authorization', authorization(xmppToken));
    expect(login.status).toBe(204);
    expect(login.headers['set-cookie']).toBeDefined();
    const me = await agent.get('/me');
    expect(me.status).toBe(200);
    expect(me.body).toEqual(USERS.get('alice@example.com'));
  });

  it('with session: false sets no session', async () => {
    const { passport, xmppToken } = strategyPassport();
    const app = express();
    app.use(session({ secret: 'test-session-secret', resave: false, saveUninitialized: false }));
    app.get('/me', passport.authenticate('xmpp-token', { session: false }), (req, res) => {
      res.json(req.user);
    });
    const res = await request(app).get('/me').set('Authorization', authorization(xmppToken));
    expect(res.status).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('hands the failure to the error handler with failWithError', async () => {
    const { passport, xmppToken } = strategyPassport();
    const app = express();
    app.get(
      '/me',
      passport.authenticate('xmpp-token', { session: false, failWithError: true }),
      (_req, res) => {
        res.sendStatus(200);
      },
    );
    const onError: ErrorRequestHandler = (
      err: { name: string; status?: number },
      _req,
      res,
      next,
    ) => {
      if (err.status === undefined) return next(err);
      res.status(err.status).json({ name: err.name });
    };
    app.use(onError);
    const header = authorization(xmppToken);
    await request(app).get('/me').set('Authorization', header);
    const res = await request(app).get('/me').set('Authorization', header);
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ name: 'AuthenticationError' });
    expect(res.headers['www-authenticate']).toBe('X-TOKEN realm="xmpp", error="invalid_token"');
  });

  it('calls a custom callback with the user, or with false, the VerificationError and 401', async () => {
    const { passport, xmppToken } = strategyPassport();
    const app = express();
    app.get('/me', (req, res, next) => {
      passport.authenticate(
        'xmpp-token',
        { session: false },
        (err: unknown, user: TestUser | false, info: unknown, status: unknown) => {
          if (err) return next(err);
          res.json({ user, info, status });
        },
      )(req, res, next);
    });
    const ok = await request(app).get('/me').set('Authorization', authorization(xmppToken));
    expect(ok.body.user).toEqual(USERS.get('alice@example.com'));
    expect(ok.body.info.jid).toBe('alice@example.com');
    const missing = await request(app).get('/me');
    expect(missing.body).toMatchObject({
      user: false,
      info: { name: 'VerificationError', reason: 'credentials_required', status: 401 },
      status: 401,
    });
  });

  it('tells a custom callback why a token was refused (info.reason), as passport-jwt does', async () => {
    const { passport, xmppToken } = strategyPassport();
    const seen: unknown[] = [];
    const app = express();
    app.get('/me', (req, res, next) => {
      passport.authenticate(
        'xmpp-token',
        { session: false },
        (err: unknown, user: unknown, info: unknown) => {
          if (err) return next(err);
          seen.push(info);
          if (isXmppTokenError(info, 'ERR_XMPP_TOKEN_REJECTED')) {
            res.status(info.status).json({ reason: info.reason, body: info.toResponseBody() });
          } else {
            res.json({ user });
          }
        },
      )(req, res, next);
    });
    const header = authorization(xmppToken);
    await request(app).get('/me').set('Authorization', header).expect(200);
    const replay = await request(app).get('/me').set('Authorization', header).expect(401);
    expect(replay.body).toEqual({
      reason: 'replayed',
      body: { error: 'invalid_token', message: 'Invalid or missing XMPP token' },
    });
    expect(seen[1]).toBeInstanceOf(VerificationError);
    expect(seen[1]).toMatchObject({
      wwwAuthenticate: 'X-TOKEN realm="xmpp", error="invalid_token"',
    });
  });

  it('passes the info of a verify that found no user to a custom callback', async () => {
    const { xmppToken } = fixture();
    const passport = createPassport();
    passport.use(
      new XmppTokenStrategy({ xmppToken }, (_jid, done) =>
        done(null, false, { message: 'no such user' }),
      ),
    );
    const app = express();
    app.get('/me', (req, res, next) => {
      passport.authenticate(
        'xmpp-token',
        { session: false },
        (_err: unknown, user: unknown, info: unknown) => {
          res.status(401).json({ user, info });
        },
      )(req, res, next);
    });
    const res = await request(app).get('/me').set('Authorization', authorization(xmppToken));
    expect(res.body).toEqual({ user: false, info: { message: 'no such user' } });
    expect(res.headers['www-authenticate']).toBe('X-TOKEN realm="xmpp", error="invalid_token"');
  });

  it('still sends the challenge on the default 401, for every refusal reason', async () => {
    const { passport, xmppToken } = strategyPassport();
    const app = express();
    app.get('/me', passport.authenticate('xmpp-token', { session: false }), (_req, res) => {
      res.sendStatus(200);
    });
    const missing = await request(app).get('/me').expect(401);
    expect(missing.headers['www-authenticate']).toBe('X-TOKEN realm="xmpp"');
    const header = authorization(xmppToken);
    await request(app).get('/me').set('Authorization', header).expect(200);
    const replay = await request(app).get('/me').set('Authorization', header).expect(401);
    expect(replay.headers['www-authenticate']).toBe('X-TOKEN realm="xmpp", error="invalid_token"');
    expect(replay.text).toBe('Unauthorized');
  });

  it('gives a custom callback the store error, not a user', async () => {
    const replayStore = {
      remember(): Promise<boolean> {
        return Promise.reject(new Error('store down'));
      },
    };
    const { xmppToken } = fixture({ replayStore });
    const passport = createPassport();
    passport.use(new XmppTokenStrategy({ xmppToken }, async (jid) => USERS.get(jid)));
    const seen: unknown[] = [];
    const app = express();
    app.get('/me', (req, res, next) => {
      passport.authenticate('xmpp-token', (err: { code?: string } | null, user: unknown) => {
        seen.push(err?.code, user);
        res.sendStatus(err ? 500 : 200);
      })(req, res, next);
    });
    expect(
      (await request(app).get('/me').set('Authorization', authorization(xmppToken))).status,
    ).toBe(500);
    expect(seen).toEqual(['ERR_XMPP_TOKEN_STORE', undefined]);
  });

  it('lets the next strategy in a chain try, and sends every challenge if all fail', async () => {
    const { passport, xmppToken } = strategyPassport();
    passport.use(
      'other-realm',
      new XmppTokenStrategy({ xmppToken, realm: 'other' }, async () => false),
    );
    const app = express();
    app.get(
      '/me',
      passport.authenticate(['xmpp-token', 'other-realm'], { session: false }),
      (req, res) => {
        res.json(req.user);
      },
    );
    const res = await request(app).get('/me');
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('X-TOKEN realm="xmpp", X-TOKEN realm="other"');
    expect(
      (await request(app).get('/me').set('Authorization', authorization(xmppToken))).status,
    ).toBe(200);
  });
});
