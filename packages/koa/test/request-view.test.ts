import { bodyParser } from '@koa/bodyparser';
import { encodeSaslResponse } from '@xmpp-token/core';
import {
  fromAuthorizationHeader,
  fromBody,
  fromCookie,
  fromHeader,
  verifyXmppToken,
  type CredentialsExtractor,
  type VerifyXmppTokenOptions,
} from '@xmpp-token/koa';
import type { Context } from 'koa';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { KOA_VERSIONS, makeXmppToken } from './fixtures.js';

// The verifier reads headers, cookies and bodies through the Koa request view: each extractor
// proves one of its three reads against a real Koa app.
describe.each(KOA_VERSIONS)('token locations on $name', ({ Koa }) => {
  const xmppToken = makeXmppToken();
  const sasl = (user = 'alice') =>
    encodeSaslResponse({ authcid: user, token: xmppToken.mint(user).token });

  function appWith(options: Partial<VerifyXmppTokenOptions>, keys?: string[]) {
    const app = new Koa();
    if (keys) app.keys = keys;
    app.use(bodyParser());
    app.use(verifyXmppToken({ xmppToken, debug: true, ...options }));
    app.use((ctx) => void (ctx.body = { jid: ctx.state.xmpp?.jid }));
    return app.callback();
  }

  it('reads a custom header', async () => {
    const server = appWith({ extract: fromHeader('X-XMPP-Token') });
    const response = await request(server).get('/').set('X-XMPP-Token', sasl());
    expect(response.body).toEqual({ jid: 'alice@example.com' });
  });

  it('reads a cookie through ctx.cookies', async () => {
    const server = appWith({ extract: fromCookie('xmpp') });
    const response = await request(server).get('/').set('Cookie', `other=1; xmpp=${sasl()}`);
    expect(response.body).toEqual({ jid: 'alice@example.com' });
  });

  it('reads a percent-encoded cookie as Express’s cookie-parser does (decoded)', async () => {
    const server = appWith({ extract: fromCookie('xmpp') });
    const encoded = [...sasl()].map((c) => `%${c.charCodeAt(0).toString(16)}`).join('');
    const response = await request(server).get('/').set('Cookie', `xmpp=${encoded}`);
    expect(response.body).toEqual({ jid: 'alice@example.com' });
  });

  it('reads a cookie a client script set, even when app.keys sign cookies', async () => {
    const server = appWith({ extract: fromCookie('xmpp') }, ['cookie-signing-key']);
    const response = await request(server).get('/').set('Cookie', `xmpp=${sasl()}`);
    expect(response.body).toEqual({ jid: 'alice@example.com' });
  });

  it('reads a JSON body parsed by @koa/bodyparser', async () => {
    const server = appWith({ extract: fromBody() });
    const { token } = xmppToken.mint('bob');
    const response = await request(server).post('/').send({ jid: 'bob@example.com', token });
    expect(response.body).toEqual({ jid: 'bob@example.com' });
  });

  it('runs a custom async extractor with the Koa context as raw', async () => {
    const fromQuery: CredentialsExtractor<Context> = async ({ raw }) => {
      await Promise.resolve();
      const { user, token } = raw.query;
      return typeof user === 'string' && typeof token === 'string' ? { user, token } : undefined;
    };
    const server = appWith({ extract: fromQuery });
    const { token } = xmppToken.mint('carol');
    const response = await request(server).get('/').query({ user: 'carol', token });
    expect(response.body).toEqual({ jid: 'carol@example.com' });
  });

  it('runs a custom extractor that destructures the view', async () => {
    const fromPair: CredentialsExtractor<Context> = ({ header, cookie }) => {
      const user = header('x-xmpp-jid');
      const token = cookie('raw-token');
      return user && token ? { user, token } : undefined;
    };
    const server = appWith({ extract: fromPair });
    const { token } = xmppToken.mint('carol');
    const response = await request(server)
      .get('/')
      .set('X-XMPP-Jid', 'carol')
      .set('Cookie', `raw-token=${encodeURIComponent(token)}`);
    expect(response.body).toEqual({ jid: 'carol@example.com' });
  });

  it('tries a list of extractors in order', async () => {
    const server = appWith({ extract: [fromHeader('x-xmpp-token'), fromAuthorizationHeader()] });
    const viaHeader = await request(server).get('/').set('X-XMPP-Token', sasl('dave'));
    const viaAuthorization = await request(server)
      .get('/')
      .set('Authorization', `X-TOKEN ${sasl('erin')}`);
    expect(viaHeader.body).toEqual({ jid: 'dave@example.com' });
    expect(viaAuthorization.body).toEqual({ jid: 'erin@example.com' });
  });

  it('finds nothing in the default location when the token is elsewhere', async () => {
    const server = appWith({});
    const response = await request(server).get('/').set('X-XMPP-Token', sasl());
    expect(response.status).toBe(401);
    expect(response.text).toContain('(credentials_required)');
  });
});
