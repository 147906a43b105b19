import {
  ConfigurationError,
  encodeSaslResponse,
  formatAuthorizationHeader,
} from '@xmpp-token/core';
import { XmppTokenStrategy } from '@xmpp-token/passport';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import {
  OTHER_SECRET,
  USERS,
  appWith,
  authorization,
  createPassport,
  fixture,
  type TestUser,
} from './support.js';

const INVALID = 'X-TOKEN realm="xmpp", error="invalid_token"';

function setup(options: Parameters<typeof fixture>[0] = {}) {
  const { xmppToken, clock } = fixture(options);
  const passport = createPassport();
  passport.use(
    new XmppTokenStrategy<TestUser>({ xmppToken }, async (jid) => USERS.get(jid) ?? false),
  );
  const app = appWith(passport.authenticate('xmpp-token', { session: false }));
  return { app, xmppToken, clock };
}

describe('XmppTokenStrategy through Passport and Express', () => {
  it('authenticates a valid token and exposes the user and the verified JID', async () => {
    const { app, xmppToken, clock } = setup();
    const res = await request(app).get('/me').set('Authorization', authorization(xmppToken));
    expect(res.status).toBe(200);
    expect(res.body.user).toEqual({ id: 1, jid: 'alice@example.com' });
    expect(res.body.authInfo.jid).toBe('alice@example.com');
    expect(new Date(res.body.authInfo.expiresAt).getTime()).toBeGreaterThan(clock.now);
  });

  it('answers 401 with a bare challenge when no token is sent', async () => {
    const { app } = setup();
    const res = await request(app).get('/me');
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('X-TOKEN realm="xmpp"');
  });

  it('ignores other schemes, e.g. a Bearer token', async () => {
    const { app } = setup();
    const res = await request(app).get('/me').set('Authorization', 'Bearer abc');
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('X-TOKEN realm="xmpp"');
  });

  it('refuses a malformed token', async () => {
    const { app } = setup();
    const header = formatAuthorizationHeader({ authcid: 'alice', token: 'not a token' });
    const res = await request(app).get('/me').set('Authorization', header);
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe(INVALID);
  });

  it('refuses a token signed with another secret', async () => {
    const { app } = setup();
    const other = fixture({ tokenSecret: OTHER_SECRET }).xmppToken;
    const res = await request(app).get('/me').set('Authorization', authorization(other));
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe(INVALID);
  });

  it('refuses a token minted for another user', async () => {
    const { app, xmppToken } = setup();
    const { token } = xmppToken.mint('bob');
    const header = formatAuthorizationHeader({ authcid: 'alice', token });
    const res = await request(app).get('/me').set('Authorization', header);
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe(INVALID);
  });

  it('refuses an expired token', async () => {
    const { app, xmppToken, clock } = setup();
    const header = authorization(xmppToken);
    clock.now += 2 * 60_000;
    const res = await request(app).get('/me').set('Authorization', header);
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe(INVALID);
  });

  it('refuses a token from the future', async () => {
    const { app, xmppToken, clock } = setup();
    const header = authorization(xmppToken);
    clock.now -= 2 * 60_000;
    const res = await request(app).get('/me').set('Authorization', header);
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe(INVALID);
  });

  it('accepts a token once and refuses its replay', async () => {
    const { app, xmppToken } = setup();
    const header = authorization(xmppToken);
    expect((await request(app).get('/me').set('Authorization', header)).status).toBe(200);
    const replay = await request(app).get('/me').set('Authorization', header);
    expect(replay.status).toBe(401);
    expect(replay.headers['www-authenticate']).toBe(INVALID);
  });

  it('refuses an identity Prosody would not accept', async () => {
    const { app, xmppToken } = setup();
    const { token } = xmppToken.mint('alice');
    const header = `X-TOKEN ${encodeSaslResponse({ authcid: 'al ice@', token })}`;
    const res = await request(app).get('/me').set('Authorization', header);
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe(INVALID);
  });

  it('answers 500, never success, when the replay store is down', async () => {
    const replayStore = {
      remember(): boolean {
        throw new Error('store down');
      },
    };
    const { app, xmppToken } = setup({ replayStore });
    const res = await request(app).get('/me').set('Authorization', authorization(xmppToken));
    expect(res.status).toBe(500);
    expect(res.headers['www-authenticate']).toBeUndefined();
  });

  it('answers 401 when verify does not know the JID', async () => {
    const { app, xmppToken } = setup();
    const res = await request(app)
      .get('/me')
      .set('Authorization', authorization(xmppToken, 'carol'));
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe(INVALID);
  });

  it('uses the configured realm in every challenge', async () => {
    const { xmppToken } = fixture();
    const passport = createPassport();
    passport.use(new XmppTokenStrategy({ xmppToken, realm: 'chat "x"' }, async () => false));
    const app = appWith(passport.authenticate('xmpp-token', { session: false }));
    const missing = await request(app).get('/me');
    expect(missing.headers['www-authenticate']).toBe('X-TOKEN realm="chat \\"x\\""');
    const unknown = await request(app).get('/me').set('Authorization', authorization(xmppToken));
    expect(unknown.headers['www-authenticate']).toBe(
      'X-TOKEN realm="chat \\"x\\"", error="invalid_token"',
    );
  });

  it('throws a ConfigurationError at construction without xmppToken or verify', () => {
    const { xmppToken } = fixture();
    for (const build of [
      () => new XmppTokenStrategy({ xmppToken }, undefined as never),
      () => new XmppTokenStrategy({} as never, async () => false),
      () => new XmppTokenStrategy(undefined as never, async () => false),
    ]) {
      expect(build).toThrow(ConfigurationError);
    }
    expect(() => new XmppTokenStrategy({} as never, async () => false)).toThrow(/xmppToken/);
  });

  it('refuses a token of a domain not served, signed with this very secret: foreign_domain', async () => {
    const { app } = setup();
    const foreign = fixture({ domain: 'other.org' }).xmppToken.mint('alice');
    const res = await request(app)
      .get('/me')
      .set(
        'Authorization',
        formatAuthorizationHeader({ authcid: foreign.jid, token: foreign.token }),
      );
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe(INVALID);
  });

  it('is registered as xmpp-token', () => {
    const { xmppToken } = fixture();
    expect(new XmppTokenStrategy({ xmppToken }, async () => false).name).toBe('xmpp-token');
  });
});
