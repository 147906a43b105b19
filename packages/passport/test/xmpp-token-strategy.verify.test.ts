import { XmppTokenStrategy, type VerifyFunction } from '@xmpp-token/passport';
import type { Request } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import {
  USERS,
  appWith,
  authorization,
  createPassport,
  fixture,
  type TestUser,
} from './support.js';

async function get(verify: VerifyFunction<TestUser>) {
  const { xmppToken } = fixture();
  const passport = createPassport();
  passport.use(new XmppTokenStrategy<TestUser>({ xmppToken }, verify));
  const app = appWith(passport.authenticate('xmpp-token', { session: false }));
  return request(app).get('/me').set('Authorization', authorization(xmppToken));
}

const ALICE = USERS.get('alice@example.com');

describe('XmppTokenStrategy verify functions', () => {
  it('takes the user from a callback-style verify', async () => {
    const res = await get((jid, done) => done(null, USERS.get(jid)));
    expect(res.status).toBe(200);
    expect(res.body.user).toEqual(ALICE);
  });

  it('takes the user from an async verify', async () => {
    const res = await get(async (jid) => USERS.get(jid));
    expect(res.status).toBe(200);
    expect(res.body.user).toEqual(ALICE);
  });

  it('takes the user from an async verify that calls done', async () => {
    const res = await get(async (jid, done) => {
      await Promise.resolve();
      done(null, USERS.get(jid));
    });
    expect(res.status).toBe(200);
    expect(res.body.user).toEqual(ALICE);
  });

  it('merges the info given to done into authInfo, keeping the verified JID', async () => {
    const res = await get((jid, done) => done(null, USERS.get(jid), { scope: 'chat', jid: 'x' }));
    expect(res.body.authInfo).toMatchObject({ scope: 'chat', jid: 'alice@example.com' });
  });

  it.each([
    ['done(null, false)', ((_jid, done) => done(null, false)) satisfies VerifyFunction<TestUser>],
    ['done(null, null)', ((_jid, done) => done(null, null)) satisfies VerifyFunction<TestUser>],
    ['async false', (async (): Promise<false> => false) satisfies VerifyFunction<TestUser>],
    ['async undefined', (async () => undefined) satisfies VerifyFunction<TestUser>],
  ])('fails with 401 and a challenge for %s', async (_name, verify) => {
    const res = await get(verify);
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('X-TOKEN realm="xmpp", error="invalid_token"');
  });

  it.each([
    [
      'done(error)',
      ((_jid, done) => done(new Error('db down'))) satisfies VerifyFunction<TestUser>,
    ],
    [
      'a rejection',
      (async () => Promise.reject(new Error('db down'))) satisfies VerifyFunction<TestUser>,
    ],
    [
      'a synchronous throw',
      (() => {
        throw new Error('db down');
      }) satisfies VerifyFunction<TestUser>,
    ],
  ])('answers 500 for %s, never success', async (_name, verify) => {
    const res = await get(verify);
    expect(res.status).toBe(500);
    expect(res.headers['www-authenticate']).toBeUndefined();
  });

  it('passes the request first with passReqToCallback', async () => {
    const { xmppToken } = fixture();
    const passport = createPassport();
    const seen: string[] = [];
    passport.use(
      new XmppTokenStrategy<TestUser>(
        { xmppToken, passReqToCallback: true },
        async (req: Request, jid) => {
          seen.push(`${req.method} ${req.path} ${jid}`);
          return USERS.get(jid);
        },
      ),
    );
    const app = appWith(passport.authenticate('xmpp-token', { session: false }));
    const res = await request(app).get('/me').set('Authorization', authorization(xmppToken));
    expect(res.status).toBe(200);
    expect(seen).toEqual(['GET /me alice@example.com']);
  });

  it('passes the request to a callback-style verify too', async () => {
    const { xmppToken } = fixture();
    const passport = createPassport();
    passport.use(
      new XmppTokenStrategy<TestUser>({ xmppToken, passReqToCallback: true }, (req, jid, done) =>
        done(null, req.get('x-tenant') === 'acme' ? USERS.get(jid) : false),
      ),
    );
    const app = appWith(passport.authenticate('xmpp-token', { session: false }));
    const ok = await request(app)
      .get('/me')
      .set('Authorization', authorization(xmppToken))
      .set('X-Tenant', 'acme');
    expect(ok.status).toBe(200);
    const other = await request(app).get('/me').set('Authorization', authorization(xmppToken));
    expect(other.status).toBe(401);
  });

  it('calls verify only for a verified token', async () => {
    let calls = 0;
    const { xmppToken } = fixture();
    const passport = createPassport();
    passport.use(new XmppTokenStrategy({ xmppToken }, async () => (calls += 1) > 0 && ALICE));
    const app = appWith(passport.authenticate('xmpp-token', { session: false }));
    expect(
      (await request(app).get('/me').set('Authorization', 'X-TOKEN AGFsaWNlAHg=')).status,
    ).toBe(401);
    expect(calls).toBe(0);
  });
});
