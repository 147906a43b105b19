import type { MintedToken } from '@xmpp-token/core';
import { issueXmppToken, type IssueXmppTokenOptions } from '@xmpp-token/hono';
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

describe('issueXmppToken on Hono (@hono/node-server)', () => {
  function tokenApp(options: IssueXmppTokenOptions) {
    const base = sessionApp();
    const errors = recordErrors(base);
    const app = base.use(issueXmppToken(options)); // the same app, typed with c.get('xmppToken')
    app.get('/token', (c) => {
      const minted = c.get('xmppToken');
      return c.json(minted === undefined ? { anonymous: true } : { ...minted });
    });
    app.get('/plain', (c) => c.text('no token read'));
    app.get('/twice', (c) => {
      const { token } = c.get('xmppToken') ?? {};
      return c.json({ same: token === c.var.xmppToken?.token, jid: c.var.xmppToken?.jid });
    });
    return { server: nodeServer(app), errors };
  }

  it('mints for the signed-in user, only when a route reads c.get("xmppToken")', async () => {
    const { xmppToken, mint } = countingToken();
    const { server } = tokenApp({ xmppToken, identity: sessionUser });
    const cookie = await sessionCookie('Alice');

    await request(server).get('/plain').set('Cookie', cookie).expect(200, 'no token read');
    expect(mint).not.toHaveBeenCalled();

    const { body } = await request(server).get('/token').set('Cookie', cookie).expect(200);
    expect(mint).toHaveBeenCalledTimes(1);
    expect(body.jid).toBe('alice@example.test');
    expect(body.expiresAt).toEqual(expect.any(String));
    await expect(xmppToken.verify('alice', body.token)).resolves.toMatchObject({ ok: true });
  });

  it('mints once per request, through c.get and c.var alike', async () => {
    const { xmppToken, mint } = countingToken();
    const { server } = tokenApp({ xmppToken, identity: async () => ({ username: 'bob' }) });
    await request(server).get('/twice').expect(200, { same: true, jid: 'bob@example.test' });
    expect(mint).toHaveBeenCalledTimes(1);
  });

  it('leaves anonymous requests without a token and mints nothing', async () => {
    const { xmppToken, mint } = countingToken();
    const { server } = tokenApp({ xmppToken, identity: sessionUser });
    await request(server).get('/token').expect(200, { anonymous: true });
    expect(mint).not.toHaveBeenCalled();
  });

  it('sends an identity function error, or an unusable identity, to onError', async () => {
    for (const identity of [() => Promise.reject(new Error('db down')), () => 'no body@x@y']) {
      const { server, errors } = tokenApp({ xmppToken: createTestToken(), identity });
      await request(server).get('/plain').expect(500);
      expect(errors).toHaveLength(1);
    }
    const { server, errors } = tokenApp({
      xmppToken: createTestToken(),
      identity: () => 'no body@x@y',
    });
    await request(server).get('/plain').expect(500);
    expect(errors).toMatchObject([{ code: 'ERR_XMPP_TOKEN_INVALID_JID' }]);
  });

  it('gives a frozen token whose fields read like a plain MintedToken', () => {
    let seen: MintedToken | undefined;
    const app = sessionApp().use(
      issueXmppToken({ xmppToken: createTestToken(), identity: () => 'carol' }),
    );
    app.get('/', (c) => {
      seen = c.get('xmppToken');
      return c.body(null, 204);
    });
    return request(nodeServer(app))
      .get('/')
      .expect(204)
      .then(() => {
        expect(Object.isFrozen(seen)).toBe(true);
        expect(Object.keys(seen ?? {})).toEqual(['jid', 'token', 'expiresAt']);
        expect(seen?.expiresAt).toBeInstanceOf(Date);
      });
  });

  it('throws at construction without xmppToken or identity', () => {
    expect(() =>
      issueXmppToken({ identity: () => 'a' } as unknown as IssueXmppTokenOptions),
    ).toThrow(/xmppToken is required/);
    expect(() => issueXmppToken({ xmppToken: createTestToken() } as IssueXmppTokenOptions)).toThrow(
      /identity is required/,
    );
  });
});
