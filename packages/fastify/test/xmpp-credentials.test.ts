import { fastifyXmppToken, xmppCredentials } from '@xmpp-token/fastify';
import { describe, expect, it } from 'vitest';
import {
  countingToken,
  createTestToken,
  FASTIFY_VERSIONS,
  recordErrors,
  sessionApp,
} from './fixtures.js';

describe.each(FASTIFY_VERSIONS)('xmppCredentials on $name', (version) => {
  const { fastify } = version;

  it('answers { jid, password } for a session user, never cached, not cross-site', async () => {
    const xmppToken = createTestToken();
    const { app, signIn } = await sessionApp(version);
    await app.register(fastifyXmppToken, { xmppToken });
    app.get('/xmpp/credentials', app.xmppCredentials);
    const cookies = await signIn('alice');
    const response = await app.inject({
      url: '/xmpp/credentials',
      cookies,
      headers: { origin: 'https://evil.example' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject({
      'content-type': expect.stringMatching(/^application\/json/),
      'cache-control': 'no-store',
      pragma: 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    const body = response.json();
    expect(Object.keys(body).sort()).toEqual(['jid', 'password']);
    expect(body.jid).toBe('alice@example.test');
    await expect(xmppToken.verify(body.jid, body.password)).resolves.toMatchObject({ ok: true });
  });

  it('mints a fresh token on every call (Converse.js refetches after a failure)', async () => {
    const { app, signIn } = await sessionApp(version);
    app.get('/xmpp/credentials', xmppCredentials({ xmppToken: createTestToken() }));
    const cookies = await signIn('alice');
    const first = await app.inject({ url: '/xmpp/credentials', cookies });
    const second = await app.inject({ url: '/xmpp/credentials', cookies });
    expect(first.json().password).not.toBe(second.json().password);
  });

  it('answers 401 JSON, never cached, minting nothing, when nobody is signed in', async () => {
    const { xmppToken, mint } = countingToken();
    const { app } = await sessionApp(version);
    app.get('/xmpp/credentials', xmppCredentials({ xmppToken }));
    const response = await app.inject({ url: '/xmpp/credentials' });
    expect(response.statusCode).toBe(401);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.json()).toEqual({ error: 'unauthorized', message: expect.any(String) });
    expect(mint).not.toHaveBeenCalled();
  });

  it('uses a custom identity function', async () => {
    const app = fastify();
    const identity = async () => ({ jid: 'eve@Example.Test' });
    app.get('/creds', xmppCredentials({ xmppToken: createTestToken(), identity }));
    expect((await app.inject({ url: '/creds' })).json().jid).toBe('eve@example.test');
  });

  it('answers HEAD as GET and refuses other methods with 405 on app.all', async () => {
    const app = fastify();
    app.all('/creds', xmppCredentials({ xmppToken: createTestToken(), identity: () => 'alice' }));
    const post = await app.inject({ method: 'POST', url: '/creds' });
    expect(post.statusCode).toBe(405);
    expect(post.headers.allow).toBe('GET, HEAD');
    expect(post.body).toBe('');
    const head = await app.inject({ method: 'HEAD', url: '/creds' });
    expect(head.statusCode).toBe(200);
    expect(head.headers['cache-control']).toBe('no-store');
  });

  it('sends an identity function error to the error handler', async () => {
    const app = fastify();
    const errors = recordErrors(app);
    const identity = () => Promise.reject(new Error('db down'));
    app.get('/creds', xmppCredentials({ xmppToken: createTestToken(), identity }));
    expect((await app.inject({ url: '/creds' })).statusCode).toBe(500);
    expect(errors).toMatchObject([{ message: 'db down' }]);
  });
});
