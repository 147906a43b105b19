import { isXmppTokenError, type XmppToken } from '@xmpp-token/core';
import { verifyXmppToken, type VerifyXmppTokenOptions, type XmppVariables } from '@xmpp-token/hono';
import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import request from 'supertest';
import { describe, expect, it, vi } from 'vitest';
import {
  CHALLENGE,
  clockedToken,
  createTestToken,
  FAILING_STORES,
  GARBAGE_HEADERS,
  GENERIC,
  header,
  nodeServer,
  recordErrors,
  REFUSALS,
} from './fixtures.js';

describe('verifyXmppToken on Hono (@hono/node-server)', () => {
  /** `GET /api` behind the middleware, served by a real Node server. */
  function apiApp(options: VerifyXmppTokenOptions) {
    const app = new Hono();
    const errors = recordErrors(app);
    app.all('/api', verifyXmppToken(options), (c) => {
      const identity = c.get('xmpp');
      return c.json({
        jid: identity?.jid ?? null,
        expiresAt: identity?.expiresAt.toISOString() ?? null,
      });
    });
    return { server: nodeServer(app), errors };
  }

  it('accepts a valid token and sets c.get("xmpp")', async () => {
    const { xmppToken, mintAt } = clockedToken();
    const minted = mintAt(0);
    await request(apiApp({ xmppToken }).server)
      .get('/api')
      .set('Authorization', header('alice', minted.token))
      .expect(200, { jid: 'alice@example.test', expiresAt: minted.expiresAt.toISOString() });
  });

  it.each(REFUSALS)(
    'throws an HTTPException(401) with the challenge for %s',
    async (reason, make) => {
      const { xmppToken, mintAt } = clockedToken();
      const value = make(mintAt);
      const { server, errors } = apiApp({ xmppToken });
      const response = await request(server).get('/api').set('Authorization', value);
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toBe(CHALLENGE);
      expect(response.body).toEqual({ error: 'invalid_token', message: GENERIC });
      expect(errors[0]).toBeInstanceOf(HTTPException);
      expect((errors[0] as HTTPException).cause).toMatchObject({ reason, status: 401 });

      const debug = await request(apiApp({ xmppToken, debug: true }).server)
        .get('/api')
        .set('Authorization', value);
      expect(debug.body).toEqual({ error: 'invalid_token', message: GENERIC, reason });
    },
  );

  it('refuses the second use of a token as replayed', async () => {
    const { xmppToken, mintAt } = clockedToken();
    const { server } = apiApp({ xmppToken, debug: true });
    const value = header('alice', mintAt(0).token);
    await request(server).get('/api').set('Authorization', value).expect(200);
    const second = await request(server).get('/api').set('Authorization', value).expect(401);
    expect(second.headers['www-authenticate']).toBe(CHALLENGE);
    expect(second.body.reason).toBe('replayed');
  });

  it.each(GARBAGE_HEADERS)('answers malformed for the garbage header %#', async (value) => {
    const { server } = apiApp({ xmppToken: createTestToken(), debug: true });
    const response = await request(server).get('/api').set('Authorization', value).expect(401);
    expect(response.body.reason).toBe('malformed');
  });

  it('answers credentials_required, with a bare quoted challenge, when no X-TOKEN is sent', async () => {
    const { server } = apiApp({ xmppToken: createTestToken(), debug: true, realm: 'chat "one"' });
    for (const authorization of [undefined, 'Bearer abc.def.ghi']) {
      const test = request(server).get('/api');
      const response = await (authorization ? test.set('Authorization', authorization) : test);
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toBe('X-TOKEN realm="chat \\"one\\""');
      expect(response.body.reason).toBe('credentials_required');
    }
  });

  it('credentialsRequired: false passes anonymous requests but still refuses bad tokens', async () => {
    const { xmppToken, mintAt } = clockedToken();
    const { server } = apiApp({ xmppToken, credentialsRequired: false, debug: true });
    await request(server).get('/api').expect(200, { jid: null, expiresAt: null });
    const forged = await request(server)
      .get('/api')
      .set('Authorization', header('bob', mintAt(0).token))
      .expect(401);
    expect(forged.body.reason).toBe('bad_signature');
    await request(server).get('/api').set('Authorization', 'X-TOKEN !!!').expect(401);
  });

  it.each(FAILING_STORES)(
    'throws the store_failure to onError (500) when the store %s',
    async (_, remember) => {
      const { xmppToken, mintAt } = clockedToken({ remember });
      const { server, errors } = apiApp({ xmppToken, credentialsRequired: false });
      const response = await request(server)
        .get('/api')
        .set('Authorization', header('alice', mintAt(0).token))
        .expect(500, 'Internal Server Error');
      expect(response.headers['www-authenticate']).toBeUndefined();
      expect(isXmppTokenError(errors[0], 'ERR_XMPP_TOKEN_STORE')).toBe(true);
      expect(errors[0]).toMatchObject({ status: 500, cause: { message: 'redis down' } });

      // Hono's default onError logs it (console.error) and answers 500: never an accept.
      const app = new Hono();
      app.get('/api', verifyXmppToken({ xmppToken }), (c) => c.text('accepted'));
      const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
      try {
        await request(nodeServer(app))
          .get('/api')
          .set('Authorization', header('alice', mintAt(0).token))
          .expect(500);
        expect(logged).toHaveBeenCalledWith(expect.objectContaining({ reason: 'store_failure' }));
      } finally {
        logged.mockRestore();
      }
    },
  );

  it('lets a CORS preflight pass, but not a plain OPTIONS', async () => {
    const { server } = apiApp({ xmppToken: createTestToken() });
    await request(server)
      .options('/api')
      .set('Origin', 'https://chat.example')
      .set('Access-Control-Request-Method', 'GET')
      .expect(200, { jid: null, expiresAt: null });
    await request(server).options('/api').expect(401);
  });

  it('guards every route under a path with app.use, as hono/jwt', async () => {
    const { xmppToken, mintAt } = clockedToken();
    // Typed as hono/jwt's docs type theirs: `new Hono<{ Variables: JwtVariables }>()`.
    const app = new Hono<{ Variables: XmppVariables }>();
    app.use('/api/*', verifyXmppToken({ xmppToken }));
    app.get('/api/me', (c) => c.text(c.get('xmpp').jid));
    app.get('/public', (c) => c.text('open'));
    const server = nodeServer(app);
    await request(server).get('/public').expect(200, 'open');
    await request(server).get('/api/me').expect(401);
    await request(server)
      .get('/api/me')
      .set('Authorization', header('dave', mintAt(0, 'dave').token))
      .expect(200, 'dave@example.test');
  });

  it('sends an extractor that throws to onError, a 500', async () => {
    const { server, errors } = apiApp({
      xmppToken: createTestToken(),
      extract: () => {
        throw new Error('extractor bug');
      },
    });
    await request(server).get('/api').expect(500);
    expect(errors).toMatchObject([{ message: 'extractor bug' }]);
  });

  it('throws at construction without xmppToken', () => {
    expect(() => verifyXmppToken({ xmppToken: undefined as unknown as XmppToken })).toThrow(
      /xmppToken is required/,
    );
  });
});
