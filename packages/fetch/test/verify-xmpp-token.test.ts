import { encodeSaslResponse } from '@xmpp-token/core';
import {
  fromBody,
  fromCookie,
  fromHeader,
  isXmppTokenError,
  verifyXmppToken,
  type VerifyXmppTokenOptions,
} from '@xmpp-token/fetch';
import { describe, expect, it } from 'vitest';
import {
  CHALLENGE,
  clockedToken,
  createTestToken,
  FAILING_STORES,
  GARBAGE_HEADERS,
  GENERIC,
  header,
  REFUSALS,
} from '../../core/test/support/adapter-matrix.js';

const URL = 'https://app.example/api';

/** Node 20's own `Request`, as a route handler on any fetch runtime receives it. */
const requestWith = (headers: Record<string, string> = {}, init: RequestInit = {}) =>
  new Request(URL, { ...init, headers });

const authorized = (authorization: string) => requestWith({ authorization });

describe('verifyXmppToken on the fetch API', () => {
  it('resolves the identity of a valid token', async () => {
    const { xmppToken, mintAt } = clockedToken();
    const minted = mintAt(0);
    const result = await verifyXmppToken({ xmppToken })(authorized(header('Alice', minted.token)));
    expect(result).toEqual({
      ok: true,
      identity: { jid: 'alice@example.test', expiresAt: minted.expiresAt },
    });
  });

  it.each(REFUSALS)(
    'answers a ready 401 Response with a challenge for %s',
    async (reason, make) => {
      const { xmppToken, mintAt } = clockedToken();
      const request = () => authorized(make(mintAt));
      const result = await verifyXmppToken({ xmppToken })(request());
      if (result.ok) throw new Error('accepted');
      expect(result.error).toMatchObject({ reason, status: 401, code: 'ERR_XMPP_TOKEN_REJECTED' });
      expect(result.response.status).toBe(401);
      expect(result.response.headers.get('www-authenticate')).toBe(CHALLENGE);
      expect(result.response.headers.get('content-type')).toMatch(/^application\/json/);
      await expect(result.response.json()).resolves.toEqual({
        error: 'invalid_token',
        message: GENERIC,
      });

      const debug = await verifyXmppToken({ xmppToken, debug: true })(request());
      await expect(debug.ok ? undefined : debug.response.json()).resolves.toMatchObject({ reason });
    },
  );

  it('refuses the second use of a token as replayed', async () => {
    const { xmppToken, mintAt } = clockedToken();
    const verify = verifyXmppToken({ xmppToken, debug: true });
    const value = header('alice', mintAt(0).token);
    expect((await verify(authorized(value))).ok).toBe(true);
    const second = await verify(authorized(value));
    expect(second).toMatchObject({ ok: false, error: { reason: 'replayed' } });
  });

  it.each(GARBAGE_HEADERS)('answers malformed for the garbage header %#', async (value) => {
    const result = await verifyXmppToken({ xmppToken: createTestToken() })(authorized(value));
    expect(result).toMatchObject({ ok: false, error: { reason: 'malformed', status: 401 } });
  });

  it('answers credentials_required, with a bare quoted challenge, when no X-TOKEN is sent', async () => {
    const verify = verifyXmppToken({ xmppToken: createTestToken(), realm: 'chat "one"' });
    for (const request of [requestWith(), authorized('Bearer abc.def.ghi')]) {
      const result = await verify(request);
      if (result.ok) throw new Error('accepted');
      expect(result.error.reason).toBe('credentials_required');
      expect(result.response.headers.get('www-authenticate')).toBe(
        'X-TOKEN realm="chat \\"one\\""',
      );
    }
  });

  it('credentialsRequired: false passes anonymous requests but still refuses bad tokens', async () => {
    const { xmppToken, mintAt } = clockedToken();
    const verify = verifyXmppToken({ xmppToken, credentialsRequired: false });
    await expect(verify(requestWith())).resolves.toEqual({ ok: true, identity: undefined });
    const forged = await verify(authorized(header('bob', mintAt(0).token)));
    expect(forged).toMatchObject({ ok: false, error: { reason: 'bad_signature' } });
    const garbage = await verify(authorized('X-TOKEN !!!'));
    expect(garbage).toMatchObject({ ok: false, error: { reason: 'malformed' } });
  });

  it.each(FAILING_STORES)(
    'answers 500, never an accept, when the store %s',
    async (_, remember) => {
      const { xmppToken, mintAt } = clockedToken({ remember });
      for (const credentialsRequired of [true, false]) {
        const verify = verifyXmppToken({ xmppToken, credentialsRequired });
        const result = await verify(authorized(header('alice', mintAt(0).token)));
        if (result.ok) throw new Error('accepted');
        expect(isXmppTokenError(result.error, 'ERR_XMPP_TOKEN_STORE')).toBe(true);
        expect(result.error.cause).toMatchObject({ message: 'redis down' });
        expect(result.response.status).toBe(500);
        expect(result.response.headers.get('www-authenticate')).toBeNull();
        await expect(result.response.json()).resolves.toMatchObject({ error: 'server_error' });
      }
    },
  );

  it('lets a CORS preflight pass, but not a plain OPTIONS', async () => {
    const verify = verifyXmppToken({ xmppToken: createTestToken() });
    const preflight = requestWith(
      { origin: 'https://chat.example', 'access-control-request-method': 'GET' },
      { method: 'OPTIONS' },
    );
    await expect(verify(preflight)).resolves.toEqual({ ok: true, identity: undefined });
    const plain = await verify(requestWith({}, { method: 'OPTIONS' }));
    expect(plain).toMatchObject({ ok: false, error: { reason: 'credentials_required' } });
  });

  describe('token locations', () => {
    const setup = (options: Omit<VerifyXmppTokenOptions, 'xmppToken'>) => {
      const xmppToken = createTestToken();
      const sasl = (user: string) =>
        encodeSaslResponse({ authcid: user, token: xmppToken.mint(user).token });
      return { verify: verifyXmppToken({ xmppToken, ...options }), xmppToken, sasl };
    };

    it('reads a custom header', async () => {
      const { verify, sasl } = setup({ extract: fromHeader('X-XMPP-Token') });
      const result = await verify(requestWith({ 'x-xmpp-token': sasl('carol') }));
      expect(result).toMatchObject({ ok: true, identity: { jid: 'carol@example.test' } });
    });

    it('reads a cookie from the Cookie header: plain, quoted or percent-encoded', async () => {
      const { verify, sasl } = setup({ extract: fromCookie('xmpp') });
      const values = [
        (v: string) => v,
        (v: string) => `"${v}"`,
        (v: string) => encodeURIComponent(v),
      ];
      for (const form of values) {
        const cookie = `theme=dark; xmpp=${form(sasl('dave'))}; other=1`;
        const result = await verify(requestWith({ cookie }));
        expect(result).toMatchObject({ ok: true, identity: { jid: 'dave@example.test' } });
      }
      const missing = await verify(requestWith({ cookie: 'xmpp2=x; theme=dark' }));
      expect(missing).toMatchObject({ ok: false, error: { reason: 'credentials_required' } });
      const broken = await verify(requestWith({ cookie: 'xmpp=%E0%A4%A' }));
      expect(broken).toMatchObject({ ok: false, error: { reason: 'malformed' } });
    });

    it('finds no parsed body (a stream), but a custom extractor may read a clone', async () => {
      const { verify, xmppToken } = setup({ extract: fromBody() });
      const body = JSON.stringify(xmppToken.mint('erin'));
      const post = () =>
        requestWith({ 'content-type': 'application/json' }, { method: 'POST', body });
      expect(await verify(post())).toMatchObject({
        ok: false,
        error: { reason: 'credentials_required' },
      });

      const { verify: fromJson } = setup({
        extract: async ({ raw }) => {
          const { jid, token } = (await raw.clone().json()) as { jid: string; token: string };
          return { user: jid, token };
        },
      });
      const request = post();
      expect(await fromJson(request)).toMatchObject({
        ok: true,
        identity: { jid: 'erin@example.test' },
      });
      await expect(request.json()).resolves.toMatchObject({ jid: 'erin@example.test' });
    });

    it('rejects when an extractor throws (the app fails the request)', async () => {
      const { verify } = setup({
        extract: () => {
          throw new Error('extractor bug');
        },
      });
      await expect(verify(requestWith())).rejects.toThrow('extractor bug');
    });
  });

  it('throws at construction without xmppToken', () => {
    expect(() => verifyXmppToken({} as VerifyXmppTokenOptions)).toThrow(/xmppToken is required/);
  });
});
