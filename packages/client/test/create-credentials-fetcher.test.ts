import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client } from '@xmpp/client';
import { createXmppToken, generateKeys, type XmppToken } from '@xmpp-token/core';
import { xmppCredentials } from '@xmpp-token/express';
import {
  createCredentialsFetcher,
  isXmppTokenClientError,
  registerXmppJsXToken,
  xmppJsCredentials,
  type FetchLike,
} from '@xmpp-token/client';
import { startFakeEndpoint } from './helpers/fake-endpoint.js';

const DOMAIN = 'example.test';
let xmppToken: XmppToken;
let server: Server;
let base: string;

/** Node's fetch with the "browser's" session cookie, recording what the fetcher asked for. */
function browserFetch(
  cookie: string | undefined,
  seen: Parameters<FetchLike>[1][] = [],
): FetchLike {
  return (url, init) => {
    seen.push(init);
    const headers = cookie === undefined ? init.headers : { ...init.headers, cookie };
    return fetch(new URL(url, base), { ...init, headers });
  };
}

beforeAll(async () => {
  xmppToken = createXmppToken({ ...generateKeys(), domain: DOMAIN });
  const app = express();
  // Stands in for express-session: the cookie names the signed-in user.
  app.use((req, _res, next) => {
    const user = /(?:^|; )user=(\w+)/.exec(req.headers.cookie ?? '')?.[1];
    if (user !== undefined) Object.assign(req, { session: { user } });
    next();
  });
  app.get('/xmpp/credentials', xmppCredentials({ xmppToken }));
  app.get('/not-json', (_req, res) => void res.type('text/plain').send('hello'));
  app.get('/no-password', (_req, res) => void res.json({ jid: `alice@${DOMAIN}`, password: '' }));
  app.get('/bad-jid', (_req, res) => void res.json({ jid: 'alice', password: 'secret-token' }));
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('createCredentialsFetcher against @xmpp-token/express xmppCredentials', () => {
  it('GETs same-origin, uncached JSON and returns a token that core verifies', async () => {
    const seen: Parameters<FetchLike>[1][] = [];
    const fetchCredentials = createCredentialsFetcher({
      url: '/xmpp/credentials',
      fetch: browserFetch('user=alice', seen),
    });
    const { jid, password } = await fetchCredentials();
    expect(jid).toBe(`alice@${DOMAIN}`);
    expect(await xmppToken.verify(jid, password)).toMatchObject({ ok: true, jid });
    expect(seen).toEqual([
      {
        method: 'GET',
        credentials: 'same-origin',
        cache: 'no-store',
        headers: { Accept: 'application/json' },
      },
    ]);
  });

  it('returns a fresh token on every call', async () => {
    const fetchCredentials = createCredentialsFetcher({
      url: '/xmpp/credentials',
      fetch: browserFetch('user=alice'),
    });
    const first = await fetchCredentials();
    const second = await fetchCredentials();
    expect(second.password).not.toBe(first.password);
    expect(await xmppToken.verify(second.jid, second.password)).toMatchObject({ ok: true });
  });

  it('rejects with status 401 when nobody is signed in', async () => {
    const fetchCredentials = createCredentialsFetcher({
      url: '/xmpp/credentials',
      fetch: browserFetch(undefined),
    });
    await expect(fetchCredentials()).rejects.toMatchObject({
      code: 'ERR_XMPP_TOKEN_CREDENTIALS',
      status: 401,
    });
  });

  it.each(['/not-json', '/no-password', '/bad-jid', '/missing'])(
    'rejects the answer of %s',
    async (path) => {
      const fetchCredentials = createCredentialsFetcher({
        url: path,
        fetch: browserFetch('user=alice'),
      });
      const error: unknown = await fetchCredentials().catch((e: unknown) => e);
      expect(isXmppTokenClientError(error, 'ERR_XMPP_TOKEN_CREDENTIALS')).toBe(true);
      expect(String((error as Error).message)).not.toContain('secret-token');
    },
  );

  it('rejects a network failure with the cause attached', async () => {
    const failing: FetchLike = () => Promise.reject(new TypeError('fetch failed'));
    const error = await createCredentialsFetcher({ url: '/x', fetch: failing })().catch(
      (e: unknown) => e,
    );
    expect(isXmppTokenClientError(error, 'ERR_XMPP_TOKEN_CREDENTIALS')).toBe(true);
    expect((error as Error).cause).toBeInstanceOf(TypeError);
  });

  it('needs a url', () => {
    expect(() => createCredentialsFetcher({ url: '' })).toThrow(
      expect.objectContaining({ code: 'ERR_XMPP_TOKEN_CONFIG' }),
    );
  });

  it('feeds xmpp.js a fresh token for each connection, which the server accepts', async () => {
    (globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;
    const endpoint = await startFakeEndpoint(xmppToken);
    const fetchCredentials = createCredentialsFetcher({
      url: '/xmpp/credentials',
      fetch: browserFetch('user=alice'),
    });
    try {
      for (let connection = 0; connection < 2; connection += 1) {
        const xmpp = client({
          service: endpoint.url,
          domain: DOMAIN,
          credentials: xmppJsCredentials(fetchCredentials),
        });
        registerXmppJsXToken(xmpp.saslFactory);
        await xmpp.start().finally(() => xmpp.stop());
      }
    } finally {
      await endpoint.close();
    }
    expect(endpoint.auths.map((auth) => auth.result)).toMatchObject([
      { ok: true, jid: `alice@${DOMAIN}` },
      { ok: true, jid: `alice@${DOMAIN}` },
    ]);
  });

  it('a 401 while xmpp.js reconnects stops the client: no reconnect, no other request', async () => {
    (globalThis as { WebSocket?: unknown }).WebSocket ??= WebSocket;
    const endpoint = await startFakeEndpoint(xmppToken);
    let cookie: string | undefined = 'user=alice';
    const statuses: number[] = [];
    const fetchCredentials = createCredentialsFetcher({
      url: '/xmpp/credentials',
      fetch: async (url, init) => {
        const response = await browserFetch(cookie)(url, init);
        statuses.push(response.status);
        return response;
      },
    });
    const xmpp = client({
      service: endpoint.url,
      domain: DOMAIN,
      credentials: xmppJsCredentials(fetchCredentials),
    });
    registerXmppJsXToken(xmpp.saslFactory);
    const errors: unknown[] = [];
    xmpp.on('error', (error) => errors.push(error));
    try {
      await xmpp.start();
      cookie = undefined; // the web session ends (logout elsewhere, or expiry)
      await xmpp.disconnect(); // then the connection drops: @xmpp/reconnect tries again in 1 s
      await expect.poll(() => errors.length, { timeout: 10_000 }).toBe(1);
      expect(isXmppTokenClientError(errors[0], 'ERR_XMPP_TOKEN_CREDENTIALS')).toBe(true);
      expect(errors[0]).toMatchObject({ status: 401 });
      expect(xmpp.status).toBe('offline');
      // Well past @xmpp/reconnect's 1 s delay: nothing reconnected, nothing was fetched again.
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      expect(statuses).toEqual([200, 401]);
      expect(xmpp.status).toBe('offline');
      expect(endpoint.auths).toHaveLength(1);
    } finally {
      await xmpp.stop().catch(() => undefined);
      await endpoint.close();
    }
  });
});
