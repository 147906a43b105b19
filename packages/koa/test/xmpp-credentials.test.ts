import Router from '@koa/router';
import { xmppCredentials, type XmppCredentialsOptions } from '@xmpp-token/koa';
import session from 'koa-session';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { KOA_VERSIONS, makeXmppToken } from './fixtures.js';

describe.each(KOA_VERSIONS)('xmppCredentials on $name', ({ Koa }) => {
  const xmppToken = makeXmppToken();

  function appWith(options: Partial<XmppCredentialsOptions> = {}) {
    const app = new Koa();
    app.keys = ['session-signing-key'];
    app.silent = true;
    const router = new Router();
    router.post('/login', (ctx) => {
      ctx.session = { user: 'alice' };
      ctx.status = 204;
    });
    router.get('/xmpp/credentials', xmppCredentials({ xmppToken, ...options }));
    app.use(session(app)).use(router.routes()).use(router.allowedMethods());
    return request.agent(app.callback());
  }

  it('answers the Converse.js shape { jid, password }, never cached', async () => {
    const agent = appWith();
    await agent.post('/login').expect(204);
    const response = await agent.get('/xmpp/credentials').expect(200);
    expect(Object.keys(response.body).sort()).toEqual(['jid', 'password']);
    expect(response.body.jid).toBe('alice@example.com');
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['pragma']).toBe('no-cache');
    await expect(
      xmppToken.verify(response.body.jid, response.body.password),
    ).resolves.toMatchObject({
      ok: true,
    });
  });

  it('mints a fresh token on every fetch (Converse refetches after a failure)', async () => {
    const agent = appWith();
    await agent.post('/login').expect(204);
    const first = await agent.get('/xmpp/credentials').expect(200);
    const second = await agent.get('/xmpp/credentials').expect(200);
    expect(first.body.password).not.toBe(second.body.password);
  });

  it('answers 401 JSON, never cached, when nobody is signed in', async () => {
    const response = await appWith().get('/xmpp/credentials').expect(401);
    expect(response.body).toEqual({
      error: 'unauthorized',
      message: 'Sign in to get XMPP credentials',
    });
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers['www-authenticate']).toBeUndefined();
  });

  it('fails (500) for a JID of a domain the xmppToken does not serve', async () => {
    const agent = appWith({ identity: () => 'bob@other.org' });
    const response = await agent.get('/xmpp/credentials').expect(500);
    expect(response.body).not.toHaveProperty('password');
  });

  it.each([{}, undefined])('refuses to build without xmppToken: ConfigurationError', (options) => {
    expect(() => xmppCredentials(options as never)).toThrow(/xmppToken is required/);
  });

  it('takes the identity from an async function', async () => {
    const agent = appWith({ identity: async () => ({ jid: 'Bob@Example.com' }) });
    const response = await agent.get('/xmpp/credentials').expect(200);
    expect(response.body.jid).toBe('bob@example.com');
  });

  it('is only routed for GET', async () => {
    await appWith().post('/xmpp/credentials').expect(405);
  });

  it('answers 405 to other methods when mounted with app.use', async () => {
    const app = new Koa();
    let reads = 0;
    app.use(xmppCredentials({ xmppToken, identity: () => (reads++, 'alice') }));
    const response = await request(app.callback()).post('/').expect(405);
    expect(response.headers['allow']).toBe('GET, HEAD');
    expect(reads).toBe(0);
  });
});
