import {
  ConfigurationError,
  formatAuthorizationHeader,
  type MintedToken,
  type ReplayStore,
  type XmppToken,
} from '@xmpp-token/core';
import {
  isXmppTokenError,
  verifyXmppToken,
  type VerifyXmppTokenOptions,
} from '@xmpp-token/express';
import type { ErrorRequestHandler } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createTestToken, EXPRESS_VERSIONS, recordErrors, type CreateExpress } from './fixtures.js';

const NOW = Date.UTC(2025, 0, 1, 12, 0, 10);
const MINUTE = 60_000;

const header = (user: string, token: string) => formatAuthorizationHeader({ authcid: user, token });

/** A verifier whose clock the test moves, so expired/not-yet-valid tokens are deterministic. */
function clockedToken(replayStore?: ReplayStore) {
  let now = NOW;
  const xmppToken = createTestToken({ clock: () => now, ...(replayStore && { replayStore }) });
  const mintAt = (offsetMs: number, user = 'alice'): MintedToken => {
    now = NOW + offsetMs;
    const minted = xmppToken.mint(user);
    now = NOW;
    return minted;
  };
  return { xmppToken, mintAt };
}

describe.each(EXPRESS_VERSIONS)('verifyXmppToken ($name)', ({ express }) => {
  function apiApp(options: VerifyXmppTokenOptions, errorHandler?: ErrorRequestHandler) {
    const app: ReturnType<CreateExpress> = express();
    app.use(verifyXmppToken(options));
    app.all('/api', (req, res) => {
      res.json({
        jid: req.xmpp?.jid ?? null,
        expiresAt: req.xmpp?.expiresAt.toISOString() ?? null,
      });
    });
    if (errorHandler) app.use(errorHandler);
    return app;
  }

  it('accepts a valid token once and sets req.xmpp', async () => {
    const { xmppToken, mintAt } = clockedToken();
    const minted = mintAt(0);
    await request(apiApp({ xmppToken }))
      .get('/api')
      .set('Authorization', header('alice', minted.token))
      .expect(200, { jid: 'alice@example.test', expiresAt: minted.expiresAt.toISOString() });
  });

  const REFUSALS: [string, (mintAt: (offsetMs: number) => MintedToken) => string][] = [
    ['malformed', () => header('alice', '12345678 not-a-signature')],
    ['bad_jid', (mintAt) => header('bad user', mintAt(0).token)],
    ['bad_signature', (mintAt) => header('bob', mintAt(0).token)],
    ['expired', (mintAt) => header('alice', mintAt(-5 * MINUTE).token)],
    ['not_yet_valid', (mintAt) => header('alice', mintAt(2 * MINUTE).token)],
  ];

  it.each(REFUSALS)('answers 401 with a challenge for %s', async (reason, authorization) => {
    const { xmppToken, mintAt } = clockedToken();
    const value = authorization(mintAt);
    const generic = await request(apiApp({ xmppToken })).get('/api').set('Authorization', value);
    expect(generic.status).toBe(401);
    expect(generic.headers['www-authenticate']).toBe('X-TOKEN realm="xmpp", error="invalid_token"');
    expect(generic.body).toEqual({
      error: 'invalid_token',
      message: 'Invalid or missing XMPP token',
    });

    const debug = await request(apiApp({ xmppToken, debug: true }))
      .get('/api')
      .set('Authorization', value);
    expect(debug.status).toBe(401);
    expect(debug.body).toEqual({ ...generic.body, reason });
  });

  it('rejects the second use of a token as replayed', async () => {
    const { xmppToken, mintAt } = clockedToken();
    const app = apiApp({ xmppToken, debug: true });
    const value = header('alice', mintAt(0).token);
    await request(app).get('/api').set('Authorization', value).expect(200);
    await request(app)
      .get('/api')
      .set('Authorization', value)
      .expect(401)
      .expect('WWW-Authenticate', 'X-TOKEN realm="xmpp", error="invalid_token"')
      .expect((res) => expect(res.body.reason).toBe('replayed'));
  });

  it('answers credentials_required, with a bare challenge, when no X-TOKEN is sent', async () => {
    const app = apiApp({ xmppToken: createTestToken(), debug: true, realm: 'chat "one"' });
    for (const authorization of [undefined, 'Bearer abc.def.ghi']) {
      const test = request(app).get('/api');
      if (authorization) test.set('Authorization', authorization);
      const res = await test.expect(401);
      expect(res.headers['www-authenticate']).toBe('X-TOKEN realm="chat \\"one\\""');
      expect(res.body.reason).toBe('credentials_required');
    }
  });

  it('answers malformed for an unreadable X-TOKEN, even when credentials are optional', async () => {
    const app = apiApp({ xmppToken: createTestToken(), debug: true, credentialsRequired: false });
    const res = await request(app).get('/api').set('Authorization', 'X-TOKEN !!!').expect(401);
    expect(res.headers['www-authenticate']).toBe('X-TOKEN realm="xmpp", error="invalid_token"');
    expect(res.body.reason).toBe('malformed');
  });

  it.each([
    [
      'throws',
      () => {
        throw new Error('redis down');
      },
    ],
    [
      'rejects',
      async () => {
        throw new Error('redis down');
      },
    ],
  ])(
    'sends store_failure to next(err) when the replay store %s, never accepting',
    async (_, remember) => {
      const { xmppToken, mintAt } = clockedToken({ remember });
      const { errors: seen, handler } = recordErrors((err, res) => {
        res.status(err.status ?? 0).json({ reason: err.reason });
      });
      const app = apiApp({ xmppToken }, handler);
      await request(app)
        .get('/api')
        .set('Authorization', header('alice', mintAt(0).token))
        .expect(500, { reason: 'store_failure' });
      expect(isXmppTokenError(seen[0], 'ERR_XMPP_TOKEN_STORE')).toBe(true);
      expect(seen[0]).toMatchObject({
        status: 500,
        wwwAuthenticate: undefined,
        cause: { message: 'redis down' },
      });

      const fallback = await request(apiApp({ xmppToken }))
        .get('/api')
        .set('Authorization', header('alice', mintAt(0).token));
      expect(fallback.status).toBe(500);
      expect(fallback.headers['www-authenticate']).toBeUndefined();
    },
  );

  it('passError hands the VerificationError to the app error handler', async () => {
    const { xmppToken, mintAt } = clockedToken();
    const { handler } = recordErrors((err, res) => {
      res.status(418).json({ code: err.code, reason: err.reason, status: err.status });
    });
    const handled = apiApp({ xmppToken, passError: true }, handler);
    await request(handled)
      .get('/api')
      .set('Authorization', header('alice', mintAt(-5 * MINUTE).token))
      .expect(418, { code: 'ERR_XMPP_TOKEN_REJECTED', reason: 'expired', status: 401 });
    // Express's own error handler reads err.status.
    await request(apiApp({ xmppToken, passError: true }))
      .get('/api')
      .expect(401);
  });

  it('credentialsRequired: false lets anonymous requests through but still rejects bad tokens', async () => {
    const { xmppToken, mintAt } = clockedToken();
    const app = apiApp({ xmppToken, credentialsRequired: false, debug: true });
    await request(app).get('/api').expect(200, { jid: null, expiresAt: null });
    const res = await request(app)
      .get('/api')
      .set('Authorization', header('bob', mintAt(0).token))
      .expect(401);
    expect(res.body.reason).toBe('bad_signature');
    await request(app)
      .get('/api')
      .set('Authorization', header('alice', mintAt(0).token))
      .expect(200);
  });

  it('lets a CORS preflight pass untouched, but not a plain OPTIONS', async () => {
    const app: ReturnType<CreateExpress> = express();
    app.use(verifyXmppToken({ xmppToken: createTestToken() }));
    app.options('/api', (_req, res) => {
      res.set('Access-Control-Allow-Origin', 'https://chat.example').sendStatus(204);
    });
    await request(app)
      .options('/api')
      .set('Origin', 'https://chat.example')
      .set('Access-Control-Request-Method', 'GET')
      .set('Access-Control-Request-Headers', 'authorization')
      .expect(204)
      .expect('Access-Control-Allow-Origin', 'https://chat.example');
    await request(app).options('/api').expect(401);
  });

  it.each([{ xmppToken: undefined as unknown as XmppToken }, {}, undefined])(
    'throws a ConfigurationError at construction without xmppToken (%j)',
    (options) => {
      const build = () => verifyXmppToken(options as VerifyXmppTokenOptions);
      expect(build).toThrow(ConfigurationError);
      expect(build).toThrow(/xmppToken is required/);
    },
  );

  it('refuses a token for a domain not served, signed with this very secret: foreign_domain', async () => {
    const { xmppToken } = clockedToken();
    const foreign = createTestToken({ domain: 'other.test', clock: () => NOW }).mint('bob');
    const res = await request(apiApp({ xmppToken, debug: true }))
      .get('/api')
      .set('Authorization', header(foreign.jid, foreign.token))
      .expect(401)
      .expect('WWW-Authenticate', 'X-TOKEN realm="xmpp", error="invalid_token"');
    expect(res.body).toEqual({
      error: 'invalid_token',
      message: 'Invalid or missing XMPP token',
      reason: 'foreign_domain',
    });
  });

  it('lets an error handler narrow the VerificationError by its code (the README pattern)', async () => {
    const handler: ErrorRequestHandler = (err, _req, res, next) => {
      if (!isXmppTokenError(err, 'ERR_XMPP_TOKEN_REJECTED')) return next(err);
      res
        .status(err.status)
        .set('WWW-Authenticate', err.wwwAuthenticate)
        .json(err.toResponseBody(true));
    };
    const res = await request(apiApp({ xmppToken: createTestToken(), passError: true }, handler))
      .get('/api')
      .expect(401)
      .expect('WWW-Authenticate', 'X-TOKEN realm="xmpp"');
    expect(res.body.reason).toBe('credentials_required');
  });
});
