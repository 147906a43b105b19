import Router from '@koa/router';
import {
  ConfigurationError,
  isXmppTokenError,
  type ReplayStore,
  type RejectionReason,
} from '@xmpp-token/core';
import { verifyXmppToken, type VerifyXmppTokenOptions } from '@xmpp-token/koa';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { KOA_VERSIONS, authorization, makeXmppToken, testClock } from './fixtures.js';

const CHALLENGE = 'X-TOKEN realm="xmpp", error="invalid_token"';
const GENERIC = 'Invalid or missing XMPP token';
const MINUTE = 60_000;

describe.each(KOA_VERSIONS)('verifyXmppToken on $name', ({ Koa }) => {
  const clock = testClock();
  const xmppToken = makeXmppToken({ clock: clock.now });

  /** A Koa app with `GET /me` behind the verifier; thrown errors are collected, not logged. */
  function appWith(options: Partial<VerifyXmppTokenOptions> = {}) {
    const app = new Koa();
    const errors: unknown[] = [];
    app.silent = true;
    app.on('error', (error: unknown) => errors.push(error));
    const router = new Router();
    router.get('/me', verifyXmppToken({ xmppToken, ...options }), (ctx) => {
      ctx.body = {
        jid: ctx.state.xmpp?.jid ?? null,
        rejected: ctx.state.xmppError?.reason ?? null,
      };
    });
    app.use(router.routes()).use(router.allowedMethods());
    return { server: app.callback(), errors };
  }

  const signedHeader = (user = 'alice') => authorization(user, xmppToken.mint(user).token);

  it('sets ctx.state.xmpp for a valid token', async () => {
    const { server } = appWith();
    const response = await request(server).get('/me').set('Authorization', signedHeader('Alice'));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ jid: 'alice@example.com', rejected: null });
  });

  it('exposes expiresAt on the identity', async () => {
    const app = new Koa();
    app.use(verifyXmppToken({ xmppToken })).use((ctx) => {
      ctx.body = { expiresAt: ctx.state.xmpp?.expiresAt.toISOString() };
    });
    const { token, expiresAt } = xmppToken.mint('alice');
    const response = await request(app.callback())
      .get('/')
      .set('Authorization', authorization('alice', token));
    expect(response.body).toEqual({ expiresAt: expiresAt.toISOString() });
  });

  // Each case returns the Authorization header (or none) that must fail for `reason`.
  const failures: [RejectionReason, () => string | undefined][] = [
    ['credentials_required', () => undefined],
    ['malformed', () => authorization('alice', '12345678 not-a-token')],
    ['bad_jid', () => authorization('al/ice', xmppToken.mint('alice').token)],
    ['bad_signature', () => authorization('alice', xmppToken.mint('bob').token)],
    [
      'expired',
      () => {
        const header = signedHeader();
        clock.set(clock.now() + 5 * MINUTE);
        return header;
      },
    ],
    [
      'not_yet_valid',
      () => {
        const header = signedHeader();
        clock.set(clock.now() - 5 * MINUTE);
        return header;
      },
    ],
  ];

  describe.each(failures)('rejects %s', (reason, header) => {
    const get = async (options: Partial<VerifyXmppTokenOptions>) => {
      const { server } = appWith(options);
      const value = header();
      const test = request(server).get('/me');
      return value === undefined ? test : test.set('Authorization', value);
    };

    it('with 401, WWW-Authenticate and a generic message', async () => {
      const response = await get({});
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toBe(
        reason === 'credentials_required' ? 'X-TOKEN realm="xmpp"' : CHALLENGE,
      );
      expect(response.text).toBe(GENERIC);
    });

    it('with the reason in the message when debug is on', async () => {
      const response = await get({ debug: true });
      expect(response.status).toBe(401);
      expect(response.text).toBe(`${GENERIC} (${reason})`);
    });

    it('recorded on ctx.state.xmppError with passthrough', async () => {
      const response = await get({ passthrough: true });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ jid: null, rejected: reason });
    });
  });

  it('rejects a replayed token on the second request', async () => {
    const { server } = appWith({ debug: true });
    const header = signedHeader();
    const first = await request(server).get('/me').set('Authorization', header);
    const second = await request(server).get('/me').set('Authorization', header);
    expect(first.status).toBe(200);
    expect(second.status).toBe(401);
    expect(second.headers['www-authenticate']).toBe(CHALLENGE);
    expect(second.text).toBe(`${GENERIC} (replayed)`);
  });

  describe('when the replay store fails', () => {
    const failingStore: ReplayStore = {
      remember: () => {
        throw new Error('store down');
      },
    };
    const broken = makeXmppToken({ replayStore: failingStore });
    const header = () => authorization('alice', broken.mint('alice').token);

    it.each([{}, { passthrough: true }, { credentialsRequired: false }])(
      'answers 500, never an accept (%o)',
      async (options) => {
        const { server, errors } = appWith({ ...options, xmppToken: broken, debug: true });
        const response = await request(server).get('/me').set('Authorization', header());
        expect(response.status).toBe(500);
        expect(response.text).toBe('Internal Server Error');
        expect(response.headers['www-authenticate']).toBeUndefined();
        expect(errors).toHaveLength(1);
        expect(errors[0]).toMatchObject({ reason: 'store_failure', status: 500 });
        expect(isXmppTokenError(errors[0], 'ERR_XMPP_TOKEN_STORE')).toBe(true);
      },
    );
  });

  it('throws a Koa HttpError an upstream handler can render as JSON', async () => {
    const app = new Koa();
    app.use(async (ctx, next) => {
      await next().catch((error: unknown) => {
        const { status, expose, reason, originalError } = error as Record<string, unknown>;
        expect(isXmppTokenError(originalError, 'ERR_XMPP_TOKEN_REJECTED')).toBe(true);
        ctx.status = status as number;
        ctx.body = { expose, reason };
      });
    });
    app.use(verifyXmppToken({ xmppToken })).use((ctx) => void (ctx.body = 'unreachable'));
    const response = await request(app.callback())
      .get('/')
      .set('Authorization', authorization('alice', 'not-a-token'));
    expect(response.status).toBe(401);
    expect(response.body).toEqual({ expose: true, reason: 'malformed' });
  });

  it('lets anonymous requests through with credentialsRequired: false', async () => {
    const { server } = appWith({ credentialsRequired: false });
    const anonymous = await request(server).get('/me');
    const forged = await request(server)
      .get('/me')
      .set('Authorization', authorization('alice', xmppToken.mint('bob').token));
    expect(anonymous.status).toBe(200);
    expect(anonymous.body).toEqual({ jid: null, rejected: null });
    expect(forged.status).toBe(401);
  });

  it('quotes a custom realm in the challenge', async () => {
    const { server } = appWith({ realm: 'chat "x"' });
    const response = await request(server).get('/me');
    expect(response.headers['www-authenticate']).toBe('X-TOKEN realm="chat \\"x\\""');
  });

  it('passes a CORS preflight untouched, but not a plain OPTIONS', async () => {
    const app = new Koa();
    app.use(verifyXmppToken({ xmppToken })).use((ctx) => void (ctx.status = 204));
    const server = app.callback();
    const preflight = await request(server)
      .options('/me')
      .set('Origin', 'https://chat.example.com')
      .set('Access-Control-Request-Method', 'GET');
    const plain = await request(server).options('/me');
    expect(preflight.status).toBe(204);
    expect(plain.status).toBe(401);
  });

  it("reads what earlier middleware set through Koa's setters (ctx.method, ctx.request.headers)", async () => {
    const app = new Koa();
    const token = signedHeader();
    app
      .use((ctx, next) => {
        // A method override, and headers replaced wholesale, as a proxy-header middleware may do.
        if (ctx.query.override === 'preflight') {
          ctx.method = 'OPTIONS';
          ctx.request.headers = { ...ctx.request.headers, 'access-control-request-method': 'GET' };
        } else {
          ctx.request.headers = { ...ctx.request.headers, authorization: token };
        }
        return next();
      })
      .use(verifyXmppToken({ xmppToken }))
      .use((ctx) => {
        ctx.body = { jid: ctx.state.xmpp?.jid ?? null };
      });
    const server = app.callback();
    await request(server).get('/?override=preflight').expect(200, { jid: null });
    await request(server).get('/').expect(200, { jid: 'alice@example.com' });
  });

  it('rethrows an extractor error (500), never an accept', async () => {
    const failure = new Error('extractor broke');
    const { server, errors } = appWith({
      extract: () => {
        throw failure;
      },
    });
    const response = await request(server).get('/me').set('Authorization', signedHeader());
    expect(response.status).toBe(500);
    expect(errors).toEqual([failure]);
  });

  it.each([{}, undefined])('refuses to build without xmppToken: ConfigurationError', (options) => {
    const build = () => verifyXmppToken(options as unknown as VerifyXmppTokenOptions);
    expect(build).toThrow(ConfigurationError);
    expect(build).toThrow(/xmppToken is required/);
  });

  it('refuses a token for a domain not served, signed with this very secret: foreign_domain', async () => {
    const { server } = appWith({ debug: true });
    const foreign = makeXmppToken({ domain: 'other.org', clock: clock.now }).mint('bob');
    const response = await request(server)
      .get('/me')
      .set('Authorization', authorization(foreign.jid, foreign.token));
    expect(response.status).toBe(401);
    expect(response.headers['www-authenticate']).toBe(CHALLENGE);
    expect(response.text).toBe(`${GENERIC} (foreign_domain)`);
  });
});
