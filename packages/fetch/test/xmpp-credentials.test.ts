import { xmppCredentials, type XmppCredentialsOptions } from '@xmpp-token/fetch';
import { describe, expect, it } from 'vitest';
import { countingToken, createTestToken } from '../../core/test/support/adapter-matrix.js';

const URL = 'https://app.example/xmpp/credentials';

/** A route handler whose signed-in user is named by the request's `x-user` header. */
const byHeader = (request: Request) => request.headers.get('x-user');

describe('xmppCredentials on the fetch API', () => {
  it('answers { jid, password } for the signed-in user, never cached, not cross-site', async () => {
    const xmppToken = createTestToken();
    const handler = xmppCredentials({ xmppToken, identity: byHeader });
    const response = await handler(
      new Request(URL, { headers: { 'x-user': 'alice', origin: 'https://evil.example' } }),
    );
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'no-store',
      pragma: 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const body = (await response.json()) as { jid: string; password: string };
    expect(Object.keys(body).sort()).toEqual(['jid', 'password']);
    expect(body.jid).toBe('alice@example.test');
    await expect(xmppToken.verify(body.jid, body.password)).resolves.toMatchObject({ ok: true });
  });

  it('mints a fresh token on every call, from an async identity', async () => {
    const handler = xmppCredentials({
      xmppToken: createTestToken(),
      identity: async () => ({ username: 'bob' }),
    });
    const first = (await (await handler(new Request(URL))).json()) as { password: string };
    const second = (await (await handler(new Request(URL))).json()) as { password: string };
    expect(first.password).not.toBe(second.password);
  });

  it('answers 401 JSON, never cached, minting nothing, when nobody is signed in', async () => {
    const { xmppToken, mint } = countingToken();
    const response = await xmppCredentials({ xmppToken, identity: byHeader })(new Request(URL));
    expect(response.status).toBe(401);
    expect(response.headers.get('cache-control')).toBe('no-store');
    await expect(response.json()).resolves.toEqual({
      error: 'unauthorized',
      message: expect.any(String),
    });
    expect(mint).not.toHaveBeenCalled();
  });

  it('answers HEAD with the headers and no body, other methods with an empty 405', async () => {
    const { xmppToken, mint } = countingToken();
    const handler = xmppCredentials({ xmppToken, identity: () => 'carol' });
    const head = await handler(new Request(URL, { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(head.headers.get('cache-control')).toBe('no-store');
    expect(head.body).toBeNull();
    const post = await handler(new Request(URL, { method: 'POST' }));
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    await expect(post.text()).resolves.toBe('');
    expect(mint).toHaveBeenCalledTimes(1);
  });

  it('rejects when the identity function throws or names a JID Prosody refuses', async () => {
    const failing = xmppCredentials({
      xmppToken: createTestToken(),
      identity: () => Promise.reject(new Error('db down')),
    });
    await expect(failing(new Request(URL))).rejects.toThrow('db down');
    const invalid = xmppCredentials({
      xmppToken: createTestToken(),
      identity: () => 'no body@x@y',
    });
    await expect(invalid(new Request(URL))).rejects.toMatchObject({
      code: 'ERR_XMPP_TOKEN_INVALID_JID',
    });
  });

  it('throws at construction without xmppToken or identity', () => {
    expect(() =>
      xmppCredentials({ identity: byHeader } as unknown as XmppCredentialsOptions),
    ).toThrow(/xmppToken is required/);
    expect(() =>
      xmppCredentials({ xmppToken: createTestToken() } as XmppCredentialsOptions),
    ).toThrow(/identity is required/);
  });
});
