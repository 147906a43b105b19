import { ConfigurationError } from '@xmpp-token/core';
import { issueXmppToken } from '@xmpp-token/express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import {
  countingToken,
  createTestToken,
  EXPRESS_VERSIONS,
  passportApp,
  passportLogin,
  recordErrors,
  sessionApp,
  type CreateExpress,
} from './fixtures.js';

describe.each(EXPRESS_VERSIONS)('issueXmppToken ($name)', ({ express }) => {
  function withRoutes(app: ReturnType<CreateExpress>) {
    app.get('/token', (req, res) => {
      const minted = req.xmppToken;
      res.json(
        minted === undefined ? { anonymous: true } : { jid: minted.jid, token: minted.token },
      );
    });
    app.get('/plain', (_req, res) => {
      res.send('no token read');
    });
    return app;
  }

  it('mints a verifiable token for an express-session user, only when a route reads it', async () => {
    const { xmppToken, mint } = countingToken();
    const app = sessionApp(express);
    app.use(issueXmppToken({ xmppToken }));
    const agent = request.agent(withRoutes(app));
    await agent.post('/login').type('form').send({ user: 'Alice' }).expect(204);

    await agent.get('/plain').expect(200, 'no token read');
    expect(mint).not.toHaveBeenCalled();

    const { body } = await agent.get('/token').expect(200);
    expect(mint).toHaveBeenCalledTimes(1);
    expect(body.jid).toBe('alice@example.test');
    await expect(xmppToken.verify('alice', body.token)).resolves.toMatchObject({ ok: true });
  });

  it('mints for a Passport (passport-local) user', async () => {
    const { xmppToken, mint } = countingToken();
    const app = passportApp(express);
    app.use(issueXmppToken({ xmppToken }));
    const agent = request.agent(withRoutes(app));
    await passportLogin(agent, 'bob', 'wrong');
    await passportLogin(agent, 'bob');

    await agent.get('/plain').expect(200);
    expect(mint).not.toHaveBeenCalled();
    const { body } = await agent.get('/token').expect(200);
    expect(body.jid).toBe('bob@example.test');
    await expect(xmppToken.verify('bob', body.token)).resolves.toMatchObject({ ok: true });
  });

  it('passes anonymous requests with no token and mints nothing', async () => {
    const { xmppToken, mint } = countingToken();
    const app = sessionApp(express);
    app.use(issueXmppToken({ xmppToken }));
    await request(withRoutes(app)).get('/token').expect(200, { anonymous: true });
    expect(mint).not.toHaveBeenCalled();
  });

  it('mints once per request, shared by req.xmppToken and res.locals.xmppToken', async () => {
    const { xmppToken, mint } = countingToken();
    const app = express();
    app.use(issueXmppToken({ xmppToken, identity: () => 'carol' }));
    app.get('/both', (req, res) => {
      res.json({
        same: req.xmppToken?.token === res.locals.xmppToken?.token,
        again: req.xmppToken?.jid,
      });
    });
    await request(app).get('/both').expect(200, { same: true, again: 'carol@example.test' });
    expect(mint).toHaveBeenCalledTimes(1);
  });

  it('keeps the token out of for...in over req (no mint by generic serializers)', async () => {
    const { xmppToken, mint } = countingToken();
    const app = express();
    app.use(issueXmppToken({ xmppToken, identity: () => 'carol' }));
    app.get('/keys', (req, res) => {
      res.json({
        onReq: Object.keys(req).includes('xmppToken'),
        onLocals: 'xmppToken' in res.locals,
      });
    });
    await request(app).get('/keys').expect(200, { onReq: false, onLocals: true });
    expect(mint).not.toHaveBeenCalled();
  });

  it('accepts an async identity function and lets the app overwrite the token', async () => {
    const app = express();
    app.use(
      issueXmppToken({ xmppToken: createTestToken(), identity: async (req) => req.get('x-user') }),
    );
    app.get('/', (req, res) => {
      const jid = req.xmppToken?.jid;
      req.xmppToken = { jid: 'set@by.app', token: 't', expiresAt: new Date(0) };
      const replaced = req.xmppToken.jid;
      delete req.xmppToken;
      res.json({ jid, replaced, cleared: req.xmppToken === undefined });
    });
    await request(app).get('/').set('x-user', 'dave@Example.Test').expect(200, {
      jid: 'dave@example.test',
      replaced: 'set@by.app',
      cleared: true,
    });
  });

  it('sends an identity function error, or an unusable identity, to next(err)', async () => {
    const { errors, handler } = recordErrors((_err, res) => res.sendStatus(500));
    const app = express();
    app.get(
      '/throws',
      issueXmppToken({
        xmppToken: createTestToken(),
        identity: () => {
          throw new Error('user lookup failed');
        },
      }),
    );
    app.get(
      '/invalid',
      issueXmppToken({ xmppToken: createTestToken(), identity: () => 'no body@x@y' }),
    );
    app.use(handler);
    await request(app).get('/throws').expect(500);
    await request(app).get('/invalid').expect(500);
    expect(errors).toMatchObject([
      { message: 'user lookup failed' },
      { code: 'ERR_XMPP_TOKEN_INVALID_JID' },
    ]);
  });

  it('sends an identity of a domain the xmppToken does not serve to next(err), minting nothing', async () => {
    const { errors, handler } = recordErrors((_err, res) => res.sendStatus(500));
    const { xmppToken, mint } = countingToken();
    const app = express();
    app.get('/', issueXmppToken({ xmppToken, identity: () => 'dave@other.test' }));
    app.use(handler);
    await request(app).get('/').expect(500);
    expect(errors).toMatchObject([{ code: 'ERR_XMPP_TOKEN_FOREIGN_DOMAIN' }]);
    expect(mint).not.toHaveBeenCalled();
  });

  it.each([{}, undefined])(
    'throws a ConfigurationError at construction without xmppToken',
    (options) => {
      const build = () => issueXmppToken(options as never);
      expect(build).toThrow(ConfigurationError);
      expect(build).toThrow(/xmppToken is required/);
    },
  );
});
