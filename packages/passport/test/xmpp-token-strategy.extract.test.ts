import { encodeSaslResponse } from '@xmpp-token/core';
import {
  XmppTokenStrategy,
  fromBody,
  fromCookie,
  fromHeader,
  type CredentialsExtractor,
  type XmppTokenStrategyOptions,
} from '@xmpp-token/passport';
import type { Request } from 'express';
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { USERS, authorization, createPassport, fixture, type TestUser } from './support.js';

// The app's cookie parser (cookie-parser in real apps): a plain record on req.cookies.
const parseCookies: express.RequestHandler = (req, _res, next) => {
  const pairs = (req.headers.cookie ?? '').split(/; */).filter(Boolean);
  req.cookies = Object.fromEntries(pairs.map((pair) => pair.split('=', 2).map(decodeURIComponent)));
  next();
};

function setup(extract: XmppTokenStrategyOptions['extract']) {
  const { xmppToken } = fixture();
  const passport = createPassport();
  passport.use(
    new XmppTokenStrategy<TestUser>({ xmppToken, ...(extract && { extract }) }, async (jid) =>
      USERS.get(jid),
    ),
  );
  const app = express();
  app.use(express.json(), parseCookies);
  app.all('/me', passport.authenticate('xmpp-token', { session: false }), (req, res) => {
    res.json(req.user);
  });
  const sasl = (localpart = 'alice') =>
    encodeSaslResponse({ authcid: localpart, token: xmppToken.mint(localpart).token });
  return { app, xmppToken, sasl };
}

describe('XmppTokenStrategy extractors', () => {
  it('reads the Authorization header by default', async () => {
    const { app, xmppToken } = setup(undefined);
    const res = await request(app).get('/me').set('Authorization', authorization(xmppToken));
    expect(res.status).toBe(200);
  });

  it('reads a custom header', async () => {
    const { app, sasl, xmppToken } = setup(fromHeader('X-Xmpp-Token'));
    expect((await request(app).get('/me').set('X-Xmpp-Token', sasl())).status).toBe(200);
    const wrongPlace = await request(app).get('/me').set('Authorization', authorization(xmppToken));
    expect(wrongPlace.status).toBe(401);
  });

  it('reads a cookie', async () => {
    const { app, sasl } = setup(fromCookie('xmpp'));
    const res = await request(app)
      .get('/me')
      .set('Cookie', `xmpp=${encodeURIComponent(sasl())}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(USERS.get('alice@example.com'));
  });

  it('reads a JSON body with a bare JID', async () => {
    const { app, xmppToken } = setup(fromBody());
    const { jid, token } = xmppToken.mint('bob');
    const res = await request(app).post('/me').send({ jid, token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(USERS.get('bob@example.com'));
  });

  it('awaits an async custom extractor that sees the Express request', async () => {
    const fromQuery: CredentialsExtractor<Request> = async ({ raw }) => {
      await Promise.resolve();
      const { user, token } = raw.query;
      return typeof user === 'string' && typeof token === 'string' ? { user, token } : undefined;
    };
    const { app, xmppToken } = setup(fromQuery);
    const res = await request(app)
      .get('/me')
      .query({ user: 'alice', token: xmppToken.mint('alice').token });
    expect(res.status).toBe(200);
  });

  it('runs the README’s destructuring extractor ({ header }) => ...', async () => {
    // Verbatim from the README, where it crashed with 500: the view's methods lost `this`.
    const fromPair: CredentialsExtractor = ({ header }) => {
      const user = header('x-xmpp-jid');
      const token = header('x-xmpp-token-raw');
      return user && token ? { user, token } : undefined; // undefined: not here, try the next
    };
    const { app, xmppToken } = setup([fromHeader('x-xmpp-token'), fromPair]);
    const res = await request(app)
      .get('/me')
      .set('X-Xmpp-Jid', 'alice')
      .set('X-Xmpp-Token-Raw', xmppToken.mint('alice').token);
    expect(res.status).toBe(200);
    expect(res.body).toEqual(USERS.get('alice@example.com'));
  });

  it('tries a list in order and takes the first found', async () => {
    const { app, sasl, xmppToken } = setup([fromHeader('x-xmpp-token'), fromCookie('xmpp')]);
    const cookie = `xmpp=${encodeURIComponent(sasl('bob'))}`;
    const both = await request(app)
      .get('/me')
      .set('X-Xmpp-Token', sasl('alice'))
      .set('Cookie', cookie);
    expect(both.body).toEqual(USERS.get('alice@example.com'));
    const cookieOnly = await request(app)
      .get('/me')
      .set('Cookie', `xmpp=${encodeURIComponent(sasl('bob'))}`);
    expect(cookieOnly.body).toEqual(USERS.get('bob@example.com'));
    const neither = await request(app).get('/me').set('Authorization', authorization(xmppToken));
    expect(neither.status).toBe(401);
  });

  it('answers 500 when an extractor throws', async () => {
    const { app } = setup(() => {
      throw new Error('extractor bug');
    });
    expect((await request(app).get('/me')).status).toBe(500);
  });
});
