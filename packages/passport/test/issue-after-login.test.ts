// "The other way round": after any Passport login (passport-local here), the Express minting
// middleware of @xmpp-token/express gives the signed-in user an XMPP token. Nothing of it lives in
// this package; the test shows the wiring and that core verifies what is minted.
import { formatAuthorizationHeader } from '@xmpp-token/core';
import { issueXmppToken, xmppCredentials } from '@xmpp-token/express';
import { xmppCredentials as koaXmppCredentials } from '@xmpp-token/koa';
import { XmppTokenStrategy } from '@xmpp-token/passport';
import Router from '@koa/router';
import express from 'express';
import session from 'express-session';
import Koa from 'koa';
import koaPassport from 'koa-passport';
import koaSession from 'koa-session';
import { Strategy as LocalStrategy } from 'passport-local';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { USERS, createPassport, fixture, type TestUser } from './support.js';

const PASSWORDS: ReadonlyMap<string, string> = new Map([['alice', 'correct horse']]);

function loginApp() {
  const { xmppToken } = fixture();
  const passport = createPassport();
  passport.use(
    new LocalStrategy((username, password, done) => {
      const ok = PASSWORDS.get(username) === password;
      done(null, ok ? USERS.get(`${username}@example.com`) : false);
    }),
  );
  passport.use(new XmppTokenStrategy<TestUser>({ xmppToken }, async (jid) => USERS.get(jid)));
  passport.serializeUser<string>((user, done) => done(null, (user as TestUser).jid));
  passport.deserializeUser<string>((jid, done) => done(null, USERS.get(jid) ?? false));

  const app = express();
  app.use(express.urlencoded({ extended: false }));
  app.use(session({ secret: 'test-session-secret', resave: false, saveUninitialized: false }));
  app.use(passport.session());
  app.post('/login', passport.authenticate('local'), (_req, res) => {
    res.sendStatus(204);
  });
  // Converse.js credentials_url, and a page that reads the lazily minted token.
  app.get('/xmpp/credentials', xmppCredentials({ xmppToken }));
  app.get('/chat', issueXmppToken({ xmppToken }), (req, res) => {
    res.json({ jid: req.xmppToken?.jid ?? null, expiresAt: req.xmppToken?.expiresAt ?? null });
  });
  // A token-only API, e.g. called by the chat client: the strategy closes the loop.
  app.get('/api/me', passport.authenticate('xmpp-token', { session: false }), (req, res) => {
    res.json(req.user);
  });
  return { app, xmppToken };
}

describe('an XMPP token after a passport-local login', () => {
  it('gives the signed-in user credentials that core verifies once', async () => {
    const { app, xmppToken } = loginApp();
    const agent = request.agent(app);
    const login = await agent
      .post('/login')
      .type('form')
      .send({ username: 'alice', password: 'correct horse' });
    expect(login.status).toBe(204);

    const credentials = await agent.get('/xmpp/credentials');
    expect(credentials.status).toBe(200);
    expect(credentials.headers['cache-control']).toBe('no-store');
    const { jid, password } = credentials.body as { jid: string; password: string };
    expect(jid).toBe('alice@example.com');
    expect(await xmppToken.verify(jid, password)).toMatchObject({ ok: true, jid });
    expect(await xmppToken.verify(jid, password)).toEqual({ ok: false, reason: 'replayed' });
  });

  it('puts a lazily minted token on req.xmppToken for the signed-in user only', async () => {
    const { app } = loginApp();
    expect((await request(app).get('/chat')).body).toEqual({ jid: null, expiresAt: null });
    const agent = request.agent(app);
    await agent.post('/login').type('form').send({ username: 'alice', password: 'correct horse' });
    const chat = await agent.get('/chat');
    expect(chat.body.jid).toBe('alice@example.com');
  });

  it('answers 401 to anyone not signed in, or signed in with a wrong password', async () => {
    const { app } = loginApp();
    const agent = request.agent(app);
    const login = await agent
      .post('/login')
      .type('form')
      .send({ username: 'alice', password: 'nope' });
    expect(login.status).toBe(401);
    expect((await agent.get('/xmpp/credentials')).status).toBe(401);
  });

  it('lets the minted token authenticate against the xmpp-token strategy', async () => {
    const { app } = loginApp();
    const agent = request.agent(app);
    await agent.post('/login').type('form').send({ username: 'alice', password: 'correct horse' });
    const { jid, password } = (await agent.get('/xmpp/credentials')).body as {
      jid: string;
      password: string;
    };
    const header = formatAuthorizationHeader({ authcid: jid, token: password });
    const me = await request(app).get('/api/me').set('Authorization', header);
    expect(me.status).toBe(200);
    expect(me.body).toEqual(USERS.get('alice@example.com'));
  });
});

describe('an XMPP token after a passport-local login under Koa (koa-passport)', () => {
  function koaLoginApp() {
    const { xmppToken } = fixture();
    const passport = new koaPassport.KoaPassport();
    passport.use(
      new LocalStrategy((username, password, done) => {
        done(null, PASSWORDS.get(username) === password && USERS.get(`${username}@example.com`));
      }),
    );
    passport.serializeUser((user, done) => done(null, (user as TestUser).jid));
    passport.deserializeUser((jid, done) => done(null, USERS.get(jid as string) ?? false));
    const app = new Koa();
    app.keys = ['test-session-key'];
    app.use(koaSession({}, app));
    app.use(passport.initialize());
    app.use(passport.session());
    const router = new Router();
    // passport-local also reads req.query, which spares this test a Koa body parser.
    router.post('/login', passport.authenticate('local'), (ctx) => {
      ctx.status = 204;
    });
    router.get('/xmpp/credentials', koaXmppCredentials({ xmppToken }));
    app.use(router.routes());
    return { server: app.callback(), xmppToken };
  }

  it('gives the signed-in user credentials that core verifies', async () => {
    const { server, xmppToken } = koaLoginApp();
    const agent = request.agent(server);
    expect((await agent.get('/xmpp/credentials')).status).toBe(401);
    const login = await agent
      .post('/login')
      .query({ username: 'alice', password: 'correct horse' });
    expect(login.status).toBe(204);
    const { jid, password } = (await agent.get('/xmpp/credentials')).body as {
      jid: string;
      password: string;
    };
    expect(jid).toBe('alice@example.com');
    expect(await xmppToken.verify(jid, password)).toMatchObject({ ok: true, jid });
  });
});
