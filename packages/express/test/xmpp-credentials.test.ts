import { xmppCredentials } from '@xmpp-token/express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import {
  countingToken,
  createTestToken,
  EXPRESS_VERSIONS,
  passportApp,
  passportLogin,
  recordErrors,
  sessionApp,
} from './fixtures.js';

describe.each(EXPRESS_VERSIONS)('xmppCredentials ($name)', ({ express }) => {
  it('answers { jid, password } for an express-session user, never cached, not cross-site', async () => {
    const xmppToken = createTestToken();
    const app = sessionApp(express);
    app.get('/xmpp/credentials', xmppCredentials({ xmppToken }));
    const agent = request.agent(app);
    await agent.post('/login').type('form').send({ user: 'alice' }).expect(204);

    const res = await agent
      .get('/xmpp/credentials')
      .set('Origin', 'https://evil.example')
      .expect(200)
      .expect('Content-Type', /application\/json/)
      .expect('Cache-Control', 'no-store')
      .expect('Pragma', 'no-cache')
      .expect('X-Content-Type-Options', 'nosniff');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    expect(Object.keys(res.body).sort()).toEqual(['jid', 'password']);
    expect(res.body.jid).toBe('alice@example.test');
    await expect(xmppToken.verify(res.body.jid, res.body.password)).resolves.toMatchObject({
      ok: true,
    });
  });

  it('mints a fresh token on every call (Converse.js refetches after a failure)', async () => {
    const app = sessionApp(express);
    app.get('/xmpp/credentials', xmppCredentials({ xmppToken: createTestToken() }));
    const agent = request.agent(app);
    await agent.post('/login').type('form').send({ user: 'alice' }).expect(204);
    const first = await agent.get('/xmpp/credentials').expect(200);
    const second = await agent.get('/xmpp/credentials').expect(200);
    expect(first.body.password).not.toBe(second.body.password);
  });

  it("works with Passport's req.user", async () => {
    const xmppToken = createTestToken();
    const app = passportApp(express);
    app.get('/xmpp/credentials', xmppCredentials({ xmppToken }));
    const agent = request.agent(app);
    await passportLogin(agent, 'bob');
    const { body } = await agent.get('/xmpp/credentials').expect(200);
    expect(body.jid).toBe('bob@example.test');
    await expect(xmppToken.verify('bob', body.password)).resolves.toMatchObject({ ok: true });
  });

  it('answers 401 JSON, minting nothing, when nobody is signed in', async () => {
    const { xmppToken, mint } = countingToken();
    const app = sessionApp(express);
    app.get('/xmpp/credentials', xmppCredentials({ xmppToken }));
    const res = await request(app)
      .get('/xmpp/credentials')
      .expect(401)
      .expect('Content-Type', /application\/json/)
      .expect('Cache-Control', 'no-store');
    expect(res.body).toEqual({ error: 'unauthorized', message: expect.any(String) });
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    expect(mint).not.toHaveBeenCalled();
  });

  it('uses a custom identity function', async () => {
    const app = express();
    app.get(
      '/creds',
      xmppCredentials({
        xmppToken: createTestToken(),
        identity: () => ({ jid: 'eve@Example.Test' }),
      }),
    );
    const { body } = await request(app).get('/creds').expect(200);
    expect(body.jid).toBe('eve@example.test');
  });

  it('refuses methods other than GET and HEAD when mounted with app.use', async () => {
    const app = express();
    app.use('/creds', xmppCredentials({ xmppToken: createTestToken(), identity: () => 'alice' }));
    await request(app).post('/creds').expect(405).expect('Allow', 'GET, HEAD');
    await request(app).head('/creds').expect(200);
  });

  it('sends an identity of a domain not served to next(err), minting nothing', async () => {
    const { xmppToken, mint } = countingToken();
    const app = express();
    app.get('/creds', xmppCredentials({ xmppToken, identity: () => 'eve@other.test' }));
    const { errors, handler } = recordErrors((_err, res) => res.sendStatus(500));
    app.use(handler);
    await request(app).get('/creds').expect(500);
    expect(errors).toMatchObject([{ code: 'ERR_XMPP_TOKEN_FOREIGN_DOMAIN' }]);
    expect(mint).not.toHaveBeenCalled();
  });

  it.each([{}, undefined])(
    'throws a ConfigurationError at construction without xmppToken',
    (options) => {
      expect(() => xmppCredentials(options as never)).toThrow(/xmppToken is required/);
    },
  );

  it('sends an identity function error to next(err)', async () => {
    const app = express();
    app.get(
      '/creds',
      xmppCredentials({
        xmppToken: createTestToken(),
        identity: async () => {
          throw new Error('db down');
        },
      }),
    );
    app.use(recordErrors((err, res) => res.status(503).send(err.message)).handler);
    await request(app).get('/creds').expect(503, 'db down');
  });
});
