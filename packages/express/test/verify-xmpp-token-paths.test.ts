import type { ReplayStore } from '@xmpp-token/core';
import { verifyXmppToken, type CredentialsExtractor } from '@xmpp-token/express';
import type { Request, Response } from 'express';
import request from 'supertest';
import { describe, expect, it, vi } from 'vitest';
import {
  FAILING_EXTRACTORS,
  FAILING_STORES,
  NOW,
  PATHS,
  header,
} from '../../core/test/support/adapter-matrix.js';
import { createTestToken, EXPRESS_VERSIONS, recordErrors } from './fixtures.js';

// The middleware decides synchronously when the extractor and the replay store do (the
// defaults), and after a promise otherwise; both ways must behave the same.
describe.each(EXPRESS_VERSIONS)('verifyXmppToken paths ($name)', ({ express }) => {
  const setup = (replayStore?: ReplayStore, extract?: CredentialsExtractor<Request>) => {
    const xmppToken = createTestToken({ clock: () => NOW, ...(replayStore && { replayStore }) });
    const middleware = verifyXmppToken({ xmppToken, debug: true, ...(extract && { extract }) });
    const app = express();
    app.get('/api', middleware, (req, res) => {
      res.json({ jid: req.xmpp?.jid });
    });
    const { errors, handler } = recordErrors((err, res) => {
      res.status(err.status ?? 500).json({ reason: err.reason ?? null });
    });
    app.use(handler);
    return { xmppToken, middleware, app, errors };
  };

  describe.each(PATHS)('$name', ({ synchronous, replayStore, extract }) => {
    it('accepts a token once, then refuses it as replayed', async () => {
      const { xmppToken, app } = setup(replayStore?.(), extract);
      const authorization = header('alice', xmppToken.mint('alice').token);
      await request(app)
        .get('/api')
        .set('Authorization', authorization)
        .expect(200, { jid: 'alice@example.test' });
      const replayed = await request(app).get('/api').set('Authorization', authorization);
      expect(replayed.status).toBe(401);
      expect(replayed.body).toMatchObject({ reason: 'replayed' });
    });

    it(`calls next ${synchronous ? 'before returning' : 'once its promise settles'}`, async () => {
      const { xmppToken, middleware } = setup(replayStore?.(), extract);
      const authorization = header('alice', xmppToken.mint('alice').token);
      const req = { method: 'GET', headers: { authorization } } as Request;
      const next = vi.fn();
      middleware(req, {} as Response, next);
      expect(next).toHaveBeenCalledTimes(synchronous ? 1 : 0);
      await vi.waitFor(() => expect(next).toHaveBeenCalledTimes(1));
      expect(next).toHaveBeenCalledWith();
      expect(req.xmpp).toMatchObject({ jid: 'alice@example.test' });
    });

    it.each(FAILING_STORES)('fails closed (500) when the store %s', async (_, remember) => {
      const { xmppToken, app, errors } = setup({ remember }, extract);
      await request(app)
        .get('/api')
        .set('Authorization', header('alice', xmppToken.mint('alice').token))
        .expect(500, { reason: 'store_failure' });
      expect(errors).toHaveLength(1);
    });
  });

  it.each(FAILING_EXTRACTORS)(
    'an extractor that %s goes to next(err), never an accept',
    async (_, extract) => {
      const { xmppToken, app, errors } = setup(undefined, extract);
      await request(app)
        .get('/api')
        .set('Authorization', header('alice', xmppToken.mint('alice').token))
        .expect(500, { reason: null });
      expect(errors[0]).toMatchObject({ message: 'no body parser' });
    },
  );
});
