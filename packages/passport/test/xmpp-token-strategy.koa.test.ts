import Router from '@koa/router';
import { encodeSaslResponse, formatAuthorizationHeader, type ReplayStore } from '@xmpp-token/core';
import { XmppTokenStrategy, fromCookie } from '@xmpp-token/passport';
import Koa from 'koa';
import koaPassport from 'koa-passport';
import session from 'koa-session';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { USERS, authorization, fixture, type TestUser } from './support.js';

function koaApp(options: { replayStore?: ReplayStore } = {}) {
  const { xmppToken } = fixture(options);
  const passport = new koaPassport.KoaPassport();
  passport.use(new XmppTokenStrategy<TestUser>({ xmppToken }, async (jid) => USERS.get(jid)));
  passport.use(
    'xmpp-cookie',
    new XmppTokenStrategy<TestUser>({ xmppToken, extract: fromCookie('xmpp') }, async (jid) =>
      USERS.get(jid),
    ),
  );
  passport.serializeUser((user, done) => done(null, (user as TestUser).jid));
  passport.deserializeUser((jid, done) => done(null, USERS.get(jid as string) ?? false));

  const app = new Koa();
  app.keys = ['test-session-key'];
  const errors: unknown[] = [];
  app.on('error', (error: unknown) => errors.push(error));
  app.use(session({}, app));
  app.use(passport.initialize());
  app.use(passport.session());
  const router = new Router();
  router.get('/api/me', passport.authenticate('xmpp-token', { session: false }), (ctx) => {
    ctx.body = { user: ctx.state.user, authInfo: ctx.state.authInfo ?? null };
  });
  router.get('/cookie/me', passport.authenticate('xmpp-cookie', { session: false }), (ctx) => {
    ctx.body = ctx.state.user;
  });
  router.post('/login', passport.authenticate('xmpp-token'), (ctx) => {
    ctx.status = 204;
  });
  router.get('/me', (ctx) => {
    // Koa turns a null body into 204, so answer an object either way.
    ctx.body = ctx.isAuthenticated() ? ctx.state.user : { error: 'not signed in' };
    if (!ctx.isAuthenticated()) ctx.status = 401;
  });
  app.use(router.routes());
  return { server: app.callback(), xmppToken, errors };
}

describe('XmppTokenStrategy under Koa 3 with koa-passport', () => {
  it('authenticates a token without a session', async () => {
    const { server, xmppToken } = koaApp();
    const res = await request(server).get('/api/me').set('Authorization', authorization(xmppToken));
    expect(res.status).toBe(200);
    expect(res.body.user).toEqual(USERS.get('alice@example.com'));
    expect(res.body.authInfo.jid).toBe('alice@example.com');
  });

  it("reads a cookie through Koa's cookie jar", async () => {
    const { server, xmppToken } = koaApp();
    const sasl = encodeSaslResponse({ authcid: 'bob', token: xmppToken.mint('bob').token });
    const res = await request(server).get('/cookie/me').set('Cookie', `xmpp=${sasl}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(USERS.get('bob@example.com'));
  });

  it('reads a percent-encoded cookie the way the Express cookie-parser path does', async () => {
    const { server, xmppToken } = koaApp();
    const sasl = encodeSaslResponse({ authcid: 'bob', token: xmppToken.mint('bob').token });
    const encoded = [...sasl].map((c) => `%${c.charCodeAt(0).toString(16)}`).join('');
    const res = await request(server).get('/cookie/me').set('Cookie', `xmpp=${encoded}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(USERS.get('bob@example.com'));
  });

  it('refuses a token of a domain not served with the challenge (foreign_domain)', async () => {
    const { server } = koaApp();
    const foreign = fixture({ domain: 'other.org' }).xmppToken.mint('alice');
    const res = await request(server)
      .get('/api/me')
      .set(
        'Authorization',
        formatAuthorizationHeader({ authcid: foreign.jid, token: foreign.token }),
      );
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('X-TOKEN realm="xmpp", error="invalid_token"');
  });

  it('answers 500 when the replay store is down', async () => {
    const replayStore = {
      remember(): boolean {
        throw new Error('store down');
      },
    };
    const { server, xmppToken, errors } = koaApp({ replayStore });
    const res = await request(server).get('/api/me').set('Authorization', authorization(xmppToken));
    expect(res.status).toBe(500);
    expect(errors).toMatchObject([{ code: 'ERR_XMPP_TOKEN_STORE', reason: 'store_failure' }]);
  });

  it('answers 401 with the challenge, and refuses a replay', async () => {
    const { server, xmppToken } = koaApp();
    const missing = await request(server).get('/api/me');
    expect(missing.status).toBe(401);
    expect(missing.headers['www-authenticate']).toBe('X-TOKEN realm="xmpp"');
    const header = authorization(xmppToken);
    expect((await request(server).get('/api/me').set('Authorization', header)).status).toBe(200);
    const replay = await request(server).get('/api/me').set('Authorization', header);
    expect(replay.status).toBe(401);
    expect(replay.headers['www-authenticate']).toBe('X-TOKEN realm="xmpp", error="invalid_token"');
  });

  it('logs in and keeps the user in a koa-session', async () => {
    const { server, xmppToken } = koaApp();
    const agent = request.agent(server);
    expect((await agent.get('/me')).status).toBe(401);
    expect((await agent.post('/login').set('Authorization', authorization(xmppToken))).status).toBe(
      204,
    );
    const me = await agent.get('/me');
    expect(me.status).toBe(200);
    expect(me.body).toEqual(USERS.get('alice@example.com'));
  });
});
