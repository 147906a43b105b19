import { createHmac } from 'node:crypto';
import { encodeSaslResponse } from '@xmpp-token/core';
import {
  fromAuthorizationHeader,
  fromBody,
  fromCookie,
  fromHeader,
  verifyXmppToken,
  type CredentialsExtractor,
  type VerifyXmppTokenOptions,
} from '@xmpp-token/express';
import cookieParser from 'cookie-parser';
import type { Request } from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createTestToken, EXPRESS_VERSIONS, recordErrors, type CreateExpress } from './fixtures.js';

const COOKIE_SECRET = 'cookie-secret';

// The `s:value.signature` form that cookie-parser (cookie-signature) checks.
const signCookie = (value: string, secret: string) =>
  `s:${value}.${createHmac('sha256', secret).update(value).digest('base64').replace(/=+$/, '')}`;

// Extractors read the request through the adapter's RequestView: headers, cookies, body, raw.
describe.each(EXPRESS_VERSIONS)('token locations ($name)', ({ express }) => {
  function apiApp(options: Omit<VerifyXmppTokenOptions, 'xmppToken'>) {
    const xmppToken = createTestToken();
    const app: ReturnType<CreateExpress> = express();
    app.use(cookieParser(COOKIE_SECRET), express.json());
    app.post('/api', verifyXmppToken({ xmppToken, debug: true, ...options }), (req, res) => {
      res.json({ jid: req.xmpp?.jid });
    });
    const sasl = (user = 'alice') =>
      encodeSaslResponse({ authcid: user, token: xmppToken.mint(user).token });
    return { app, xmppToken, sasl };
  }

  it('reads a custom header', async () => {
    const { app, sasl } = apiApp({ extract: fromHeader('X-XMPP-Token') });
    await request(app)
      .post('/api')
      .set('X-XMPP-Token', sasl())
      .expect(200, { jid: 'alice@example.test' });
    await request(app).post('/api').set('Authorization', `X-TOKEN ${sasl()}`).expect(401);
  });

  it('reads a cookie parsed by cookie-parser, plain or signed', async () => {
    const { app, sasl } = apiApp({ extract: fromCookie('xmpp') });
    await request(app)
      .post('/api')
      .set('Cookie', `xmpp=${sasl()}`)
      .expect(200, { jid: 'alice@example.test' });
    const signed = signCookie(sasl(), COOKIE_SECRET);
    await request(app)
      .post('/api')
      .set('Cookie', `xmpp=${encodeURIComponent(signed)}`)
      .expect(200, { jid: 'alice@example.test' });
    const tampered = signCookie(sasl(), 'another-secret');
    const res = await request(app)
      .post('/api')
      .set('Cookie', `xmpp=${encodeURIComponent(tampered)}`)
      .expect(401);
    expect(res.body.reason).toBe('credentials_required');
  });

  it('reads a percent-encoded cookie, decoded as the Koa adapter decodes it', async () => {
    const { app, sasl } = apiApp({ extract: fromCookie('xmpp') });
    const encoded = [...sasl()].map((c) => `%${c.charCodeAt(0).toString(16)}`).join('');
    await request(app)
      .post('/api')
      .set('Cookie', `xmpp=${encoded}`)
      .expect(200, { jid: 'alice@example.test' });
  });

  it('runs a custom extractor that destructures the view', async () => {
    const fromPair: CredentialsExtractor<Request> = ({ header }) => {
      const user = header('x-xmpp-jid');
      const token = header('x-xmpp-token-raw');
      return user && token ? { user, token } : undefined;
    };
    const { app, xmppToken } = apiApp({ extract: fromPair });
    await request(app)
      .post('/api')
      .set('X-XMPP-Jid', 'carol')
      .set('X-XMPP-Token-Raw', xmppToken.mint('carol').token)
      .expect(200, { jid: 'carol@example.test' });
  });

  it('reads a JSON body { jid, token }', async () => {
    const { app, xmppToken } = apiApp({ extract: fromBody() });
    const { jid, token } = xmppToken.mint('bob@example.test');
    await request(app).post('/api').send({ jid, token }).expect(200, { jid: 'bob@example.test' });
    const res = await request(app).post('/api').send({ jid, token: 42 }).expect(401);
    expect(res.body.reason).toBe('malformed');
  });

  it('runs a custom async extractor with the Express request as raw', async () => {
    const seen: string[] = [];
    const custom: CredentialsExtractor<Request> = async ({ raw }) => {
      seen.push(raw.path);
      const user = raw.get('x-user');
      const token = raw.query['token'];
      return user && typeof token === 'string' ? { user, token } : undefined;
    };
    const { app, xmppToken } = apiApp({ extract: custom });
    const { token } = xmppToken.mint('carol');
    await request(app)
      .post('/api')
      .query({ token })
      .set('x-user', 'carol')
      .expect(200, { jid: 'carol@example.test' });
    expect(seen).toEqual(['/api']);
  });

  it('tries a list of locations in order', async () => {
    const { app, sasl, xmppToken } = apiApp({
      extract: [fromAuthorizationHeader(), fromHeader('x-xmpp-token'), fromBody()],
    });
    await request(app)
      .post('/api')
      .set('x-xmpp-token', sasl('dave'))
      .expect(200, { jid: 'dave@example.test' });
    const { jid, token } = xmppToken.mint('erin');
    await request(app).post('/api').send({ jid, token }).expect(200, { jid: 'erin@example.test' });
    // The first location wins, even when a later one would have verified.
    const res = await request(app)
      .post('/api')
      .set('Authorization', 'X-TOKEN AGZyYW5rAHg=')
      .send({ jid, token })
      .expect(401);
    expect(res.body.reason).toBe('malformed');
  });

  it('sends an extractor that throws to next(err), a 500', async () => {
    const { app } = apiApp({
      extract: () => {
        throw new Error('extractor bug');
      },
    });
    const { errors, handler } = recordErrors((_err, res) => res.sendStatus(500));
    app.use(handler);
    await request(app).post('/api').expect(500);
    expect(errors).toMatchObject([{ message: 'extractor bug' }]);
  });
});
