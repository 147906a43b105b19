import Router from '@koa/router';
import { ConfigurationError } from '@xmpp-token/core';
import { issueXmppToken, type IssueXmppTokenOptions } from '@xmpp-token/koa';
import session from 'koa-session';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { KOA_VERSIONS, countingMints, makeXmppToken } from './fixtures.js';

describe.each(KOA_VERSIONS)('issueXmppToken on $name', ({ Koa }) => {
  const base = makeXmppToken();

  /**
   * koa-session + @koa/router: POST /login?user=... signs in; GET /token reads the token;
   * GET /page does not; GET /twice reads it twice; GET /state spreads ctx.state.
   */
  function appWith(options: Partial<IssueXmppTokenOptions> = {}) {
    const { xmppToken, mints } = countingMints(base);
    const app = new Koa();
    const errors: unknown[] = [];
    app.keys = ['session-signing-key'];
    app.silent = true;
    app.on('error', (error: unknown) => errors.push(error));
    const router = new Router();
    router.post('/login', (ctx) => {
      ctx.session = { user: ctx.query.user };
      ctx.status = 204;
    });
    router.get('/token', (ctx) => void (ctx.body = { minted: ctx.state.xmppToken ?? null }));
    router.get('/page', (ctx) => void (ctx.body = { page: true }));
    router.get('/twice', (ctx) => {
      ctx.body = {
        same: ctx.state.xmppToken === ctx.state.xmppToken,
        present: 'xmppToken' in ctx.state,
      };
    });
    router.get('/overwrite', (ctx) => {
      ctx.state.xmppToken = undefined;
      ctx.body = { value: ctx.state.xmppToken ?? null };
    });
    router.get('/state', (ctx) => void (ctx.body = { keys: Object.keys({ ...ctx.state }) }));
    app.use(session(app)).use(issueXmppToken({ xmppToken, ...options }));
    app.use(router.routes());
    return { agent: request.agent(app.callback()), mints, errors };
  }

  it('mints a token for the koa-session user that verifies', async () => {
    const { agent } = appWith();
    await agent.post('/login').query({ user: 'Alice' }).expect(204);
    const { body } = await agent.get('/token').expect(200);
    expect(body.minted).toMatchObject({ jid: 'alice@example.com', token: expect.any(String) });
    expect(Date.parse(body.minted.expiresAt)).toBeGreaterThan(Date.now());
    await expect(base.verify('alice', body.minted.token)).resolves.toMatchObject({ ok: true });
  });

  it('mints nothing for a route that never reads it', async () => {
    const { agent, mints } = appWith();
    await agent.post('/login').query({ user: 'alice' }).expect(204);
    await agent.get('/page').expect(200);
    await agent.get('/state').expect(200, { keys: [] });
    expect(mints()).toBe(0);
  });

  it('mints once per request however often it is read', async () => {
    const { agent, mints } = appWith();
    await agent.post('/login').query({ user: 'alice' }).expect(204);
    await agent.get('/twice').expect(200, { same: true, present: true });
    await agent.get('/twice').expect(200);
    expect(mints()).toBe(2);
  });

  it('gives anonymous requests nothing', async () => {
    const { agent, mints } = appWith();
    await agent.get('/token').expect(200, { minted: null });
    await agent.get('/twice').expect(200, { same: true, present: false });
    expect(mints()).toBe(0);
  });

  it('prefers ctx.state.user (koa-passport) to the session', async () => {
    const app = new Koa();
    app.use(async (ctx, next) => {
      ctx.session = { user: 'alice' };
      if (ctx.query.passport) ctx.state.user = { username: 'bob', jid: undefined };
      await next();
    });
    app.use(issueXmppToken({ xmppToken: base })).use((ctx) => {
      ctx.body = { jid: ctx.state.xmppToken?.jid };
    });
    const server = app.callback();
    await request(server).get('/').query({ passport: 1 }).expect(200, { jid: 'bob@example.com' });
    await request(server).get('/').expect(200, { jid: 'alice@example.com' });
  });

  it('takes the identity from a sync or async function', async () => {
    const sync = appWith({ identity: (ctx) => ctx.get('x-user') || undefined });
    const async = appWith({
      identity: async (ctx) => ({ jid: `${ctx.get('x-user')}@Example.com` }),
    });
    const fromSync = await sync.agent.get('/token').set('X-User', 'carol').expect(200);
    const fromAsync = await async.agent.get('/token').set('X-User', 'dave').expect(200);
    await sync.agent.get('/token').expect(200, { minted: null });
    expect(fromSync.body.minted.jid).toBe('carol@example.com');
    expect(fromAsync.body.minted.jid).toBe('dave@example.com');
  });

  it('fails the request (500) for an identity Prosody would refuse', async () => {
    const { agent, errors } = appWith({ identity: () => 'al/ice' });
    await agent.get('/page').expect(500);
    expect(errors).toEqual([expect.objectContaining({ code: 'ERR_XMPP_TOKEN_INVALID_JID' })]);
  });

  it('fails the request (500) for a JID of a domain the xmppToken does not serve', async () => {
    const { agent, errors, mints } = appWith({ identity: () => 'dave@other.org' });
    await agent.get('/page').expect(500);
    expect(errors).toEqual([expect.objectContaining({ code: 'ERR_XMPP_TOKEN_FOREIGN_DOMAIN' })]);
    expect(mints()).toBe(0);
  });

  it('rethrows an identity function error', async () => {
    const failure = new Error('user lookup failed');
    const { agent, errors } = appWith({ identity: () => Promise.reject(failure) });
    await agent.get('/page').expect(500);
    expect(errors).toEqual([failure]);
  });

  it('lets a later middleware overwrite or clear the token', async () => {
    const { agent, mints } = appWith();
    await agent.post('/login').query({ user: 'alice' }).expect(204);
    await agent.get('/overwrite').expect(200, { value: null });
    expect(mints()).toBe(0);
  });

  it.each([{}, undefined])('refuses to build without xmppToken: ConfigurationError', (options) => {
    const build = () => issueXmppToken(options as unknown as IssueXmppTokenOptions);
    expect(build).toThrow(ConfigurationError);
    expect(build).toThrow(/xmppToken is required/);
  });
});
