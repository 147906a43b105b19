import { xmppCredentials } from '@xmpp-token/hono';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import {
  countingToken,
  createTestToken,
  nodeServer,
  recordErrors,
  sessionApp,
  sessionCookie,
  sessionUser,
} from './fixtures.js';

describe('xmppCredentials on Hono (@hono/node-server)', () => {
  function credentialsApp(xmppToken = createTestToken()) {
    const app = sessionApp();
    const errors = recordErrors(app);
    app.all('/xmpp/credentials', xmppCredentials({ xmppToken, identity: sessionUser }));
    return { server: nodeServer(app), errors };
  }

  it('answers { jid, password } for the signed-in user, never cached, not cross-site', async () => {
    const xmppToken = createTestToken();
    const { server } = credentialsApp(xmppToken);
    const response = await request(server)
      .get('/xmpp/credentials')
      .set('Cookie', await sessionCookie('alice'))
      .set('Origin', 'https://evil.example')
      .expect(200)
      .expect('Content-Type', /^application\/json/)
      .expect('Cache-Control', 'no-store')
      .expect('Pragma', 'no-cache')
      .expect('X-Content-Type-Options', 'nosniff');
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect(Object.keys(response.body).sort()).toEqual(['jid', 'password']);
    expect(response.body.jid).toBe('alice@example.test');
    await expect(
      xmppToken.verify(response.body.jid, response.body.password),
    ).resolves.toMatchObject({ ok: true });
  });

  it('mints a fresh token on every call (Converse.js refetches after a failure)', async () => {
    const { server } = credentialsApp();
    const cookie = await sessionCookie('alice');
    const first = await request(server).get('/xmpp/credentials').set('Cookie', cookie);
    const second = await request(server).get('/xmpp/credentials').set('Cookie', cookie);
    expect(first.body.password).not.toBe(second.body.password);
  });

  it('answers 401 JSON, never cached, minting nothing, when nobody is signed in', async () => {
    const { xmppToken, mint } = countingToken();
    const { server } = credentialsApp(xmppToken);
    const response = await request(server)
      .get('/xmpp/credentials')
      .expect(401)
      .expect('Cache-Control', 'no-store');
    expect(response.body).toEqual({ error: 'unauthorized', message: expect.any(String) });
    expect(mint).not.toHaveBeenCalled();
  });

  it('answers HEAD as GET and refuses other methods with 405', async () => {
    const { server } = credentialsApp();
    const cookie = await sessionCookie('alice');
    await request(server).head('/xmpp/credentials').set('Cookie', cookie).expect(200);
    await request(server)
      .post('/xmpp/credentials')
      .set('Cookie', cookie)
      .expect(405)
      .expect('Allow', 'GET, HEAD');
  });

  it('sends an identity function error to onError', async () => {
    const app = sessionApp();
    const errors = recordErrors(app);
    const identity = () => Promise.reject(new Error('db down'));
    app.get('/creds', xmppCredentials({ xmppToken: createTestToken(), identity }));
    await request(nodeServer(app)).get('/creds').expect(500);
    expect(errors).toMatchObject([{ message: 'db down' }]);
  });
});
