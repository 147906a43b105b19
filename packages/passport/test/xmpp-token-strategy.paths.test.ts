import type { ReplayStore } from '@xmpp-token/core';
import {
  XmppTokenStrategy,
  type CredentialsExtractor,
  type VerifyFunction,
} from '@xmpp-token/passport';
import type { Request } from 'express';
import request from 'supertest';
import { describe, expect, it, vi } from 'vitest';
import {
  FAILING_EXTRACTORS,
  FAILING_STORES,
  PATHS,
} from '../../core/test/support/adapter-matrix.js';
import {
  USERS,
  appWith,
  authorization,
  createPassport,
  fixture,
  type TestUser,
} from './support.js';

const atOnce: VerifyFunction<TestUser> = (jid, done) => done(null, USERS.get(jid) ?? false);
const later: VerifyFunction<TestUser> = (jid, done) => {
  setTimeout(() => done(null, USERS.get(jid) ?? false), 1);
};
const promised: VerifyFunction<TestUser> = async (jid) => USERS.get(jid) ?? false;

function strategyWith(
  verify: VerifyFunction<TestUser>,
  replayStore?: ReplayStore,
  extract?: CredentialsExtractor<Request>,
) {
  const { xmppToken } = fixture(replayStore && { replayStore });
  const strategy = new XmppTokenStrategy<TestUser>(
    { xmppToken, ...(extract && { extract }) },
    verify,
  );
  return { xmppToken, strategy };
}

// The strategy ends synchronously when the extractor, the replay store and the app's verify
// function all answer at once (the defaults and a callback that calls `done`), and after a
// promise otherwise; every way must end the same.
describe.each(PATHS)('XmppTokenStrategy, $name', ({ synchronous, replayStore, extract }) => {
  it('authenticates through Passport once, then refuses the replay', async () => {
    const { xmppToken, strategy } = strategyWith(atOnce, replayStore?.(), extract);
    const passport = createPassport();
    passport.use(strategy);
    const app = appWith(passport.authenticate('xmpp-token', { session: false }));
    const value = authorization(xmppToken);
    const accepted = await request(app).get('/me').set('Authorization', value);
    expect(accepted.status).toBe(200);
    expect(accepted.body.user).toEqual({ id: 1, jid: 'alice@example.com' });
    await request(app).get('/me').set('Authorization', value).expect(401);
  });

  it.each([
    ['a verify that calls done at once', atOnce, synchronous],
    ['a verify that calls done later', later, false],
    ['a promise-returning verify', promised, false],
  ])(
    `with %s: success ${synchronous ? 'before returning only then' : 'after a promise'}`,
    async (_, verify, immediate) => {
      const { xmppToken, strategy } = strategyWith(verify, replayStore?.(), extract);
      // What Passport does for each request: a derived object given success, fail and error.
      const run = Object.assign(Object.create(strategy) as XmppTokenStrategy<TestUser>, {
        success: vi.fn(),
        fail: vi.fn(),
        error: vi.fn(),
      });
      const req = { headers: { authorization: authorization(xmppToken) } } as Request;
      run.authenticate(req);
      expect(run.success).toHaveBeenCalledTimes(immediate ? 1 : 0);
      await vi.waitFor(() => expect(run.success).toHaveBeenCalledTimes(1));
      expect(run.success).toHaveBeenCalledWith(
        { id: 1, jid: 'alice@example.com' },
        expect.objectContaining({ jid: 'alice@example.com' }),
      );
      expect(run.fail).not.toHaveBeenCalled();
      expect(run.error).not.toHaveBeenCalled();
    },
  );

  it.each(FAILING_STORES)(
    'errors (500) when the store %s, never a success',
    async (_, remember) => {
      const { xmppToken, strategy } = strategyWith(atOnce, { remember }, extract);
      const passport = createPassport();
      passport.use(strategy);
      const app = appWith(passport.authenticate('xmpp-token', { session: false }));
      await request(app).get('/me').set('Authorization', authorization(xmppToken)).expect(500);
    },
  );
});

describe.each(FAILING_EXTRACTORS)('XmppTokenStrategy with an extractor that %s', (_, extract) => {
  it('errors, never a success or a fail', async () => {
    const { xmppToken, strategy } = strategyWith(atOnce, undefined, extract);
    const run = Object.assign(Object.create(strategy) as XmppTokenStrategy<TestUser>, {
      success: vi.fn(),
      fail: vi.fn(),
      error: vi.fn(),
    });
    run.authenticate({ headers: { authorization: authorization(xmppToken) } } as Request);
    await vi.waitFor(() => expect(run.error).toHaveBeenCalledTimes(1));
    expect(run.error).toHaveBeenCalledWith(expect.objectContaining({ message: 'no body parser' }));
    expect(run.success).not.toHaveBeenCalled();
    expect(run.fail).not.toHaveBeenCalled();
  });
});
